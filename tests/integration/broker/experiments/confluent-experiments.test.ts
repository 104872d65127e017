// confluent-kafka 1.7.0 (librdkafka 2.0.2) group consumers against the real
// broker, in the four first experiments with consumer groups: publish/subscribe
// across groups, a queue shared by two member processes, catching up after a
// clean stop (also across a broker restart), and latest vs earliest for a new
// group; and static membership (group.instance.id) across a member restart.
// Then what confluent-kafka 1.7 can do to a group from outside:
// list_groups (ListGroups + DescribeGroups), committed offsets (OffsetFetch),
// and commits from a consumer that never joins (how an admin moves offsets),
// refused while the group has members. Last, librdkafka 2.0.2's own group
// admin calls (List/DescribeConsumerGroups, List/Alter/DeleteConsumerGroupOffsets,
// DeleteGroups), reached through ctypes because confluent-kafka 1.7 does not
// wrap them yet.
//
// The consumer script prints one JSON event per line (assigned, revoked, eof,
// message, closed) and closes cleanly on SIGTERM: auto-commit then commits
// what it consumed and the member leaves the group.
import { resolve } from 'node:path';
import type { Admin } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runOk } from '../../support/run-process.js';
import { kafkaFor, startTestBroker, type TestBroker } from '../helpers.js';
import { expectCatchUp, expectCatchUpAcrossRestart } from './catch-up-scenarios.js';
import { killAll, startLineProcess, type LineProcess } from './line-process.js';

const PYTHON = '/usr/bin/python3';
const scripts = resolve(import.meta.dirname, '..', 'python');
const brokerConfig = { 'group.initial.rebalance.delay.ms': '100', 'num.partitions': '4' };

type ConsumerEvent =
  | { event: 'assigned' | 'revoked'; partitions: number[] }
  | { event: 'eof'; partition: number; offset: number }
  | { event: 'message'; partition: number; offset: number; value: string }
  | { event: 'closed'; reason: string };
type Message = Extract<ConsumerEvent, { event: 'message' }>;

/** A group as confluent_group_admin.py lists it. */
interface ListedGroup {
  id: string;
  error: string | null;
  state: string;
  protocol_type: string;
  protocol: string;
  members: { client_id: string; assignment: Record<string, number[]> }[];
}

let broker: TestBroker;
let admin: Admin;

beforeAll(async () => {
  broker = await startTestBroker({ config: brokerConfig });
  admin = kafkaFor(broker).admin();
  await admin.connect();
});

afterEach(() => killAll());

afterAll(async () => {
  await admin?.disconnect();
  await broker?.stop();
});

async function python<T>(script: string, args: string[], input?: string): Promise<T> {
  return JSON.parse(await runOk(PYTHON, [resolve(scripts, script), ...args], { input, timeoutMs: 20_000 })) as T;
}

interface Delivered {
  partition: number;
  offset: number;
  value: string;
}

async function produce(bootstrap: string, topic: string, values: string[]): Promise<Delivered[]> {
  const report = await python<{ delivered: Delivered[] }>('confluent_group_produce.py', [bootstrap, topic], values.join('\n') + '\n');
  expect(report.delivered).toHaveLength(values.length);
  return report.delivered;
}

function events(lines: string[]): ConsumerEvent[] {
  return lines.filter((line) => line.length > 0).map((line) => JSON.parse(line) as ConsumerEvent);
}

const messages = (lines: string[]): Message[] => events(lines).filter((e): e is Message => e.event === 'message');
const values = (consumed: Message[]) => consumed.map((m) => m.value).sort();

function consumerArgs(bootstrap: string, group: string, topic: string, reset: 'earliest' | 'latest', extra: string[]): string[] {
  return [resolve(scripts, 'confluent_group_consume.py'), bootstrap, group, topic, reset, ...extra];
}

/** Joins, reads every assigned partition to its end, closes (commit + leave); returns the messages. */
async function consumeToEnd(bootstrap: string, group: string, topic: string, reset: 'earliest' | 'latest' = 'earliest'): Promise<Message[]> {
  const lines = (await runOk(PYTHON, consumerArgs(bootstrap, group, topic, reset, ['--exit-at-eof']), { timeoutMs: 20_000 })).split('\n');
  expect(events(lines).at(-1)).toEqual({ event: 'closed', reason: 'eof' });
  return messages(lines);
}

function startMember(bootstrap: string, group: string, topic: string, reset: 'earliest' | 'latest', extra: string[] = []): LineProcess {
  return startLineProcess(PYTHON, consumerArgs(bootstrap, group, topic, reset, extra));
}

