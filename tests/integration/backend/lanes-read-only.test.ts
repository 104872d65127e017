// Lanes on a read-only profile pointing at the same embedded broker as a
// writable one: a lane may read with auto-commit off on a group of its own,
// and nothing else. Auto-commit and an existing group id are refused before
// any member joins (the existing group's consumer is not rebalanced), replay
// is refused (it commits), and a lane that read leaves no committed offsets.
import type { Consumer, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaFor } from '../broker/helpers.js';
import { failureOf, startBackendWithBroker, until, type ClusterHarness } from './helpers.js';
import { watchLane, type LaneWatch } from './lane-helpers.js';

describe('lanes on a read-only connection', () => {
  let h: ClusterHarness;
  let kafka: Kafka;
  let readOnlyId: string;
  const consumers: Consumer[] = [];
  const watches: LaneWatch[] = [];
  const topic = 'watched';

  beforeAll(async () => {
    h = await startBackendWithBroker();
    kafka = kafkaFor(h.broker);
    readOnlyId = (await h.client.call('connections.save', { name: 'Production', bootstrapServers: [h.broker.bootstrap], color: '#aa2222', readOnly: true })).id;
    await h.client.call('topics.create', { connectionId: h.connectionId, topic, partitions: 2, replicationFactor: 1 });
    await h.client.call('produce.send', { connectionId: h.connectionId, topic, value: { encoding: 'utf8', data: 'r{{i}}' }, count: 6 });
  });
  afterAll(async () => {
    watches.forEach((w) => w.stop());
    await Promise.allSettled(consumers.map((c) => c.disconnect()));
    await h?.stop();
  });

  const openReadOnly = (groupId: string, autoCommit: boolean) =>
    h.client.call('lanes.open', { connectionId: readOnlyId, topic, groupId, autoOffsetReset: 'earliest', members: 1, autoCommit });
  /** Committed offsets as the broker holds them, asked with kafkajs' own admin (-1: none). */
  const brokerOffsets = async (groupId: string) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return offsets!.partitions.map((p) => p.offset);
    } finally {
      await admin.disconnect();
    }
  };

  it('refuses a lane with auto-commit, saying to turn it off', async () => {
    const error = await failureOf(openReadOnly('fresh-but-committing', true));
    expect(error).toMatchObject({ code: 'READ_ONLY_CONNECTION', retriable: false });
    expect(error.message).toContain('Turn auto-commit off');
    expect(await h.client.call('lanes.list', {})).toEqual([]);
    expect(await brokerOffsets('fresh-but-committing')).toEqual(['-1', '-1']);
  });

  it('refuses to join a group that has a live consumer, and that consumer is not rebalanced', async () => {
    const consumer = kafka.consumer({ groupId: 'the-service', heartbeatInterval: 100, maxWaitTimeInMs: 100 });
    consumers.push(consumer);
    const joins: string[] = [];
    let heartbeats = 0;
    consumer.on(consumer.events.GROUP_JOIN, (e) => joins.push(e.payload.memberId));
    consumer.on(consumer.events.HEARTBEAT, () => heartbeats++);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
    await until('the service to join', () => (joins.length === 1 ? true : undefined));

    const error = await failureOf(openReadOnly('the-service', false));
    expect(error.code).toBe('READ_ONLY_CONNECTION');
    expect(error.message).toContain('would rebalance');
    expect(await h.client.call('lanes.list', {})).toEqual([]);

    // A join would reach the service at its next heartbeat; a few answered heartbeats later it still has its first generation.
    const seen = heartbeats;
    await until('three more heartbeats', () => (heartbeats >= seen + 3 ? true : undefined));
    expect(joins).toHaveLength(1);
    const group = await h.client.call('groups.describe', { connectionId: readOnlyId, groupId: 'the-service' });
    expect(group).toMatchObject({ state: 'Stable', members: 1 });
    expect(group.memberDetails.map((m) => m.memberId)).toEqual(joins);
  });

  it('refuses a group that only has committed offsets', async () => {
    await h.client.call('groups.reset', { connectionId: h.connectionId, groupId: 'parked', topic, target: { to: 'earliest' } });
    const error = await failureOf(openReadOnly('parked', false));
    expect(error.code).toBe('READ_ONLY_CONNECTION');
    expect(error.message).toContain('committed offsets');
  });

  it('lets a lane on a new group read with auto-commit off, refuses its replay, and leaves no committed offsets', async () => {
    const groupId = 'read-only-reader';
    const view = await openReadOnly(groupId, false);
    const watch = watchLane(h.client, view.laneId);
    watches.push(watch);
    expect((await watch.waitForValues(6)).sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);

    // A second member only rebalances the lane's own group, and writes nothing.
    expect((await h.client.call('lanes.addMember', { laneId: view.laneId })).members).toBe(2);
    await watch.waitFor('assignment', (e) => e.members.length === 2 && e.members.every((m) => m.partitions.length === 1));

    const replay = await failureOf(h.client.call('lanes.replay', { laneId: view.laneId }));
    expect(replay.code).toBe('READ_ONLY_CONNECTION');
    expect(replay.message).toContain('commits');
    // Refused before the lane stopped: its members are still in the group.
    expect(['starting', 'running']).toContain((await h.client.call('lanes.list', {}))[0]!.state);

    await h.client.call('lanes.stop', { laneId: view.laneId });
    expect(await brokerOffsets(groupId)).toEqual(['-1', '-1']);
    const offsets = (await h.client.call('groups.describe', { connectionId: h.connectionId, groupId })).offsets;
    expect(offsets.every((o) => o.committed === null)).toBe(true);

    // Its own group, still empty, may be joined again; once someone else commits to it, it may not.
    expect((await h.client.call('lanes.start', { laneId: view.laneId })).laneId).toBe(view.laneId);
    await h.client.call('lanes.stop', { laneId: view.laneId });
    await h.client.call('groups.reset', { connectionId: h.connectionId, groupId, topic, target: { to: 'latest' } });
    expect((await failureOf(h.client.call('lanes.start', { laneId: view.laneId }))).code).toBe('READ_ONLY_CONNECTION');
    await h.client.call('lanes.close', { laneId: view.laneId });
  });
});
