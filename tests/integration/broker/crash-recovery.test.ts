// kill -9 during a continuous acks=all produce, five times over: after every
// restart, each acknowledged offset must read back with the value it was given.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { runOk } from '../support/run-process.js';
import { spawnCliBroker } from './helpers.js';

const CYCLES = 5;
const dataDir = mkdtempSync(join(tmpdir(), 'kafka-lanes-crash-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Sends small batches back to back until stopped; records what each ack said. */
function produceContinuously(producer: Producer, cycle: number, acked: Map<string, string>) {
  let running = true;
  let seq = 0;
  const done = (async () => {
    while (running) {
      const messages = Array.from({ length: 20 }, () => ({ key: `k${seq % 5}`, value: `cycle ${cycle} seq ${seq++}` }));
      try {
        const results = await producer.send({ topic: 'crash', acks: -1, messages });
        // kafkajs reports the base offset of each partition's batch; the batch's
        // messages took consecutive offsets in their original order.
        const byPartition = new Map<number, string[]>();
        const partitionOf = new Map(results.map((r) => [r.partition, BigInt(r.baseOffset!)]));
        for (const message of messages) {
          const partition = keyPartition.get(message.key);
          if (partition === undefined) throw new Error('unknown key partition');
          byPartition.set(partition, [...(byPartition.get(partition) ?? []), message.value]);
        }
        for (const [partition, values] of byPartition) {
          const base = partitionOf.get(partition)!;
          values.forEach((value, i) => acked.set(`${partition}:${base + BigInt(i)}`, value));
        }
      } catch {
        return; // the broker died under us: whatever was not acked may be lost
      }
    }
  })();
  return { stop: () => (running = false), done };
}

// Keys are pinned to partitions so the test knows where each message went.
const keyPartition = new Map([['k0', 0], ['k1', 1], ['k2', 0], ['k3', 1], ['k4', 0]]);
const pinnedPartitioner = () => ({ message }: { message: { key?: Buffer | string | null } }) => keyPartition.get(String(message.key))!;

async function readEverything(bootstrap: string, expected: number): Promise<Map<string, string>> {
  const out = await runOk('kcat', ['-C', '-b', bootstrap, '-t', 'crash', '-o', 'beginning', '-e', '-J', '-q'], { timeoutMs: 30_000 });
  const stored = new Map<string, string>();
  for (const line of out.split('\n')) {
    if (!line) continue;
    const m = JSON.parse(line) as { partition: number; offset: number; payload: string };
    stored.set(`${m.partition}:${m.offset}`, m.payload);
  }
  expect(stored.size).toBeGreaterThanOrEqual(expected);
  return stored;
}

describe('crash recovery', () => {
  it(`keeps every acknowledged record across ${CYCLES} kill -9 cycles`, async () => {
    const acked = new Map<string, string>();
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const broker = await spawnCliBroker(['--data-dir', dataDir, '-c', 'num.partitions=2']);
      const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
      const producer = kafka.producer({ createPartitioner: pinnedPartitioner, allowAutoTopicCreation: true });
      await producer.connect();
      const before = acked.size;
      const run = produceContinuously(producer, cycle, acked);
      // Kill only once this cycle has real acknowledged traffic in flight.
      while (acked.size < before + 200) await new Promise((r) => setImmediate(r));
      await broker.kill();
      run.stop();
      await run.done;
      await producer.disconnect().catch(() => undefined);

      const restarted = await spawnCliBroker(['--data-dir', dataDir, '-c', 'num.partitions=2']);
      const stored = await readEverything(restarted.bootstrap, acked.size);
      for (const [position, value] of acked) expect(stored.get(position), position).toBe(value);
      await restarted.kill();
    }
    expect(acked.size).toBeGreaterThan(CYCLES * 200);
  });
});