/** Partitions of the member's latest assignment. */
function assignment(member: LineProcess): number[] | null {
  const last = events(member.stdout).findLast((e) => e.event === 'assigned');
  return last && 'partitions' in last ? last.partitions : null;
}

/** Whether every partition of the latest assignment has been read to its end since. */
function atEndOfAssignment(member: LineProcess): boolean {
  const all = events(member.stdout);
  const lastAssigned = all.findLastIndex((e) => e.event === 'assigned');
  if (lastAssigned < 0) return false;
  const ended = new Set(all.slice(lastAssigned).flatMap((e) => (e.event === 'eof' ? [e.partition] : [])));
  return assignment(member)!.every((p) => ended.has(p));
}

/** Stops the member with SIGTERM and checks it closed cleanly. */
async function stop(member: LineProcess): Promise<void> {
  expect(await member.stop('SIGTERM')).toBe(0);
  expect(events(member.stdout).at(-1)).toEqual({ event: 'closed', reason: 'signal' });
}

describe('confluent-kafka 1.7.0 group consumers (librdkafka 2.0.2)', () => {
  it('pub/sub: group_1 and group_2 each receive every message, old and new', async () => {
    const topic = 'topic';
    await produce(broker.bootstrap, topic, ['say hello~!!!!']);
    const members = ['group_1', 'group_2'].map((group) => startMember(broker.bootstrap, group, topic, 'earliest'));
    for (const member of members) await member.waitFor((m) => messages(m.stdout).length === 1, 'the first message');

    const more = ['second message', 'third message', 'fourth message', 'fifth message'];
    await produce(broker.bootstrap, topic, more);
    for (const member of members) await member.waitFor((m) => messages(m.stdout).length >= 5, 'all five messages');
    for (const member of members) await stop(member);

    for (const member of members) expect(values(messages(member.stdout))).toEqual(['say hello~!!!!', ...more].sort());
    for (const group of ['group_1', 'group_2']) expect(await consumeToEnd(broker.bootstrap, group, topic)).toEqual([]);
  });

  it('queueing: two member processes get two partitions each and every message exactly once', async () => {
    const topic = 'queue-topic';
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] });
    const members = [startMember(broker.bootstrap, 'queue-group', topic, 'earliest'), startMember(broker.bootstrap, 'queue-group', topic, 'earliest')];
    await members[0]!.waitFor(() => members.every((m) => assignment(m)?.length === 2) && new Set(members.flatMap((m) => assignment(m)!)).size === 4, 'two partitions each');

    const sent = Array.from({ length: 40 }, (_, i) => `job-${i}`);
    await produce(broker.bootstrap, topic, sent);
    await members[0]!.waitFor(() => members.reduce((n, m) => n + messages(m.stdout).length, 0) >= sent.length, 'all 40 messages across the members');
    for (const member of members) await stop(member);

    const perMember = members.map((m) => messages(m.stdout));
    expect(values(perMember.flat())).toEqual([...sent].sort());
    for (const [i, consumed] of perMember.entries()) {
      expect(consumed.length).toBeGreaterThan(0);
      for (const m of consumed) expect(assignment(members[i]!)).toContain(m.partition);
    }
  });

  it('static membership: a member restarted with its group.instance.id within the session gets its partitions back with no rebalance', async () => {
    const topic = 'static-topic';
    const group = 'static-group';
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] });
    const first = startMember(broker.bootstrap, group, topic, 'earliest', ['--instance-id', 'instance-a']);
    const other = startMember(broker.bootstrap, group, topic, 'earliest', ['--instance-id', 'instance-b']);
    await first.waitFor(() => assignment(first)?.length === 2 && assignment(other)?.length === 2, 'two partitions each');
    const firstPartitions = assignment(first);
    await stop(first);

    // A static member leaves no LeaveGroup behind: it stays in the group, its partitions unread, until it returns.
    const listed = await python<{ groups: ListedGroup[] }>('confluent_group_admin.py', ['list', broker.bootstrap, group]);
    expect(listed.groups[0]).toMatchObject({ state: 'Stable' });
    expect(listed.groups[0]!.members).toHaveLength(2);
    const sent = Array.from({ length: 20 }, (_, i) => `static-${i}`);
    await produce(broker.bootstrap, topic, sent);
    await other.waitFor(() => messages(other.stdout).length > 0, 'the other member reading its own partitions');

    const returned = startMember(broker.bootstrap, group, topic, 'earliest', ['--instance-id', 'instance-a']);
    await returned.waitFor(() => messages(returned.stdout).length + messages(other.stdout).length >= sent.length, 'all 20 messages');
    expect(assignment(returned)).toEqual(firstPartitions);
    for (const member of [returned, other]) await stop(member);
    expect(events(other.stdout).filter((e) => e.event === 'assigned')).toHaveLength(1);
    expect(values([...messages(returned.stdout), ...messages(other.stdout)])).toEqual([...sent].sort());
    for (const m of messages(returned.stdout)) expect(firstPartitions).toContain(m.partition);
  });

  it('catch-up: a group that stopped reads exactly the five messages sent meanwhile', () => expectCatchUp({ produce, consumeToEnd }, broker.bootstrap));

  it('catch-up across a broker restart: committed offsets and messages survive, the group reads exactly the five new ones', () =>
    expectCatchUpAcrossRestart({ produce, consumeToEnd }, brokerConfig, 'kafka-lanes-confluent-restart-'));

  it('latest vs earliest: a new latest group sees only what is produced after its assignment; an earliest group sees everything', async () => {
    const topic = 'reset-topic';
    const old = ['old-1', 'old-2', 'old-3', 'old-4', 'old-5'];
    await produce(broker.bootstrap, topic, old);

    const latest = startMember(broker.bootstrap, 'latest-group', topic, 'latest');
    await latest.waitFor(atEndOfAssignment, 'the end of every assigned partition');
    expect(assignment(latest)).toEqual([0, 1, 2, 3]);
    const fresh = ['new-1', 'new-2', 'new-3'];
    await produce(broker.bootstrap, topic, fresh);
    await latest.waitFor((m) => messages(m.stdout).length >= fresh.length, 'the three new messages');
    await stop(latest);
    expect(values(messages(latest.stdout))).toEqual(fresh);

    expect(values(await consumeToEnd(broker.bootstrap, 'earliest-group', topic, 'earliest'))).toEqual([...old, ...fresh].sort());
  });
});

