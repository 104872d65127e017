// Bringing a segment back from disk. Two ways:
//  - load: trust the index files (after checking they are well formed and that
//    the batches after the last index entry chain exactly to the end of the
//    log), reading only a few headers;
//  - recover: walk every batch, checking magic, length, offset continuity and
//    CRC-32C, cut the file at the first bad or torn batch, and rebuild the
//    indexes from what remains.

import {
  BATCH_HEADER_SIZE,
  batchTotalSize,
  readBatchHeader,
  verifyBatchCrc,
  type BatchHeader,
} from '../records/record-batch.js';
import type { FileHandle, Fs } from './fs.js';
import type { SegmentPaths } from './segment-files.js';
import { OffsetIndex, TimeIndex } from './segment-indexes.js';
import { emptySegmentState, recordBatchInState, type SegmentState } from './segment-state.js';

/** Recovery reads the log in pieces this large, so a scan costs few syscalls. */
const RECOVERY_READ_BYTES = 8 * 1024 * 1024;

export interface RecoveredSegment {
  state: SegmentState;
  /** Bytes cut from the end of the file; 0 when every batch was sound. */
  droppedBytes: number;
  /** Why the tail was cut, when it was. */
  reason?: string;
}

/** segment.ms counts from the first batch's timestamp when it is plausible (not in the future). */
function rollClockStart(first: BatchHeader | undefined, nowMs: number): number | undefined {
  if (!first) return undefined;
  const timestamp = Number(first.maxTimestamp);
  return timestamp >= 0 && timestamp <= nowMs ? timestamp : nowMs;
}

function readHeader(fs: Fs, fd: FileHandle, position: number, scratch: Buffer): BatchHeader | undefined {
  if (fs.pread(fd, scratch, 0, BATCH_HEADER_SIZE, position) < BATCH_HEADER_SIZE) return undefined;
  return readBatchHeader(scratch, 0);
}

function plausible(header: BatchHeader, expectedBaseOffset: bigint, position: number, fileSize: number): string | undefined {
  if (header.magic !== 2) return `magic ${header.magic}`;
  const total = batchTotalSize(header);
  if (total < BATCH_HEADER_SIZE) return `batch length ${header.batchLength} shorter than a header`;
  if (position + total > fileSize) return 'torn batch';
  if (header.lastOffsetDelta < 0) return `negative last offset delta ${header.lastOffsetDelta}`;
  if (header.baseOffset !== expectedBaseOffset) return `base offset ${header.baseOffset}, expected ${expectedBaseOffset}`;
  return undefined;
}

/**
 * Loads a segment from its index files. Returns undefined when they are
 * missing or do not fit the log, in which case the caller recovers instead.
 */
export function loadSegment(fs: Fs, paths: SegmentPaths, baseOffset: bigint, nowMs: number): SegmentState | undefined {
  if (!fs.exists(paths.offsetIndex) || !fs.exists(paths.timeIndex)) return undefined;
  const logSize = fs.size(paths.log);
  const offsetIndex = OffsetIndex.decode(fs.readFile(paths.offsetIndex), logSize);
  const timeIndex = TimeIndex.decode(fs.readFile(paths.timeIndex));
  if (!offsetIndex || !timeIndex) return undefined;

  const state = emptySegmentState(baseOffset);
  state.offsetIndex = offsetIndex;
  state.timeIndex = timeIndex;
  state.size = logSize;
  const lastTime = timeIndex.last();
  if (lastTime) {
    state.maxTimestamp = lastTime.timestamp;
    state.batchOffsetOfMaxTimestamp = baseOffset + BigInt(lastTime.relativeOffset);
  }
  if (logSize === 0) return offsetIndex.length === 0 && timeIndex.length === 0 ? state : undefined;

  const fd = fs.openRead(paths.log);
  try {
    const scratch = Buffer.allocUnsafe(BATCH_HEADER_SIZE);
    const first = readHeader(fs, fd, 0, scratch);
    if (!first || plausible(first, baseOffset, 0, logSize)) return undefined;
    state.rollClockStartMs = rollClockStart(first, nowMs);
    // Walk from the last indexed batch to the end: the chain must land exactly
    // on the file size, and it yields the segment's next offset.
    let position = offsetIndex.lastPosition();
    let header = readHeader(fs, fd, position, scratch);
    if (!header || header.magic !== 2 || header.baseOffset < baseOffset) return undefined;
    while (header) {
      if (plausible(header, header.baseOffset, position, logSize)) return undefined;
      if (header.maxTimestamp > state.maxTimestamp) {
        state.maxTimestamp = header.maxTimestamp;
        state.batchOffsetOfMaxTimestamp = header.baseOffset;
      }
      state.nextOffset = header.baseOffset + BigInt(header.lastOffsetDelta) + 1n;
      position += batchTotalSize(header);
      if (position === logSize) break;
      header = readHeader(fs, fd, position, scratch);
      if (header && header.baseOffset !== state.nextOffset) return undefined;
    }
    if (position !== logSize) return undefined;
    if (state.batchOffsetOfMaxTimestamp >= state.nextOffset) return undefined;
    state.bytesSinceIndexEntry = logSize - offsetIndex.lastPosition();
    return state;
  } finally {
    fs.close(fd);
  }
}

/**
 * Scans every batch of the segment, cuts the file after the last sound one and
 * rebuilds the indexes in memory. Stale index files are removed so that they
 * are rewritten from the rebuilt ones.
 */
export function recoverSegment(
  fs: Fs,
  paths: SegmentPaths,
  baseOffset: bigint,
  indexIntervalBytes: number,
  nowMs: number,
): RecoveredSegment {
  const state = emptySegmentState(baseOffset);
  const fileSize = fs.size(paths.log);
  const fd = fs.openAppend(paths.log);
  let reason: string | undefined;
  let position = 0;
  let first: BatchHeader | undefined;
  try {
    let buffer = Buffer.alloc(0);
    let window = buffer;
    let windowStart = 0;
    // Makes [from, from + length) readable from `window`, reading ahead.
    const ensure = (from: number, length: number): void => {
      if (from >= windowStart && from + length <= windowStart + window.length) return;
      const wanted = Math.min(Math.max(length, RECOVERY_READ_BYTES), fileSize - from);
      if (buffer.length < wanted) buffer = Buffer.allocUnsafe(wanted);
      window = buffer.subarray(0, fs.pread(fd, buffer, 0, wanted, from));
      windowStart = from;
    };
    while (position < fileSize) {
      if (fileSize - position < BATCH_HEADER_SIZE) {
        reason = 'torn batch header';
        break;
      }
      ensure(position, BATCH_HEADER_SIZE);
      const header = readBatchHeader(window, position - windowStart);
      reason = plausible(header, state.nextOffset, position, fileSize);
      if (reason) break;
      const total = batchTotalSize(header);
      ensure(position, total);
      if (!verifyBatchCrc(window, position - windowStart, header)) {
        reason = 'CRC-32C mismatch';
        break;
      }
      first ??= header;
      recordBatchInState(state, baseOffset, position, header, total, indexIntervalBytes);
      position += total;
    }
    if (reason) fs.truncate(fd, position);
  } finally {
    fs.close(fd);
  }
  state.size = position;
  state.rollClockStartMs = rollClockStart(first, nowMs);
  for (const stale of [paths.offsetIndex, paths.timeIndex]) if (fs.exists(stale)) fs.unlink(stale);
  return { state, droppedBytes: fileSize - position, reason };
}
