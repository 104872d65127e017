// Group-API requests for wire-level tests: one GroupWire per connection (a
// parked JoinGroup blocks its connection, so each member gets its own), built
// with the codec's request encoder and read with its response decoder.
import { expect } from 'vitest';
import { decodeResponseFrame, encodeRequestFrame } from '../../../src/broker/protocol/index.js';
import type { Logger } from '../../../src/broker/ports.js';
import { startTestBroker, type TestBroker } from './helpers.js';
import { RawClient } from './raw-client.js';

export const MEMBER_ID_REQUIRED = 79;
export const CLIENT_ID = 'group-apis';
export const TOPIC = 'ga-topic';
export const OTHER_TOPIC = 'ga-other';

/** A ConsumerProtocolSubscription v0: version, topics, null user data. */
export function subscription(...topics: string[]): Buffer {
  const parts = [Buffer.from([0, 0]), Buffer.alloc(4)];
  parts[1]!.writeInt32BE(topics.length);
  for (const topic of topics) {
    const length = Buffer.alloc(2);
    length.writeInt16BE(Buffer.byteLength(topic));
    parts.push(length, Buffer.from(topic));
  }
  parts.push(Buffer.from([0xff, 0xff, 0xff, 0xff]));
  return Buffer.concat(parts);
}

export interface JoinOptions {
  groupId: string;
  memberId?: string;
  /** group.instance.id (v5+): a static member. */
  groupInstanceId?: string | null;
  protocolType?: string;
  protocols?: { name: string; metadata: Buffer }[];
  sessionTimeoutMs?: number;
}

export interface FetchedOffset {
  topic: string;
  partition: number;
  offset: bigint;
  leaderEpoch: number | undefined;
  metadata: string | null;
  errorCode: number;
}

export class GroupWire {
  private correlationId = 1;

  private constructor(readonly raw: RawClient) {}

  static async open(port: number): Promise<GroupWire> {
    return new GroupWire(await RawClient.connect(port));
  }

  async call(apiKey: number, version: number, body: unknown): Promise<any> {
    const correlationId = this.correlationId++;
    this.raw.send(Buffer.concat(encodeRequestFrame(apiKey, version, correlationId, CLIENT_ID, body)));
    const answer = decodeResponseFrame(apiKey, version, await this.raw.nextResponse(10_000));
    expect(answer.correlationId).toBe(correlationId);
    return answer.body;
  }

  join(version: number, options: JoinOptions): Promise<any> {
    return this.call(11, version, {
      groupId: options.groupId,
      sessionTimeoutMs: options.sessionTimeoutMs ?? 10_000,
      rebalanceTimeoutMs: version >= 1 ? 10_000 : undefined,
      memberId: options.memberId ?? '',
      groupInstanceId: options.groupInstanceId ?? null,
      protocolType: options.protocolType ?? 'consumer',
      protocols: options.protocols ?? [{ name: 'range', metadata: subscription('ga-topic') }],
    });
  }

  /** JoinGroup, answering MEMBER_ID_REQUIRED (v4+) with the issued id as a client does. */
  async joinFully(version: number, options: JoinOptions): Promise<any> {
    const first = await this.join(version, options);
    if (first.errorCode !== MEMBER_ID_REQUIRED) return first;
    return this.join(version, { ...options, memberId: first.memberId });
  }

  /** SyncGroup; from v5 it names the protocol the client expects (consumer/range unless given). */
  sync(
    version: number,
    groupId: string,
    generationId: number,
    memberId: string,
    assignments: { memberId: string; assignment: Buffer }[] = [],
    protocol: { protocolType: string | null; protocolName: string | null } = { protocolType: 'consumer', protocolName: 'range' },
  ): Promise<any> {
    const body: Record<string, unknown> = { groupId, generationId, memberId, groupInstanceId: null, assignments };
    if (version >= 5) Object.assign(body, protocol);
    return this.call(14, version, body);
  }

  heartbeat(version: number, groupId: string, generationId: number, memberId: string, groupInstanceId: string | null = null): Promise<any> {
    return this.call(12, version, { groupId, generationId, memberId, groupInstanceId });
  }

  leave(version: number, groupId: string, memberId: string): Promise<any> {
    return this.call(13, version, version >= 3 ? { groupId, members: [{ memberId, groupInstanceId: null }] } : { groupId, memberId });
  }

