// groups.list / groups.describe against live kafkajs consumer groups: state,
// members (client id, host, static instance id), assignments decoded with the
// consumer protocol and matching what each member was told, exact lag.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Consumer, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaFor } from '../broker/helpers.js';
import { failureOf, startBackendWithBroker, until, type ClusterHarness } from './helpers.js';

interface Joined {
  memberId: string;
  assignment: Record<string, number[]>;
}

/** A member that reads nothing it commits: offsets stay where the test put them. */
async function idleMember(kafka: Kafka, groupId: string, topic: string, joins: Joined[]): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, maxWaitTimeInMs: 100 });
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    joins.push({ memberId: e.payload.memberId, assignment: e.payload.memberAssignment });
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
  return consumer;
}

describe('groups.list and groups.describe', () => {
  let h: ClusterHarness;
  let kafka: Kafka;
  const consumers: Consumer[] = [];
  const topic = 'orders';

  beforeAll(async () => {
    h = await startBackendWithBroker();
    kafka = kafkaFor(h.broker);
    await h.client.call('topics.create', { connectionId: h.connectionId, topic, partitions: 3, replicationFactor: 1 });
    for (const [partition, count] of [[0, 10], [1, 6], [2, 4]] as const) {
      await h.client.call('produce.send', { connectionId: h.connectionId, topic, partition, value: { encoding: 'utf8', data: `p${partition}-{{i}}` }, count });
    }
  });
  afterAll(async () => {
    await Promise.allSettled(consumers.map((c) => c.disconnect()));
    await h?.stop();
  });

  it('describes a live two-member group: members, decoded assignments, committed offsets and exact lag', async () => {
    const groupId = 'live-pair';
    // Offsets first, while the group is empty: p0 at 3, p1 at 6 (caught up), p2 never committed.
    await h.client.call('groups.reset', { connectionId: h.connectionId, groupId, topic, partitions: [0], target: { to: 'offset', offset: '3' } });
    await h.client.call('groups.reset', { connectionId: h.connectionId, groupId, topic, partitions: [1], target: { to: 'offset', offset: '6' } });

    const joins: Joined[] = [];
    consumers.push(await idleMember(kafka, groupId, topic, joins));
    consumers.push(await idleMember(kafka, groupId, topic, joins));
    // Both members settled in one generation that covers every partition.
    const detail = await until('a stable group of two', async () => {
      const d = await h.client.call('groups.describe', { connectionId: h.connectionId, groupId });
      const assigned = d.memberDetails.flatMap((m) => m.assignment.flatMap((a) => a.partitions));
      return d.state === 'Stable' && d.members === 2 && assigned.length === 3 ? d : undefined;
    });

    expect(detail).toMatchObject({ groupId, protocolType: 'consumer', members: 2, totalLag: '7' });
    expect(detail.protocol).not.toBe('');
    for (const member of detail.memberDetails) {
      expect(member.clientId).toBe('kafka-lanes-tests');
      expect(member.host).toMatch(/127\.0\.0\.1/);
      // What the coordinator holds is what kafkajs told this member at its last join.
      const told = joins.filter((j) => j.memberId === member.memberId).at(-1);
      expect(told).toBeDefined();
      expect(member.assignment).toEqual(Object.entries(told!.assignment).map(([t, partitions]) => ({ topic: t, partitions: [...partitions].sort((a, b) => a - b) })));
    }
    // kafkajs has no static membership.
    expect(detail.memberDetails.map((m) => m.groupInstanceId)).toEqual([null, null]);
    expect(detail.memberDetails.flatMap((m) => m.assignment[0].partitions).sort()).toEqual([0, 1, 2]);

    const owner = (p: number) => detail.memberDetails.find((m) => m.assignment[0].partitions.includes(p))!.memberId;
    expect(detail.offsets).toEqual([
      { topic, partition: 0, committed: '3', highWatermark: '10', lag: '7', member: owner(0) },
      { topic, partition: 1, committed: '6', highWatermark: '6', lag: '0', member: owner(1) },
      { topic, partition: 2, committed: null, highWatermark: '4', lag: null, member: owner(2) },
    ]);

    const listed = await h.client.call('groups.list', { connectionId: h.connectionId });
    expect(listed.find((g) => g.groupId === groupId)).toEqual({ groupId, state: 'Stable', protocolType: 'consumer', members: 2, totalLag: '7' });
  });

  it('lists a group with nothing committed with a null total lag, and an empty group with its lag', async () => {
    const joins: Joined[] = [];
    consumers.push(await idleMember(kafka, 'never-committed', topic, joins));
    await until('the member to join', () => (joins.length > 0 ? true : undefined));
    await h.client.call('groups.reset', { connectionId: h.connectionId, groupId: 'parked', topic, target: { to: 'earliest' } });

    const listed = await until('both groups listed', async () => {
      const all = await h.client.call('groups.list', { connectionId: h.connectionId });
      return all.some((g) => g.groupId === 'never-committed' && g.state === 'Stable') && all.some((g) => g.groupId === 'parked') ? all : undefined;
    });
    expect(listed.find((g) => g.groupId === 'never-committed')).toEqual({ groupId: 'never-committed', state: 'Stable', protocolType: 'consumer', members: 1, totalLag: null });
    expect(listed.find((g) => g.groupId === 'parked')).toMatchObject({ groupId: 'parked', state: 'Empty', members: 0, totalLag: '20' });

    const parked = await h.client.call('groups.describe', { connectionId: h.connectionId, groupId: 'parked' });
    expect(parked.memberDetails).toEqual([]);
    expect(parked.offsets.map((o) => [o.partition, o.committed, o.lag, o.member])).toEqual([
      [0, '0', '10', null],
      [1, '0', '6', null],
      [2, '0', '4', null],
    ]);
  });

  it('shows a static member\'s group.instance.id and its librdkafka-encoded assignment', async () => {
    const script = fileURLToPath(new URL('./python/static_member.py', import.meta.url));
    const child = spawn('/usr/bin/python3', [script, h.broker.bootstrap, 'static-one', topic, 'instance-7', 'rdkafka-static'], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      const lines = createInterface({ input: child.stdout });
      const assigned = await new Promise<number[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the static member was never assigned')), 20_000);
        lines.on('line', (line) => {
          const event = JSON.parse(line) as { event: string; partitions: number[] };
          if (event.event === 'assigned' && event.partitions.length > 0) {
            clearTimeout(timer);
            resolve(event.partitions);
          }
        });
      });
      const detail = await h.client.call('groups.describe', { connectionId: h.connectionId, groupId: 'static-one' });
      expect(detail.memberDetails).toEqual([
        { memberId: expect.any(String), clientId: 'rdkafka-static', host: expect.stringMatching(/127\.0\.0\.1/), groupInstanceId: 'instance-7', assignment: [{ topic, partitions: assigned }] },
      ]);
      expect(assigned).toEqual([0, 1, 2]);
    } finally {
      child.stdin.end();
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });

  it('says a group that does not exist is not found', async () => {
    const error = await failureOf(h.client.call('groups.describe', { connectionId: h.connectionId, groupId: 'no-such-group' }));
    expect(error.code).toBe('GROUP_NOT_FOUND');
  });
});
