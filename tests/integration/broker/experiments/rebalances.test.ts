// Rebalances under continuous production, with kafkajs 2.2.4 against the real
// broker: a member joining, a member leaving cleanly, and a member killed
// without a LeaveGroup (a child process, SIGKILLed) that the broker evicts when
// its session times out. Each run counts what was lost (must be nothing) and
// what was delivered twice (only the uncommitted tail of a member that lost
// its partitions, as at-least-once allows), and prints the numbers.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kafkaFor, startTestBroker, type TestBroker } from '../helpers.js';
import {
  collectUntil,
  newLog,
  startMember,
  startSteadyProducer,
  stopAll,
  tally,
  uniqueName,
  waitUntil,
  type ExperimentLog,
  type Member,
  type SteadyProducer,
} from './experiment-helpers.js';

let broker: TestBroker;
let kafka: Kafka;
let producer: Producer;
let admin: Admin;
let members: Member[] = [];
let child: ChildProcess | undefined;
let steadies: SteadyProducer[] = [];

beforeAll(async () => {
  broker = await startTestBroker({ config: { 'group.initial.rebalance.delay.ms': '0', 'group.min.session.timeout.ms': '6000' } });
  kafka = kafkaFor(broker);
  producer = kafka.producer();
  admin = kafka.admin();
  await Promise.all([producer.connect(), admin.connect()]);
});

afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await Promise.all(steadies.map((s) => s.stop().catch(() => undefined)));
  steadies = [];
  await stopAll(members);
  members = [];
});

afterAll(async () => {
  await producer?.disconnect();
  await admin?.disconnect();
  await broker?.stop();
});

async function member(name: string, groupId: string, topic: string, log: ExperimentLog, sessionTimeout = 10_000): Promise<Member> {
  const started = await startMember(kafka, { name, groupId, topic, fromBeginning: true, log, consumerConfig: { sessionTimeout } });
  members.push(started);
  return started;
}

function steadily(topic: string, partitions: number): SteadyProducer {
  const steady = startSteadyProducer(producer, topic, partitions);
  steadies.push(steady);
  return steady;
}

async function createTopic(prefix: string, numPartitions: number): Promise<string> {
  const topic = uniqueName(prefix);
  await admin.createTopics({ topics: [{ topic, numPartitions }] });
  return topic;
}

/** Waits until every sent value was delivered, then checks the tally and prints it. */
async function expectNothingLost(label: string, log: ExperimentLog, sent: string[]): Promise<ReturnType<typeof tally>> {
  await collectUntil(log.deliveries, () => tally(log, sent).lost.length === 0, `${label}: every one of ${sent.length} sent messages delivered`);
  const result = tally(log, sent);
  console.log(`${label}: sent ${sent.length}, delivered ${log.deliveries.length}, lost ${result.lost.length}, duplicates ${result.duplicates.length}, commits ${log.commits.length}`);
  expect(result.lost).toEqual([]);
  expect(result.unexplained).toEqual([]);
  return result;
}

