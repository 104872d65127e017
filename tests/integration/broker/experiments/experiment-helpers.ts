// Shared pieces for the kafkajs consumer-group experiments: waiting on a
// condition with a deadline, group members that record every delivery, commit
// and assignment, a steady producer, and the at-least-once bookkeeping (what was
// lost, what was delivered twice, and whether each duplicate is one that
// at-least-once allows).
import type { Consumer, ConsumerConfig, Kafka, Producer } from 'kafkajs';

let nameCounter = 0;

/** A topic or group name no other test in the run uses. */
export function uniqueName(prefix: string): string {
  nameCounter += 1;
  return `${prefix}-${process.pid}-${nameCounter}`;
}

/** Polls until the condition holds; fails with `what` once the deadline passes. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Returns the collection once the predicate accepts it, or fails at the deadline saying what was collected. */
export async function collectUntil<T>(items: T[], predicate: (items: T[]) => boolean, what: string, timeoutMs = 15_000): Promise<T[]> {
  try {
    await waitUntil(() => predicate(items), what, timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}; collected ${items.length}: ${JSON.stringify(items.slice(0, 20))}`);
  }
  return items;
}

export interface Delivery {
  member: string;
  partition: number;
  offset: bigint;
  value: string;
}

/** A commit as the client made it: `offset` is the next offset to read. */
export interface Commit {
  member: string;
  partition: number;
  offset: bigint;
}

export interface ExperimentLog {
  deliveries: Delivery[];
  commits: Commit[];
}

export function newLog(): ExperimentLog {
  return { deliveries: [], commits: [] };
}

export interface Member {
  readonly name: string;
  readonly consumer: Consumer;
  /** Partitions of the latest assignment for the topic (empty before the first join). */
  partitions(): number[];
  /** How many joins (generations) this member has seen. */
  joins(): number;
  /** The member id the coordinator gave at the latest join ("" before it). */
  memberId(): string;
  /** Whether the coordinator made this member the leader at its latest join. */
  isLeader(): boolean;
  /** Values this member was given. */
  values(): string[];
}

export interface MemberOptions {
  name: string;
  groupId: string;
  topic: string;
  fromBeginning: boolean;
  log: ExperimentLog;
  consumerConfig?: Partial<ConsumerConfig>;
  autoCommitInterval?: number;
}

/**
 * Connects a consumer, subscribes it and runs it, recording deliveries and
 * commits in the shared log. Consumers use a short fetch wait so heartbeats and
 * disconnects are not held up by a long poll.
 */
export async function startMember(kafka: Kafka, options: MemberOptions): Promise<Member> {
  const consumer = kafka.consumer({ groupId: options.groupId, sessionTimeout: 10_000, heartbeatInterval: 500, maxWaitTimeInMs: 100, ...options.consumerConfig });
  let assigned: number[] = [];
  let joins = 0;
  let memberId = '';
  let isLeader = false;
  const mine: string[] = [];
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    joins += 1;
    memberId = event.payload.memberId;
    isLeader = event.payload.isLeader;
    assigned = [...(event.payload.memberAssignment[options.topic] ?? [])].sort((a, b) => a - b);
  });
  consumer.on(consumer.events.COMMIT_OFFSETS, (event) => {
    for (const topic of event.payload.topics) {
      if (topic.topic !== options.topic) continue;
      for (const p of topic.partitions) options.log.commits.push({ member: options.name, partition: Number(p.partition), offset: BigInt(p.offset) });
    }
  });
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: options.fromBeginning });
  await consumer.run({
    autoCommitInterval: options.autoCommitInterval ?? 200,
    eachMessage: async ({ partition, message }) => {
      const value = message.value!.toString();
      mine.push(value);
      options.log.deliveries.push({ member: options.name, partition, offset: BigInt(message.offset), value });
    },
  });
  return { name: options.name, consumer, partitions: () => assigned, joins: () => joins, memberId: () => memberId, isLeader: () => isLeader, values: () => mine };
}

/** Sends `count` values `${prefix}-${i}`, spread over the partitions in turn. */
export async function produceNumbered(producer: Producer, topic: string, prefix: string, count: number, partitions = 1): Promise<string[]> {
  const values = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  await producer.send({ topic, messages: values.map((value, i) => ({ value, partition: i % partitions })) });
  return values;
}

export interface SteadyProducer {
  sent(): string[];
  /** Stops sending and returns every value that was acknowledged. */
  stop(): Promise<string[]>;
}

/** Sends one small batch (one message per partition) every `intervalMs` until stopped. */
export function startSteadyProducer(producer: Producer, topic: string, partitions: number, intervalMs = 20): SteadyProducer {
  const sent: string[] = [];
  let running = true;
  let round = 0;
  let failure: unknown;
  const loop = (async () => {
    while (running) {
      const values = Array.from({ length: partitions }, (_, p) => `steady-${round}-${p}`);
      try {
        await producer.send({ topic, messages: values.map((value, p) => ({ value, partition: p })) });
      } catch (error) {
        failure = error;
        return;
      }
      sent.push(...values);
      round += 1;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    sent: () => sent,
    stop: async () => {
      running = false;
      await loop;
      if (failure !== undefined) throw new Error(`steady producer failed after ${sent.length} messages: ${String(failure)}`);
      return sent;
    },
  };
}

export interface Duplicate {
  partition: number;
  offset: bigint;
  members: string[];
}

export interface Tally {
  lost: string[];
  duplicates: Duplicate[];
  /** Duplicates that at-least-once does not explain (see `tally`). */
  unexplained: Duplicate[];
}

/**
 * Compares deliveries with what was sent. A duplicate is explained when it was
 * first given to a member that then lost the partition, at or after that
 * member's last commit for the partition: the new owner starts from the
 * committed offset, so only the uncommitted tail may be read twice.
 */
export function tally(log: ExperimentLog, sent: string[]): Tally {
  const delivered = new Set(log.deliveries.map((d) => d.value));
  const lost = sent.filter((value) => !delivered.has(value));
  const byPosition = new Map<string, Delivery[]>();
  for (const d of log.deliveries) {
    const key = `${d.partition}:${d.offset}`;
    byPosition.set(key, [...(byPosition.get(key) ?? []), d]);
  }
  const duplicates: Duplicate[] = [];
  const unexplained: Duplicate[] = [];
  for (const copies of byPosition.values()) {
    if (copies.length < 2) continue;
    const { partition, offset } = copies[0]!;
    const duplicate = { partition, offset, members: copies.map((c) => c.member) };
    duplicates.push(duplicate);
    const first = copies[0]!.member;
    const lastCommit = log.commits.filter((c) => c.member === first && c.partition === partition).reduce((max, c) => (c.offset > max ? c.offset : max), -1n);
    const handedOver = copies.slice(1).some((c) => c.member !== first);
    if (copies.length > 2 || !handedOver || offset < lastCommit) unexplained.push(duplicate);
  }
  return { lost, duplicates, unexplained };
}

export async function stopAll(members: Array<{ consumer: Consumer } | undefined>): Promise<void> {
  await Promise.all(members.map((m) => m?.consumer.disconnect().catch(() => undefined)));
}
