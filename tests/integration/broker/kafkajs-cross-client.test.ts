// Messages written by one client and read by another, byte for byte:
// kafkajs 2.2.4 → confluent-kafka and kafka-python; confluent-kafka → a raw
// Fetch v4 decoded as in the kafkajs data-plane test (the kafkajs consumer
// needs a group coordinator, which the broker does not have yet);
// kafka-python → kcat -C -J. A broker that rewrote or mis-framed anything
// would show up as one client disagreeing with another.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CompressionTypes, type Admin, type IHeaders, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consumePython,
  expectedRecord,
  expectStoredWith,
  hex,
  producePython,
  sampleMessages,
  type HexRecord,
  type PythonClient,
  type SampleMessage,
} from './client-round-trip.js';
import { kafkaFor, startTestBroker, type TestBroker } from './helpers.js';
import { RawClient } from './raw-client.js';
import { readPartition } from './wire-messages.js';

const PARTITIONS = 3;
const run = promisify(execFile);

let broker: TestBroker;
let admin: Admin;
let producer: Producer;

beforeAll(async () => {
  broker = await startTestBroker({ config: { 'auto.create.topics.enable': 'false' } });
  const kafka = kafkaFor(broker);
  admin = kafka.admin();
  producer = kafka.producer();
  await Promise.all([admin.connect(), producer.connect()]);
});

afterAll(async () => {
  await producer?.disconnect();
  await admin?.disconnect();
  await broker?.stop();
});

async function createTopic(topic: string): Promise<void> {
  expect(await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }] })).toBe(true);
}

/** kafkajs takes headers as an object; a repeated key becomes an array, sent in order. */
function kafkajsHeaders(headers: SampleMessage['headers']): IHeaders {
  const result: Record<string, Buffer[]> = {};
  for (const [name, value] of headers) (result[name] ??= []).push(value!);
  return Object.fromEntries(Object.entries(result).map(([name, values]) => [name, values.length === 1 ? values[0]! : values]));
}

/**
 * Consumed records carry no delivery report to match against, so each is
 * matched to its message by the `seq` header. Offsets must run 0..n-1 in every
 * partition, in send order, and a key must stay in one partition.
 */
function expectSameMessages(messages: SampleMessage[], consumed: HexRecord[]): void {
  expect(consumed).toHaveLength(messages.length);
  const seqOf = (record: HexRecord) => Number(Buffer.from(record.headers.find(([name]) => name === 'seq')![1]!, 'hex').toString());
  for (const record of consumed) expect(record).toEqual(expectedRecord(messages[seqOf(record)]!, { ...record }));
  expect(new Set(consumed.map(seqOf)).size).toBe(messages.length);
  for (let partition = 0; partition < PARTITIONS; partition++) {
    const stored = consumed.filter((r) => r.partition === partition);
    expect(stored.map((r) => r.offset)).toEqual(stored.map((_, i) => i));
    const seqs = stored.map(seqOf);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  }
  const partitionsByKey = new Map<string | null, Set<number>>();
  for (const r of consumed) partitionsByKey.set(r.key, (partitionsByKey.get(r.key) ?? new Set()).add(r.partition));
  for (const partitions of partitionsByKey.values()) expect(partitions.size).toBe(1);
}

describe('kafkajs produces, the Python clients consume', () => {
  // kafkajs has no null header values, and client-side timestamps would be unknown here.
  const messages = sampleMessages(45, { timestamps: 'all' });

  it.each([['none', CompressionTypes.None], ['gzip', CompressionTypes.GZIP]] as const)('with compression %s, byte-exact in both', async (codec, compression) => {
    const topic = `from-kafkajs-${codec}`;
    await createTopic(topic);
    const results = await producer.send({
      topic,
      acks: -1,
      compression,
      messages: messages.map((m) => ({ key: m.key, value: m.value, headers: kafkajsHeaders(m.headers), timestamp: String(m.timestamp) })),
    });
    expect(results.every((r) => r.errorCode === 0 && r.baseOffset === '0')).toBe(true);
    await expectStoredWith(broker.port, topic, PARTITIONS, codec);

    const readers: PythonClient[] = ['confluent', 'kafka_python'];
    const [confluent, kafkaPython] = await Promise.all(readers.map((client) => consumePython(client, broker.bootstrap, topic, PARTITIONS)));
    expectSameMessages(messages, confluent!);
    expect(kafkaPython).toEqual(confluent);
  });
});

