// Produce (key 0), advertised 0-10, served 3-10.
//
// Behaviour:
// - v0-2 (message formats v0/v1) close the connection, as Kafka 4 does. The
//   range still starts at 0 because librdkafka <= 2.10 only compresses when
//   Produce 0 is advertised (KAFKA-18659).
// - acks must be -1, 0 or 1 (INVALID_REQUIRED_ACKS for every partition
//   otherwise). A single node is its whole ISR, so acks=-1 and acks=1 are the
//   same: the batch is in the OS before the answer leaves.
// - acks=0 gets no response; if any partition failed, the connection is
//   closed instead, which is how Kafka makes such a producer refresh metadata.
// - Each partition carries exactly one magic-2 batch, checked by
//   validateProducedBatch against the topic's max.message.bytes.
// - LogAppendTime topics get the broker's time stamped into the batch.
// - Batches with a producer id (idempotent producers) pass Kafka's sequence
//   checks first (producer-state.ts): an older epoch is INVALID_PRODUCER_EPOCH,
//   a gap OUT_OF_ORDER_SEQUENCE_NUMBER. A retry of one of the producer's last
//   five batches is not appended again but answered NONE with the offset it
//   got the first time, and its log-append time on LogAppendTime topics
//   (rather than the legacy DUPLICATE_SEQUENCE_NUMBER, which leaves the
//   client without an offset).
// - Unknown topics are not created here: clients ask Metadata first, and that
//   is where Kafka auto-creates.
//
// Version notes: v2 log_append_time_ms; v3 transactional_id, magic 2 only;
// v5 log_start_offset; v7 zstd allowed; v8 record_errors and error_message;
// v9 flexible; v10 tagged current_leader / node_endpoints (left out: they are
// only meaningful with NOT_LEADER_OR_FOLLOWER, which a single node never sends).
import { topicSettings } from '../config/topic-config.js';
import type { Decoded, ProduceRequest, ProduceResponse } from '../protocol/index.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { isTransactionalBatch, setLogAppendTime } from '../records/record-batch.js';
import { validateProducedBatch } from '../records/validate-batch.js';
import type { AppendResult } from '../storage/types.js';
import { batchIdentity, INVALID_PRODUCER_EPOCH, type ProducerBatchIdentity, type SequenceCheck } from '../storage/producer-state.js';
import { CloseConnection, NO_RESPONSE, type ApiHandler, type BrokerCore, type RequestContext } from './types.js';

type TopicData = Decoded<ProduceRequest>['topicData'][number];
type PartitionData = TopicData['partitionData'][number];
type PartitionResult = ProduceResponse['responses'][number]['partitionResponses'][number];

const FIRST_SUPPORTED_VERSION = 3;
const VALID_ACKS = new Set([-1, 0, 1]);

function failure(index: number, errorCode: number, errorMessage: string | null = null): PartitionResult {
  return { index, errorCode, baseOffset: -1n, logAppendTimeMs: -1n, logStartOffset: -1n, recordErrors: [], errorMessage };
}

function sequenceFailure(index: number, check: Extract<SequenceCheck, { kind: 'error' }>, batch: ProducerBatchIdentity, stored: number | undefined): PartitionResult {
  const message =
    check.errorCode === INVALID_PRODUCER_EPOCH
      ? `producer ${batch.producerId} sent epoch ${batch.producerEpoch}, older than its current epoch ${stored}`
      : `producer ${batch.producerId} epoch ${batch.producerEpoch} sent sequence ${batch.baseSequence}, which does not follow its last stored batch`;
  return failure(index, check.errorCode, message);
}

