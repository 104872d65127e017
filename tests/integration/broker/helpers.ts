// Shared setup for broker integration tests: a real broker on a free port with
// its own temporary data directory, and kafkajs clients pointed at it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { startBroker, type BrokerOptions, type RunningBroker } from '../../../src/broker/index.js';

export interface TestBroker extends RunningBroker {
  readonly dataDir: string;
  /** Closes the broker and deletes its data directory. */
  stop(): Promise<void>;
}

/** A fresh temporary directory and the function that removes it. */
export function makeTempDir(prefix = 'kafka-lanes-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Starts the broker on port 0 with a new temporary data directory (or the given
 * one, which is then left in place on stop, for restart tests).
 */
export async function startTestBroker(options: Omit<BrokerOptions, 'port'> = {}): Promise<TestBroker> {
  const temp = options.dataDir === undefined ? makeTempDir() : null;
  const dataDir = options.dataDir ?? temp!.path;
  try {
    const broker = await startBroker({ ...options, port: 0, dataDir });
    return {
      ...broker,
      close: () => broker.close(),
      dataDir,
      stop: async () => {
        await broker.close();
        temp?.remove();
      },
    };
  } catch (error) {
    temp?.remove();
    throw error;
  }
}

/** A kafkajs client for the broker, silent, with short retries so failures surface quickly. */
export function kafkaFor(broker: { bootstrap: string }, config: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: 'kafka-lanes-tests',
    brokers: [broker.bootstrap],
    logLevel: logLevel.NOTHING,
    retry: { retries: 2, initialRetryTime: 50 },
    ...config,
  });
}
