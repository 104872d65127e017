// The Python data-plane clients against the real broker, each producing and
// then reading back its own messages byte for byte: confluent-kafka 1.7.0
// (librdkafka 2.0.2: Produce v7, ListOffsets v2, Fetch v11) with every codec,
// and kafka-python 2.0.2 (Produce v7, ListOffsets v1, Fetch v4) with and
// without gzip, which is the only codec its Debian package can do. Both
// consume with assign() and no commits, so no group coordinator is needed.
// Then offsets_for_times from both, over batches both of them wrote.
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeResponseFrame } from '../../../src/broker/protocol/index.js';
import { buildRecordBatch } from '../../../src/broker/records/record-batch.js';
import {
  consumePython,
  expectedRecord,
  expectStoredWith,
  expectRoundTrip,
  offsetsForTimesPython,
  producePython,
  sampleMessages,
  type PythonClient,
  type SampleMessage,
} from './client-round-trip.js';
import { kafkaFor, startTestBroker, type TestBroker } from './helpers.js';
import { RawClient } from './raw-client.js';
import { produceRequest } from './wire-messages.js';

const PARTITIONS = 4;

let broker: TestBroker;
let admin: Admin;

beforeAll(async () => {
  broker = await startTestBroker({ config: { 'auto.create.topics.enable': 'false' } });
  admin = kafkaFor(broker).admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
  await broker?.stop();
});

async function createTopic(topic: string): Promise<void> {
  expect(await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }] })).toBe(true);
}

async function roundTrip(client: PythonClient, topic: string, compression: string, messages: SampleMessage[], storedAs = compression): Promise<void> {
  await createTopic(topic);
  const delivered = await producePython(client, broker.bootstrap, topic, compression, messages);
  const consumed = await consumePython(client, broker.bootstrap, topic, PARTITIONS);
  expectRoundTrip(messages, delivered, consumed);
  await expectStoredWith(broker.port, topic, PARTITIONS, storedAs);
}

describe('confluent-kafka 1.7.0 (librdkafka 2.0.2) Producer and assign() Consumer', () => {
  it.each(['none', 'gzip', 'snappy', 'lz4', 'zstd'])('round-trips keyed messages with binary headers and a null value, compression %s', async (codec) => {
    // librdkafka 2.0.2 enables lz4 only when the broker advertises FindCoordinator
    // from v0; the stored-codec check proves it really compressed.
    await roundTrip('confluent', `ck-${codec}`, codec, sampleMessages(40, { nullHeaderValue: true, timestamps: 'some' }), codec);
  });

  it('reads an lz4 batch written by the broker\'s own encoder', async () => {
    const topic = 'ck-lz4-raw';
    await createTopic(topic);
    const messages = sampleMessages(12, { nullHeaderValue: true, timestamps: 'all' });
    const batch = buildRecordBatch(messages.map((m) => ({
      key: m.key, value: m.value, timestamp: BigInt(m.timestamp!), headers: m.headers.map(([key, value]) => ({ key, value })),
    })), { compression: 'lz4' });
    const raw = await RawClient.connect(broker.port);
    try {
      raw.send(produceRequest(7, 1, { topic, partition: 2, batch, acks: -1 }));
      const answer = decodeResponseFrame(0, 7, await raw.nextResponse()).body;
      expect(answer.responses[0]!.partitionResponses[0]).toMatchObject({ index: 2, errorCode: 0, baseOffset: 0n });
    } finally {
      raw.close();
    }
    const consumed = await consumePython('confluent', broker.bootstrap, topic, PARTITIONS);
    expect(consumed).toEqual(messages.map((m, offset) => expectedRecord(m, { partition: 2, offset, timestamp: m.timestamp! })));
    await expectStoredWith(broker.port, topic, PARTITIONS, 'lz4');
  });
});

describe('kafka-python 2.0.2 KafkaProducer and assign() KafkaConsumer', () => {
  it.each(['none', 'gzip'])('round-trips keyed messages with binary headers and a null value, compression %s', async (codec) => {
    await roundTrip('kafka_python', `kp-${codec}`, codec, sampleMessages(40, { timestamps: 'some' }));
  });
});

describe('offsets_for_times', () => {
  // Out of order on purpose: the answer is the first offset whose timestamp
  // is at or after the target, which is not the record with that timestamp.
  const timesByPartition: Record<number, number[]> = { 0: [1000, 3000, 2000, 4000], 1: [2500] };
  const messages: SampleMessage[] = Object.entries(timesByPartition).flatMap(([partition, times]) =>
    times.map((timestamp) => ({ key: null, value: Buffer.from(`at ${timestamp} ${'.'.repeat(200)}`), headers: [], partition: Number(partition), timestamp })));
  const targets = [500, 2000, 2500, 3500, 9000];
  // [offset, record timestamp] per partition, null where no record is that late.
  const expected: Record<string, Record<string, [number, number] | null>> = {
    500: { 0: [0, 1000], 1: [0, 2500], 2: null, 3: null },
    2000: { 0: [1, 3000], 1: [0, 2500], 2: null, 3: null },
    2500: { 0: [1, 3000], 1: [0, 2500], 2: null, 3: null },
    3500: { 0: [3, 4000], 1: null, 2: null, 3: null },
    9000: { 0: null, 1: null, 2: null, 3: null },
  };
  // librdkafka reports only the offset, and -1 for "none".
  const expectedOffsets = Object.fromEntries(Object.entries(expected).map(([ts, answers]) =>
    [ts, Object.fromEntries(Object.entries(answers).map(([p, hit]) => [p, hit?.[0] ?? -1]))]));

  // Each topic's timestamps sit inside compressed batches, so the lookup must decompress.
  const producers: [PythonClient, string][] = [['confluent', 'zstd'], ['kafka_python', 'gzip']];

  it.each(producers)('finds the first offset at or after each time in batches written by %s (%s)', async (producer, codec) => {
    const topic = `times-${producer}`;
    await createTopic(topic);
    await producePython(producer, broker.bootstrap, topic, codec, messages);
    await expectStoredWith(broker.port, topic, PARTITIONS, codec);
    expect(await offsetsForTimesPython('kafka_python', broker.bootstrap, topic, PARTITIONS, targets)).toEqual(expected);
    expect(await offsetsForTimesPython('confluent', broker.bootstrap, topic, PARTITIONS, targets)).toEqual(expectedOffsets);
  });
});
