// Encodes records into one v2 batch: what producers send, and what the broker
// itself writes for internal topics and tests.

import {
  ATTRIBUTES_OFFSET,
  BATCH_HEADER_SIZE,
  BATCH_LOG_OVERHEAD,
  COMPRESSION_BY_ID,
  TIMESTAMP_TYPE_LOG_APPEND_TIME,
  TRANSACTIONAL_FLAG,
  type Compression,
} from './batch-header.js';
import { compress } from './compression.js';
import { crc32c } from './crc32c.js';
import { varintSize, varlongSize, writeVarintInto, writeVarlongInto } from './varint.js';

export interface RecordInput {
  key?: Buffer | string | null;
  value?: Buffer | string | null;
  headers?: { key: string; value: Buffer | string | null }[];
  /** Defaults to the batch's base timestamp. */
  timestamp?: bigint;
  /** Defaults to the record's index in the batch. */
  offsetDelta?: number;
}

export interface BuildBatchOptions {
  baseOffset?: bigint;
  /** Defaults to the first record's timestamp, else the current time. */
  baseTimestamp?: bigint;
  compression?: Compression;
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
  partitionLeaderEpoch?: number;
  transactional?: boolean;
  logAppendTime?: boolean;
}

interface EncodedRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: { key: Buffer; value: Buffer | null }[];
  timestampDelta: bigint;
  offsetDelta: number;
  bodySize: number;
}

const NO_PRODUCER_ID = -1n;
const NO_PRODUCER_EPOCH = -1;
const NO_SEQUENCE = -1;
const NO_PARTITION_LEADER_EPOCH = -1;

export function buildRecordBatch(records: RecordInput[], options: BuildBatchOptions = {}): Buffer {
  if (records.length === 0) throw new RangeError('a record batch needs at least one record');
  const compression = options.compression ?? 'none';
  const baseTimestamp = options.baseTimestamp ?? records[0].timestamp ?? BigInt(Date.now());

  let maxTimestamp = -1n;
  let previousDelta = -1;
  const encoded: EncodedRecord[] = records.map((record, index) => {
    const timestamp = record.timestamp ?? baseTimestamp;
    if (timestamp > maxTimestamp) maxTimestamp = timestamp;
    const offsetDelta = record.offsetDelta ?? index;
    if (!Number.isInteger(offsetDelta) || offsetDelta <= previousDelta) {
      throw new RangeError(`record ${index} has offsetDelta ${offsetDelta}; deltas must be integers increasing from 0`);
    }
    previousDelta = offsetDelta;
    return encodeRecordFields(record, timestamp - baseTimestamp, offsetDelta);
  });

  let bodyLength = 0;
  for (const record of encoded) bodyLength += varintSize(record.bodySize) + record.bodySize;
  const body = Buffer.allocUnsafe(bodyLength);
  let cursor = 0;
  for (const record of encoded) cursor = writeRecord(body, cursor, record);

  const compressed = compress(compression, body);
  const batch = Buffer.allocUnsafe(BATCH_HEADER_SIZE + compressed.length);
  let attributes = COMPRESSION_BY_ID.indexOf(compression);
  if (options.logAppendTime) attributes |= TIMESTAMP_TYPE_LOG_APPEND_TIME;
  if (options.transactional) attributes |= TRANSACTIONAL_FLAG;

  batch.writeBigInt64BE(options.baseOffset ?? 0n, 0);
  batch.writeInt32BE(batch.length - BATCH_LOG_OVERHEAD, 8);
  batch.writeInt32BE(options.partitionLeaderEpoch ?? NO_PARTITION_LEADER_EPOCH, 12);
  batch.writeInt8(2, 16);
  batch.writeInt16BE(attributes, ATTRIBUTES_OFFSET);
  batch.writeInt32BE(previousDelta, 23);
  batch.writeBigInt64BE(baseTimestamp, 27);
  batch.writeBigInt64BE(maxTimestamp, 35);
  batch.writeBigInt64BE(options.producerId ?? NO_PRODUCER_ID, 43);
  batch.writeInt16BE(options.producerEpoch ?? NO_PRODUCER_EPOCH, 51);
  batch.writeInt32BE(options.baseSequence ?? NO_SEQUENCE, 53);
  batch.writeInt32BE(records.length, 57);
  compressed.copy(batch, BATCH_HEADER_SIZE);
  batch.writeUInt32BE(crc32c(batch, ATTRIBUTES_OFFSET), 17);
  return batch;
}

function toBytes(data: Buffer | string | null | undefined): Buffer | null {
  if (data === null || data === undefined) return null;
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

function nullableSize(bytes: Buffer | null): number {
  return bytes === null ? 1 : varintSize(bytes.length) + bytes.length;
}

function encodeRecordFields(record: RecordInput, timestampDelta: bigint, offsetDelta: number): EncodedRecord {
  const key = toBytes(record.key);
  const value = toBytes(record.value);
  const headers = (record.headers ?? []).map((h) => ({ key: Buffer.from(h.key, 'utf8'), value: toBytes(h.value) }));
  let bodySize = 1 + varlongSize(timestampDelta) + varintSize(offsetDelta) + nullableSize(key) + nullableSize(value);
  bodySize += varintSize(headers.length);
  for (const h of headers) bodySize += nullableSize(h.key) + nullableSize(h.value);
  return { key, value, headers, timestampDelta, offsetDelta, bodySize };
}

function writeNullable(target: Buffer, pos: number, bytes: Buffer | null): number {
  if (bytes === null) return writeVarintInto(target, pos, -1);
  const next = writeVarintInto(target, pos, bytes.length);
  bytes.copy(target, next);
  return next + bytes.length;
}

function writeRecord(target: Buffer, pos: number, record: EncodedRecord): number {
  let cursor = writeVarintInto(target, pos, record.bodySize);
  target[cursor++] = 0; // record attributes: unused by Kafka
  cursor = writeVarlongInto(target, cursor, record.timestampDelta);
  cursor = writeVarintInto(target, cursor, record.offsetDelta);
  cursor = writeNullable(target, cursor, record.key);
  cursor = writeNullable(target, cursor, record.value);
  cursor = writeVarintInto(target, cursor, record.headers.length);
  for (const h of record.headers) {
    cursor = writeNullable(target, cursor, h.key);
    cursor = writeNullable(target, cursor, h.value);
  }
  return cursor;
}
