// The fixed 61-byte header of a v2 record batch, and the operations the broker
// performs on whole batches without looking at the records inside them.
// Nothing here copies batch bytes: all reads and writes work on the caller's buffer.

import { crc32c } from './crc32c.js';

export const BATCH_HEADER_SIZE = 61;
/** Bytes before the part that batchLength counts: baseOffset + batchLength. */
export const BATCH_LOG_OVERHEAD = 12;

// Field offsets inside a batch.
export const BASE_OFFSET_OFFSET = 0;
export const BATCH_LENGTH_OFFSET = 8;
export const PARTITION_LEADER_EPOCH_OFFSET = 12;
export const MAGIC_OFFSET = 16;
export const CRC_OFFSET = 17;
/** The CRC covers everything from the attributes to the end of the batch. */
export const ATTRIBUTES_OFFSET = 21;
export const LAST_OFFSET_DELTA_OFFSET = 23;
export const BASE_TIMESTAMP_OFFSET = 27;
export const MAX_TIMESTAMP_OFFSET = 35;
export const PRODUCER_ID_OFFSET = 43;
export const PRODUCER_EPOCH_OFFSET = 51;
export const BASE_SEQUENCE_OFFSET = 53;
export const RECORD_COUNT_OFFSET = 57;

// Attribute bits.
export const COMPRESSION_CODEC_MASK = 0x07;
export const TIMESTAMP_TYPE_LOG_APPEND_TIME = 0x08;
export const TRANSACTIONAL_FLAG = 0x10;
export const CONTROL_FLAG = 0x20;
export const DELETE_HORIZON_FLAG = 0x40;

export type Compression = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

