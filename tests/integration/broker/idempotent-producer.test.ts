// Idempotent producers against the real broker: librdkafka and kafkajs with
// idempotence on, hand-built retries and gaps over the wire, and producer
// state across a clean restart and a kill -9. The Java client, whose default
// is idempotence on, cannot run here (no JVM); it sends the same requests.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeResponseFrame, encodeRequestFrame, ErrorCode, type RequestByApiKey } from '../../../src/broker/protocol/index.js';
import { buildRecordBatch, decodeRecords, iterateBatches } from '../../../src/broker/records/record-batch.js';
import { runOk } from '../support/run-process.js';
import { kafkaFor, makeTempDir, spawnCliBroker, startTestBroker, type TestBroker } from './helpers.js';
import { RawClient } from './raw-client.js';
import { startDroppingProxy } from './response-dropping-proxy.js';

const python = '/usr/bin/python3';
const script = (name: string) => resolve(import.meta.dirname, 'python', name);
const PRODUCE_VERSION = 9;

/** One connection speaking the generated codec. */
class Wire {
  private correlationId = 0;
  private constructor(private readonly client: RawClient) {}

  static async connect(port: number): Promise<Wire> {
    return new Wire(await RawClient.connect(port));
  }

  async call<K extends keyof RequestByApiKey>(apiKey: K, version: number, body: RequestByApiKey[K]) {
    this.client.send(Buffer.concat(encodeRequestFrame(apiKey, version, ++this.correlationId, 'idempotence-test', body)));
    return decodeResponseFrame(apiKey, version, await this.client.nextResponse()).body;
  }

  async createTopic(name: string, partitions = 1, configs: { name: string; value: string }[] = []): Promise<void> {
    const response = await this.call(19, 5, { topics: [{ name, numPartitions: partitions, replicationFactor: 1, assignments: [], configs }], timeoutMs: 5000 });
    expect(response.topics[0]!.errorCode).toBe(ErrorCode.NONE);
  }

  async initProducerId(version = 4, transactionalId: string | null = null) {
    return this.call(22, version, { transactionalId, transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: -1 });
  }

  /** Produces one batch of `records` values to partition 0; answers that partition's response. */
  async produce(topic: string, producerId: bigint, producerEpoch: number, baseSequence: number, records = 2) {
    const values = Array.from({ length: records }, (_, i) => ({ value: `p${producerId}-e${producerEpoch}-s${baseSequence + i}` }));
    const batch = buildRecordBatch(values, { producerId, producerEpoch, baseSequence });
    const response = await this.call(0, PRODUCE_VERSION, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records: batch }] }] });
    return response.responses[0]!.partitionResponses[0]!;
  }

  close(): void {
    this.client.close();
  }
}

interface StoredRecord {
  offset: bigint;
  value: string;
  producerId: bigint;
}

/** Every record in a partition's segment files, read straight from disk. */
function storedRecords(dataDir: string, topic: string, partition: number): StoredRecord[] {
  const dir = join(dataDir, `${topic}-${partition}`);
  const out: StoredRecord[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.log')).sort()) {
    const bytes = readFileSync(join(dir, name));
    for (const { pos, header } of iterateBatches(bytes)) {
      for (const record of decodeRecords(bytes, pos)) out.push({ offset: record.offset, value: record.value!.toString(), producerId: header.producerId });
    }
  }
  return out;
}

const valuesOf = (records: StoredRecord[]) => records.map((r) => r.value);

