// Fetch (key 1), versions 4-12.
//
// Behaviour:
// - Sessionless (KIP-227): every answer carries session_id 0, which tells the
//   client we keep no session, so it keeps sending full requests. A request
//   that continues a session (epoch > 0) names one we cannot have:
//   FETCH_SESSION_ID_NOT_FOUND. Epochs 0 and -1 are full fetches.
// - Long poll: while fewer than min_bytes are available (and no partition
//   has an error), wait up to max_wait_ms on the injected clock, waking early
//   when a produce lands on one of the fetched partitions.
// - Returns whole stored batches, starting with the one holding fetch_offset.
//   The response stops at max_bytes (capped by fetch.max.bytes) and each
//   partition at partition_max_bytes, except that the first partition with
//   data always gets at least one whole batch (KIP-74).
// - fetch_offset below the log start or above the log end: OFFSET_OUT_OF_RANGE.
// - high_watermark = last_stable_offset = log end (one node, no transactions).
// - v9+ current_leader_epoch: -1 skips the check; below ours FENCED_LEADER_EPOCH,
//   above ours UNKNOWN_LEADER_EPOCH.
// - KIP-110: clients below v10 cannot read zstd. Data is cut before the first
//   zstd batch; when that is the very first batch the partition answers
//   UNSUPPORTED_COMPRESSION_TYPE instead. Only batch headers are inspected.
//
// Version notes: v4 isolation_level, last_stable_offset, aborted_transactions;
// v5 log_start_offset; v7 sessions and the top-level error_code; v9
// current_leader_epoch; v10 zstd; v11 rack_id and preferred_read_replica (-1);
// v12 flexible, last_fetched_epoch (ignored: no log divergence on one node).
import type { Decoded, FetchRequest, FetchResponse } from '../protocol/index.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { batchCompressionId, iterateBatches } from '../records/record-batch.js';
import { OffsetOutOfRangeError } from '../storage/errors.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

type PartitionResult = FetchResponse['responses'][number]['partitions'][number];
type TopicResult = FetchResponse['responses'][number];

const LEADER_EPOCH = 0;
const NO_EPOCH_CHECK = -1;
const READ_COMMITTED = 1;
const FIRST_VERSION_WITH_ZSTD = 10;
const ZSTD_CODEC_ID = 4;
const FULL_FETCH_EPOCHS = new Set([0, -1]);

interface Gathered {
  responses: TopicResult[];
  bytes: number;
  anyError: boolean;
}

function errorResult(partitionIndex: number, errorCode: number, readCommitted: boolean): PartitionResult {
  return {
    partitionIndex,
    errorCode,
    highWatermark: -1n,
    lastStableOffset: -1n,
    logStartOffset: -1n,
    abortedTransactions: readCommitted ? [] : null,
    preferredReadReplica: -1,
    records: [],
  };
}

function leaderEpochError(currentLeaderEpoch: number): number {
  if (currentLeaderEpoch === NO_EPOCH_CHECK) return ErrorCode.NONE;
  if (currentLeaderEpoch < LEADER_EPOCH) return ErrorCode.FENCED_LEADER_EPOCH;
  if (currentLeaderEpoch > LEADER_EPOCH) return ErrorCode.UNKNOWN_LEADER_EPOCH;
  return ErrorCode.NONE;
}

/** Drops everything from the first zstd batch on; null when the data starts with one. */
function withoutZstd(chunks: readonly Buffer[]): Buffer[] | null {
  const kept: Buffer[] = [];
  for (const chunk of chunks) {
    for (const { pos, header } of iterateBatches(chunk)) {
      if (batchCompressionId(header) === ZSTD_CODEC_ID) {
        if (pos > 0) kept.push(chunk.subarray(0, pos));
        return kept.length > 0 ? kept : null;
      }
    }
    kept.push(chunk);
  }
  return kept;
}

/** Reads every requested partition once, within the request's byte budgets. */
function gather(request: Decoded<FetchRequest>, ctx: RequestContext<BrokerCore>): Gathered {
  const { core, apiVersion } = ctx;
  const readCommitted = request.isolationLevel === READ_COMMITTED;
  let remaining = Math.min(request.maxBytes, core.config.fetchMaxBytes);
  let bytes = 0;
  let anyError = false;
  const responses = request.topics.map((topic): TopicResult => ({
    topic: topic.topic,
    partitions: topic.partitions.map((partition): PartitionResult => {
      const fail = (errorCode: number) => {
        anyError = true;
        return errorResult(partition.partition, errorCode, readCommitted);
      };
      const log = core.logs.partition(topic.topic, partition.partition);
      if (!log) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      const epochError = apiVersion >= 9 ? leaderEpochError(partition.currentLeaderEpoch) : ErrorCode.NONE;
      if (epochError !== ErrorCode.NONE) return fail(epochError);

      const minOneBatch = bytes === 0;
      const limit = Math.max(0, Math.min(partition.partitionMaxBytes, remaining));
      let chunks: Buffer[] = [];
      if (limit > 0 || minOneBatch) {
        try {
          chunks = log.read(partition.fetchOffset, limit, minOneBatch).chunks;
        } catch (error) {
          if (error instanceof OffsetOutOfRangeError) return fail(ErrorCode.OFFSET_OUT_OF_RANGE);
          throw error;
        }
      }
      if (apiVersion < FIRST_VERSION_WITH_ZSTD && chunks.length > 0) {
        const readable = withoutZstd(chunks);
        if (readable === null) return fail(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE);
        chunks = readable;
      }
      const read = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
      bytes += read;
      remaining -= read;
      const highWatermark = log.logEndOffset();
      return {
        partitionIndex: partition.partition,
        errorCode: ErrorCode.NONE,
        highWatermark,
        lastStableOffset: highWatermark,
        logStartOffset: log.logStartOffset(),
        abortedTransactions: readCommitted ? [] : null,
        preferredReadReplica: -1,
        records: chunks,
      };
    }),
  }));
  return { responses, bytes, anyError };
}

function answer(responses: TopicResult[], errorCode: number = ErrorCode.NONE): FetchResponse {
  return { throttleTimeMs: 0, errorCode, sessionId: 0, responses };
}

export const fetchHandler: ApiHandler<Decoded<FetchRequest>, FetchResponse, BrokerCore> = {
  apiKey: 1,
  name: 'Fetch',
  minVersion: 4,
  maxVersion: 12,
  async handle(request: Decoded<FetchRequest>, ctx: RequestContext<BrokerCore>): Promise<FetchResponse> {
    const { core, apiVersion } = ctx;
    if (apiVersion >= 7 && !FULL_FETCH_EPOCHS.has(request.sessionEpoch)) {
      return answer([], ErrorCode.FETCH_SESSION_ID_NOT_FOUND);
    }
    const watched = request.topics.flatMap((topic) => topic.partitions.map((p) => ({ topic: topic.topic, partition: p.partition })));
    const deadline = core.clock.now() + Math.max(0, request.maxWaitMs);
    for (;;) {
      const gathered = gather(request, ctx);
      const waitMs = deadline - core.clock.now();
      if (gathered.bytes >= request.minBytes || gathered.anyError || waitMs <= 0 || watched.length === 0) {
        return answer(gathered.responses);
      }
      await core.waitForAppend(watched, waitMs);
    }
  },
};
