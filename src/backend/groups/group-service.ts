// Consumer groups on any connection: list with total lag, describe with
// per-partition lag and owners, previewable offset resets, delete. Resets and
// deletes go through the registry's write gate (read-only profiles refuse
// them) and are refused while the group has members, as Kafka's tool does.
import type { ConnectionRegistry } from '../connections/connection-registry.js';
import { ErrorCode, fail } from '../errors.js';
import type { GroupDescription, KafkaClient } from '../kafka/client.js';
import { requirePartitions, requireTopic } from '../topics/topic-service.js';
import type { z } from 'zod';
import { groupState } from '../../shared/contract/groups.js';
import { AppFailure } from '../../shared/rpc/result.js';
import { planReset, type PartitionPosition, type PlannedOffset, type ResetTarget } from './reset-plan.js';
import { mapLimited } from '../map-limited.js';

export interface GroupSummary {
  groupId: string;
  state: GroupState;
  protocolType: string;
  members: number;
  /** Σ(high − committed) over committed partitions; null when nothing is committed. */
  totalLag: bigint | null;
}

export interface PartitionOffset {
  topic: string;
  partition: number;
  committed: bigint | null;
  highWatermark: bigint | null;
  lag: bigint | null;
  member: string | null;
}

export interface GroupDetail extends GroupSummary {
  protocol: string;
  description: GroupDescription;
  offsets: PartitionOffset[];
}

export interface ResetRequest {
  connectionId: string;
  groupId: string;
  topic: string;
  /** Absent: every partition of the topic. */
  partitions?: number[];
  target: ResetTarget;
}

/** Kafka codes a coordinator answers an admin commit with while the group has members. */
const MEMBERS_PRESENT = new Set([22, 25, 27]); // ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, REBALANCE_IN_PROGRESS
const NON_EMPTY_GROUP = 68;
const GROUP_ID_NOT_FOUND = 69;
const GROUP_CONCURRENCY = 8;

export type GroupState = z.infer<typeof groupState>;
const KNOWN_STATES = new Set<string>(groupState.options);
/** The coordinator's state, or Unknown for one the contract does not name. */
const normalizedState = (state: string): GroupState => (KNOWN_STATES.has(state) ? (state as GroupState) : 'Unknown');

/** `refused` says what cannot be done, e.g. "its offsets cannot be reset". */
function activeGroupError(groupId: string, members: number, refused: string): never {
  const who = members === 1 ? '1 active member' : `${members} active members`;
  fail(ErrorCode.GROUP_ACTIVE, `Group "${groupId}" has ${who}, so ${refused}. Stop its consumers (or the lanes reading with this group) first, then try again.`);
}

function isActive(group: GroupDescription): boolean {
  return group.members.length > 0 || (group.state !== 'Empty' && group.state !== 'Dead');
}

/** High watermarks of every partition per topic, fetched once per call; null for a topic that is gone. */
function highWatermarks(client: KafkaClient) {
  // All topics' metadata in one request, which never auto-creates a topic.
  let metadata: Promise<Map<string, number[]>> | undefined;
  const cache = new Map<string, Promise<Map<number, bigint> | null>>();
  return (topic: string) => {
    let pending = cache.get(topic);
    if (!pending) {
      metadata ??= client.admin.topicMetadata().then((all) => new Map(all.map((t) => [t.name, t.partitions.map((p) => p.partition)])));
      pending = metadata.then(async (topics) => {
        const partitions = topics.get(topic);
        if (!partitions) return null;
        return new Map((await client.reader.watermarks(topic, partitions)).map((w) => [w.partition, w.high]));
      });
      cache.set(topic, pending);
    }
    return pending;
  };
}

const sumLag = (offsets: { lag: bigint | null }[]): bigint | null =>
  offsets.reduce<bigint | null>((sum, o) => (o.lag === null ? sum : (sum ?? 0n) + o.lag), null);

export class GroupService {
  constructor(private readonly connections: ConnectionRegistry) {}

  async list(connectionId: string): Promise<GroupSummary[]> {
    const client = this.connections.client(connectionId);
    const highs = highWatermarks(client);
    const listed = await client.groups.list();
    return mapLimited(listed, GROUP_CONCURRENCY, async (listing): Promise<GroupSummary> => {
      const [description, committed] = await Promise.all([client.groups.describe(listing.groupId), client.groups.committedOffsets(listing.groupId)]);
      const lags = await Promise.all(
        committed.map(async (c) => {
          const high = (await highs(c.topic))?.get(c.partition);
          return { lag: high === undefined ? null : high - c.offset };
        }),
      );
      return {
        groupId: listing.groupId,
        state: normalizedState(description.state),
        protocolType: description.protocolType || listing.protocolType,
        members: description.members.length,
        totalLag: sumLag(lags),
      };
    });
  }

