// OffsetFetch (key 9), versions 1-9.
//
// Behaviour (protocol.md §4.6):
// - A partition with no commit, including in a group that does not exist,
//   answers offset -1, leader epoch -1, metadata "" and no error; the client
//   then applies its own auto.offset.reset.
// - A null topic list (v2+) means every partition the group has committed.
// - A single node never loads or moves groups, so the errors are always 0.
//
// Version notes:
// - v0 read ZooKeeper-stored offsets in Kafka, a different store; it is not
//   offered (Kafka 4.0 drops it too).
// - v2 adds the top-level error_code and the null topic list; v3
//   throttle_time_ms; v5 committed_leader_epoch; v6 is the first flexible
//   version; v7 require_stable (nothing is ever unstable without transactions).
// - v8 batches groups: the request and response move into a groups array.
//   v9 adds member id / epoch for the new consumer protocol, ignored here.
import { ErrorCode } from '../protocol/error-codes.js';
import type { CommittedOffset } from '../coordinator/offset-store.js';
import type { OffsetFetchRequest, OffsetFetchResponse, OffsetFetchResponsePartitions } from '../protocol/index.js';
import type { ApiHandler, BrokerCore } from './types.js';

const FIRST_BATCHED_VERSION = 8;
const FIRST_VERSION_WITH_ERROR_CODE = 2;

interface WantedTopic {
  name: string;
  partitionIndexes: number[];
}

/** Committed offsets of one group, grouped by topic in first-seen order. */
function fetchGroup(core: BrokerCore, groupId: string, topics: readonly WantedTopic[] | null): { name: string; partitions: OffsetFetchResponsePartitions[] }[] {
  const wanted = topics === null ? null : topics.map((topic) => ({ topic: topic.name, partitions: topic.partitionIndexes }));
  const byTopic = new Map<string, OffsetFetchResponsePartitions[]>();
  for (const topic of topics ?? []) byTopic.set(topic.name, []); // keeps the request's topic order
  for (const committed of core.offsets.fetch(groupId, wanted)) {
    const partitions = byTopic.get(committed.topic) ?? [];
    partitions.push(toPartition(committed));
    byTopic.set(committed.topic, partitions);
  }
  return [...byTopic].filter(([, partitions]) => partitions.length > 0).map(([name, partitions]) => ({ name, partitions }));
}

function toPartition(committed: CommittedOffset): OffsetFetchResponsePartitions {
  return {
    partitionIndex: committed.partition,
    committedOffset: committed.offset,
    committedLeaderEpoch: committed.leaderEpoch,
    metadata: committed.metadata,
    errorCode: ErrorCode.NONE,
  };
}

export const offsetFetchHandler: ApiHandler<OffsetFetchRequest, OffsetFetchResponse, BrokerCore> = {
  apiKey: 9,
  name: 'OffsetFetch',
  minVersion: 1,
  maxVersion: 9,
  handle(request: OffsetFetchRequest, { apiVersion, core }): OffsetFetchResponse {
    if (apiVersion >= FIRST_BATCHED_VERSION) {
      const groups = (request.groups ?? []).map((group) => ({
        groupId: group.groupId,
        topics: fetchGroup(core, group.groupId, group.topics),
        errorCode: ErrorCode.NONE,
      }));
      return { throttleTimeMs: 0, groups };
    }
    // committed_leader_epoch (v5+) is ignorable, so older versions simply omit it.
    const topics = fetchGroup(core, request.groupId ?? '', request.topics ?? null);
    const response: OffsetFetchResponse = { throttleTimeMs: 0, topics };
    if (apiVersion >= FIRST_VERSION_WITH_ERROR_CODE) response.errorCode = ErrorCode.NONE;
    return response;
  },
};
