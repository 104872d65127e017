// The consumer-group experiments of issue 3 with kafka-python 2.0.2's
// subscribe API (KafkaConsumer(group_id=...)) as separate processes against the
// real broker: pub/sub across two groups, queueing within one group, catching
// up from committed offsets (also across a broker restart), 'latest' versus
// 'earliest' for a new group, KafkaAdminClient's group calls, and a member whose
// assignors the group does not share. kafka-python sends the old versions:
// FindCoordinator v0, JoinGroup v2, SyncGroup v1, Heartbeat v1, LeaveGroup v1,
// OffsetCommit v2, OffsetFetch v1 (the consumer) and ListGroups v2,
// DescribeGroups v3, OffsetFetch v3 (the admin client).
// The consumer script is python/kafka_python_group_consume.py: it prints JSON
// lines and stops after N messages, on an idle timeout or when its stdin closes.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import type { Admin, Producer } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runOk } from '../../support/run-process.js';
import { kafkaFor, makeTempDir, startTestBroker, type TestBroker } from '../helpers.js';

// The Debian package of kafka-python is installed for the system Python only.
const PYTHON = '/usr/bin/python3';
const scripts = resolve(import.meta.dirname, '../python');

interface AssignedEvent { event: 'assigned'; partitions: number[]; positions: Record<string, number> }
interface MessageEvent { event: 'message'; topic: string; partition: number; offset: number; value: string | null }
interface ErrorEvent { event: 'error'; error: string; message: string }
interface ClosedEvent { event: 'closed'; reason: string; api_version: number[]; positions: Record<string, number>; end_offsets: Record<string, number>; sent: Record<string, number> }
type MemberEvent = AssignedEvent | MessageEvent | ErrorEvent | ClosedEvent | { event: 'revoked'; partitions: number[] };

interface MemberSpec {
  bootstrap: string;
  topics: string[];
  group_id: string;
  auto_offset_reset: 'earliest' | 'latest';
  enable_auto_commit: boolean;
  max_messages?: number;
  idle_ms?: number;
  client_id?: string;
}

const running = new Set<ChildProcessWithoutNullStreams>();

/** One kafka-python group member process and the events it has printed so far. */
class PythonMember {
  readonly events: MemberEvent[] = [];
  private stderr = '';
  private exitCode: number | null | undefined = undefined;
  private readonly child: ChildProcessWithoutNullStreams;