  async describe(connectionId: string, groupId: string): Promise<GroupDetail> {
    const client = this.connections.client(connectionId);
    const [description, committed] = await Promise.all([client.groups.describe(groupId), client.groups.committedOffsets(groupId)]);
    if (description.state === 'Dead' && committed.length === 0) fail(ErrorCode.GROUP_NOT_FOUND, `Consumer group "${groupId}" does not exist.`);

    const owner = new Map<string, string>();
    for (const member of description.members) {
      for (const a of member.assignment) for (const p of a.partitions) owner.set(`${a.topic}\u0000${p}`, member.memberId);
    }
    const topics = new Set<string>(committed.map((c) => c.topic));
    for (const member of description.members) {
      for (const topic of member.subscription) topics.add(topic);
      for (const a of member.assignment) topics.add(a.topic);
    }
    const highs = highWatermarks(client);
    const committedAt = new Map(committed.map((c) => [`${c.topic}\u0000${c.partition}`, c.offset]));
    const offsets: PartitionOffset[] = [];
    for (const topic of [...topics].sort()) {
      const marks = await highs(topic);
      // Every partition of a live topic; only the committed ones of a deleted topic.
      const partitions = marks ? [...marks.keys()] : committed.filter((c) => c.topic === topic).map((c) => c.partition);
      for (const partition of partitions.sort((a, b) => a - b)) {
        const key = `${topic}\u0000${partition}`;
        const at = committedAt.get(key) ?? null;
        const high = marks?.get(partition) ?? null;
        offsets.push({ topic, partition, committed: at, highWatermark: high, lag: at === null || high === null ? null : high - at, member: owner.get(key) ?? null });
      }
    }
    return {
      groupId,
      state: normalizedState(description.state),
      protocolType: description.protocolType,
      protocol: description.protocol,
      members: description.members.length,
      totalLag: sumLag(offsets),
      description,
      offsets,
    };
  }

  /** What a reset would do; nothing is written. */
  async previewReset(request: ResetRequest): Promise<PlannedOffset[]> {
    return this.plan(this.connections.client(request.connectionId), request);
  }

  async reset(request: ResetRequest): Promise<PlannedOffset[]> {
    const client = this.connections.clientForWrite(request.connectionId, 'resetting group offsets');
    const plan = await this.plan(client, request);
    try {
      await client.groups.commitOffsets(request.groupId, request.topic, plan.map((p) => ({ partition: p.partition, offset: p.after })));
    } catch (error) {
      // A member joined between the check and the commit.
      if (error instanceof AppFailure && MEMBERS_PRESENT.has(error.error.kafkaCode ?? 0)) {
        activeGroupError(request.groupId, (await client.groups.describe(request.groupId)).members.length, 'its offsets cannot be reset');
      }
      throw error;
    }
    return plan;
  }

  async delete(connectionId: string, groupId: string): Promise<void> {
    const client = this.connections.clientForWrite(connectionId, 'deleting a consumer group');
    try {
      await client.groups.delete(groupId);
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error;
      if (error.error.kafkaCode === GROUP_ID_NOT_FOUND) fail(ErrorCode.GROUP_NOT_FOUND, `Consumer group "${groupId}" does not exist.`);
      if (error.error.kafkaCode === NON_EMPTY_GROUP) activeGroupError(groupId, (await client.groups.describe(groupId)).members.length, 'it cannot be deleted');
      throw error;
    }
  }

  private async plan(client: KafkaClient, request: ResetRequest): Promise<PlannedOffset[]> {
    const group = await client.groups.describe(request.groupId);
    if (isActive(group)) activeGroupError(request.groupId, group.members.length, 'its offsets cannot be reset');
    const chosen = requirePartitions(await requireTopic(client, request.topic), request.partitions);

    const [marks, committed, atTimestamp] = await Promise.all([
      client.reader.watermarks(request.topic, chosen),
      client.groups.committedOffsets(request.groupId),
      request.target.to === 'timestamp' ? client.reader.offsetsForTimestamp(request.topic, request.target.timestamp, chosen) : Promise.resolve(null),
    ]);
    const byPartition = new Map(marks.map((w) => [w.partition, w]));
    const committedAt = new Map(committed.filter((c) => c.topic === request.topic).map((c) => [c.partition, c.offset]));
    const positions = chosen.map(
      (partition): PartitionPosition => ({
        partition,
        low: byPartition.get(partition)?.low ?? 0n,
        high: byPartition.get(partition)?.high ?? 0n,
        committed: committedAt.get(partition) ?? null,
        ...(atTimestamp ? { atTimestamp: atTimestamp.get(partition) ?? null } : {}),
      }),
    );
    return planReset(request.target, request.topic, positions);
  }
}
