// Shared setup for broker integration tests: a real broker on a free port with
// its own temporary data directory (in process, or as the CLI in a child
// process that a test can kill -9), and kafkajs clients pointed at it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

/** The `npm run broker` entry point, run with `node --import tsx`. */
export const BROKER_CLI = resolve(import.meta.dirname, '../../../src/broker/cli.ts');

export interface CliBroker {
  readonly child: ChildProcess;
  /** host:port from the CLI's "listening on" line. */
  readonly bootstrap: string;
  readonly port: number;
  /** Everything the CLI wrote to stderr so far (its log). */
  stderr(): string;
  /** SIGTERM, resolved once the process has exited. */
  stop(): Promise<void>;
  /** SIGKILL (kill -9), resolved once the process has exited. */
  kill(): Promise<void>;
}

/** Runs the broker CLI with `--port 0` and `args`; resolves once it prints the address it listens on. */
export async function spawnCliBroker(args: string[]): Promise<CliBroker> {
  const child = spawn(process.execPath, ['--import', 'tsx', BROKER_CLI, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  };
  try {
    const bootstrap = await new Promise<string>((resolveBootstrap, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /listening on (\S+) /.exec(stdout);
        if (match) resolveBootstrap(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`broker CLI exited early with ${code}: ${stdout}${stderr}`)));
    });
    const port = Number(bootstrap.slice(bootstrap.lastIndexOf(':') + 1));
    return { child, bootstrap, port, stderr: () => stderr, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
  } catch (error) {
    await end('SIGKILL');
    throw error;
  }
}
