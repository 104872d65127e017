// A lane across a broker outage (same port, same data): it reports the error,
// reconnects when the broker is back, and resumes from its committed offsets.
// And on backend dispose every member leaves its group at once.
import { afterEach, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../../../src/broker/index.js';
import { kafkaFor, makeTempDir, startTestBroker } from '../broker/helpers.js';
import { startBackend, type BackendHarness } from './helpers.js';
import { duplicates, watchLane } from './lane-helpers.js';

describe('lane lifecycle', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const connect = async (harness: BackendHarness, bootstrap: string) =>
    (await harness.client.call('connections.save', { name: 'Broker', bootstrapServers: [bootstrap], color: '#123456', readOnly: false })).id;

  it('reports a stopped broker, reconnects when it is back on the same port, and resumes from committed offsets', async () => {
    const dir = makeTempDir();
    cleanups.push(() => dir.remove());
    let broker: RunningBroker = await startBroker({ port: 0, dataDir: dir.path });
    const port = broker.port;
    cleanups.push(() => broker.close());
    const h = startBackend();
    cleanups.push(() => h.stop());
    const connectionId = await connect(h, broker.bootstrap);
    await h.client.call('topics.create', { connectionId, topic: 'outage', partitions: 2, replicationFactor: 1 });
    const send = (prefix: string, count: number) =>
      h.client.call('produce.send', { connectionId, topic: 'outage', key: { encoding: 'utf8', data: 'k{{i}}' }, value: { encoding: 'utf8', data: `${prefix}-{{i}}` }, count });

    const lane = await h.client.call('lanes.open', { connectionId, topic: 'outage', groupId: 'outage-group', autoOffsetReset: 'earliest', members: 1, autoCommit: true });
    const watch = watchLane(h.client, lane.laneId);
    await watch.waitFor('state', (e) => e.state === 'running');
    await send('before', 20);
    await watch.waitForValues(20);
    // Committed as read: the lag snapshot shows nothing left before the outage.
    await watch.waitFor('lag', (e) => e.total === '0' && e.partitions.every((p) => p.committed !== null));

    await broker.close();
    const down = watch.events.length;
    const error = await watch.waitFor('error', () => true, 30_000, down);
    expect(error).toMatchObject({ code: 'BROKER_UNREACHABLE', retriable: true });
    await watch.waitFor('state', (e) => e.state === 'reconnecting', 30_000, down);
    expect(watch.of('error').length).toBe(1);

    broker = await startBroker({ port, dataDir: dir.path });
    const up = watch.events.length;
    // Written while the lane is still reconnecting: it must pick these up from its committed offsets.
    await send('after', 20);
    await watch.waitFor('state', (e) => e.state === 'running', 30_000, up);
    const values = await watch.waitForValues(40, 30_000);
    const expected = [...Array.from({ length: 20 }, (_, i) => `before-${i}`), ...Array.from({ length: 20 }, (_, i) => `after-${i}`)];
    expect(new Set(values)).toEqual(new Set(expected));
    // Everything before the outage was committed, so nothing is read twice.
    expect(duplicates(values)).toBe(0);
    expect((await h.client.call('lanes.list', {}))[0]!.state).toBe('running');
    watch.stop();
  });

  it('on dispose every member leaves its group: the groups are Empty at once', async () => {
    const broker = await startTestBroker();
    cleanups.push(() => broker.stop());
    const h = startBackend();
    const connectionId = await connect(h, broker.bootstrap);
    await h.client.call('topics.create', { connectionId, topic: 'leaving', partitions: 4, replicationFactor: 1 });
    const watches = await Promise.all(
      ['leave-a', 'leave-b'].map(async (groupId) => {
        const lane = await h.client.call('lanes.open', { connectionId, topic: 'leaving', groupId, autoOffsetReset: 'earliest', members: 2, autoCommit: true });
        const watch = watchLane(h.client, lane.laneId);
        await watch.waitFor('state', (e) => e.state === 'running');
        return watch;
      }),
    );
    const admin = kafkaFor(broker).admin();
    await admin.connect();
    cleanups.push(() => admin.disconnect());
    const before = await admin.describeGroups(['leave-a', 'leave-b']);
    expect(before.groups.map((g) => [g.state, g.members.length])).toEqual([
      ['Stable', 2],
      ['Stable', 2],
    ]);

    await h.stop();
    const after = await admin.describeGroups(['leave-a', 'leave-b']);
    expect(after.groups.map((g) => [g.state, g.members.length])).toEqual([
      ['Empty', 0],
      ['Empty', 0],
    ]);
    // Their streams ended with the lanes.
    expect(watches.map((w) => w.ended)).toEqual([{}, {}]);
  });
});