const listGroups = async () => (await python<{ groups: ListedGroup[] }>('confluent_group_admin.py', ['list', broker.bootstrap])).groups;
const committed = async (group: string, topic: string) =>
  (await python<{ offsets: Record<string, number | string> }>('confluent_group_admin.py', ['committed', broker.bootstrap, group, topic, '4'])).offsets;
const commitFromOutside = (group: string, topic: string, ...offsets: string[]) =>
  python<{ committed?: Record<string, number | string>; error?: string }>('confluent_group_admin.py', ['commit', broker.bootstrap, group, topic, ...offsets]);

describe('confluent-kafka 1.7.0 from outside the group', () => {
  it('lists a running group with its members and refuses outside commits; once Empty, an outside commit moves the group and it can be deleted', async () => {
    const topic = 'admin-topic';
    const group = 'admin-group';
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] });
    const delivered = await produce(broker.bootstrap, topic, Array.from({ length: 12 }, (_, i) => `m-${i}`));
    const ends = Object.fromEntries([0, 1, 2, 3].map((p) => [String(p), delivered.filter((d) => d.partition === p).length]));
    expect(Object.values(ends).filter((n) => n > 0).length).toBeGreaterThan(1);

    expect(await committed(group, topic)).toEqual({ 0: -1001, 1: -1001, 2: -1001, 3: -1001 });
    const members = [startMember(broker.bootstrap, group, topic, 'earliest'), startMember(broker.bootstrap, group, topic, 'earliest')];
    await members[0]!.waitFor(() => members.every((m) => assignment(m)?.length === 2) && members.reduce((n, m) => n + messages(m.stdout).length, 0) >= 12, 'a split and all 12 messages');

    const running = (await listGroups()).find((g) => g.id === group);
    expect(running).toMatchObject({ error: null, state: 'Stable', protocol_type: 'consumer', protocol: 'range' });
    expect(running!.members.map((m) => m.assignment[topic]).sort()).toEqual([[0, 1], [2, 3]]);
    // A commit without a member id and generation is for Empty groups only.
    expect(await commitFromOutside(group, topic, '0=0')).toEqual({ error: 'UNKNOWN_MEMBER_ID' });
    await expect(admin.deleteGroups([group])).rejects.toMatchObject({ groups: [expect.objectContaining({ groupId: group, errorCode: 68 })] });

    for (const member of members) await stop(member);
    expect(await committed(group, topic)).toEqual(Object.fromEntries(Object.entries(ends).map(([p, n]) => [p, n === 0 ? -1001 : n])));
    expect((await listGroups()).find((g) => g.id === group)).toMatchObject({ state: 'Empty', members: [] });

    // Rewind partition 0 from outside: the group reads it again, and only it.
    expect(await commitFromOutside(group, topic, '0=0')).toEqual({ committed: { 0: 0 } });
    expect((await committed(group, topic))['0']).toBe(0);
    const reread = await consumeToEnd(broker.bootstrap, group, topic);
    expect(values(reread)).toEqual(values(delivered.filter((d) => d.partition === 0) as Message[]));

    expect(await admin.deleteGroups([group])).toEqual([expect.objectContaining({ groupId: group, errorCode: 0 })]);
    expect((await listGroups()).map((g) => g.id)).not.toContain(group);
    expect(await committed(group, topic)).toEqual({ 0: -1001, 1: -1001, 2: -1001, 3: -1001 });
  });
});