function appendPartition(topicName: string, partition: PartitionData, ctx: RequestContext<BrokerCore>): PartitionResult {
  const { core } = ctx;
  const topic = core.logs.topic(topicName);
  const log = topic ? core.logs.partition(topicName, partition.index) : undefined;
  if (!topic || !log) return failure(partition.index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);

  const settings = topicSettings(core.config, topic.configs);
  const records = partition.records ?? Buffer.alloc(0);
  const validation = validateProducedBatch(records, { produceVersion: ctx.apiVersion, maxBatchBytes: settings.maxMessageBytes });
  if (!validation.ok) return failure(partition.index, validation.errorCode, validation.message);
  if (isTransactionalBatch(validation.header)) {
    // There is no transaction coordinator yet, so no transaction can be open
    // on this partition. Since KIP-890 (3.6) that is exactly the case where
    // Kafka refuses a transactional batch with INVALID_TXN_STATE.
    return failure(partition.index, ErrorCode.INVALID_TXN_STATE, 'transactions are not supported by this broker');
  }

  const logAppendTime = settings.timestampType === 'LogAppendTime';
  const producer = validation.header.producerId >= 0n ? batchIdentity(validation.header) : undefined;
  if (producer) {
    const check = core.producers.check(topicName, partition.index, producer);
    if (check.kind === 'error') {
      return sequenceFailure(partition.index, check, producer, core.producers.entry(topicName, partition.index, producer.producerId)?.epoch);
    }
    if (check.kind === 'duplicate') {
      const appendTime = logAppendTime ? BigInt(check.timestampMs) : -1n;
      return { index: partition.index, errorCode: ErrorCode.NONE, baseOffset: check.baseOffset, logAppendTimeMs: appendTime, logStartOffset: log.logStartOffset(), recordErrors: [], errorMessage: null };
    }
  }

  let logAppendTimeMs = -1n;
  if (logAppendTime) {
    logAppendTimeMs = BigInt(core.clock.now());
    setLogAppendTime(records, 0, logAppendTimeMs);
  }
  let appended: AppendResult;
  try {
    appended = log.append(records);
  } catch (error) {
    core.logger.error('append failed', { topic: topicName, partition: partition.index, error: error instanceof Error ? error.message : String(error) });
    return failure(partition.index, ErrorCode.KAFKA_STORAGE_ERROR, 'the broker could not write the batch');
  }
  const { baseOffset, lastOffset } = appended;
  // The stored maxTimestamp, which is also what a replay of the log after a crash records.
  const storedMaxTimestamp = logAppendTime ? logAppendTimeMs : validation.header.maxTimestamp;
  if (producer) core.producers.record(topicName, partition.index, producer, baseOffset, lastOffset, Number(storedMaxTimestamp));
  core.notifyAppend(topicName, partition.index);
  return { index: partition.index, errorCode: ErrorCode.NONE, baseOffset, logAppendTimeMs, logStartOffset: log.logStartOffset(), recordErrors: [], errorMessage: null };
}

export const produceHandler: ApiHandler<Decoded<ProduceRequest>, ProduceResponse, BrokerCore> = {
  apiKey: 0,
  name: 'Produce',
  minVersion: 0,
  maxVersion: 10,
  handle(request: Decoded<ProduceRequest>, ctx: RequestContext<BrokerCore>): ProduceResponse | typeof NO_RESPONSE {
    if (ctx.apiVersion < FIRST_SUPPORTED_VERSION) {
      throw new CloseConnection(`Produce v${ctx.apiVersion} uses message format v0/v1, which this broker does not accept`);
    }
    const acksValid = VALID_ACKS.has(request.acks);
    const responses = request.topicData.map((topic) => ({
      name: topic.name,
      partitionResponses: topic.partitionData.map((partition) =>
        acksValid ? appendPartition(topic.name, partition, ctx) : failure(partition.index, ErrorCode.INVALID_REQUIRED_ACKS),
      ),
    }));
    if (request.acks === 0) {
      const failed = responses.some((topic) => topic.partitionResponses.some((p) => p.errorCode !== ErrorCode.NONE));
      if (failed) throw new CloseConnection('acks=0 produce failed on at least one partition');
      return NO_RESPONSE;
    }
    return { responses, throttleTimeMs: 0 };
  },
};
