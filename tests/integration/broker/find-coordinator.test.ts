// FindCoordinator at every advertised version: this node coordinates every
// group, and names itself for transaction keys too (InitProducerId refuses them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeResponseFrame, encodeRequestFrame } from '../../../src/broker/protocol/index.js';
import { startTestBroker, type TestBroker } from './helpers.js';
import { RawClient } from './raw-client.js';

let broker: TestBroker;
let client: RawClient;
let correlationId = 1;

beforeAll(async () => {
  broker = await startTestBroker();
  client = await RawClient.connect(broker.port);
});

afterAll(async () => {
  client?.close();
  await broker?.stop();
});

async function findCoordinator(version: number, body: object): Promise<any> {
  const id = correlationId++;
  client.send(Buffer.concat(encodeRequestFrame(10, version, id, 'find-coordinator-test', body)));
  const answer = decodeResponseFrame(10, version, await client.nextResponse());
  expect(answer.correlationId).toBe(id);
  return answer.body;
}

describe('FindCoordinator', () => {
  it.each([0, 1, 2, 3])('v%i names this node for a group', async (version) => {
    const body = await findCoordinator(version, { key: 'group_1', keyType: 0 });
    expect(body).toMatchObject({ errorCode: 0, nodeId: 1, host: '127.0.0.1', port: broker.port });
  });

  it('v4 answers each batched key', async () => {
    const body = await findCoordinator(4, { keyType: 0, coordinatorKeys: ['group_1', 'group_2'] });
    expect(body.coordinators).toEqual([
      expect.objectContaining({ key: 'group_1', nodeId: 1, host: '127.0.0.1', port: broker.port, errorCode: 0 }),
      expect.objectContaining({ key: 'group_2', nodeId: 1, host: '127.0.0.1', port: broker.port, errorCode: 0 }),
    ]);
  });

  it.each([1, 3])('v%i names this node for a transaction key (InitProducerId then refuses it)', async (version) => {
    const body = await findCoordinator(version, { key: 'tx-1', keyType: 1 });
    expect(body).toMatchObject({ errorCode: 0, nodeId: 1, port: broker.port });
  });

  it('refuses an unknown key type', async () => {
    const body = await findCoordinator(4, { keyType: 7, coordinatorKeys: ['x'] });
    expect(body.coordinators[0]).toMatchObject({ errorCode: 42, nodeId: -1 });
  });
});