interface OffsetsAnswer {
  group: string;
  error: string | null;
  partitions: { topic: string; partition: number; offset: number; error: string | null }[];
}

const librdkafkaAdmin = <T>(...args: string[]) => python<T>('confluent_group_librdkafka_admin.py', [broker.bootstrap, ...args]);
const offsetsOf = (answer: OffsetsAnswer) => Object.fromEntries(answer.partitions.map((p) => [p.partition, p.error ?? p.offset]));

describe('librdkafka 2.0.2 group admin calls (through ctypes: confluent-kafka 1.7 has no bindings for them)', () => {
  it('describes a running group, refuses to alter, delete offsets of, or delete it; once Empty, alters, deletes offsets and deletes it', async () => {
    const topic = 'rdkafka-admin-topic';
    const group = 'rdkafka-admin-group';
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] });
    const delivered = await produce(broker.bootstrap, topic, Array.from({ length: 12 }, (_, i) => `m-${i}`));
    const ends = Object.fromEntries([0, 1, 2, 3].map((p) => [p, delivered.filter((d) => d.partition === p).length]).filter(([, n]) => n !== 0));

    const members = [startMember(broker.bootstrap, group, topic, 'earliest'), startMember(broker.bootstrap, group, topic, 'earliest')];
    await members[0]!.waitFor(() => members.every((m) => assignment(m)?.length === 2) && members.reduce((n, m) => n + messages(m.stdout).length, 0) >= 12, 'a split and all 12 messages');
    expect((await librdkafkaAdmin<{ groups: unknown[] }>('list')).groups).toContainEqual({ group, simple: false, state: 'Stable' });
    const [running] = (await librdkafkaAdmin<{ groups: unknown[] }>('describe', group)).groups;
    expect(running).toEqual({
      group, error: null, simple: false, assignor: 'range', state: 'Stable',
      members: [{ client_id: 'rdkafka', assignment: [[topic, 0], [topic, 1]] }, { client_id: 'rdkafka', assignment: [[topic, 2], [topic, 3]] }],
    });
    // Kafka refuses a memberless commit per partition while the group has members.
    expect(await librdkafkaAdmin('alter', group, topic, '0=0')).toEqual({ group, error: null, partitions: [{ topic, partition: 0, offset: 0, error: 'UNKNOWN_MEMBER_ID' }] });
    expect(await librdkafkaAdmin('delete-offsets', group, topic, '0')).toMatchObject({ partitions: [{ partition: 0, error: 'GROUP_SUBSCRIBED_TO_TOPIC' }] });
    expect(await librdkafkaAdmin('delete', group)).toEqual({ groups: [{ group, error: 'NON_EMPTY_GROUP' }] });

    for (const member of members) await stop(member);
    expect(offsetsOf(await librdkafkaAdmin<OffsetsAnswer>('offsets', group))).toEqual(ends);
    expect((await librdkafkaAdmin<{ groups: unknown[] }>('describe', group)).groups).toEqual([{ group, error: null, simple: false, assignor: '', state: 'Empty', members: [] }]);

    expect(await librdkafkaAdmin('alter', group, topic, '0=0', '1=1')).toEqual({ group, error: null, partitions: [
      { topic, partition: 0, offset: 0, error: null }, { topic, partition: 1, offset: 1, error: null }] });
    expect(offsetsOf(await librdkafkaAdmin<OffsetsAnswer>('offsets', group))).toEqual({ ...ends, 0: 0, 1: 1 });
    expect(await librdkafkaAdmin('delete-offsets', group, topic, '1')).toMatchObject({ group, error: null, partitions: [{ partition: 1, error: null }] });
    expect(offsetsOf(await librdkafkaAdmin<OffsetsAnswer>('offsets', group))).toEqual({ ...ends, 0: 0, 1: undefined });

    expect(await librdkafkaAdmin('delete', group, 'never-a-group')).toEqual({ groups: [{ group, error: null }, { group: 'never-a-group', error: 'GROUP_ID_NOT_FOUND' }] });
    expect((await librdkafkaAdmin<{ groups: { group: string }[] }>('list')).groups.map((g) => g.group)).not.toContain(group);
    expect((await librdkafkaAdmin<OffsetsAnswer>('offsets', group)).partitions).toEqual([]);
  });
});
