// Fuzzes the broker with over 100,000 damaged and garbage-valued request
// frames grown from real client requests (tests/fixtures/golden), then checks
// that it never crashed or failed inside a handler, that data stored before
// the fuzzing reads back byte for byte, and that real clients still work.
//
// Most frames go through in-process connections (RunningBroker.acceptConnection):
// the same frame reader, router and handlers as TCP, without a socket per frame.
// A smaller share goes over TCP in bursts. The seed is printed; replay a run
// with FUZZ_SEED=<seed>.
import { CompressionTypes } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHandlers } from '../../../src/broker/handlers/index.js';
import type { Logger } from '../../../src/broker/index.js';
import { concatChunks } from '../../../src/broker/protocol/byte-writer.js';
import { ErrorCode } from '../../../src/broker/protocol/error-codes.js';
import { decodeResponseFrame, encodeRequestFrame } from '../../../src/broker/protocol/frame.js';
import { ApiKey } from '../../../src/broker/protocol/generated/index.js';
import { recomputeBatchCrc } from '../../../src/broker/records/batch-header.js';
import { buildRecordBatch, decodeRecords, iterateBatches, type DecodedRecord } from '../../../src/broker/records/record-batch.js';
import { loadGoldenFrames } from '../../fixtures/golden-fixtures.js';
import { runOk } from '../support/run-process.js';
import { feedInMemory, feedOverTcp } from './fuzz-feed.js';
import { FrameFuzzer, MUTATION_WEIGHTS } from './fuzz-frames.js';
import { fuzzSeed, SeededRandom } from './fuzz-random.js';
import { kafkaFor, startTestBroker, type TestBroker } from './helpers.js';
import { RawClient } from './raw-client.js';
import { apiVersionsRequest, correlationIdOf, fetchV4Request, metadataV0Request, parseApiVersionsV0, produceRequest } from './wire-messages.js';

const PROTECTED_TOPIC = 'fuzz-protected';
const IN_MEMORY_FRAMES = 100_000;
const FRAMES_PER_IN_MEMORY_CONNECTION = 200;
const TCP_CONNECTIONS = 300;
const MAX_FRAME_BYTES = 1024 * 1024;
// The broker accepts up to 10,000 partitions per topic, but creating and
// deleting them is synchronous storage work of about a millisecond each, so
// the fuzzer stays well below that.
const MAX_FUZZED_PARTITIONS = 100;
/** Where the first record (its varint length) starts in a v2 record batch. */
const FIRST_RECORD_AT = 61;

const seed = fuzzSeed();
let broker: TestBroker;
let fuzzer: FrameFuzzer;
/** Error-level broker log lines: a handler threw something other than a protocol violation. */
const brokerErrors: string[] = [];
const uncaught: unknown[] = [];
const recordUncaught = (error: unknown) => uncaught.push(error);

const errorCollector: Logger = {
  debug() {},
  info() {},
  warn() {},
  error: (message, fields) => brokerErrors.push(`${message} ${JSON.stringify(fields)}`),
};

interface StoredPartition {
  partition: number;
  /** The record batches exactly as Fetch returned them before the fuzzing. */
  recordSet: Buffer;
  sent: { key: Buffer; value: Buffer; headers: Record<string, Buffer> }[];
}
let stored: StoredPartition[] = [];

async function readRecordSet(client: RawClient, topic: string, partition: number): Promise<Buffer> {
  client.send(fetchV4Request(1, { topic, partition, offset: 0n, maxBytes: 8 * 1024 * 1024 }));
  const { body } = decodeResponseFrame(ApiKey.Fetch, 4, await client.nextResponse());
  const answer = body.responses[0]!.partitions[0]!;
  expect(answer.errorCode).toBe(0);
  return Buffer.from(answer.records ?? Buffer.alloc(0));
}

function comparable(records: DecodedRecord[]) {
  return records.map((r) => ({ key: r.key, value: r.value, headers: r.headers.map((h) => [h.key, h.value]) }));
}

/** The protected topic still starts with exactly the batches stored before the fuzzing. */
async function expectStoredDataIntact(port: number): Promise<void> {
  const raw = await RawClient.connect(port);
  for (const { partition, recordSet, sent } of stored) {
    const now = await readRecordSet(raw, PROTECTED_TOPIC, partition);
    expect(now.subarray(0, recordSet.length).equals(recordSet)).toBe(true);
    // Only the original batches are decoded: fuzzed produce requests may
    // have appended batches whose records are garbage under a valid CRC.
    const records = [...iterateBatches(recordSet)].flatMap((batch) => decodeRecords(recordSet, batch.pos));
    expect(records.map((r) => r.offset)).toEqual(sent.map((_, i) => BigInt(i)));
    expect(comparable(records)).toEqual(sent.map((m) => ({ key: m.key, value: m.value, headers: Object.entries(m.headers) })));
  }
  raw.close();
}

