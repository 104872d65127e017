// kcat 1.7.1's balanced consumer (-G, librdkafka 2.0.2) against the real
// broker, in the four experiments a person tries first with consumer groups:
// publish/subscribe across groups, a queue shared by the members of one group,
// a group catching up on what it missed (also across a broker restart), and a
// new group starting at the latest or the earliest offset. The queue also
// runs with librdkafka's cooperative-sticky assignor, whose incremental
// two-round rebalances move only the partitions that change owner, and with a
// member killed outright, which the broker evicts after its session timeout.
//
// What kcat does, and these tests rely on: with -G, -e exits once every
// assigned partition is at its end; SIGTERM (and SIGINT) stop it cleanly:
// the consumer closes, which commits what it printed and leaves the group.
// Stderr says "assigned: t [0], t [1]" after each rebalance and "Reached end
// of topic t [p] at offset o" once a partition has been read to its end, so a
// test knows when a `latest` member's positions are fixed.
import type { Admin } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runOk, runProcess } from '../../support/run-process.js';
import { kafkaFor, startTestBroker, type TestBroker } from '../helpers.js';
import { expectCatchUp, expectCatchUpAcrossRestart } from './catch-up-scenarios.js';
import { killAll, startLineProcess, type LineProcess } from './line-process.js';

const KCAT = 'kcat';
const brokerConfig = { 'group.initial.rebalance.delay.ms': '100', 'num.partitions': '4' };
// Short session and heartbeat so a join or leave settles in well under a second.
const groupSettings = ['-X', 'session.timeout.ms=6000', '-X', 'heartbeat.interval.ms=500', '-X', 'fetch.wait.max.ms=100'];

