// The kafkajs 2.2.4 admin client on consumer groups against the real broker:
// listing and describing groups (with the assignment decoded), reading and
// moving committed offsets of an Empty group (the next consumer starts there),
// the refusals while the group runs, deleting groups, and offsets reset to the
// earliest/latest literals (-2/-1) surviving a broker restart.
import { AssignerProtocol, type Admin, type Kafka, type Producer } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kafkaFor, makeTempDir, startTestBroker, type TestBroker } from '../helpers.js';
import { collectUntil, newLog, produceNumbered, startMember, stopAll, uniqueName, waitUntil, type ExperimentLog, type Member } from './experiment-helpers.js';

const groupConfig = { 'group.initial.rebalance.delay.ms': '0' };
let broker: TestBroker;
let kafka: Kafka;
let producer: Producer;
let admin: Admin;
let members: Member[] = [];

beforeAll(async () => {
  broker = await startTestBroker({ config: groupConfig });
  kafka = kafkaFor(broker);
  producer = kafka.producer();
  admin = kafka.admin();
  await Promise.all([producer.connect(), admin.connect()]);
});

afterEach(async () => {
  await stopAll(members);
  members = [];
});

afterAll(async () => {
  await producer?.disconnect();
  await admin?.disconnect();
  await broker?.stop();
});

async function member(options: { name: string; groupId: string; topic: string; fromBeginning?: boolean; log: ExperimentLog }, client = kafka): Promise<Member> {
  const started = await startMember(client, { fromBeginning: true, ...options });
  members.push(started);
  return started;
}

async function createTopic(prefix: string, numPartitions: number, on = admin): Promise<string> {
  const topic = uniqueName(prefix);
  await on.createTopics({ topics: [{ topic, numPartitions }] });
  return topic;
}

async function committed(groupId: string, topic: string, on = admin): Promise<string[]> {
  const [entry] = await on.fetchOffsets({ groupId, topics: [topic] });
  return [...entry!.partitions].sort((a, b) => a.partition - b.partition).map((p) => p.offset);
}

/** Consumes everything there is with a throwaway member, waits for its commits, and stops it. */
async function consumeAndCommitAll(client: Kafka, on: Admin, groupId: string, topic: string, expected: string[]): Promise<void> {
  const log = newLog();
  const consumer = await startMember(client, { name: 'setup', groupId, topic, fromBeginning: true, log });
  try {
    await collectUntil(log.deliveries, (d) => d.length >= expected.length, `${groupId} reading ${expected.length} messages`);
    const ends = (await on.fetchTopicOffsets(topic)).sort((a, b) => a.partition - b.partition).map((p) => p.high);
    await waitUntil(async () => JSON.stringify(await committed(groupId, topic, on)) === JSON.stringify(ends), `${groupId} committing ${ends.join(',')}`);
  } finally {
    await consumer.consumer.disconnect();
  }
}

/** Sends one marker per partition and returns the member's deliveries before them (each partition delivers in order). */
async function deliveriesBeforeMarkers(log: ExperimentLog, memberName: string, topic: string, partitions: number, send = producer): Promise<Array<{ partition: number; offset: bigint }>> {
  const markers = await produceNumbered(send, topic, uniqueName('marker'), partitions, partitions);
  const mine = () => log.deliveries.filter((d) => d.member === memberName);
  await collectUntil(log.deliveries, () => markers.every((m) => mine().some((d) => d.value === m)), `${memberName} reaching the markers`);
  return mine()
    .filter((d) => !markers.includes(d.value))
    .map(({ partition, offset }) => ({ partition, offset }))
    .sort((a, b) => a.partition - b.partition || Number(a.offset - b.offset));
}

