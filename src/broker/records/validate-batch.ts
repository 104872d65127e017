// The checks Kafka makes on one partition's Produce data (v3+) before
// appending it, with the error code Kafka answers for each. Like Kafka, the
// records are walked (decompressing if needed) so that a batch whose CRC is
// right but whose records are not — or are fewer than its header claims —
// never reaches the log, where it would break every consumer. The stored
// bytes are still the producer's own, untouched.

import {
  BATCH_HEADER_SIZE,
  BATCH_LENGTH_OFFSET,
  BATCH_LOG_OVERHEAD,
  MAGIC_OFFSET,
  batchCompressionId,
  batchTotalSize,
  isControlBatch,
  readBatchHeader,
  verifyBatchCrc,
  type BatchHeader,
} from './batch-header.js';
import { decodeRecords } from './decode-records.js';

export type BatchValidation = { ok: true; header: BatchHeader } | { ok: false; errorCode: number; message: string };

export interface ProducedBatchLimits {
  produceVersion: number;
  /** The topic's max.message.bytes, compared with the whole batch size. */
  maxBatchBytes: number;
}

// Plain numbers so this module depends on nothing outside records/.
const CORRUPT_MESSAGE = 2;
const MESSAGE_TOO_LARGE = 10;
const UNSUPPORTED_COMPRESSION_TYPE = 76;
const INVALID_RECORD = 87;

const ZSTD_CODEC_ID = 4;
const FIRST_PRODUCE_VERSION_WITH_ZSTD = 7;
/** Kafka rejects a batch length below the smallest legacy (v0) record as corrupt. */
const MIN_BATCH_LENGTH = 14;
const MAX_MAGIC = 2;

function fail(errorCode: number, message: string): BatchValidation {
  return { ok: false, errorCode, message };
}

export function validateProducedBatch(records: Buffer, opts: ProducedBatchLimits): BatchValidation {
  const framing = checkSingleBatchFraming(records);
  if (framing !== null) return framing;
  const header = readBatchHeader(records, 0);

  const codecId = batchCompressionId(header);
  if (codecId > ZSTD_CODEC_ID) {
    // Kafka has no code for an undefined codec id; this is the closest one.
    return fail(UNSUPPORTED_COMPRESSION_TYPE, `unknown compression codec id ${codecId}`);
  }
  if (codecId === ZSTD_CODEC_ID && opts.produceVersion < FIRST_PRODUCE_VERSION_WITH_ZSTD) {
    return fail(UNSUPPORTED_COMPRESSION_TYPE, `zstd-compressed batches need Produce v${FIRST_PRODUCE_VERSION_WITH_ZSTD} or later, got v${opts.produceVersion}`);
  }
  const size = batchTotalSize(header);
  if (size > opts.maxBatchBytes) {
    return fail(MESSAGE_TOO_LARGE, `record batch of ${size} bytes exceeds the maximum of ${opts.maxBatchBytes}`);
  }
  if (!verifyBatchCrc(records, 0, header)) return fail(CORRUPT_MESSAGE, 'record batch CRC does not match its contents');
  if (header.lastOffsetDelta < 0) {
    return fail(INVALID_RECORD, `record batch has an invalid offset range (lastOffsetDelta ${header.lastOffsetDelta})`);
  }
  if (header.recordCount <= 0) return fail(INVALID_RECORD, `record batch reports ${header.recordCount} records`);
  if (header.recordCount !== header.lastOffsetDelta + 1) {
    return fail(INVALID_RECORD, `record batch has ${header.recordCount} records but an offset range of ${header.lastOffsetDelta + 1}`);
  }
  if (isControlBatch(header)) return fail(INVALID_RECORD, 'clients may not produce control batches');
  if (header.producerId >= 0n && header.baseSequence < 0) {
    return fail(INVALID_RECORD, `batch from producer ${header.producerId} has invalid base sequence ${header.baseSequence}`);
  }
  return checkRecords(records, header) ?? { ok: true, header };
}

function checkRecords(records: Buffer, header: BatchHeader): BatchValidation | null {
  let decoded;
  try {
    decoded = decodeRecords(records, 0);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(CORRUPT_MESSAGE, `record batch contents are corrupt: ${reason}`);
  }
  for (let i = 0; i < decoded.length; i++) {
    if (decoded[i]!.offset !== header.baseOffset + BigInt(i)) {
      return fail(INVALID_RECORD, `record ${i} of the batch has offset delta ${decoded[i]!.offset - header.baseOffset}; expected ${i}`);
    }
  }
  return null;
}

/**
 * Produce v3+ carries exactly one magic-2 batch per partition. Mirrors how
 * Kafka's batch iterator reacts to each malformation: a length or magic it
 * cannot walk over is corrupt, anything else that isn't one whole v2 batch is
 * an invalid record. Kafka silently trims trailing bytes after the batch; we
 * reject them so storage can append the buffer as-is.
 */
function checkSingleBatchFraming(records: Buffer): BatchValidation | null {
  if (records.length < BATCH_LOG_OVERHEAD) {
    return fail(INVALID_RECORD, `produce data of ${records.length} bytes holds no record batch`);
  }
  const batchLength = records.readInt32BE(BATCH_LENGTH_OFFSET);
  if (batchLength < MIN_BATCH_LENGTH) {
    return fail(CORRUPT_MESSAGE, `record batch length ${batchLength} is below the minimum of ${MIN_BATCH_LENGTH}`);
  }
  if (records.length <= MAGIC_OFFSET) {
    return fail(INVALID_RECORD, `produce data of ${records.length} bytes holds no whole record batch`);
  }
  const magic = records.readInt8(MAGIC_OFFSET);
  if (magic < 0 || magic > MAX_MAGIC) return fail(CORRUPT_MESSAGE, `invalid record batch magic ${magic}`);
  const size = batchLength + BATCH_LOG_OVERHEAD;
  if (size > records.length) {
    return fail(INVALID_RECORD, `record batch claims ${size} bytes but the produce data has ${records.length}`);
  }
  if (magic !== MAX_MAGIC) return fail(INVALID_RECORD, `Produce v3+ only accepts magic 2 record batches, got magic ${magic}`);
  if (size < BATCH_HEADER_SIZE) {
    return fail(CORRUPT_MESSAGE, `record batch of ${size} bytes is smaller than its ${BATCH_HEADER_SIZE}-byte header`);
  }
  if (size < records.length) {
    return fail(INVALID_RECORD, `produce data must hold exactly one record batch; ${records.length - size} bytes follow the first`);
  }
  return null;
}