  constructor(readonly name: string, spec: MemberSpec) {
    this.child = spawn(PYTHON, [resolve(scripts, 'kafka_python_group_consume.py'), JSON.stringify({ idle_ms: 20_000, ...spec })]);
    running.add(this.child);
    let pending = '';
    this.child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop()!;
      for (const line of lines) if (line.trim()) this.events.push(JSON.parse(line) as MemberEvent);
    });
    this.child.stderr.on('data', (chunk: Buffer) => void (this.stderr += chunk.toString('utf8')));
    this.child.on('close', (code) => {
      running.delete(this.child);
      this.exitCode = code;
    });
  }

  messages(): MessageEvent[] {
    return this.events.filter((e): e is MessageEvent => e.event === 'message');
  }

  assignments(): AssignedEvent[] {
    return this.events.filter((e): e is AssignedEvent => e.event === 'assigned');
  }

  closed(): ClosedEvent {
    const closed = this.events.find((e): e is ClosedEvent => e.event === 'closed');
    if (!closed) throw new Error(`${this.name} printed no closed event\n${this.stderr}`);
    return closed;
  }

  /** Polls the printed events until the condition holds; fails early if the process exits first. */
  async until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (this.exitCode !== undefined) throw new Error(`${this.name} exited (${this.exitCode}) before ${what}\n${JSON.stringify(this.events)}\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`${this.name}: timed out waiting for ${what}\n${JSON.stringify(this.events)}\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Waits for the process to end by itself (N messages, an error) and returns its exit code. */
  async exit(timeoutMs = 20_000): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.exitCode === undefined) {
      if (Date.now() > deadline) throw new Error(`${this.name} did not exit within ${timeoutMs} ms\n${JSON.stringify(this.events)}\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.exitCode;
  }

  /** Closes its stdin, which makes the script commit, leave the group and exit. */
  async stop(): Promise<number | null> {
    this.child.stdin.end();
    return this.exit();
  }
}

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

/** Starts a member and waits until it reports its resolved assignment. */
async function joined(name: string, spec: MemberSpec): Promise<PythonMember> {
  const member = new PythonMember(name, spec);
  await member.until(() => member.assignments().length > 0, 'an assignment');
  return member;
}

const positionsOf = (messages: MessageEvent[]) => messages.map((m) => `${m.partition}:${m.offset}`);
const valuesOf = (messages: MessageEvent[]) => messages.map((m) => m.value).sort();

/** The consumer read everything up to the log end and nothing was left. */
function expectCaughtUp(member: PythonMember): void {
  const closed = member.closed();
  expect(closed.positions).toEqual(closed.end_offsets);
}

async function runAdmin<T>(bootstrap: string, groups: string[]): Promise<T> {
  return JSON.parse(await runOk(PYTHON, [resolve(scripts, 'kafka_python_group_admin.py'), bootstrap, ...groups], { timeoutMs: 20_000 })) as T;
}

describe('kafka-python group experiments', () => {
  let broker: TestBroker;
  let producer: Producer;
  let admin: Admin;

  beforeAll(async () => {
    broker = await startTestBroker({ config: { 'auto.create.topics.enable': 'false' } });
    producer = kafkaFor(broker).producer();
    admin = kafkaFor(broker).admin();
    await Promise.all([producer.connect(), admin.connect()]);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await admin?.disconnect();
    await broker?.stop();
  });

  const member = (group: string, topic: string, extra: Partial<MemberSpec> = {}): MemberSpec => ({
    bootstrap: broker.bootstrap,
    topics: [topic],
    group_id: group,
    auto_offset_reset: 'earliest',
    enable_auto_commit: false,
    ...extra,
  });

  it('pub/sub: group_1 and group_2 each receive every message of topic', async () => {
    await admin.createTopics({ topics: [{ topic: 'topic', numPartitions: 2 }] });
    const values = ['say hello~!!!!', 'second', 'third', 'fourth', 'fifth'];
    const [one, two] = await Promise.all([
      joined('group_1', member('group_1', 'topic', { max_messages: values.length })),
      joined('group_2', member('group_2', 'topic', { max_messages: values.length })),
    ]);
    await producer.send({ topic: 'topic', messages: values.map((value, i) => ({ value, partition: i % 2 })) });

    expect(await one.exit()).toBe(0);
    expect(await two.exit()).toBe(0);
    for (const group of [one, two]) {
      expect(group.assignments().at(-1)!.partitions).toEqual([0, 1]);
      expect(valuesOf(group.messages())).toEqual([...values].sort());
      expect(new Set(positionsOf(group.messages())).size).toBe(values.length);
      expectCaughtUp(group);
    }
    // Both read the same stored records.
    expect(positionsOf(one.messages()).sort()).toEqual(positionsOf(two.messages()).sort());
    const committed = await admin.fetchOffsets({ groupId: 'group_1', topics: ['topic'] });
    expect(committed[0]!.partitions.map((p) => p.offset).sort()).toEqual(['2', '3']);
    // The broker version kafka-python infers from our ApiVersions answer, and
    // the group versions its consumer then uses (the same for any broker >= 0.11).
    expect(one.closed().api_version).toEqual([2, 4, 0]);
    expect(one.closed().sent).toMatchObject({
      'GroupCoordinatorRequest v0': expect.any(Number),
      'JoinGroupRequest v2': 1,
      'SyncGroupRequest v1': 1,
      'OffsetFetchRequest v1': expect.any(Number),
      'OffsetCommitRequest v2': expect.any(Number),
      'LeaveGroupRequest v1': 1,
    });
  });

  it('queueing: two members of one group split a 4-partition topic and read every message once', async () => {
    const topic = 'work';
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] });
    const first = await joined('first', member('workers', topic, { client_id: 'worker-a' }));
    expect(first.assignments()[0]!.partitions).toEqual([0, 1, 2, 3]);
    const second = await joined('second', member('workers', topic, { client_id: 'worker-b' }));
    // The first member learns of the rebalance from its heartbeat and rejoins.
    await first.until(() => first.assignments().at(-1)!.partitions.length === 2, 'its share after the rebalance');
    const a = first.assignments().at(-1)!.partitions;
    const b = second.assignments().at(-1)!.partitions;
    expect(b).toHaveLength(2);
    expect([...a, ...b].sort()).toEqual([0, 1, 2, 3]);

    // KafkaAdminClient sees the two members and their shares while the group is Stable.
    const report = await runAdmin<AdminReport>(broker.bootstrap, ['workers']);
    const [described] = report.describe;
    expect(described).toMatchObject({ error_code: 0, group: 'workers', state: 'Stable', protocol_type: 'consumer', protocol: 'range' });
    expect(described!.members.map((m) => [m.client_id, m.subscription, m.assignment])).toEqual([
      ['worker-a', [topic], { [topic]: a }],
      ['worker-b', [topic], { [topic]: b }],
    ]);
    expect(report.list).toContainEqual(['workers', 'consumer']);

    const count = 40;
    await producer.send({ topic, messages: Array.from({ length: count }, (_, i) => ({ value: `job-${i}`, partition: i % 4 })) });
    const total = () => first.messages().length + second.messages().length;
    await first.until(() => total() >= count, `${count} messages between the two members`);
    expect(await first.stop()).toBe(0);
    // Its LeaveGroup v1 rebalances at once: the other member takes all four
    // well before the 6 s session timeout would have evicted the leaver.
    const left = Date.now();
    await second.until(() => second.assignments().at(-1)!.partitions.length === 4, 'all partitions after the other left', 4000);
    console.info(`kafka-python queueing: the remaining member had all partitions ${Date.now() - left} ms after the other left`);
    // ...starting where the leaver committed on its way out, so nothing is read twice.
    expect(second.assignments().at(-1)!.positions).toEqual({ 0: 10, 1: 10, 2: 10, 3: 10 });
    expect(await second.stop()).toBe(0);

    const all = [...first.messages(), ...second.messages()];
    expect(all).toHaveLength(count);
    expect(new Set(positionsOf(all)).size).toBe(count);
    expect(valuesOf(all)).toEqual(Array.from({ length: count }, (_, i) => `job-${i}`).sort());
    expect(first.messages().length).toBe(20);
    expect(second.messages().length).toBe(20);
    expect(new Set(first.messages().map((m) => m.partition))).toEqual(new Set(a));
    expect(new Set(second.messages().map((m) => m.partition))).toEqual(new Set(b));
    // Each committed what it read on the way out.
    const offsets = await runAdmin<AdminReport>(broker.bootstrap, ['workers', 'no-such-group']);
    expect(offsets.offsets.workers).toEqual({ [`${topic}:0`]: [10, ''], [`${topic}:1`]: [10, ''], [`${topic}:2`]: [10, ''], [`${topic}:3`]: [10, ''] });
    expect(offsets.describe[0]).toMatchObject({ state: 'Empty', members: [] });
    // As Kafka before DescribeGroups v6: an unknown group is Dead, without an error.
    expect(offsets.describe[1]).toMatchObject({ error_code: 0, group: 'no-such-group', state: 'Dead', members: [] });
    expect(offsets.offsets['no-such-group']).toEqual({});
    // The highest versions both sides know, from the broker's ApiVersions answer.
    expect(offsets.sent).toMatchObject({ 'ListGroupsRequest v2': 1, 'DescribeGroupsRequest v3': 2, 'OffsetFetchRequest v3': 2 });
    // The first member rejoined because a v1 heartbeat told it to.
    expect(first.closed().sent['HeartbeatRequest v1']).toBeGreaterThan(0);
    expect(first.closed().sent['JoinGroupRequest v2']).toBe(2);
  });

  it('latest: a new group sees only what is produced after its assignment; earliest sees everything', async () => {
    const topic = 'history';
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    await producer.send({ topic, messages: ['old-0', 'old-1', 'old-2'].map((value, i) => ({ value, partition: i % 2 })) });

    const late = await joined('latest', member('latest-group', topic, { auto_offset_reset: 'latest', max_messages: 2 }));
    expect(late.assignments()[0]).toMatchObject({ partitions: [0, 1], positions: { 0: 2, 1: 1 } });
    await producer.send({ topic, messages: ['new-0', 'new-1'].map((value, i) => ({ value, partition: i % 2 })) });
    expect(await late.exit()).toBe(0);
    expect(valuesOf(late.messages())).toEqual(['new-0', 'new-1']);
    expectCaughtUp(late);

    const early = new PythonMember('earliest', member('earliest-group', topic, { auto_offset_reset: 'earliest', max_messages: 5 }));
    expect(await early.exit()).toBe(0);
    expect(early.assignments()[0]).toMatchObject({ partitions: [0, 1], positions: { 0: 0, 1: 0 } });
    expect(valuesOf(early.messages())).toEqual(['new-0', 'new-1', 'old-0', 'old-1', 'old-2']);
    expectCaughtUp(early);
  });

  it('refuses a kafka-python member whose assignors the group does not share, and keeps its offsets', async () => {
    const topic = 'mixed';
    const groupId = 'mixed-group';
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
    await producer.send({ topic, messages: [{ value: 'a' }, { value: 'b' }] });

    // kafkajs's default assigner, protocol name RoundRobinAssigner; kafka-python offers range and roundrobin.
    const kafkajs = kafkaFor(broker).consumer({ groupId, sessionTimeout: 6000, heartbeatInterval: 1000, maxWaitTimeInMs: 100 });
    try {
      await kafkajs.connect();
      await kafkajs.subscribe({ topic, fromBeginning: true });
      const seen: string[] = [];
      await kafkajs.run({ autoCommit: false, eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
      const deadline = Date.now() + 15_000;
      while (seen.length < 2) {
        if (Date.now() > deadline) throw new Error(`kafkajs member read ${JSON.stringify(seen)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      // A commit short of the end, so a commit by anyone else would show.
      await kafkajs.commitOffsets([{ topic, partition: 0, offset: '1' }]);

      const outsider = new PythonMember('outsider', member(groupId, topic, { max_messages: 1 }));
      expect(await outsider.exit()).toBe(3);
      expect(outsider.events.find((e) => e.event === 'error')).toMatchObject({ error: 'InconsistentGroupProtocolError' });
      // Refused at JoinGroup: it never synced, fetched offsets or committed.
      const sent = outsider.closed().sent;
      expect(sent['JoinGroupRequest v2']).toBeGreaterThan(0);
      expect(Object.keys(sent).filter((name) => /^(SyncGroup|OffsetFetch|OffsetCommit)/.test(name))).toEqual([]);

      const described = await admin.describeGroups([groupId]);
      expect(described.groups[0]).toMatchObject({ state: 'Stable', protocol: 'RoundRobinAssigner' });
      expect(described.groups[0]!.members.map((m) => m.clientId)).toEqual(['kafka-lanes-tests']);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(committed!.partitions).toEqual([{ partition: 0, offset: '1', metadata: null }]);
    } finally {
      await kafkajs.disconnect();
    }
  });
});

