// DeleteRecords (key 21), versions 0-2.
//
// Behaviour:
// - Moves each partition's log start offset up to the given offset; offset -1
//   means "up to the high watermark". Whole segments below the new start are
//   freed; a batch straddling it stays and consumers skip its early records.
// - An offset below 0 (after resolving -1) or above the high watermark:
//   OFFSET_OUT_OF_RANGE. An offset below the current start is accepted and
//   changes nothing, as in Kafka.
// - A topic whose cleanup.policy does not include "delete" (compact only):
//   POLICY_VIOLATION, since deleting records would break compaction's contract.
// - low_watermark is the resulting log start offset (-1 on error).
// - The change is synchronous, so timeout_ms is never reached.
//
// Version notes: v1 is identical to v0; v2 is flexible.
import { topicSettings } from '../config/topic-config.js';
import type { Decoded, DeleteRecordsRequest, DeleteRecordsResponse } from '../protocol/index.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { splitList } from '../config/config-values.js';
import type { ApiHandler, BrokerCore } from './types.js';

type PartitionResult = DeleteRecordsResponse['topics'][number]['partitions'][number];

const UP_TO_HIGH_WATERMARK = -1n;

function deleteUpTo(core: BrokerCore, topicName: string, partitionIndex: number, requested: bigint): PartitionResult {
  const failure = (errorCode: number): PartitionResult => ({ partitionIndex, lowWatermark: -1n, errorCode });
  const topic = core.logs.topic(topicName);
  const log = topic ? core.logs.partition(topicName, partitionIndex) : undefined;
  if (!topic || !log) return failure(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  if (!splitList(topicSettings(core.config, topic.configs).cleanupPolicy).includes('delete')) {
    return failure(ErrorCode.POLICY_VIOLATION);
  }
  const highWatermark = log.logEndOffset();
  const offset = requested === UP_TO_HIGH_WATERMARK ? highWatermark : requested;
  if (offset < 0n || offset > highWatermark) return failure(ErrorCode.OFFSET_OUT_OF_RANGE);
  try {
    log.advanceLogStart(offset);
  } catch (error) {
    core.logger.error('could not advance the log start offset', {
      topic: topicName,
      partition: partitionIndex,
      error: error instanceof Error ? error.message : String(error),
    });
    return failure(ErrorCode.KAFKA_STORAGE_ERROR);
  }
  return { partitionIndex, lowWatermark: log.logStartOffset(), errorCode: ErrorCode.NONE };
}

export const deleteRecordsHandler: ApiHandler<Decoded<DeleteRecordsRequest>, DeleteRecordsResponse, BrokerCore> = {
  apiKey: 21,
  name: 'DeleteRecords',
  minVersion: 0,
  maxVersion: 2,
  handle(request, ctx) {
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((topic) => ({
        name: topic.name,
        partitions: topic.partitions.map((partition) => deleteUpTo(ctx.core, topic.name, partition.partitionIndex, partition.offset)),
      })),
    };
  },
};
