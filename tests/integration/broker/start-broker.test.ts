// The public startBroker() API: in-memory mode, advertised addresses, close,
// and the ways it refuses to start.
import { afterEach, describe, expect, it } from 'vitest';
import { startBroker, type Logger, type RunningBroker } from '../../../src/broker/index.js';
import { kafkaFor } from './helpers.js';
import { RawClient } from './raw-client.js';
import { metadataV0Request } from './wire-messages.js';

const started: RunningBroker[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((broker) => broker.close()));
});

async function start(options: Parameters<typeof startBroker>[0]): Promise<RunningBroker> {
  const broker = await startBroker(options);
  started.push(broker);
  return broker;
}

/** Reads host and port of the single broker from a Metadata v0 answer. */
async function advertisedBy(port: number): Promise<{ host: string; port: number }> {
  const client = await RawClient.connect(port);
  client.send(metadataV0Request(1));
  const response = await client.nextResponse();
  client.close();
  const hostLength = response.readInt16BE(12); // correlation id, broker count, node id
  return { host: response.toString('utf8', 14, 14 + hostLength), port: response.readInt32BE(14 + hostLength) };
}

describe('startBroker', () => {
  it('runs in memory without a data directory', async () => {
    const broker = await start({ port: 0 });
    expect(broker.bootstrap).toBe(`127.0.0.1:${broker.port}`);
    expect(broker.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const kafka = kafkaFor(broker);
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    await producer.send({ topic: 'in-memory', messages: [{ value: 'kept in RAM' }] });
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.fetchTopicOffsets('in-memory')).toEqual([{ partition: 0, offset: '1', high: '1', low: '0' }]);
    await admin.disconnect();
  });

  it('tells clients the advertised host and port', async () => {
    const broker = await start({ port: 0, advertisedHost: 'kafka.example.test', advertisedPort: 19092 });
    expect(await advertisedBy(broker.port)).toEqual({ host: 'kafka.example.test', port: 19092 });
    const plain = await start({ port: 0 });
    expect(await advertisedBy(plain.port)).toEqual({ host: '127.0.0.1', port: plain.port });
  });

  it('closes idempotently and drops open connections', async () => {
    const broker = await startBroker({ port: 0 });
    const client = await RawClient.connect(broker.port);
    await Promise.all([broker.close(), broker.close()]);
    expect(await client.closedWithin(2000)).toBe(true);
    await expect(RawClient.connect(broker.port)).rejects.toThrow();
  });

  it('rejects unknown configuration keys with a readable error', async () => {
    await expect(startBroker({ port: 0, config: { 'num.partitons': '3' } })).rejects.toThrow(/num\.partitons/);
  });

  it('rejects with EADDRINUSE when the port is taken', async () => {
    const first = await start({ port: 0 });
    await expect(startBroker({ port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('logs a warning with the client address when it closes a connection', async () => {
    const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
    const logger: Logger = { debug() {}, info() {}, error() {}, warn: (message, fields) => warnings.push({ message, fields }) };
    const broker = await start({ port: 0, logger });
    const client = await RawClient.connect(broker.port);
    client.send(Buffer.from([0, 0, 0, 8, 0x27, 0x0f, 0, 0, 0, 0, 0, 1])); // API key 9999
    expect(await client.closedWithin(2000)).toBe(true);
    expect(warnings).toEqual([{ message: 'closing client connection', fields: { client: expect.stringMatching(/^127\.0\.0\.1:\d+$/), reason: 'unknown API key 9999' } }]);
  });
});