describe('idempotent producers', () => {
  let broker: TestBroker;
  let wire: Wire;

  beforeAll(async () => {
    broker = await startTestBroker({ config: { 'num.partitions': '1' } });
    wire = await Wire.connect(broker.port);
  });

  afterAll(async () => {
    wire?.close();
    await broker?.stop();
  });

  it('librdkafka with enable.idempotence stores every message once, in order, over several partitions', async () => {
    const count = 300;
    const partitions = 3;
    await wire.createTopic('idem-rdkafka', partitions);
    const out = await runOk(python, [script('confluent_idempotent_produce.py'), broker.bootstrap, 'idem-rdkafka', String(count), String(partitions)], { timeoutMs: 40_000 });
    const report = JSON.parse(out) as { delivered: { partition: number; offset: number; value: string; error: string | null }[]; undelivered: number; fatal: string | null };
    expect(report).toMatchObject({ undelivered: 0, fatal: null });
    expect(report.delivered.filter((d) => d.error !== null)).toEqual([]);
    expect(report.delivered).toHaveLength(count);
    for (let p = 0; p < partitions; p++) {
      const stored = storedRecords(broker.dataDir, 'idem-rdkafka', p);
      const expected = Array.from({ length: count / partitions }, (_, i) => `m${i * partitions + p}`);
      expect(valuesOf(stored)).toEqual(expected);
      // Idempotence really was on: every batch carries a producer id.
      expect(stored.every((r) => r.producerId >= 0n)).toBe(true);
      for (const d of report.delivered.filter((d) => d.partition === p)) expect(stored[d.offset]!.value).toBe(d.value);
    }
  });

  it('answers a repeated batch with its original offset and stores it once', async () => {
    await wire.createTopic('idem-dup');
    const init = await wire.initProducerId();
    expect(init).toMatchObject({ errorCode: ErrorCode.NONE, producerEpoch: 0 });
    const pid = init.producerId;
    expect(pid).toBeGreaterThanOrEqual(0n);
    expect(await wire.produce('idem-dup', pid, 0, 0)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0n });
    expect(await wire.produce('idem-dup', pid, 0, 2)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 2n });
    // Both retried: the older one is still among the last five batches.
    expect(await wire.produce('idem-dup', pid, 0, 2)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 2n });
    expect(await wire.produce('idem-dup', pid, 0, 0)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0n });
    expect(valuesOf(storedRecords(broker.dataDir, 'idem-dup', 0))).toEqual([`p${pid}-e0-s0`, `p${pid}-e0-s1`, `p${pid}-e0-s2`, `p${pid}-e0-s3`]);
  });

  it('answers a retry on a LogAppendTime topic with the original append time', async () => {
    await wire.createTopic('idem-append-time', 1, [{ name: 'message.timestamp.type', value: 'LogAppendTime' }]);
    const { producerId: pid } = await wire.initProducerId();
    const first = await wire.produce('idem-append-time', pid, 0, 0);
    expect(first).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0n });
    expect(first.logAppendTimeMs).toBeGreaterThan(0n);
    // Make sure the clock has moved, so a fresh stamp could not pass for the original.
    const until = Date.now() + 5;
    while (Date.now() < until) await new Promise((r) => setTimeout(r, 1));
    expect(await wire.produce('idem-append-time', pid, 0, 0)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0n, logAppendTimeMs: first.logAppendTimeMs });
    expect(storedRecords(broker.dataDir, 'idem-append-time', 0)).toHaveLength(2);
  });

  it('refuses a sequence gap and an older epoch, and accepts a bumped epoch from sequence 0', async () => {
    await wire.createTopic('idem-order');
    const { producerId: pid } = await wire.initProducerId();
    expect(await wire.produce('idem-order', pid, 0, 0)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0n });
    expect(await wire.produce('idem-order', pid, 0, 5)).toMatchObject({ errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, baseOffset: -1n });
    expect(await wire.produce('idem-order', pid, 1, 3)).toMatchObject({ errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER });
    expect(await wire.produce('idem-order', pid, 1, 0)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 2n });
    const stale = await wire.produce('idem-order', pid, 0, 2);
    expect(stale).toMatchObject({ errorCode: ErrorCode.INVALID_PRODUCER_EPOCH, baseOffset: -1n });
    expect(stale.errorMessage).toContain('older than its current epoch 1');
    expect(await wire.produce('idem-order', pid, 1, 2)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 4n });
    expect(storedRecords(broker.dataDir, 'idem-order', 0)).toHaveLength(6);
  });

  it('hands every idempotent InitProducerId a fresh id at epoch 0, and refuses one with a transactional id', async () => {
    const ids = new Set<bigint>();
    for (let version = 0; version <= 4; version++) {
      const init = await wire.initProducerId(version);
      expect(init).toMatchObject({ errorCode: ErrorCode.NONE, producerEpoch: 0 });
      ids.add(init.producerId);
    }
    // v3+ naming the current id and epoch still gets a new id (as Kafka does without a transactional id).
    const known = [...ids][0]!;
    const again = await wire.call(22, 4, { transactionalId: null, transactionTimeoutMs: 60_000, producerId: known, producerEpoch: 0 });
    expect(again).toMatchObject({ errorCode: ErrorCode.NONE, producerEpoch: 0 });
    ids.add(again.producerId);
    expect(ids.size).toBe(6);
    const half = await wire.call(22, 4, { transactionalId: null, transactionTimeoutMs: 60_000, producerId: known, producerEpoch: -1 });
    expect(half.errorCode).toBe(ErrorCode.INVALID_REQUEST);
    for (const version of [0, 4]) {
      expect(await wire.initProducerId(version, 'tx-1')).toMatchObject({ errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, producerId: -1n, producerEpoch: -1 });
    }
  });

  it('kafkajs with idempotent: true stores each message once', async () => {
    const kafka = kafkaFor(broker);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
    await producer.connect();
    try {
      for (let round = 0; round < 5; round++) {
        await producer.send({ topic: 'idem-kafkajs', acks: -1, messages: Array.from({ length: 4 }, (_, i) => ({ value: `r${round}-${i}` })) });
      }
    } finally {
      await producer.disconnect();
    }
    const stored = storedRecords(broker.dataDir, 'idem-kafkajs', 0);
    expect(valuesOf(stored)).toEqual(Array.from({ length: 20 }, (_, i) => `r${Math.floor(i / 4)}-${i % 4}`));
    expect(stored.every((r) => r.producerId >= 0n)).toBe(true);
  });

  it('kafkajs transaction() fails with a clear error instead of hanging', async () => {
    const producer = kafkaFor(broker).producer({ transactionalId: 'kafkajs-tx', idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      const started = Date.now();
      await expect(producer.transaction()).rejects.toThrow(/Transactional Id authorization failed/i);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await producer.disconnect();
    }
  });
});