beforeAll(async () => {
  console.log(`fuzz seed ${seed} (replay with FUZZ_SEED=${seed})`);
  process.on('uncaughtException', recordUncaught);
  process.on('unhandledRejection', recordUncaught);
  broker = await startTestBroker({ config: { 'socket.request.max.bytes': String(MAX_FRAME_BYTES) }, logger: errorCollector });
  fuzzer = new FrameFuzzer(new SeededRandom(seed), {
    corpus: loadGoldenFrames(),
    supportedApis: apiHandlers.map(({ apiKey, minVersion, maxVersion }) => ({ apiKey, minVersion, maxVersion })),
    maxFrameBytes: MAX_FRAME_BYTES,
    protectedTopic: PROTECTED_TOPIC,
    maxPartitionsPerTopic: MAX_FUZZED_PARTITIONS,
  });
});

afterAll(async () => {
  process.off('uncaughtException', recordUncaught);
  process.off('unhandledRejection', recordUncaught);
  await broker?.stop();
});

// Run first: the fuzzing block ends by closing the broker.
describe('what the fuzzing found, pinned', () => {
  it.each([10, 11])('Metadata v%i asking for a topic by id alone gets INVALID_REQUEST instead of a failed response encode', async (version) => {
    const client = await RawClient.connect(broker.port);
    const known = Buffer.alloc(16, 7);
    client.send(concatChunks(encodeRequestFrame(ApiKey.Metadata, version, 5, 'fuzz', {
      topics: [{ topicId: known, name: null }, { topicId: Buffer.alloc(16), name: PROTECTED_TOPIC }],
      allowAutoTopicCreation: true,
    })));
    const { correlationId, body } = decodeResponseFrame(ApiKey.Metadata, version, await client.nextResponse());
    client.close();
    expect(correlationId).toBe(5);
    expect(body.topics.map((t) => [t.name, t.errorCode, t.partitions.length])).toEqual([
      ['', ErrorCode.INVALID_REQUEST, 0],
      [PROTECTED_TOPIC, ErrorCode.INVALID_REQUEST, 0],
    ]);
  });

  it('ListOffsets by timestamp over a batch whose records do not decode answers instead of failing the request', async () => {
    // A garbage record length under a recomputed CRC. Produce checks only the
    // batch header and the CRC, so it stores this batch (Kafka decodes the
    // records and would refuse it); a later timestamp lookup then trips over it.
    const topic = 'fuzz-undecodable';
    const batch = buildRecordBatch([{ key: 'k', value: 'v', timestamp: 1_000n }], { baseTimestamp: 1_000n });
    batch[FIRST_RECORD_AT] = 0x7f;
    recomputeBatchCrc(batch);
    const client = await RawClient.connect(broker.port);
    client.send(metadataV0Request(1, [topic]));
    await client.nextResponse();
    client.send(produceRequest(3, 2, { topic, partition: 0, batch, acks: 1 }));
    const accepted = decodeResponseFrame(ApiKey.Produce, 3, await client.nextResponse()).body.responses[0]!.partitionResponses[0]!.errorCode === 0;
    client.send(concatChunks(encodeRequestFrame(ApiKey.ListOffsets, 3, 3, 'fuzz', {
      replicaId: -1,
      isolationLevel: 0,
      topics: [{ name: topic, partitions: [{ partitionIndex: 0, timestamp: 500n }] }],
    })));
    const { correlationId, body } = decodeResponseFrame(ApiKey.ListOffsets, 3, await client.nextResponse());
    expect(correlationId).toBe(3);
    expect(body.topics[0]!.partitions[0]!.errorCode).toBe(accepted ? ErrorCode.CORRUPT_MESSAGE : ErrorCode.NONE);
    client.send(apiVersionsRequest(0, 4));
    expect(correlationIdOf(await client.nextResponse())).toBe(4);
    client.close();
  });
});

