// Every advertised version of the data-plane APIs, request by request, through
// the codec's own request encoder and response decoder: each version must
// encode and carry the fields it has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeResponseFrame, encodeRequestFrame } from '../../../src/broker/protocol/index.js';
import { buildRecordBatch, decodeRecords, iterateBatches } from '../../../src/broker/records/record-batch.js';
import { startTestBroker, type TestBroker } from './helpers.js';
import { RawClient } from './raw-client.js';

let broker: TestBroker;
let client: RawClient;
let nextCorrelationId = 1;

beforeAll(async () => {
  broker = await startTestBroker({ config: { 'num.partitions': '2', 'message.max.bytes': '20000' } });
  client = await RawClient.connect(broker.port);
});

afterAll(async () => {
  client?.close();
  await broker?.stop();
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function call(apiKey: number, version: number, body: unknown): Promise<any> {
  const correlationId = nextCorrelationId++;
  client.send(Buffer.concat(encodeRequestFrame(apiKey, version, correlationId, 'sweep', body)));
  const answer = decodeResponseFrame(apiKey, version, await client.nextResponse());
  expect(answer.correlationId).toBe(correlationId);
  return answer.body;
}

const metadata = (version: number, topics: { name: string | null; topicId?: Buffer }[] | null, allowAutoTopicCreation = true) =>
  call(3, version, { topics: topics?.map((t) => ({ topicId: Buffer.alloc(16), ...t })) ?? null, allowAutoTopicCreation });

const produce = (version: number, topic: string, partition: number, records: Buffer, acks = -1) =>
  call(0, version, { acks, timeoutMs: 1000, topicData: [{ name: topic, partitionData: [{ index: partition, records }] }] });

const fetch = (version: number, topic: string, partitions: { partition: number; fetchOffset: bigint; partitionMaxBytes?: number; currentLeaderEpoch?: number }[], extra: object = {}) =>
  call(1, version, {
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 1 << 20,
    topics: [{ topic, partitions: partitions.map((p) => ({ partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, ...p })) }],
    ...extra,
  });

const listOffsets = (version: number, topic: string, timestamp: bigint, currentLeaderEpoch = -1) =>
  call(2, version, { replicaId: -1, isolationLevel: 0, topics: [{ name: topic, partitions: [{ partitionIndex: 0, currentLeaderEpoch, timestamp }] }] });

describe('ApiVersions 0-4', () => {
  it.each(range(0, 4))('v%i lists the registry in key order', async (version) => {
    const body = await call(18, version, { clientSoftwareName: 'sweep', clientSoftwareVersion: '1.0' });
    expect(body.errorCode).toBe(0);
    const keys = body.apiKeys.map((k: { apiKey: number }) => k.apiKey);
    expect(keys).toEqual([...keys].sort((a: number, b: number) => a - b));
    expect(keys).toEqual(expect.arrayContaining([0, 1, 2, 3, 18, 21]));
  });
});

describe('Metadata 0-12', () => {
  it.each(range(0, 12))('v%i auto-creates and describes a topic', async (version) => {
    const body = await metadata(version, [{ name: 'sweep-meta' }]);
    const [topic] = body.topics;
    expect(topic).toMatchObject({ errorCode: 0, name: 'sweep-meta' });
    expect(topic.partitions).toHaveLength(2);
    expect(topic.partitions[1]).toMatchObject({ partitionIndex: 1, leaderId: 1, replicaNodes: [1], isrNodes: [1] });
    expect(body.brokers).toEqual([expect.objectContaining({ nodeId: 1, host: '127.0.0.1', port: broker.port })]);
    if (version >= 1) expect(body.controllerId).toBe(1);
    if (version >= 2) expect(body.clusterId).toBe(broker.clusterId);
    if (version >= 7) expect(topic.partitions[0].leaderEpoch).toBe(0);
    if (version >= 10) expect(topic.topicId.equals(Buffer.alloc(16))).toBe(false);
  });

  it('keeps topic ids stable and looks topics up by id at v12', async () => {
    const first = (await metadata(10, [{ name: 'sweep-meta' }])).topics[0].topicId as Buffer;
    const again = (await metadata(11, [{ name: 'sweep-meta' }])).topics[0].topicId as Buffer;
    expect(again.equals(first)).toBe(true);
    const byId = await metadata(12, [{ name: null, topicId: first }]);
    expect(byId.topics[0]).toMatchObject({ errorCode: 0, name: 'sweep-meta' });
    const unknown = await metadata(12, [{ name: null, topicId: Buffer.alloc(16, 7) }]);
    expect(unknown.topics[0]).toMatchObject({ errorCode: 100, name: null });
  });

  it('distinguishes all topics from none, and reports bad or unknown names', async () => {
    expect((await metadata(0, [])).topics.map((t: { name: string }) => t.name)).toContain('sweep-meta');
    expect((await metadata(1, null)).topics.map((t: { name: string }) => t.name)).toContain('sweep-meta');
    expect((await metadata(1, [])).topics).toEqual([]);
    expect((await metadata(6, [{ name: 'bad name!' }])).topics[0].errorCode).toBe(17);
    expect((await metadata(6, [{ name: 'never-created' }], false)).topics[0].errorCode).toBe(3);
    expect((await metadata(1, null)).topics.map((t: { name: string }) => t.name)).not.toContain('never-created');
  });
});

describe('Produce 3-10 and Fetch 4-12', () => {
  const topic = 'sweep-data';

  it.each(range(3, 10))('Produce v%i appends and reports the base offset', async (version) => {
    await metadata(6, [{ name: topic }]);
    const body = await produce(version, topic, 0, buildRecordBatch([{ key: `k${version}`, value: `produced with v${version}` }]));
    const partition = body.responses[0].partitionResponses[0];
    expect(partition).toMatchObject({ index: 0, errorCode: 0, baseOffset: BigInt(version - 3), logAppendTimeMs: -1n });
    if (version >= 5) expect(partition.logStartOffset).toBe(0n);
  });

  it('rejects bad produce input per partition', async () => {
    const batch = buildRecordBatch([{ value: 'x' }]);
    expect((await produce(7, topic, 9, batch)).responses[0].partitionResponses[0].errorCode).toBe(3);
    expect((await produce(7, 'no-such-topic', 0, batch)).responses[0].partitionResponses[0].errorCode).toBe(3);
    expect((await produce(7, topic, 0, batch, 2)).responses[0].partitionResponses[0].errorCode).toBe(21);
    const transactional = buildRecordBatch([{ value: 'txn' }], { producerId: 5n, producerEpoch: 0, baseSequence: 0, transactional: true });
    expect((await produce(7, topic, 0, transactional)).responses[0].partitionResponses[0].errorCode).toBe(48);
    const large = await produce(8, topic, 0, buildRecordBatch([{ value: Buffer.alloc(30_000, 1) }]));
    expect(large.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 10, errorMessage: expect.stringContaining('exceeds') });
  });

  it.each(range(4, 12))('Fetch v%i returns every batch with the watermarks', async (version) => {
    const body = await fetch(version, topic, [{ partition: 0, fetchOffset: 0n }]);
    if (version >= 7) expect(body).toMatchObject({ errorCode: 0, sessionId: 0 });
    const partition = body.responses[0].partitions[0];
    expect(partition).toMatchObject({ partitionIndex: 0, errorCode: 0, highWatermark: 8n, lastStableOffset: 8n });
    if (version >= 5) expect(partition.logStartOffset).toBe(0n);
    if (version >= 11) expect(partition.preferredReadReplica).toBe(-1);
    const values = [...iterateBatches(partition.records)].flatMap(({ pos }) => decodeRecords(partition.records, pos)).map((r) => r.value!.toString());
    expect(values).toEqual(range(3, 10).map((v) => `produced with v${v}`));
  });

  it('checks leader epochs, sessions and offsets', async () => {
    const errorOf = async (version: number, p: { fetchOffset: bigint; currentLeaderEpoch?: number; partition?: number }) =>
      (await fetch(version, topic, [{ partition: 0, ...p }])).responses[0].partitions[0].errorCode;
    expect(await errorOf(9, { fetchOffset: 0n, currentLeaderEpoch: 1 })).toBe(75);
    expect(await errorOf(9, { fetchOffset: 0n, currentLeaderEpoch: 0 })).toBe(0);
    expect(await errorOf(8, { fetchOffset: 0n, currentLeaderEpoch: 1 })).toBe(0); // no epoch before v9
    expect(await errorOf(11, { fetchOffset: 9n })).toBe(1);
    expect(await errorOf(11, { fetchOffset: 8n })).toBe(0);
    expect(await errorOf(11, { fetchOffset: 0n, partition: 5 })).toBe(3);
    const incremental = await fetch(11, topic, [{ partition: 0, fetchOffset: 0n }], { sessionId: 123, sessionEpoch: 4 });
    expect(incremental).toMatchObject({ errorCode: 70, sessionId: 0, responses: [] });
  });

  it('returns at least one whole batch for the first partition with data, and nothing past the budget', async () => {
    await produce(7, topic, 1, buildRecordBatch([{ value: 'on partition one' }]));
    const body = await fetch(11, topic, [
      { partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 },
      { partition: 1, fetchOffset: 0n, partitionMaxBytes: 1 },
    ]);
    const [first, second] = body.responses[0].partitions;
    expect([...iterateBatches(first.records)]).toHaveLength(1);
    expect(second.records.length).toBe(0);
  });
});

describe('ListOffsets 1-8', () => {
  const topic = 'sweep-offsets';

  beforeAll(async () => {
    await metadata(6, [{ name: topic }]);
    for (const ts of [1000n, 5000n, 3000n]) await produce(7, topic, 0, buildRecordBatch([{ value: `at ${ts}`, timestamp: ts }]));
  });

  it.each(range(1, 8))('v%i answers latest, earliest and by timestamp', async (version) => {
    const leaderEpoch = version >= 4 ? 0 : -1;
    const at = async (timestamp: bigint) => (await listOffsets(version, topic, timestamp)).topics[0].partitions[0];
    expect(await at(-1n)).toMatchObject({ errorCode: 0, offset: 3n, timestamp: -1n, leaderEpoch });
    expect(await at(-2n)).toMatchObject({ errorCode: 0, offset: 0n, leaderEpoch });
    expect(await at(2000n)).toMatchObject({ errorCode: 0, offset: 1n, timestamp: 5000n, leaderEpoch });
    expect(await at(9000n)).toMatchObject({ errorCode: 0, offset: -1n, timestamp: -1n });
    if (version >= 7) expect(await at(-3n)).toMatchObject({ errorCode: 0, offset: 1n, timestamp: 5000n });
    if (version >= 8) expect(await at(-4n)).toMatchObject({ errorCode: 0, offset: 0n });
  });

  it('checks the leader epoch from v4 and reports unknown partitions', async () => {
    expect((await listOffsets(4, topic, -1n, 3)).topics[0].partitions[0].errorCode).toBe(75);
    expect((await listOffsets(4, 'no-such-topic', -1n)).topics[0].partitions[0].errorCode).toBe(3);
  });
});

describe('DeleteRecords 0-2', () => {
  const topic = 'sweep-delete';
  const deleteRecords = (version: number, offset: bigint, partitionIndex = 0, name = topic) =>
    call(21, version, { timeoutMs: 1000, topics: [{ name, partitions: [{ partitionIndex, offset }] }] }).then((b) => b.topics[0].partitions[0]);

  it('moves the log start, resolves -1 to the high watermark and rejects offsets past it', async () => {
    await metadata(6, [{ name: topic }]);
    for (let i = 0; i < 5; i++) await produce(7, topic, 0, buildRecordBatch([{ value: `d${i}` }]));
    expect(await deleteRecords(0, 2n)).toMatchObject({ errorCode: 0, lowWatermark: 2n });
    expect(await deleteRecords(1, 1n)).toMatchObject({ errorCode: 0, lowWatermark: 2n });
    expect(await deleteRecords(2, 6n)).toMatchObject({ errorCode: 1, lowWatermark: -1n });
    expect(await deleteRecords(2, -1n)).toMatchObject({ errorCode: 0, lowWatermark: 5n });
    expect(await deleteRecords(2, 0n, 7)).toMatchObject({ errorCode: 3 });
    expect((await listOffsets(5, topic, -2n)).topics[0].partitions[0].offset).toBe(5n);
  });
});
