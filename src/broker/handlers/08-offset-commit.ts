// OffsetCommit (key 8), versions 0-9.
//
// Behaviour (protocol.md §4.5):
// - The group coordinator first decides whether this caller may commit at all
//   (unknown member, stale generation, rebalance in progress...); a refusal
//   applies to every partition in the request.
// - Then per partition: an unknown topic or partition gets
//   UNKNOWN_TOPIC_OR_PARTITION; the store answers OFFSET_METADATA_TOO_LARGE.
// - Offsets are stored exactly as sent: Kafka does not range-check them, so
//   -1 and -2 are kept literally.
// - If the store cannot write, every partition being committed gets
//   UNKNOWN_SERVER_ERROR and the failure is logged; earlier commits stand.
//
// Version notes:
// - v0 has no generation or member id, so it is an admin ("simple consumer")
//   commit with generation -1. v1 adds generation, member id and a
//   per-partition commit timestamp (ignored: Kafka 2.1+ stamps commits itself).
// - v2-4 carry retention_time_ms, which Kafka ignores since 2.1 and so do we.
// - v6+ carry committed_leader_epoch, v7+ group_instance_id, v8+ are flexible;
//   v9 only differs for the new consumer protocol, which we do not speak.
import { ErrorCode } from '../protocol/error-codes.js';
import type { OffsetCommitRequest, OffsetCommitResponse, OffsetCommitResponseTopic } from '../protocol/index.js';
import { key as partitionKey } from '../coordinator/offset-log-records.js';
import type { OffsetCommitEntry } from '../coordinator/offset-store.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

const FIRST_VERSION_WITH_MEMBER = 1;

/** Per-partition answers, filled in request order. */
function answerAll(request: OffsetCommitRequest, errorFor: (topic: string, partition: number) => number): OffsetCommitResponseTopic[] {
  return request.topics.map((topic) => ({
    name: topic.name,
    partitions: topic.partitions.map((partition) => ({ partitionIndex: partition.partitionIndex, errorCode: errorFor(topic.name, partition.partitionIndex) })),
  }));
}

function commitEntries(request: OffsetCommitRequest, core: BrokerCore): { entries: OffsetCommitEntry[]; unknown: Set<string> } {
  const entries: OffsetCommitEntry[] = [];
  const unknown = new Set<string>();
  for (const topic of request.topics) {
    for (const partition of topic.partitions) {
      if (!core.logs.partition(topic.name, partition.partitionIndex)) {
        unknown.add(partitionKey(topic.name, partition.partitionIndex));
        continue;
      }
      entries.push({
        topic: topic.name,
        partition: partition.partitionIndex,
        offset: partition.committedOffset,
        leaderEpoch: partition.committedLeaderEpoch ?? -1,
        metadata: partition.committedMetadata ?? '',
      });
    }
  }
  return { entries, unknown };
}

export const offsetCommitHandler: ApiHandler<OffsetCommitRequest, OffsetCommitResponse, BrokerCore> = {
  apiKey: 8,
  name: 'OffsetCommit',
  minVersion: 0,
  maxVersion: 9,
  async handle(request: OffsetCommitRequest, ctx: RequestContext<BrokerCore>): Promise<OffsetCommitResponse> {
    const { apiVersion, core } = ctx;
    const withMember = apiVersion >= FIRST_VERSION_WITH_MEMBER;
    const refusal = await core.groups.validateCommit({
      groupId: request.groupId,
      generationId: withMember ? (request.generationIdOrMemberEpoch ?? -1) : -1,
      memberId: withMember ? (request.memberId ?? '') : '',
      groupInstanceId: request.groupInstanceId ?? null,
    });
    if (refusal !== ErrorCode.NONE) return { throttleTimeMs: 0, topics: answerAll(request, () => refusal) };

    const { entries, unknown } = commitEntries(request, core);
    const stored = new Map<string, number>();
    try {
      const codes = entries.length === 0 ? [] : core.offsets.commit(request.groupId, entries);
      entries.forEach((entry, index) => stored.set(partitionKey(entry.topic, entry.partition), codes[index] ?? ErrorCode.NONE));
    } catch (error) {
      core.logger.error('could not store committed offsets', { groupId: request.groupId, error: (error as Error).message });
      for (const entry of entries) stored.set(partitionKey(entry.topic, entry.partition), ErrorCode.UNKNOWN_SERVER_ERROR);
    }
    const topics = answerAll(request, (topic, partition) => {
      const k = partitionKey(topic, partition);
      return unknown.has(k) ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : (stored.get(k) ?? ErrorCode.NONE);
    });
    return { throttleTimeMs: 0, topics };
  },
};
