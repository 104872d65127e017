// kafkajs 2.2.4 against the real broker: auto-created topics, keyed produce
// with headers, gzip, offsets by time, DeleteRecords. Records are read back
// with raw Fetch requests (there is no group coordinator yet) and compared
// byte for byte.
import { CompressionTypes, type Admin, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOk } from '../support/run-process.js';
import { kafkaFor, startTestBroker, type TestBroker } from './helpers.js';
import { RawClient } from './raw-client.js';
import { fetchV4Request, parseFetchV4, readPartition } from './wire-messages.js';

let broker: TestBroker;
let producer: Producer;
let admin: Admin;
let raw: RawClient;

beforeAll(async () => {
  broker = await startTestBroker({ config: { 'num.partitions': '3' } });
  const kafka = kafkaFor(broker);
  producer = kafka.producer({ allowAutoTopicCreation: true });
  admin = kafka.admin();
  await Promise.all([producer.connect(), admin.connect()]);
  raw = await RawClient.connect(broker.port);
});

afterAll(async () => {
  raw?.close();
  await producer?.disconnect();
  await admin?.disconnect();
  await broker?.stop();
});

function binaryValue(i: number): Buffer {
  return Buffer.from(Array.from({ length: 40 + i }, (_, j) => (i * 31 + j * 7) % 256));
}

describe('kafkajs produce, read back with Fetch', () => {
  it('auto-creates the topic and stores keyed messages with headers byte-exact across partitions', async () => {
    const topic = 'keyed-headers';
    const messages = Array.from({ length: 60 }, (_, i) => ({
      key: Buffer.from(`key-${i % 9}`),
      value: binaryValue(i),
      headers: { trace: Buffer.from(`t-${i}`), empty: Buffer.alloc(0), 'ünï': Buffer.from([0, 255, i]) },
    }));
    const results = await producer.send({ topic, acks: -1, messages });
    expect(results.every((r) => r.errorCode === 0)).toBe(true);

    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]!.partitions).toHaveLength(3);

    const stored = [];
    for (let partition = 0; partition < 3; partition++) {
      const records = await readPartition(raw, topic, partition);
      expect(records.map((r) => r.offset)).toEqual(records.map((_, i) => BigInt(i)));
      stored.push(...records.map((r) => ({ partition, ...r })));
    }
    expect(stored).toHaveLength(messages.length);
    const sentByTrace = new Map(messages.map((m) => [m.headers.trace.toString(), m]));
    const partitionsByKey = new Map<string, Set<number>>();
    for (const record of stored) {
      const trace = record.headers.find((h) => h.key === 'trace')!.value!.toString();
      const sent = sentByTrace.get(trace)!;
      expect(record.key).toEqual(sent.key);
      expect(record.value).toEqual(sent.value);
      expect(record.headers).toEqual([
        { key: 'trace', value: sent.headers.trace },
        { key: 'empty', value: Buffer.alloc(0) },
        { key: 'ünï', value: sent.headers['ünï'] },
      ]);
      const key = record.key!.toString();
      partitionsByKey.set(key, (partitionsByKey.get(key) ?? new Set()).add(record.partition));
    }
    for (const partitions of partitionsByKey.values()) expect(partitions.size).toBe(1);
    expect(new Set(stored.map((r) => r.partition)).size).toBeGreaterThan(1);
  });

  it('stores gzip batches that kcat and a raw fetch both decode', async () => {
    const topic = 'gzip-topic';
    const messages = Array.from({ length: 25 }, (_, i) => ({ key: `g${i}`, value: `gzip value ${i} ${'z'.repeat(200)}`, partition: 0 }));
    await producer.send({ topic, compression: CompressionTypes.GZIP, messages });
    const records = await readPartition(raw, topic, 0);
    expect(records.map((r) => r.value!.toString())).toEqual(messages.map((m) => m.value));

    const out = await runOk('kcat', ['-C', '-b', broker.bootstrap, '-t', topic, '-p', '0', '-o', 'beginning', '-e', '-q', '-f', '%k=%s\\n']);
    expect(out.trim().split('\n')).toEqual(messages.map((m) => `${m.key}=${m.value}`));
  });

  it('answers fetchTopicOffsets with the low and high watermark of each partition', async () => {
    const topic = 'offsets-topic';
    await producer.send({ topic, messages: [0, 0, 0, 1].map((partition, i) => ({ value: `v${i}`, partition })) });
    const offsets = (await admin.fetchTopicOffsets(topic)).sort((a, b) => a.partition - b.partition);
    expect(offsets).toEqual([
      { partition: 0, offset: '3', high: '3', low: '0' },
      { partition: 1, offset: '1', high: '1', low: '0' },
      { partition: 2, offset: '0', high: '0', low: '0' },
    ]);
  });

  it('answers fetchTopicOffsetsByTimestamp with the first offset at or after the time', async () => {
    const topic = 'times-topic';
    await producer.send({ topic, messages: [1000, 2000, 3000].map((ts) => ({ value: `at ${ts}`, partition: 0, timestamp: String(ts) })) });
    const at = async (ts: number) => (await admin.fetchTopicOffsetsByTimestamp(topic, ts)).find((p) => p.partition === 0)!.offset;
    expect(await at(500)).toBe('0');
    expect(await at(2000)).toBe('1');
    expect(await at(2500)).toBe('2');
    // No record that late: kafkajs falls back to the high watermark.
    expect(await at(9000)).toBe('3');
  });

  it('deletes records: the low watermark moves and older offsets are out of range', async () => {
    const topic = 'delete-records-topic';
    await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ value: `d${i}`, partition: 0 })) });
    await admin.fetchTopicMetadata({ topics: [topic] }); // kafkajs needs the leader cached first
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '4' }] });
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets.find((p) => p.partition === 0)).toMatchObject({ low: '4', high: '10' });

    raw.send(fetchV4Request(900, { topic, partition: 0, offset: 2n }));
    expect(parseFetchV4(await raw.nextResponse()).errorCode).toBe(1); // OFFSET_OUT_OF_RANGE
    const remaining = await readPartition(raw, topic, 0, 4n);
    expect(remaining.map((r) => r.value!.toString())).toEqual(['d4', 'd5', 'd6', 'd7', 'd8', 'd9']);
  });

  it('refuses DeleteRecords on a compact-only topic with POLICY_VIOLATION', async () => {
    const topic = 'compacted-topic';
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }] });
    await producer.send({ topic, messages: [{ key: 'k', value: 'v' }] });
    await admin.fetchTopicMetadata({ topics: [topic] });
    const failure = await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '1' }] }).then(
      () => null,
      (error: { cause?: { partitions?: { error: { type: string } }[] } }) => error,
    );
    // kafkajs wraps the per-partition error in a KafkaJSNonRetriableError.
    const partitions = failure?.cause?.partitions;
    expect(partitions?.map((p) => p.error.type)).toEqual(['POLICY_VIOLATION']);
    expect((await admin.fetchTopicOffsets(topic))[0]).toMatchObject({ low: '0', high: '1' });
  });

  it('describes the cluster as one node that is also the controller', async () => {
    const cluster = await admin.describeCluster();
    expect(cluster.brokers).toEqual([{ nodeId: 1, host: '127.0.0.1', port: broker.port }]);
    expect(cluster.controller).toBe(1);
    expect(cluster.clusterId).toBe(broker.clusterId);
  });
});