describe('kafkajs admin on consumer groups', () => {
  it('lists and describes a running group, with each member\'s subscription and assignment decoded', async () => {
    const topic = await createTopic('describe', 4);
    const groupId = uniqueName('describe-group');
    const log = newLog();
    const a = await member({ name: 'a', groupId, topic, log });
    const b = await member({ name: 'b', groupId, topic, log });
    await waitUntil(() => a.partitions().length === 2 && b.partitions().length === 2, 'a 2/2 split');

    const listed = await admin.listGroups();
    expect(listed.groups).toContainEqual({ groupId, protocolType: 'consumer' });
    const [group] = (await admin.describeGroups([groupId])).groups;
    expect(group).toMatchObject({ groupId, errorCode: 0, state: 'Stable', protocolType: 'consumer', protocol: 'RoundRobinAssigner' });
    expect(group!.members.map((m) => m.memberId).sort()).toEqual([a.memberId(), b.memberId()].sort());
    const decoded = new Map<string, number[]>();
    for (const m of group!.members) {
      expect(m.clientId).toBe('kafka-lanes-tests');
      expect(m.clientHost).toMatch(/127\.0\.0\.1|::1|localhost/);
      expect(AssignerProtocol.MemberMetadata.decode(m.memberMetadata)).toMatchObject({ topics: [topic] });
      const assignment = AssignerProtocol.MemberAssignment.decode(m.memberAssignment)!;
      expect(Object.keys(assignment.assignment)).toEqual([topic]);
      decoded.set(m.memberId, [...assignment.assignment[topic]!].sort((x, y) => x - y));
    }
    // What the broker hands out is what each member was told at its join.
    expect(decoded.get(a.memberId())).toEqual(a.partitions());
    expect(decoded.get(b.memberId())).toEqual(b.partitions());
    expect([...decoded.values()].flat().sort()).toEqual([0, 1, 2, 3]);

    await b.consumer.disconnect();
    await waitUntil(() => a.partitions().length === 4, 'a to take all 4 partitions');
    const [afterLeave] = (await admin.describeGroups([groupId])).groups;
    expect(afterLeave).toMatchObject({ state: 'Stable', members: [expect.objectContaining({ memberId: a.memberId() })] });
    expect(AssignerProtocol.MemberAssignment.decode(afterLeave!.members[0]!.memberAssignment)!.assignment[topic]!.slice().sort()).toEqual([0, 1, 2, 3]);

    await a.consumer.disconnect();
    const [empty] = (await admin.describeGroups([groupId])).groups;
    expect(empty).toMatchObject({ state: 'Empty', protocolType: 'consumer', members: [] });
    expect((await admin.listGroups()).groups).toContainEqual({ groupId, protocolType: 'consumer' });
  });

  it('fetchOffsets and setOffsets on an Empty group: the next consumer starts at the new offsets', async () => {
    const topic = await createTopic('set-offsets', 2);
    const groupId = uniqueName('set-offsets-group');
    const sent = await produceNumbered(producer, topic, 'm', 10, 2);
    await consumeAndCommitAll(kafka, admin, groupId, topic, sent);
    expect(await committed(groupId, topic)).toEqual(['5', '5']);

    // kafkajs commits through a paused consumer of its own, which sleeps one fetch wait (5 s) on the
    // client side before it sees its first FETCH event and stops.
    const startedAt = Date.now();
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '2' }, { partition: 1, offset: '4' }] });
    console.log(`setOffsets took ${Date.now() - startedAt} ms`);
    expect(await committed(groupId, topic)).toEqual(['2', '4']);

    // fromBeginning: false, so only the committed offsets can explain a start before the end.
    const log = newLog();
    await member({ name: 'after-set', groupId, topic, fromBeginning: false, log });
    expect(await deliveriesBeforeMarkers(log, 'after-set', topic, 2)).toEqual([
      { partition: 0, offset: 2n },
      { partition: 0, offset: 3n },
      { partition: 0, offset: 4n },
      { partition: 1, offset: 4n },
    ]);
  });

  it('refuses setOffsets, resetOffsets and deleteGroups while the group runs, and deletes it once Empty', async () => {
    const topic = await createTopic('refusals', 2);
    const groupId = uniqueName('refusals-group');
    const sent = await produceNumbered(producer, topic, 'm', 4, 2);
    const log = newLog();
    const running = await member({ name: 'running', groupId, topic, log });
    await collectUntil(log.deliveries, (d) => d.length >= sent.length, 'the running member reading everything');
    await waitUntil(async () => JSON.stringify(await committed(groupId, topic)) === '["2","2"]', 'commits at 2,2');

    // kafkajs refuses by its own rule (the group must not be running) before sending any commit.
    await expect(admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] })).rejects.toThrow(
      'The consumer group must have no running instances, current state: Stable',
    );
    await expect(admin.resetOffsets({ groupId, topic, earliest: true })).rejects.toThrow('The consumer group must have no running instances');
    // The broker refuses to delete a group with members: NON_EMPTY_GROUP (68).
    await expect(admin.deleteGroups([groupId])).rejects.toMatchObject({
      name: 'KafkaJSDeleteGroupsError',
      groups: [expect.objectContaining({ groupId, errorCode: 68 })],
    });
    expect(await committed(groupId, topic)).toEqual(['2', '2']);
    expect((await admin.describeGroups([groupId])).groups[0]).toMatchObject({ state: 'Stable' });

    await running.consumer.disconnect();
    expect(await admin.deleteGroups([groupId])).toEqual([expect.objectContaining({ groupId, errorCode: 0 })]);
    expect((await admin.describeGroups([groupId])).groups[0]).toMatchObject({ groupId, state: 'Dead', members: [] });
    expect((await admin.listGroups()).groups.map((g) => g.groupId)).not.toContain(groupId);
    expect(await committed(groupId, topic)).toEqual(['-1', '-1']);
  });

  it('resetOffsets writes the -2/-1 literals, they survive a broker restart, and consumers start at the matching end', async () => {
    const dir = makeTempDir();
    let own: TestBroker | undefined = await startTestBroker({ dataDir: dir.path, config: groupConfig });
    const clients: Array<{ disconnect(): Promise<void> }> = [];
    try {
      let client = kafkaFor(own);
      let ownAdmin = client.admin();
      let ownProducer = client.producer();
      await Promise.all([ownAdmin.connect(), ownProducer.connect()]);
      clients.push(ownAdmin, ownProducer);
      const topic = await createTopic('reset', 2, ownAdmin);
      const earliestGroup = uniqueName('reset-earliest');
      const latestGroup = uniqueName('reset-latest');

      // Both groups have read and committed the first 6; then 4 more arrive that neither has read.
      const first = await produceNumbered(ownProducer, topic, 'first', 6, 2);
      await consumeAndCommitAll(client, ownAdmin, earliestGroup, topic, first);
      await consumeAndCommitAll(client, ownAdmin, latestGroup, topic, first);
      const unread = await produceNumbered(ownProducer, topic, 'unread', 4, 2);

      const resetStarted = Date.now();
      await ownAdmin.resetOffsets({ groupId: earliestGroup, topic, earliest: true });
      await ownAdmin.resetOffsets({ groupId: latestGroup, topic, earliest: false });
      console.log(`two resetOffsets took ${Date.now() - resetStarted} ms`);
      expect(await committed(earliestGroup, topic, ownAdmin)).toEqual(['-2', '-2']);
      expect(await committed(latestGroup, topic, ownAdmin)).toEqual(['-1', '-1']);

      await Promise.all(clients.splice(0).map((c) => c.disconnect()));
      await own.close();
      own = await startTestBroker({ dataDir: dir.path, config: groupConfig });
      client = kafkaFor(own);
      ownAdmin = client.admin();
      ownProducer = client.producer();
      await Promise.all([ownAdmin.connect(), ownProducer.connect()]);
      clients.push(ownAdmin, ownProducer);
      expect(await committed(earliestGroup, topic, ownAdmin)).toEqual(['-2', '-2']);
      expect(await committed(latestGroup, topic, ownAdmin)).toEqual(['-1', '-1']);

      // kafkajs reads a negative committed offset as "none" and resolves it by fromBeginning, so each
      // group's consumer is configured for the end its literal names.
      const log = newLog();
      const latest = await member({ name: 'latest', groupId: latestGroup, topic, fromBeginning: false, log }, client);
      let fetched = false;
      latest.consumer.on(latest.consumer.events.FETCH, () => void (fetched = true));
      await waitUntil(() => latest.partitions().length === 2 && fetched, 'the latest-group consumer to join and fetch');
      await member({ name: 'earliest', groupId: earliestGroup, topic, fromBeginning: true, log }, client);
      const fresh = await produceNumbered(ownProducer, topic, 'fresh', 2, 2);

      const values = (name: string) => log.deliveries.filter((d) => d.member === name).map((d) => d.value);
      await collectUntil(log.deliveries, () => values('earliest').length >= 12, 'the earliest group re-reading all 12');
      expect(values('earliest').sort()).toEqual([...first, ...unread, ...fresh].sort());
      // Had the old commit (3,3) survived instead of -1, the 4 unread ones would come first.
      expect((await deliveriesBeforeMarkers(log, 'latest', topic, 2, ownProducer)).map((d) => `${d.partition}:${d.offset}`)).toEqual(['0:5', '1:5']);
      expect(values('latest').filter((v) => !v.startsWith('marker'))).toEqual(expect.arrayContaining(fresh));
    } finally {
      await stopAll(members);
      members = [];
      await Promise.all(clients.map((c) => c.disconnect().catch(() => undefined)));
      await own?.close();
      dir.remove();
    }
  });
});