describe('confluent-kafka produces, a raw Fetch v4 reads', () => {
  // Fetch v4 cannot carry zstd, so only the codecs an old fetcher may see.
  it.each(['gzip', 'snappy'])('with compression %s, byte-exact at the reported offsets', async (codec) => {
    const topic = `from-confluent-${codec}`;
    await createTopic(topic);
    const messages = sampleMessages(40, { nullHeaderValue: true, timestamps: 'some' });
    const delivered = await producePython('confluent', broker.bootstrap, topic, codec, messages);
    await expectStoredWith(broker.port, topic, PARTITIONS, codec);

    const raw = await RawClient.connect(broker.port);
    const stored = new Map<string, HexRecord>();
    try {
      for (let partition = 0; partition < PARTITIONS; partition++) {
        for (const r of await readPartition(raw, topic, partition)) {
          stored.set(`${partition}:${r.offset}`, {
            partition, offset: Number(r.offset), key: hex(r.key), value: hex(r.value),
            headers: r.headers.map((h) => [h.key, hex(h.value)]), timestamp: Number(r.timestamp), timestamp_type: 'create',
          });
        }
      }
    } finally {
      raw.close();
    }
    expect(stored.size).toBe(messages.length);
    messages.forEach((m, i) => expect(stored.get(`${delivered[i]!.partition}:${delivered[i]!.offset}`)).toEqual(expectedRecord(m, delivered[i]!)));
  });
});

interface KcatRecord {
  partition: number;
  offset: number;
  tstype: string;
  ts: number;
  key: string | null;
  payload: string | null;
  headers?: string[];
}

describe('kafka-python produces, kcat reads', () => {
  it.each(['none', 'gzip'])('with compression %s, byte-exact through kcat -C -J', async (codec) => {
    const topic = `from-kafka-python-${codec}`;
    await createTopic(topic);
    const messages = sampleMessages(40, { timestamps: 'some' });
    const delivered = await producePython('kafka_python', broker.bootstrap, topic, codec, messages);
    await expectStoredWith(broker.port, topic, PARTITIONS, codec);

    // kcat writes keys and values into its JSON as raw bytes (only control
    // characters escaped), so reading the output as latin1 keeps every byte.
    const { stdout } = await run('kcat', ['-C', '-J', '-q', '-e', '-o', 'beginning', '-b', broker.bootstrap, '-t', topic], { encoding: 'latin1', timeout: 15_000 });
    const bytes = (text: string | null) => (text === null ? null : Buffer.from(text, 'latin1'));
    const consumed: HexRecord[] = stdout.split('\n').filter((line) => line.length > 0).map((line) => {
      const r = JSON.parse(line) as KcatRecord;
      const flat = r.headers ?? [];
      const headers = Array.from({ length: flat.length / 2 }, (_, i): [string, string | null] => [bytes(flat[2 * i]!)!.toString('utf8'), hex(bytes(flat[2 * i + 1]!))]);
      return { partition: r.partition, offset: r.offset, key: hex(bytes(r.key)), value: hex(bytes(r.payload)), headers, timestamp: r.ts, timestamp_type: r.tstype };
    });
    const byPosition = (a: HexRecord, b: HexRecord) => a.partition - b.partition || a.offset - b.offset;
    expect(consumed.sort(byPosition)).toEqual(messages.map((m, i) => expectedRecord(m, delivered[i]!)).sort(byPosition));
  });
});