/** Codec names indexed by their attribute id (bits 0-2). */
export const COMPRESSION_BY_ID: readonly Compression[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

export interface BatchHeader {
  baseOffset: bigint;
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: bigint;
  maxTimestamp: bigint;
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

/** Reads the 61-byte header at `pos`. Throws if fewer than 61 bytes are available. */
export function readBatchHeader(buf: Buffer, pos = 0): BatchHeader {
  if (pos < 0 || buf.length - pos < BATCH_HEADER_SIZE) {
    throw new RangeError(`a record batch header needs ${BATCH_HEADER_SIZE} bytes, only ${Math.max(0, buf.length - pos)} available at ${pos}`);
  }
  return {
    baseOffset: buf.readBigInt64BE(pos + BASE_OFFSET_OFFSET),
    batchLength: buf.readInt32BE(pos + BATCH_LENGTH_OFFSET),
    partitionLeaderEpoch: buf.readInt32BE(pos + PARTITION_LEADER_EPOCH_OFFSET),
    magic: buf.readInt8(pos + MAGIC_OFFSET),
    crc: buf.readUInt32BE(pos + CRC_OFFSET),
    attributes: buf.readInt16BE(pos + ATTRIBUTES_OFFSET),
    lastOffsetDelta: buf.readInt32BE(pos + LAST_OFFSET_DELTA_OFFSET),
    baseTimestamp: buf.readBigInt64BE(pos + BASE_TIMESTAMP_OFFSET),
    maxTimestamp: buf.readBigInt64BE(pos + MAX_TIMESTAMP_OFFSET),
    producerId: buf.readBigInt64BE(pos + PRODUCER_ID_OFFSET),
    producerEpoch: buf.readInt16BE(pos + PRODUCER_EPOCH_OFFSET),
    baseSequence: buf.readInt32BE(pos + BASE_SEQUENCE_OFFSET),
    recordCount: buf.readInt32BE(pos + RECORD_COUNT_OFFSET),
  };
}

/** Whole size of the batch on the wire and on disk. */
export function batchTotalSize(header: BatchHeader): number {
  return header.batchLength + BATCH_LOG_OVERHEAD;
}

/** Offset of the last record the batch covers (control and compacted batches included). */
export function batchLastOffset(header: BatchHeader): bigint {
  return header.baseOffset + BigInt(header.lastOffsetDelta);
}

/** Offset the next batch after this one starts at. */
export function batchNextOffset(header: BatchHeader): bigint {
  return batchLastOffset(header) + 1n;
}

/** True when the stored CRC matches the bytes; false also when the batch is cut short. */
export function verifyBatchCrc(buf: Buffer, pos: number, header: BatchHeader): boolean {
  const end = pos + batchTotalSize(header);
  if (header.batchLength < BATCH_HEADER_SIZE - BATCH_LOG_OVERHEAD || end > buf.length) return false;
  return crc32c(buf, pos + ATTRIBUTES_OFFSET, end) === header.crc;
}

/** Recomputes and stores the CRC of the batch at `pos`; returns it. */
export function recomputeBatchCrc(buf: Buffer, pos = 0): number {
  const end = pos + buf.readInt32BE(pos + BATCH_LENGTH_OFFSET) + BATCH_LOG_OVERHEAD;
  if (end > buf.length || end < pos + BATCH_HEADER_SIZE) {
    throw new RangeError(`record batch at ${pos} does not fit in a buffer of ${buf.length} bytes`);
  }
  const crc = crc32c(buf, pos + ATTRIBUTES_OFFSET, end);
  buf.writeUInt32BE(crc, pos + CRC_OFFSET);
  return crc;
}

/**
 * Assigns the broker's offset and leader epoch in place. Both fields sit before
 * the CRC-covered range, so the CRC stays valid.
 */
export function stampBatch(buf: Buffer, pos: number, baseOffset: bigint, partitionLeaderEpoch: number): void {
  buf.writeBigInt64BE(baseOffset, pos + BASE_OFFSET_OFFSET);
  buf.writeInt32BE(partitionLeaderEpoch, pos + PARTITION_LEADER_EPOCH_OFFSET);
}

/**
 * Turns the batch into a LogAppendTime batch stamped at `timestampMs`. Attributes
 * and maxTimestamp are CRC-covered, so the CRC is recomputed.
 */
export function setLogAppendTime(buf: Buffer, pos: number, timestampMs: bigint): void {
  const attributes = buf.readInt16BE(pos + ATTRIBUTES_OFFSET);
  buf.writeInt16BE(attributes | TIMESTAMP_TYPE_LOG_APPEND_TIME, pos + ATTRIBUTES_OFFSET);
  buf.writeBigInt64BE(timestampMs, pos + MAX_TIMESTAMP_OFFSET);
  recomputeBatchCrc(buf, pos);
}

/** Codec id from the attributes, 0-7 (5-7 are not defined by Kafka). */
export function batchCompressionId(header: BatchHeader): number {
  return header.attributes & COMPRESSION_CODEC_MASK;
}

/** The batch's codec; throws for the undefined ids 5-7. */
export function batchCompression(header: BatchHeader): Compression {
  const id = batchCompressionId(header);
  const codec = COMPRESSION_BY_ID[id];
  if (codec === undefined) throw new RangeError(`unknown compression codec id ${id} in record batch attributes`);
  return codec;
}

export function isControlBatch(header: BatchHeader): boolean {
  return (header.attributes & CONTROL_FLAG) !== 0;
}

export function isTransactionalBatch(header: BatchHeader): boolean {
  return (header.attributes & TRANSACTIONAL_FLAG) !== 0;
}

export function isLogAppendTime(header: BatchHeader): boolean {
  return (header.attributes & TIMESTAMP_TYPE_LOG_APPEND_TIME) !== 0;
}

/**
 * Walks concatenated whole batches in `buf`, yielding each one's position and
 * header. Stops at a trailing partial batch (as a Fetch response may end with).
 * Throws if a batch claims a length shorter than its own header, since walking
 * on from there would misread everything after it.
 */
export function* iterateBatches(buf: Buffer): Generator<{ pos: number; header: BatchHeader }> {
  let pos = 0;
  while (buf.length - pos >= BATCH_HEADER_SIZE) {
    const header = readBatchHeader(buf, pos);
    const size = batchTotalSize(header);
    if (size < BATCH_HEADER_SIZE) {
      throw new RangeError(`record batch at ${pos} claims ${size} bytes, less than its ${BATCH_HEADER_SIZE}-byte header`);
    }
    if (size > buf.length - pos) return;
    yield { pos, header };
    pos += size;
  }
}