describe('a lost Produce response', () => {
  it('librdkafka retries the batch on a new connection and the broker stores it once', async () => {
    let brokerPort = 0;
    const proxy = await startDroppingProxy(() => brokerPort);
    const broker = await startTestBroker({ advertisedPort: proxy.port });
    brokerPort = broker.port;
    const wire = await Wire.connect(broker.port);
    try {
      await wire.createTopic('idem-lost-response', 2);
      const count = 60;
      const out = await runOk(python, [script('confluent_idempotent_produce.py'), `127.0.0.1:${proxy.port}`, 'idem-lost-response', String(count), '2'], { timeoutMs: 40_000 });
      const report = JSON.parse(out) as { delivered: { error: string | null }[]; undelivered: number; fatal: string | null };
      expect(report).toMatchObject({ undelivered: 0, fatal: null });
      expect(report.delivered.filter((d) => d.error !== null)).toEqual([]);
      expect(proxy.dropped).toBe(1);
      for (let p = 0; p < 2; p++) {
        expect(valuesOf(storedRecords(broker.dataDir, 'idem-lost-response', p))).toEqual(Array.from({ length: count / 2 }, (_, i) => `m${i * 2 + p}`));
      }
    } finally {
      wire.close();
      await broker.stop();
      await proxy.close();
    }
  });
});

describe('idempotent producer state across restarts', () => {
  const temp = makeTempDir('kafka-lanes-idem-');
  afterAll(() => temp.remove());

  it('detects retries after a clean restart and after a kill -9 with a stale snapshot', async () => {
    // 1. Clean run: one batch, then a clean close writes the snapshot.
    let broker = await startTestBroker({ dataDir: temp.path });
    let wire = await Wire.connect(broker.port);
    await wire.createTopic('idem-restart');
    const { producerId: pid } = await wire.initProducerId();
    expect(await wire.produce('idem-restart', pid, 0, 0)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0n });
    wire.close();
    await broker.close();

    // 2. A child broker: the retry is still known after the clean restart; two
    // more batches land, then kill -9 before any periodic snapshot (10 s).
    const child = await spawnCliBroker(['--data-dir', temp.path]);
    wire = await Wire.connect(child.port);
    expect(await wire.produce('idem-restart', pid, 0, 0)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0n });
    expect(await wire.produce('idem-restart', pid, 0, 2)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 2n });
    expect(await wire.produce('idem-restart', pid, 0, 4)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 4n });
    wire.close();
    await child.kill();
    const snapshot = JSON.parse(readFileSync(join(temp.path, 'meta', 'producer-state.json'), 'utf8')) as { logEndOffsets: unknown };
    expect(snapshot.logEndOffsets).toEqual([['idem-restart', 0, '2']]);

    // 3. After the crash the stale snapshot is brought up to date from the log.
    broker = await startTestBroker({ dataDir: temp.path });
    wire = await Wire.connect(broker.port);
    try {
      expect(await wire.produce('idem-restart', pid, 0, 4)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 4n });
      expect(await wire.produce('idem-restart', pid, 0, 6)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 6n });
      expect(await wire.produce('idem-restart', pid, 0, 2)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 2n });
      expect(valuesOf(storedRecords(temp.path, 'idem-restart', 0))).toEqual(Array.from({ length: 8 }, (_, i) => `p${pid}-e0-s${i}`));
    } finally {
      wire.close();
      await broker.close();
    }
  });
});
