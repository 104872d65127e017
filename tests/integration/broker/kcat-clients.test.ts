// librdkafka (through kcat) against the real broker: produce and consume with
// every codec, metadata, and offsets for times.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker } from '../../../src/broker/index.js';
import { runOk } from '../support/run-process.js';
import { storedCodecs } from './client-round-trip.js';

const KCAT = 'kcat';
const codecs = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;

interface KcatMessage {
  partition: number;
  offset: number;
  key: string | null;
  payload: string | null;
  headers?: string[];
}

let broker: Awaited<ReturnType<typeof startBroker>>;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kafka-lanes-kcat-'));
  broker = await startBroker({ port: 0, dataDir, config: { 'num.partitions': '3' } });
});

afterAll(async () => {
  await broker?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0);
}

async function consumeAll(topic: string, count: number): Promise<KcatMessage[]> {
  const out = await runOk(KCAT, ['-C', '-b', broker.bootstrap, '-t', topic, '-o', 'beginning', '-c', String(count), '-J', '-q']);
  return lines(out).map((line) => JSON.parse(line) as KcatMessage);
}

describe('kcat (librdkafka 2.0.2)', () => {
  it.each(codecs)('produces and consumes keyed messages with headers, compression %s, byte-exact', async (codec) => {
    const topic = `kcat-${codec}`;
    const sent = Array.from({ length: 60 }, (_, i) => ({ key: `key-${i % 7}`, value: `value ${i} héllo wörld 🌍 ${'x'.repeat(i)}` }));
    const input = sent.map((m) => `${m.key}\t${m.value}`).join('\n') + '\n';
    await runOk(KCAT, ['-P', '-b', broker.bootstrap, '-t', topic, '-K', '\t', '-H', 'trace=abc-123', '-H', 'kind=ünïcode',
      '-X', `compression.codec=${codec}`, '-X', 'linger.ms=20', '-q'], { input });

    const received = await consumeAll(topic, sent.length);
    expect(received).toHaveLength(sent.length);
    const got = received.map((m) => ({ key: m.key, value: m.payload })).sort((a, b) => a.value!.localeCompare(b.value!));
    const want = sent.map((m) => ({ key: m.key, value: m.value })).sort((a, b) => a.value.localeCompare(b.value));
    expect(got).toEqual(want);
    for (const message of received) expect(message.headers).toEqual(['trace', 'abc-123', 'kind', 'ünïcode']);
    // Same key, same partition: the default partitioner hashes the key.
    const partitionsByKey = new Map<string, Set<number>>();
    for (const m of received) partitionsByKey.set(m.key!, (partitionsByKey.get(m.key!) ?? new Set()).add(m.partition));
    for (const partitions of partitionsByKey.values()) expect(partitions.size).toBe(1);
    expect(new Set(received.map((m) => m.partition)).size).toBeGreaterThan(1);
    // librdkafka falls back to uncompressed batches, silently, when it thinks
    // the broker lacks a codec: check what was really stored.
    const stored = await storedCodecs(broker.port, topic, 3);
    expect([...stored].sort()).toEqual(codec === 'none' ? ['none'] : [codec]);
  });

  it('lists brokers and topics with -L', async () => {
    await runOk(KCAT, ['-P', '-b', broker.bootstrap, '-t', 'kcat-metadata', '-q'], { input: 'one\n' });
    const metadata = JSON.parse(await runOk(KCAT, ['-L', '-J', '-b', broker.bootstrap])) as {
      brokers: { id: number; name: string }[];
      topics: { topic: string; partitions: { partition: number; leader: number; replicas: { id: number }[] }[] }[];
    };
    expect(metadata.brokers).toEqual([{ id: 1, name: `127.0.0.1:${broker.port}` }]);
    const topic = metadata.topics.find((t) => t.topic === 'kcat-metadata');
    expect(topic?.partitions.map((p) => p.partition).sort()).toEqual([0, 1, 2]);
    for (const p of topic!.partitions) expect(p.leader).toBe(1);
  });

  it('answers offsets for times with -Q', async () => {
    const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: 'kcat-times',
      messages: [1000, 2000, 3000].map((ts) => ({ value: `at ${ts}`, partition: 0, timestamp: String(ts) })),
    });
    await producer.disconnect();
    const query = async (ts: number) => {
      const out = await runOk(KCAT, ['-Q', '-b', broker.bootstrap, '-t', `kcat-times:0:${ts}`]);
      const match = /offset (-?\d+)/.exec(out);
      if (!match) throw new Error(`unexpected kcat -Q output: ${out}`);
      return Number(match[1]);
    };
    expect(await query(500)).toBe(0);
    expect(await query(2000)).toBe(1);
    expect(await query(2500)).toBe(2);
    expect(await query(9000)).toBe(-1);
  });
});