describe('rebalances under continuous production (kafkajs)', () => {
  it('a third member joining a two-member group gets a share of the partitions and nothing is lost', async () => {
    const topic = await createTopic('join', 6);
    const groupId = uniqueName('join-group');
    const log = newLog();
    const a = await member('a', groupId, topic, log);
    const b = await member('b', groupId, topic, log);
    await waitUntil(() => a.partitions().length === 3 && b.partitions().length === 3, 'a 3/3 split between a and b');

    const steady = steadily(topic, 6);
    await waitUntil(() => a.values().length > 10 && b.values().length > 10, 'a and b consuming');
    const ownerBefore = new Map([...a.partitions().map((p) => [p, 'a'] as const), ...b.partitions().map((p) => [p, 'b'] as const)]);
    const joinedAt = Date.now();
    const c = await member('c', groupId, topic, log);
    await waitUntil(() => [a, b, c].every((m) => m.partitions().length === 2), 'a 2/2/2 split after c joined');
    const rebalanceMs = Date.now() - joinedAt;
    expect([...a.partitions(), ...b.partitions(), ...c.partitions()].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    await waitUntil(() => c.values().length > 10, 'c consuming');
    const sent = await steady.stop();

    const result = await expectNothingLost('join', log, sent);
    console.log(`join: 2 -> 3 members rebalanced in ${rebalanceMs} ms`);
    // Only partitions that changed hands may repeat anything (the round-robin assignor also moves some between a and b).
    const ownerAfter = new Map([a, b, c].flatMap((m) => m.partitions().map((p) => [p, m.name] as const)));
    const moved = [0, 1, 2, 3, 4, 5].filter((p) => ownerBefore.get(p) !== ownerAfter.get(p));
    console.log(`join: partitions that changed owner: ${moved.join(',')}`);
    for (const d of result.duplicates) expect(moved).toContain(d.partition);
  });

  it('a member that leaves cleanly hands its partitions over at once, long before its session timeout', async () => {
    const topic = await createTopic('leave', 4);
    const groupId = uniqueName('leave-group');
    const log = newLog();
    const sessionTimeout = 30_000;
    const a = await member('a', groupId, topic, log, sessionTimeout);
    const b = await member('b', groupId, topic, log, sessionTimeout);
    await waitUntil(() => a.partitions().length === 2 && b.partitions().length === 2, 'a 2/2 split');

    const steady = steadily(topic, 4);
    await waitUntil(() => a.values().length > 10 && b.values().length > 10, 'a and b consuming');
    const bPartitions = b.partitions();
    const leftAt = Date.now();
    await b.consumer.disconnect();
    await waitUntil(() => a.partitions().length === 4, 'a to own all 4 partitions after b left', 10_000);
    const handOverMs = Date.now() - leftAt;
    expect(handOverMs).toBeLessThan(5_000);
    const described = await admin.describeGroups([groupId]);
    expect(described.groups[0]!.members).toHaveLength(1);
    const before = a.values().length;
    await waitUntil(() => a.values().length > before + 10, 'a consuming b\'s partitions');
    const sent = await steady.stop();

    const result = await expectNothingLost('leave', log, sent);
    console.log(`leave: partitions moved ${handOverMs} ms after b's LeaveGroup (session timeout ${sessionTimeout} ms)`);
    for (const d of result.duplicates) expect(bPartitions).toContain(d.partition);
  });

  it.each([{ first: 'survivor' }, { first: 'child' }])(
    'a member killed without LeaveGroup is evicted after its session timeout and the survivor takes over its partitions (the $first joined first and leads)',
    async ({ first }) => {
      const topic = await createTopic('killed', 4);
      const groupId = uniqueName('killed-group');
      const sessionTimeout = 6_000;
      const log = newLog();
      // The child commits only every 3 s, so it dies holding an uncommitted tail that the survivor must read again.
      let killed: ReturnType<typeof spawnKillableMember> | undefined;
      if (first === 'child') {
        killed = spawnKillableMember(topic, groupId, sessionTimeout, 3_000, log);
        await waitUntil(() => killed!.partitions().length === 4, 'the child to join alone');
      }
      const survivor = await member('survivor', groupId, topic, log, sessionTimeout);
      if (first === 'survivor') {
        await waitUntil(() => survivor.partitions().length === 4, 'the survivor to join alone');
        killed = spawnKillableMember(topic, groupId, sessionTimeout, 3_000, log);
      }
      await waitUntil(() => survivor.partitions().length === 2 && killed!.partitions().length === 2, 'a 2/2 split with the child');
      expect(survivor.isLeader()).toBe(first === 'survivor');
      const killedPartitions = killed!.partitions();

      const steady = steadily(topic, 4);
      await waitUntil(() => log.commits.some((c) => c.member === 'killed' && c.offset > 0n), 'the child consuming and committing', 10_000);
      await waitUntil(() => uncommittedTail(log, 'killed', killedPartitions) >= 10, 'the child reading 10 messages past its last commit');
      child!.kill('SIGKILL');
      const killedAt = Date.now();
      // The broker keeps the silent member until its session runs out: the connection closing is no LeaveGroup.
      const justAfter = await admin.describeGroups([groupId]);
      expect(justAfter.groups[0]!.members).toHaveLength(2);

      await waitUntil(() => survivor.partitions().length === 4, 'the survivor to own all 4 partitions', sessionTimeout + 10_000);
      const evictedMs = Date.now() - killedAt;
      expect(evictedMs).toBeGreaterThan(sessionTimeout - 1_500);
      expect(evictedMs).toBeLessThan(sessionTimeout + 5_000);
      const described = await admin.describeGroups([groupId]);
      expect(described.groups[0]!.members).toHaveLength(1);
      expect(survivor.isLeader()).toBe(true);
      const before = survivor.values().length;
      await waitUntil(() => survivor.values().length > before + 10, 'the survivor consuming the rest');
      const sent = await steady.stop();

      const result = await expectNothingLost(`kill (${first} first)`, log, sent);
      // Explicit bound: per partition the child owned, no more than what it read past its last commit.
      const bound = uncommittedTail(log, 'killed', killedPartitions);
      console.log(`kill (${first} first): evicted and reassigned ${evictedMs} ms after SIGKILL (session timeout ${sessionTimeout} ms); duplicates ${result.duplicates.length} (bound ${bound})`);
      expect(result.duplicates.length).toBeGreaterThan(0);
      expect(result.duplicates.length).toBeLessThanOrEqual(bound);
      for (const d of result.duplicates) expect(killedPartitions).toContain(d.partition);
    },
  );
});

/** How many messages the member read on the partitions past its last reported commit. */
function uncommittedTail(log: ExperimentLog, member: string, partitions: number[]): number {
  return partitions.reduce((sum, p) => {
    const lastRead = log.deliveries.filter((d) => d.member === member && d.partition === p).reduce((max, d) => (d.offset > max ? d.offset : max), -1n);
    const lastCommit = log.commits.filter((c) => c.member === member && c.partition === p).reduce((max, c) => (c.offset > max ? c.offset : max), 0n);
    return sum + Math.max(0, Number(lastRead + 1n - lastCommit));
  }, 0);
}

/** Starts killable-member.mjs as a child process and records its reports in the log under the member name "killed". */
function spawnKillableMember(topic: string, groupId: string, sessionTimeout: number, commitEveryMs: number, log: ExperimentLog): { partitions(): number[] } {
  const script = fileURLToPath(new URL('./killable-member.mjs', import.meta.url));
  child = spawn(process.execPath, [script, broker.bootstrap, topic, groupId, String(sessionTimeout), String(commitEveryMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let partitions: number[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  child.on('exit', (code, signal) => {
    if (signal !== 'SIGKILL') console.error(`killable member exited early (code ${code}): ${stderr}`);
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const report = JSON.parse(line) as { type: string; partitions?: number[]; partition?: number; offset?: string; value?: string; error?: string };
    if (report.type === 'join') partitions = [...report.partitions!].sort((a, b) => a - b);
    if (report.type === 'message') {
      log.deliveries.push({ member: 'killed', partition: report.partition!, offset: BigInt(report.offset!), value: report.value! });
    }
    if (report.type === 'commit') log.commits.push({ member: 'killed', partition: report.partition!, offset: BigInt(report.offset!) });
    if (report.type === 'crash' || report.type === 'commit-failed') console.error(`killable member ${report.type}: ${report.error}`);
  });
  return { partitions: () => partitions };
}
