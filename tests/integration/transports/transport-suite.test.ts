// One contract suite, run over each transport: the in-process call, Electron
// IPC (fake ipcMain/ipcRenderer around the real mount) and the browser-mode
// WebSocket. Same backend, same broker, same answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contract } from '../../../src/shared/contract/index.js';
import { createClient, type ContractClient } from '../../../src/shared/rpc/client.js';
import { makeTempDir } from '../broker/helpers.js';
import { failureOf, startBackendWithBroker, type ClusterHarness } from '../backend/helpers.js';
import { fakeIpc, inProcess, overWebSocket, rendererStub, type MountedTransport } from './transports.js';

let harness: ClusterHarness;
const rendererDir = makeTempDir('kafka-lanes-renderer-');

beforeAll(async () => {
  harness = await startBackendWithBroker();
  rendererStub(rendererDir.path);
});

afterAll(async () => {
  await harness?.stop();
  rendererDir.remove();
});

const mounts: Record<string, () => Promise<MountedTransport>> = {
  'in-process': async () => inProcess(harness.backend.dispatcher),
  'electron ipc': async () => fakeIpc(harness.backend.dispatcher),
  websocket: () => overWebSocket(harness.backend.dispatcher, rendererDir.path),
};

describe.each(Object.keys(mounts))('over %s', (name) => {
  let mounted: MountedTransport;
  let client: ContractClient<Contract>;

  beforeAll(async () => {
    mounted = await mounts[name]();
    client = createClient<Contract>(mounted.transport);
  });

  afterAll(async () => {
    await mounted?.close();
  });

  const topic = `transport-${name.replace(/\W/g, '-')}`;

  it('calls methods and gets typed answers', async () => {
    const profiles = await client.call('connections.list', {});
    expect(profiles.map((p) => p.id)).toContain(harness.connectionId);
    await client.call('topics.create', { connectionId: harness.connectionId, topic, partitions: 2, replicationFactor: 1 });
    const sent = await client.call('produce.send', {
      connectionId: harness.connectionId,
      topic,
      key: { encoding: 'utf8', data: 'k' },
      value: { encoding: 'utf8', data: 'say hello~!!!! {{i}}' },
      count: 3,
    });
    expect(sent.total).toBe(3);
    expect(sent.sent.every((record) => typeof record.offset === 'string')).toBe(true);
    const detail = await client.call('topics.describe', { connectionId: harness.connectionId, topic });
    expect(detail.messageCount).toBe('3');
  });

  it('brings errors across as values with their code', async () => {
    const exists = await failureOf(client.call('topics.create', { connectionId: harness.connectionId, topic, partitions: 1, replicationFactor: 1 }));
    expect(exists).toMatchObject({ code: 'TOPIC_ALREADY_EXISTS', kafkaCode: 36 });
    const invalid = await failureOf(client.call('topics.create', { connectionId: harness.connectionId, topic: '', partitions: 0, replicationFactor: 1 } as never));
    expect(invalid.code).toBe('INVALID_INPUT');
    const unknown = await failureOf(client.call('no.such' as never, {} as never));
    expect(unknown.code).toBe('UNKNOWN_METHOD');
  });

  it('streams events until cancelled, and ends bad subscriptions with an error', async () => {
    const events: unknown[] = [];
    const first = new Promise<void>((resolve) => {
      const cancel = client.subscribe('localBroker.watch', {}, (event) => {
        events.push(event);
        cancel();
        resolve();
      });
    });
    await first;
    expect(events[0]).toMatchObject({ state: expect.any(String), dataDir: expect.any(String) });

    const ended = await new Promise<unknown>((resolve) => client.subscribe('lanes.events', { laneId: '' } as never, () => undefined, resolve));
    expect(ended).toMatchObject({ code: 'INVALID_INPUT' });
  });
});
