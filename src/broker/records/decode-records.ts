// Reads the records inside one v2 batch into plain objects. Used where the
// broker must look inside batches (timestamp lookups, compaction, tooling);
// the produce and fetch paths handle batches as opaque bytes instead.

import {
  BATCH_HEADER_SIZE,
  batchCompression,
  batchTotalSize,
  isLogAppendTime,
  readBatchHeader,
} from './batch-header.js';
import { decompress } from './compression.js';
import { readVarint, readVarlong } from './varint.js';

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

export interface DecodedRecord {
  offset: bigint;
  timestamp: bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

/**
 * Decodes every record of the batch at `pos`, decompressing as needed. Offsets
 * and timestamps are absolute; in a LogAppendTime batch every record carries
 * the batch's maxTimestamp. Keys, values and header values are views into
 * `batch` (or into the decompressed block), not copies.
 */
export function decodeRecords(batch: Buffer, pos = 0): DecodedRecord[] {
  const header = readBatchHeader(batch, pos);
  if (header.magic !== 2) throw new Error(`cannot decode records of a magic ${header.magic} batch; only magic 2 is supported`);
  const end = pos + batchTotalSize(header);
  if (end > batch.length || end < pos + BATCH_HEADER_SIZE) {
    throw new RangeError(`record batch at ${pos} claims ${batchTotalSize(header)} bytes, ${batch.length - pos} available`);
  }
  const body = decompress(batchCompression(header), batch.subarray(pos + BATCH_HEADER_SIZE, end));
  const appendTime = isLogAppendTime(header) ? header.maxTimestamp : null;

  const records: DecodedRecord[] = [];
  let cursor = 0;
  for (let n = 0; n < header.recordCount; n++) {
    const length = readVarint(body, cursor);
    const recordEnd = length.next + length.value;
    if (length.value < 0 || recordEnd > body.length) {
      throw new RangeError(`record ${n} of batch at offset ${header.baseOffset} claims ${length.value} bytes past the end of the batch`);
    }
    // Skip the unused record attributes byte.
    const timestampDelta = readVarlong(body, length.next + 1);
    const offsetDelta = readVarint(body, timestampDelta.next);
    const key = readNullableBytes(body, offsetDelta.next, recordEnd);
    const value = readNullableBytes(body, key.next, recordEnd);
    const headerCount = readVarint(body, value.next);
    if (headerCount.value < 0) throw new RangeError(`record ${n} has a negative header count`);
    cursor = headerCount.next;
    const headers: RecordHeader[] = [];
    for (let h = 0; h < headerCount.value; h++) {
      const headerKey = readNullableBytes(body, cursor, recordEnd);
      if (headerKey.bytes === null) throw new RangeError(`record ${n} has a header with a null key`);
      const headerValue = readNullableBytes(body, headerKey.next, recordEnd);
      headers.push({ key: headerKey.bytes.toString('utf8'), value: headerValue.bytes });
      cursor = headerValue.next;
    }
    if (cursor !== recordEnd) {
      throw new RangeError(`record ${n} of batch at offset ${header.baseOffset} is ${length.value} bytes long but its fields take ${cursor - length.next}`);
    }
    records.push({
      offset: header.baseOffset + BigInt(offsetDelta.value),
      timestamp: appendTime ?? header.baseTimestamp + timestampDelta.value,
      key: key.bytes,
      value: value.bytes,
      headers,
    });
  }
  if (cursor !== body.length) {
    throw new RangeError(`batch at offset ${header.baseOffset} has ${body.length - cursor} bytes after its ${header.recordCount} records`);
  }
  return records;
}

function readNullableBytes(buf: Buffer, pos: number, limit: number): { bytes: Buffer | null; next: number } {
  const length = readVarint(buf, pos);
  if (length.value < 0) return { bytes: null, next: length.next };
  const end = length.next + length.value;
  if (end > limit) throw new RangeError(`a ${length.value}-byte field at ${pos} runs past the end of its record`);
  return { bytes: buf.subarray(length.next, end), next: end };
}