  /** OffsetCommit; answers the error codes as "topic:partition" -> code. */
  async commit(
    version: number,
    groupId: string,
    member: { generationId: number; memberId: string },
    offsets: { topic: string; partition: number; offset: bigint; metadata?: string | null; leaderEpoch?: number }[],
  ): Promise<Record<string, number>> {
    const topics = [...new Set(offsets.map((o) => o.topic))].map((name) => ({
      name,
      partitions: offsets
        .filter((o) => o.topic === name)
        .map((o) => ({ partitionIndex: o.partition, committedOffset: o.offset, committedMetadata: o.metadata ?? '', committedLeaderEpoch: version >= 6 ? (o.leaderEpoch ?? -1) : undefined })),
    }));
    const body: Record<string, unknown> = { groupId, topics };
    if (version >= 1) Object.assign(body, { generationIdOrMemberEpoch: member.generationId, memberId: member.memberId });
    const answer = await this.call(8, version, body);
    const codes: Record<string, number> = {};
    for (const topic of answer.topics) for (const p of topic.partitions) codes[`${topic.name}:${p.partitionIndex}`] = p.errorCode;
    return codes;
  }

  /** OffsetFetch for one group in the version's own shape; null topics = everything committed (v2+). */
  async fetchOffsets(version: number, groupId: string, topics: { name: string; partitionIndexes: number[] }[] | null): Promise<{ errorCode: number | undefined; offsets: FetchedOffset[] }> {
    const flatten = (answerTopics: any[]): FetchedOffset[] =>
      answerTopics.flatMap((topic) =>
        topic.partitions.map((p: any) => ({ topic: topic.name, partition: p.partitionIndex, offset: p.committedOffset, leaderEpoch: p.committedLeaderEpoch, metadata: p.metadata, errorCode: p.errorCode })),
      );
    if (version >= 8) {
      const answer = await this.call(9, version, { groups: [{ groupId, topics }], requireStable: false });
      expect(answer.groups).toHaveLength(1);
      expect(answer.groups[0].groupId).toBe(groupId);
      return { errorCode: answer.groups[0].errorCode, offsets: flatten(answer.groups[0].topics) };
    }
    const answer = await this.call(9, version, { groupId, topics });
    return { errorCode: answer.errorCode, offsets: flatten(answer.topics) };
  }

  close(): void {
    this.raw.close();
  }
}

export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
export const offsetsOf = (fetched: FetchedOffset[]) => fetched.map((o) => [o.topic, o.partition, o.offset, o.metadata]);

/** One member through join and sync; answers its identity. */
export async function stableMember(wire: GroupWire, groupId: string, joinVersion = 9, protocols?: { name: string; metadata: Buffer }[], protocolType?: string) {
  const joined = await wire.joinFully(joinVersion, { groupId, protocols, protocolType });
  expect(joined.errorCode).toBe(0);
  const synced = await wire.sync(4, groupId, joined.generationId, joined.memberId, [{ memberId: joined.memberId, assignment: Buffer.from('a') }]);
  expect(synced.errorCode).toBe(0);
  return { memberId: joined.memberId as string, generationId: joined.generationId as number };
}

export interface GroupTestBroker {
  readonly broker: TestBroker;
  /** A connection for admin-style requests that never park. */
  readonly admin: GroupWire;
  /** A new connection, closed by stop(). */
  connection(): Promise<GroupWire>;
  stop(): Promise<void>;
}

/** A broker with no initial rebalance delay and the two 2-partition topics these tests use. */
export async function startGroupTestBroker(logger?: Logger): Promise<GroupTestBroker> {
  const broker = await startTestBroker({ config: { 'num.partitions': '2', 'group.initial.rebalance.delay.ms': '0' }, logger });
  const opened: GroupWire[] = [];
  const connection = async () => {
    const wire = await GroupWire.open(broker.port);
    opened.push(wire);
    return wire;
  };
  const admin = await connection();
  const created = await admin.call(19, 5, {
    topics: [TOPIC, OTHER_TOPIC].map((name) => ({ name, numPartitions: 2, replicationFactor: 1, assignments: [], configs: [] })),
    timeoutMs: 5000,
    validateOnly: false,
  });
  expect(created.topics.map((t: { errorCode: number }) => t.errorCode)).toEqual([0, 0]);
  return {
    broker,
    admin,
    connection,
    stop: async () => {
      for (const wire of opened) wire.close();
      await broker.stop();
    },
  };
}