describe('fuzzing', () => {
  it('stores reference data with kafkajs first', async () => {
    const kafka = kafkaFor(broker);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: PROTECTED_TOPIC, numPartitions: 2 }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    stored = [0, 1].map((partition) => ({ partition, recordSet: Buffer.alloc(0), sent: [] }));
    for (const compression of [CompressionTypes.None, CompressionTypes.GZIP]) {
      for (const { partition, sent } of stored) {
        const messages = Array.from({ length: 20 }, (_, i) => ({
          key: Buffer.from(`key-${partition}-${compression}-${i}`),
          value: Buffer.from(Array.from({ length: 50 + i }, (_, j) => (i * 37 + j * 11 + partition) % 256)),
          headers: { trace: Buffer.from(`t-${i}`), binary: Buffer.from([0, 0xff, i]) },
        }));
        await producer.send({ topic: PROTECTED_TOPIC, compression, acks: -1, messages: messages.map((m) => ({ ...m, partition })) });
        sent.push(...messages);
      }
    }
    await producer.disconnect();
    const raw = await RawClient.connect(broker.port);
    for (const partition of stored) partition.recordSet = await readRecordSet(raw, PROTECTED_TOPIC, partition.partition);
    raw.close();
    for (const partition of stored) expect(partition.recordSet.length).toBeGreaterThan(0);
  });

  it(`feeds at least ${IN_MEMORY_FRAMES} fuzzed frames through in-process connections`, async () => {
    const started = performance.now();
    const stats = await feedInMemory(broker, () => fuzzer.next().wire, {
      target: IN_MEMORY_FRAMES,
      framesPerConnection: FRAMES_PER_IN_MEMORY_CONNECTION,
      maxFrameBytes: MAX_FRAME_BYTES,
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fuzz in memory: ${stats.framesHandled} frames handled (${stats.chunksDelivered} fuzzed chunks read) over ` +
        `${stats.connections} connections in ${seconds.toFixed(1)} s (${Math.round(stats.framesHandled / seconds)} frames/s); ` +
        `${stats.closedByBroker} connections closed by the broker, ${stats.droppedByClient} dropped by the client, ${stats.responses} responses`,
    );
    console.log(
      `fuzz mutations so far: ${JSON.stringify(fuzzer.made)}; encode failures ${fuzzer.encodeFailures}; ` +
        `${fuzzer.remadeForPartitionCount} frames made again for asking more than ${MAX_FUZZED_PARTITIONS} partitions`,
    );
    expect(stats.framesHandled).toBeGreaterThanOrEqual(IN_MEMORY_FRAMES);
    expect(stats.closedByBroker).toBeGreaterThan(0);
    expect(stats.responses).toBeGreaterThan(0);
    for (const mutation of Object.keys(MUTATION_WEIGHTS)) expect(fuzzer.made[mutation as keyof typeof MUTATION_WEIGHTS]).toBeGreaterThan(0);
    expect(fuzzer.encodeFailures).toBe(0);
  });

  it('takes fuzzed bursts over TCP, each followed by an ApiVersions probe', async () => {
    const random = new SeededRandom(seed ^ 0x7cb);
    const started = performance.now();
    const stats = await feedOverTcp(broker.port, () => Array.from({ length: random.between(1, 12) }, () => fuzzer.next().wire), TCP_CONNECTIONS, 8, 300);
    const seconds = (performance.now() - started) / 1000;
    const reachedRouter = stats.answered - stats.survived + stats.closedByBroker;
    console.log(
      `fuzz over TCP: ${stats.sent} frames in bursts over ${stats.connections} connections in ${seconds.toFixed(1)} s. ` +
        `About ${reachedRouter} reached the broker's frame handling (${stats.answered - stats.survived} answered, ` +
        `one closing frame on each of ${stats.closedByBroker} connections the broker closed); the other ${stats.sent - reachedRouter} ` +
        `were written after the closing frame and never read, or needed no answer. ${stats.survived} connections answered ` +
        `the probe after every frame, ${stats.stalled} stalled (a parked long poll, or a half-announced frame)`,
    );
    expect(stats.connections).toBe(TCP_CONNECTIONS);
    expect(stats.closedByBroker + stats.survived + stats.stalled).toBe(TCP_CONNECTIONS);
    expect(stats.closedByBroker).toBeGreaterThan(0);
  });

  it('never crashed and never failed inside a handler', () => {
    expect(uncaught).toEqual([]);
    expect(brokerErrors).toEqual([]);
  });

  it('still answers ApiVersions over TCP', async () => {
    const client = await RawClient.connect(broker.port);
    client.send(apiVersionsRequest(0, 4242));
    const response = await client.nextResponse();
    client.close();
    expect(correlationIdOf(response)).toBe(4242);
    expect(parseApiVersionsV0(response).errorCode).toBe(0);
  });

  it('kept the data stored before the fuzzing, byte for byte', async () => {
    await expectStoredDataIntact(broker.port);
  });

  it('still serves real clients: kafkajs produces, kcat consumes', async () => {
    const producer = kafkaFor(broker).producer();
    await producer.connect();
    const values = Array.from({ length: 10 }, (_, i) => `after the fuzzing ${i}`);
    await producer.send({ topic: 'fuzz-after', acks: -1, messages: values.map((value) => ({ value, partition: 0 })) });
    const [appended] = await producer.send({ topic: PROTECTED_TOPIC, acks: -1, messages: [{ value: 'one more', partition: 0 }] });
    await producer.disconnect();
    expect(Number(appended!.baseOffset)).toBeGreaterThanOrEqual(stored[0]!.sent.length);

    const out = await runOk('kcat', ['-C', '-b', broker.bootstrap, '-t', 'fuzz-after', '-p', '0', '-o', 'beginning', '-e', '-q', '-f', '%s\n']);
    expect(out.split('\n').filter((line) => line.length > 0)).toEqual(values);
  });

  it('reopens its data directory after the fuzzing, with the stored data intact', async () => {
    await broker.close();
    const reopened = await startTestBroker({ dataDir: broker.dataDir, logger: errorCollector });
    try {
      await expectStoredDataIntact(reopened.port);
    } finally {
      await reopened.close();
    }
    expect(brokerErrors).toEqual([]);
  });
});