interface Consumed {
  partition: number;
  offset: number;
  value: string;
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

/** Produces one message per value with kcat -P; keys `key-<value>` spread them over the partitions deterministically. */
async function produce(bootstrap: string, topic: string, values: string[]): Promise<void> {
  await runOk(KCAT, ['-P', '-b', bootstrap, '-t', topic, '-K', '\t', '-q'], { input: values.map((v) => `key-${v}\t${v}\n`).join('') });
}

function parseConsumed(lines: string[]): Consumed[] {
  return lines.filter((line) => line.length > 0).map((line) => {
    const match = /^(\d+) (\d+) (.*)$/.exec(line);
    if (!match) throw new Error(`unexpected kcat output line: ${line}`);
    return { partition: Number(match[1]), offset: Number(match[2]), value: match[3]! };
  });
}

function consumerArgs(bootstrap: string, group: string, topic: string, reset: 'earliest' | 'latest', exitAtEnd: boolean): string[] {
  return ['-b', bootstrap, '-G', group, '-X', `auto.offset.reset=${reset}`, ...groupSettings, '-u', '-f', '%p %o %s\\n', ...(exitAtEnd ? ['-e'] : []), topic];
}

/** Runs `kcat -G ... -e`: joins, reads every assigned partition to its end, commits, leaves. */
async function consumeToEnd(bootstrap: string, group: string, topic: string, reset: 'earliest' | 'latest' = 'earliest'): Promise<Consumed[]> {
  const result = await runProcess(KCAT, consumerArgs(bootstrap, group, topic, reset, true), { timeoutMs: 20_000 });
  if (result.code !== 0) throw new Error(`kcat -G ${group} exited ${result.code}\n${result.stderr}`);
  return parseConsumed(result.stdout.split('\n'));
}

function startMember(bootstrap: string, group: string, topic: string, reset: 'earliest' | 'latest', extra: string[] = []): LineProcess {
  return startLineProcess(KCAT, [...extra, ...consumerArgs(bootstrap, group, topic, reset, false)]);
}

/** Partitions of the member's latest assignment, from its stderr. */
function assignment(member: LineProcess): number[] | null {
  const line = member.stderr.filter((l) => l.includes(' assigned: ')).at(-1);
  if (line === undefined) return null;
  return [...line.split(' assigned: ')[1]!.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
}

/** Whether every partition of the latest assignment has been read to its end since. */
function atEndOfAssignment(member: LineProcess): boolean {
  const lastAssigned = member.stderr.findLastIndex((l) => l.includes(' assigned: '));
  if (lastAssigned < 0) return false;
  const ended = new Set(member.stderr.slice(lastAssigned).flatMap((l) => [...l.matchAll(/Reached end of topic .* \[(\d+)\] at offset/g)].map((m) => Number(m[1]))));
  return assignment(member)!.every((p) => ended.has(p));
}

/**
 * Partitions a cooperative member owns: the sum of its incremental
 * assignments minus its incremental revocations, in stderr order.
 */
function owned(member: LineProcess): number[] {
  const partitions = new Set<number>();
  for (const line of member.stderr) {
    const match = /incremental (assignment|revoke) of \d+ partition\(s\) .*\): ?(.*)$/.exec(line);
    if (!match) continue;
    for (const p of match[2]!.matchAll(/\[(\d+)\]/g)) {
      if (match[1] === 'assignment') partitions.add(Number(p[1]));
      else partitions.delete(Number(p[1]));
    }
  }
  return [...partitions].sort((a, b) => a - b);
}

/** Waits until the group's committed offsets reach the end of every partition of the topic. */
async function waitForCommitsAtEnd(group: string, topic: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    const behind = ends.filter((e) => committed!.partitions.find((c) => c.partition === e.partition)?.offset !== e.high);
    if (behind.length === 0) return;
    if (Date.now() > deadline) throw new Error(`commits of ${group} never reached the end: ${JSON.stringify({ ends, committed })}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const values = (consumed: Consumed[]) => consumed.map((c) => c.value).sort();

describe('kcat -G (librdkafka 2.0.2)', () => {
  it('pub/sub: group_1 and group_2 each receive every message, old and new', async () => {
    const topic = 'topic';
    await produce(broker.bootstrap, topic, ['say hello~!!!!']);
    const members = ['group_1', 'group_2'].map((group) => startMember(broker.bootstrap, group, topic, 'earliest'));
    for (const member of members) await member.waitFor((m) => parseConsumed(m.stdout).length === 1, 'the first message');

    const more = ['second message', 'third message', 'fourth message', 'fifth message'];
    await produce(broker.bootstrap, topic, more);
    for (const member of members) await member.waitFor((m) => parseConsumed(m.stdout).length >= 5, 'all five messages');
    for (const member of members) expect(await member.stop('SIGTERM')).toBe(0);

    for (const member of members) expect(values(parseConsumed(member.stdout))).toEqual(['say hello~!!!!', ...more].sort());
    // Both groups committed on close: nothing is left for either of them.
    for (const group of ['group_1', 'group_2']) expect(await consumeToEnd(broker.bootstrap, group, topic)).toEqual([]);
  });

  it('queueing: two members of one group split four partitions and see every message exactly once', async () => {
    const topic = 'queue-topic';
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] });
    const members = [startMember(broker.bootstrap, 'queue-group', topic, 'earliest'), startMember(broker.bootstrap, 'queue-group', topic, 'earliest')];
    // The first to join may hold all four partitions until the second arrives; wait for the split.
    await members[0]!.waitFor(() => members.every((m) => assignment(m)?.length === 2) && new Set(members.flatMap((m) => assignment(m)!)).size === 4, 'two partitions each');

    const sent = Array.from({ length: 40 }, (_, i) => `job-${i}`);
    await produce(broker.bootstrap, topic, sent);
    await members[0]!.waitFor(() => members.reduce((n, m) => n + parseConsumed(m.stdout).length, 0) >= sent.length, 'all 40 messages across the members');
    for (const member of members) expect(await member.stop('SIGINT')).toBe(0);

    const perMember = members.map((m) => parseConsumed(m.stdout));
    expect(values(perMember.flat())).toEqual([...sent].sort());
    for (const [i, consumed] of perMember.entries()) {
      expect(consumed.length).toBeGreaterThan(0);
      for (const c of consumed) expect(assignment(members[i]!)).toContain(c.partition);
    }
  });

  it('queueing with cooperative-sticky: the second member takes two partitions without the first stopping, and all four when the first leaves', async () => {
    const topic = 'cooperative-topic';
    const cooperative = ['-X', 'partition.assignment.strategy=cooperative-sticky'];
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] });
    const first = startMember(broker.bootstrap, 'cooperative-group', topic, 'earliest', cooperative);
    await first.waitFor((m) => owned(m).length === 4, 'the first member owning all four partitions');
    const second = startMember(broker.bootstrap, 'cooperative-group', topic, 'earliest', cooperative);
    await second.waitFor(() => owned(first).length === 2 && owned(second).length === 2, 'two partitions each');
    // Only the moved partitions were revoked: the first member never gave up the two it kept.
    expect(first.stderr.filter((l) => l.includes('incremental revoke'))).toHaveLength(1);
    expect(new Set([...owned(first), ...owned(second)]).size).toBe(4);

    const sent = Array.from({ length: 40 }, (_, i) => `job-${i}`);
    await produce(broker.bootstrap, topic, sent);
    await second.waitFor(() => parseConsumed(first.stdout).length + parseConsumed(second.stdout).length >= sent.length, 'all 40 messages across the members');
    expect(await first.stop('SIGTERM')).toBe(0);
    await second.waitFor((m) => owned(m).length === 4, 'the second member owning all four partitions');

    const later = Array.from({ length: 12 }, (_, i) => `later-${i}`);
    await produce(broker.bootstrap, topic, later);
    await second.waitFor(() => parseConsumed(first.stdout).length + parseConsumed(second.stdout).length >= sent.length + later.length, 'the later messages');
    expect(await second.stop('SIGTERM')).toBe(0);

    const all = [...parseConsumed(first.stdout), ...parseConsumed(second.stdout)];
    expect(values(all)).toEqual([...sent, ...later].sort());
    expect(parseConsumed(first.stdout).length).toBeGreaterThan(0);
    expect(values(parseConsumed(second.stdout))).toEqual(expect.arrayContaining(later));
  });

  it('a member killed without leaving is evicted after its session timeout; the survivor resumes its partitions from the committed offsets', async () => {
    const topic = 'evict-topic';
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] });
    const doomed = startMember(broker.bootstrap, 'evict-group', topic, 'earliest');
    const survivor = startMember(broker.bootstrap, 'evict-group', topic, 'earliest');
    await survivor.waitFor(() => assignment(doomed)?.length === 2 && assignment(survivor)?.length === 2, 'two partitions each');
    const doomedPartitions = assignment(doomed)!;

    const before = Array.from({ length: 40 }, (_, i) => `before-${i}`);
    await produce(broker.bootstrap, topic, before);
    await survivor.waitFor(() => parseConsumed(doomed.stdout).length + parseConsumed(survivor.stdout).length >= before.length, 'all 40 messages');
    // kcat -X sets a name on the topic config first when it is one there, and
    // auto.commit.interval.ms is (a legacy topic property), so the group keeps
    // librdkafka's 5 s auto-commit interval: wait for that commit.
    await waitForCommitsAtEnd('evict-group', topic);
    const killedAt = Date.now();
    expect(await doomed.stop('SIGKILL')).toBeNull();

    const after = Array.from({ length: 20 }, (_, i) => `after-${i}`);
    await produce(broker.bootstrap, topic, after);
    await survivor.waitFor((m) => assignment(m)?.length === 4, 'the survivor owning all four partitions', 15_000);
    // session.timeout.ms is 6 s and the last heartbeat was at most 0.5 s before the kill.
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(5_000);
    await survivor.waitFor((m) => after.every((v) => parseConsumed(m.stdout).some((c) => c.value === v)), 'the messages sent after the kill');
    expect(await survivor.stop('SIGTERM')).toBe(0);

    const all = [...parseConsumed(doomed.stdout), ...parseConsumed(survivor.stdout)];
    // Everything the killed member read was committed before the kill, so the
    // survivor starts its partitions there (not at `earliest`): nothing twice.
    expect(values(all)).toEqual([...before, ...after].sort());
    const inherited = parseConsumed(survivor.stdout).filter((c) => doomedPartitions.includes(c.partition));
    expect(inherited.filter((c) => !c.value.startsWith('after-'))).toEqual([]);
  });

  it('catch-up: a group that stopped reads exactly the five messages sent meanwhile', () => expectCatchUp({ produce, consumeToEnd }, broker.bootstrap));

  it('catch-up across a broker restart: committed offsets and messages survive, the group reads exactly the five new ones', () =>
    expectCatchUpAcrossRestart({ produce, consumeToEnd }, brokerConfig, 'kafka-lanes-kcat-restart-'));

  it('latest vs earliest: a new latest group sees only what is produced after its assignment; an earliest group sees everything', async () => {
    const topic = 'reset-topic';
    const old = ['old-1', 'old-2', 'old-3', 'old-4', 'old-5'];
    await produce(broker.bootstrap, topic, old);

    const latest = startMember(broker.bootstrap, 'latest-group', topic, 'latest');
    // Assigned and at the end of every partition: the start positions are fixed.
    await latest.waitFor(atEndOfAssignment, 'the end of every assigned partition');
    expect(assignment(latest)).toEqual([0, 1, 2, 3]);
    const fresh = ['new-1', 'new-2', 'new-3'];
    await produce(broker.bootstrap, topic, fresh);
    await latest.waitFor((m) => parseConsumed(m.stdout).length >= fresh.length, 'the three new messages');
    expect(await latest.stop('SIGTERM')).toBe(0);
    expect(values(parseConsumed(latest.stdout))).toEqual(fresh);

    expect(values(await consumeToEnd(broker.bootstrap, 'earliest-group', topic, 'earliest'))).toEqual([...old, ...fresh].sort());
  });
});
