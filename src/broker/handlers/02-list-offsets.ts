// ListOffsets (key 2), versions 1-8.
//
// Behaviour, by the requested timestamp:
// - -1 LATEST: the log end offset, which is both the high watermark and the
//   last stable offset on a single node without transactions.
// - -2 EARLIEST and -4 EARLIEST_LOCAL (no tiered storage, so the same): the
//   log start offset.
// - -3 MAX_TIMESTAMP (v7+): offset and timestamp of the record with the
//   largest timestamp; -1/-1 when the log is empty.
// - anything else: the earliest record whose timestamp is >= the target,
//   looked up record by record inside batches; -1/-1 when there is none.
//   A stored batch whose records do not decode answers CORRUPT_MESSAGE.
//   (Other negative values fall through to this lookup, as in Kafka.)
// - The sentinel answers carry timestamp -1.
// - v4+ current_leader_epoch is checked like Fetch's, and leader_epoch 0 is
//   returned with every successful answer.
//
// Version notes: v0 (old_style_offsets) is not served, as in Kafka 4; v2
// isolation_level and throttle_time_ms; v4 leader epochs; v6 flexible; v7
// MAX_TIMESTAMP; v8 EARLIEST_LOCAL.
import type { Decoded, ListOffsetsRequest, ListOffsetsResponse } from '../protocol/index.js';
import { ErrorCode } from '../protocol/error-codes.js';
import type { PartitionLog, TimestampAndOffset } from '../storage/types.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

type PartitionResult = ListOffsetsResponse['topics'][number]['partitions'][number];

const LATEST = -1n;
const EARLIEST = -2n;
const MAX_TIMESTAMP = -3n;
const EARLIEST_LOCAL = -4n;
const LEADER_EPOCH = 0;
const NO_EPOCH_CHECK = -1;
const FIRST_VERSION_WITH_LEADER_EPOCH = 4;

function failure(partitionIndex: number, errorCode: number): PartitionResult {
  return { partitionIndex, errorCode, timestamp: -1n, offset: -1n, leaderEpoch: -1 };
}

/**
 * Timestamp lookups decode stored records. Produce checks only batch headers
 * and the CRC, so a producer can store records that do not decode; that
 * partition then answers CORRUPT_MESSAGE, as Kafka answers a corrupt-record
 * failure per partition, instead of the whole request failing.
 */
function timestampLookUp(log: PartitionLog, target: bigint, apiVersion: number, core: BrokerCore): TimestampAndOffset | null | 'undecodable' {
  try {
    return target === MAX_TIMESTAMP && apiVersion >= 7 ? log.maxTimestamp() : log.offsetForTimestamp(target);
  } catch (error) {
    core.logger.warn('ListOffsets could not decode a stored record batch', {
      topic: log.topic,
      partition: log.partition,
      error: error instanceof Error ? error.message : String(error),
    });
    return 'undecodable';
  }
}

function lookUp(log: PartitionLog, partitionIndex: number, target: bigint, apiVersion: number, core: BrokerCore): PartitionResult {
  // leader_epoch is not ignorable, so below v4 it must keep its default.
  const leaderEpoch = apiVersion >= FIRST_VERSION_WITH_LEADER_EPOCH ? LEADER_EPOCH : -1;
  const found = (offset: bigint, timestamp: bigint): PartitionResult => ({ partitionIndex, errorCode: ErrorCode.NONE, timestamp, offset, leaderEpoch });
  if (target === LATEST) return found(log.logEndOffset(), -1n);
  if (target === EARLIEST || (target === EARLIEST_LOCAL && apiVersion >= 8)) return found(log.logStartOffset(), -1n);
  const hit = timestampLookUp(log, target, apiVersion, core);
  if (hit === 'undecodable') return failure(partitionIndex, ErrorCode.CORRUPT_MESSAGE);
  // Nothing matched: Kafka answers an unknown offset with no epoch.
  return hit ? found(hit.offset, hit.timestamp) : { partitionIndex, errorCode: ErrorCode.NONE, timestamp: -1n, offset: -1n, leaderEpoch: -1 };
}

export const listOffsetsHandler: ApiHandler<Decoded<ListOffsetsRequest>, ListOffsetsResponse, BrokerCore> = {
  apiKey: 2,
  name: 'ListOffsets',
  minVersion: 1,
  maxVersion: 8,
  handle(request: Decoded<ListOffsetsRequest>, ctx: RequestContext<BrokerCore>): ListOffsetsResponse {
    const { core, apiVersion } = ctx;
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((topic) => ({
        name: topic.name,
        partitions: topic.partitions.map((partition): PartitionResult => {
          const log = core.logs.partition(topic.name, partition.partitionIndex);
          if (!log) return failure(partition.partitionIndex, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
          if (apiVersion >= FIRST_VERSION_WITH_LEADER_EPOCH && partition.currentLeaderEpoch !== NO_EPOCH_CHECK) {
            if (partition.currentLeaderEpoch < LEADER_EPOCH) return failure(partition.partitionIndex, ErrorCode.FENCED_LEADER_EPOCH);
            if (partition.currentLeaderEpoch > LEADER_EPOCH) return failure(partition.partitionIndex, ErrorCode.UNKNOWN_LEADER_EPOCH);
          }
          return lookUp(log, partition.partitionIndex, partition.timestamp, apiVersion, core);
        }),
      })),
    };
  },
};
