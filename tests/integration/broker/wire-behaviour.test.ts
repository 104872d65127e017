// Connection-level behaviour on raw sockets: answer order under pipelining,
// acks=0, long-poll wake-up, the ApiVersions fallback, and which bad requests
// close the connection while everyone else keeps being served.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordBatch } from '../../../src/broker/records/record-batch.js';
import { kafkaFor, startTestBroker, type TestBroker } from './helpers.js';
import { int32, RawClient, requestFrame } from './raw-client.js';
import {
  apiVersionsRequest,
  correlationIdOf,
  fetchV4Request,
  metadataV0Request,
  parseApiVersionsV0,
  parseFetchV4,
  produceRequest,
  readPartition,
} from './wire-messages.js';

let broker: TestBroker;
const clients: RawClient[] = [];

async function connect(): Promise<RawClient> {
  const client = await RawClient.connect(broker.port);
  clients.push(client);
  return client;
}

/** A second connection that must stay healthy while another one misbehaves. */
async function expectBrokerStillServes(bystander: RawClient): Promise<void> {
  bystander.send(apiVersionsRequest(0, 4242));
  expect(correlationIdOf(await bystander.nextResponse())).toBe(4242);
}

beforeAll(async () => {
  broker = await startTestBroker({ config: { 'num.partitions': '1', 'socket.request.max.bytes': '1048576' } });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await broker?.stop();
});

describe('ordering', () => {
  it('answers pipelined requests in request order even when the first one long-polls', async () => {
    const client = await connect();
    client.send(metadataV0Request(1, ['pipeline'])); // auto-creates the topic
    expect(correlationIdOf(await client.nextResponse())).toBe(1);

    const started = Date.now();
    client.send(Buffer.concat([
      fetchV4Request(10, { topic: 'pipeline', partition: 0, offset: 0n, maxWaitMs: 300, minBytes: 1 }),
      apiVersionsRequest(0, 11),
      metadataV0Request(12),
      apiVersionsRequest(2, 13),
    ]));
    const order = [];
    for (let i = 0; i < 4; i++) order.push(correlationIdOf(await client.nextResponse()));
    expect(order).toEqual([10, 11, 12, 13]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('sends nothing for an acks=0 produce and still answers what follows, in order', async () => {
    const client = await connect();
    client.send(metadataV0Request(1, ['fire-and-forget']));
    await client.nextResponse();
    const batch = buildRecordBatch([{ value: 'no ack wanted' }]);
    client.send(Buffer.concat([
      produceRequest(3, 2, { topic: 'fire-and-forget', partition: 0, batch, acks: 0 }),
      apiVersionsRequest(0, 3),
      produceRequest(3, 4, { topic: 'fire-and-forget', partition: 0, batch: buildRecordBatch([{ value: 'acked' }]), acks: 1 }),
    ]));
    expect(correlationIdOf(await client.nextResponse())).toBe(3);
    expect(correlationIdOf(await client.nextResponse())).toBe(4);
    const records = await readPartition(client, 'fire-and-forget', 0);
    expect(records.map((r) => r.value!.toString())).toEqual(['no ack wanted', 'acked']);
  });

  it('wakes a long-poll as soon as a produce lands instead of waiting out max_wait_ms', async () => {
    const client = await connect();
    client.send(metadataV0Request(1, ['wake-up']));
    await client.nextResponse();
    const started = Date.now();
    client.send(fetchV4Request(2, { topic: 'wake-up', partition: 0, offset: 0n, maxWaitMs: 20_000, minBytes: 1 }));
    setTimeout(() => {
      const producer = kafkaFor(broker).producer();
      void producer.connect().then(async () => {
        await producer.send({ topic: 'wake-up', messages: [{ value: 'wake' }] });
        await producer.disconnect();
      });
    }, 200);
    const answer = parseFetchV4(await client.nextResponse(15_000));
    expect(answer.records.map((r) => r.value!.toString())).toEqual(['wake']);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('ApiVersions', () => {
  it('answers a version above 4 with the v0 body: UNSUPPORTED_VERSION and only its own range', async () => {
    const client = await connect();
    client.send(apiVersionsRequest(9, 77));
    const response = await client.nextResponse();
    expect(correlationIdOf(response)).toBe(77);
    expect(parseApiVersionsV0(response)).toEqual({ errorCode: 35, apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 4 }] });
    await expectBrokerStillServes(client);
  });

  it('lists the registry in key order at v0', async () => {
    const client = await connect();
    client.send(apiVersionsRequest(0, 5));
    const { errorCode, apiKeys } = parseApiVersionsV0(await client.nextResponse());
    expect(errorCode).toBe(0);
    expect(apiKeys.map((k) => k.apiKey)).toEqual([...apiKeys.map((k) => k.apiKey)].sort((a, b) => a - b));
    expect(apiKeys).toContainEqual({ apiKey: 0, minVersion: 0, maxVersion: 10 });
    expect(apiKeys).toContainEqual({ apiKey: 1, minVersion: 4, maxVersion: 12 });
    expect(apiKeys).toContainEqual({ apiKey: 3, minVersion: 0, maxVersion: 12 });
    expect(apiKeys).toContainEqual({ apiKey: 18, minVersion: 0, maxVersion: 4 });
  });

  it('answers v3 with a flexible body and a v0 response header', async () => {
    const client = await connect();
    client.send(apiVersionsRequest(3, 6));
    const response = await client.nextResponse();
    expect(correlationIdOf(response)).toBe(6);
    // No tagged-field byte after the correlation id: error_code follows directly.
    expect(response.readInt16BE(4)).toBe(0);
    const entries = response[6]! - 1; // compact array length, fewer than 127 entries
    expect(entries).toBeGreaterThan(4);
    expect(response.readInt16BE(7)).toBe(0); // first key: Produce
  });

  it('rejects v3 client software names outside Kafka\'s pattern with INVALID_REQUEST', async () => {
    const client = await connect();
    client.send(apiVersionsRequest(3, 8, { name: '-bad name-', version: '1.0' }));
    const response = await client.nextResponse();
    expect(response.readInt16BE(4)).toBe(42);
    expect(response[6]).toBe(1); // empty compact array
  });
});

describe('requests that close only their own connection', () => {
  const cases: [string, () => Buffer][] = [
    ['an unknown API key', () => requestFrame(9999, 0, 1, Buffer.alloc(0))],
    ['an unsupported Metadata version', () => requestFrame(3, 13, 1, Buffer.alloc(0))],
    ['a frame too short for a request header', () => Buffer.concat([int32(3), Buffer.from([0, 3, 0])])],
    ['a frame above socket.request.max.bytes', () => Buffer.concat([int32(2 * 1048576), Buffer.alloc(64)])],
    ['a negative frame size', () => int32(-5)],
    ['a body that ends mid-field', () => requestFrame(3, 1, 1, Buffer.concat([int32(2), Buffer.from([0])]))],
    ['Produce v2 (message format v1)', () => requestFrame(0, 2, 1, Buffer.concat([Buffer.from([0, 1]), int32(1000), int32(0)]))],
  ];

  it.each(cases)('closes on %s; the broker keeps serving others', async (_label, frame) => {
    const bystander = await connect();
    const offender = await connect();
    offender.send(frame());
    expect(await offender.closedWithin(5000)).toBe(true);
    await expectBrokerStillServes(bystander);
    const admin = kafkaFor(broker).admin();
    await admin.connect();
    expect(Array.isArray(await admin.listTopics())).toBe(true);
    await admin.disconnect();
  });
});