describe('kafka-python catch-up from committed offsets', () => {
  const cases = [
    { restart: false, autoCommit: false },
    { restart: false, autoCommit: true },
    { restart: true, autoCommit: false },
    { restart: true, autoCommit: true },
  ];
  it.each(cases)('broker restart $restart, auto-commit $autoCommit: the member comes back to exactly the 5 messages sent while it was away', async ({ restart, autoCommit }) => {
    const dir = makeTempDir();
    let broker = await startTestBroker({ dataDir: dir.path });
    const topic = 'catch-up';
    const spec = (bootstrap: string, max: number): MemberSpec => ({
      bootstrap,
      topics: [topic],
      group_id: 'catch-up-group',
      // A lost commit would start over from the beginning and read the old messages.
      auto_offset_reset: 'earliest',
      enable_auto_commit: autoCommit,
      max_messages: max,
    });
    try {
      const kafka = kafkaFor(broker);
      const admin = kafka.admin();
      const producer = kafka.producer();
      await Promise.all([admin.connect(), producer.connect()]);
      await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
      await producer.send({ topic, messages: Array.from({ length: 3 }, (_, i) => ({ value: `before-${i}`, partition: i % 2 })) });

      // Stops after 3 messages: commits them (itself, or close() when auto-commit is on) and leaves.
      const first = new PythonMember('first run', spec(broker.bootstrap, 3));
      expect(await first.exit()).toBe(0);
      expect(valuesOf(first.messages())).toEqual(['before-0', 'before-1', 'before-2']);
      expectCaughtUp(first);
      const [committed] = await admin.fetchOffsets({ groupId: 'catch-up-group', topics: [topic] });
      expect(committed!.partitions.map((p) => [p.partition, p.offset]).sort()).toEqual([[0, '2'], [1, '1']]);

      const after = Array.from({ length: 5 }, (_, i) => `after-${i}`);
      await producer.send({ topic, messages: after.map((value, i) => ({ value, partition: i % 2 })) });
      await Promise.all([admin.disconnect(), producer.disconnect()]);
      if (restart) {
        await broker.close();
        broker = await startTestBroker({ dataDir: dir.path });
      }

      const second = new PythonMember('second run', spec(broker.bootstrap, 5));
      expect(await second.exit()).toBe(0);
      expect(second.assignments()[0]).toMatchObject({ partitions: [0, 1], positions: { 0: 2, 1: 1 } });
      expect(valuesOf(second.messages())).toEqual(after);
      expect(positionsOf(second.messages()).sort()).toEqual(['0:2', '0:3', '0:4', '1:1', '1:2']);
      expectCaughtUp(second);
    } finally {
      await broker.close();
      dir.remove();
    }
  });
});

interface AdminReport {
  list: [string, string][];
  describe: { error_code: number; group: string; state: string; protocol_type: string; protocol: string; members: { client_id: string; subscription: string[] | null; assignment: Record<string, number[]> | null }[] }[];
  offsets: Record<string, Record<string, [number, string]>>;
  sent: Record<string, number>;
}
