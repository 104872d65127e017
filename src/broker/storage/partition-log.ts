// One partition's durable log: an ordered list of segments, the last one
// active. This object is the single owner of the partition's offsets; callers
// run on the event loop and every method is synchronous.

import { join } from 'node:path';
import type { Clock, Logger } from '../ports.js';
import { BATCH_HEADER_SIZE, batchTotalSize, readBatchHeader, stampBatch, type BatchHeader } from '../records/record-batch.js';
import { OffsetOutOfRangeError } from './errors.js';
import { atomicWriteFile, type Fs } from './fs.js';
import { writeLogStartCheckpoint } from './log-start-checkpoint.js';
import { openPartitionDir } from './partition-open.js';
import { Segment } from './segment.js';
import { emptySegmentState } from './segment-state.js';
import { CLEAN_SHUTDOWN_FILE, segmentPaths } from './segment-files.js';
import { planRetention } from './retention.js';
import { findMaxTimestamp, findOffsetForTimestamp } from './timestamp-lookups.js';
import type { AppendResult, LogConfig, PartitionLog, ReadResult, TimestampAndOffset } from './types.js';

/** The broker stamps every batch with this leader epoch: there is one leader, forever. */
const LEADER_EPOCH = 0;
const INT32_MAX = 0x7fffffff;
const NEVER_FLUSH = Number.MAX_SAFE_INTEGER;

export interface PartitionLogOptions {
  fs: Fs;
  clock: Clock;
  logger: Logger;
  /** The partition's own directory. */
  dir: string;
  topic: string;
  partition: number;
  config: LogConfig;
}

export class DiskPartitionLog implements PartitionLog {
  readonly topic: string;
  readonly partition: number;
  private readonly fs: Fs;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly dir: string;
  private config: LogConfig;
  private segments: Segment[];
  private startOffset: bigint;
  private totalBytes: number;
  private unflushedMessages = 0;
  private closed = false;

  private constructor(options: PartitionLogOptions, segments: Segment[], logStartOffset: bigint) {
    this.topic = options.topic;
    this.partition = options.partition;
    this.fs = options.fs;
    this.clock = options.clock;
    this.logger = options.logger;
    this.dir = options.dir;
    this.config = options.config;
    this.segments = segments;
    this.startOffset = logStartOffset;
    this.totalBytes = segments.reduce((sum, segment) => sum + segment.size, 0);
  }

  /** Opens (creating, or recovering after a crash) the log in `options.dir`. */
  static open(options: PartitionLogOptions): DiskPartitionLog {
    const opened = openPartitionDir({
      fs: options.fs,
      logger: options.logger,
      dir: options.dir,
      topic: options.topic,
      partition: options.partition,
      indexIntervalBytes: options.config.indexIntervalBytes,
      nowMs: options.clock.now(),
    });
    return new DiskPartitionLog(options, opened.segments, opened.logStartOffset);
  }

  logStartOffset(): bigint {
    return this.startOffset;
  }

  logEndOffset(): bigint {
    return this.active().nextOffset;
  }

  sizeBytes(): number {
    return this.totalBytes;
  }

  segmentCount(): number {
    return this.segments.length;
  }

  /** Takes effect from the next append, read or retention pass. */
  setConfig(config: LogConfig): void {
    this.config = config;
  }

  append(batch: Buffer): AppendResult {
    this.ensureOpen();
    if (batch.length < BATCH_HEADER_SIZE) throw new RangeError(`a record batch needs at least ${BATCH_HEADER_SIZE} bytes, got ${batch.length}`);
    const header = readBatchHeader(batch, 0);
    if (batchTotalSize(header) !== batch.length || header.lastOffsetDelta < 0) {
      throw new RangeError(`append expects exactly one whole batch: header says ${batchTotalSize(header)} bytes, buffer has ${batch.length}`);
    }
    const nowMs = this.clock.now();
    let active = this.active();
    if (this.shouldRoll(active, batch.length, header.lastOffsetDelta, nowMs)) active = this.roll();

    const baseOffset = active.nextOffset;
    stampBatch(batch, 0, baseOffset, LEADER_EPOCH);
    header.baseOffset = baseOffset;
    header.partitionLeaderEpoch = LEADER_EPOCH;
    const messages = header.lastOffsetDelta + 1;
    const sync = this.unflushedMessages + messages >= this.config.flushMessages;
    active.append(batch, header, nowMs, sync, this.config.indexIntervalBytes);
    this.unflushedMessages = sync ? 0 : this.unflushedMessages + messages;
    this.totalBytes += batch.length;
    return { baseOffset, lastOffset: baseOffset + BigInt(header.lastOffsetDelta) };
  }

  read(offset: bigint, maxBytes: number, minOneBatch: boolean): ReadResult {
    this.ensureOpen();
    const logEndOffset = this.logEndOffset();
    if (offset < this.startOffset || offset > logEndOffset) {
      throw new OffsetOutOfRangeError(this.topic, this.partition, offset, this.startOffset, logEndOffset);
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    if (offset === logEndOffset) return { chunks, bytes };
    let index = this.segmentIndexFor(offset);
    let position = this.segments[index].positionOf(offset);
    while (index < this.segments.length) {
      const piece = this.segments[index].readWholeBatches(position, maxBytes - bytes, minOneBatch && chunks.length === 0);
      if (piece.bytes.length > 0) {
        chunks.push(piece.bytes);
        bytes += piece.bytes.length;
      }
      if (!piece.reachedEnd || bytes >= maxBytes) break;
      index++;
      position = 0;
    }
    return { chunks, bytes };
  }

  *batchHeaders(offset: bigint): Generator<BatchHeader> {
    this.ensureOpen();
    if (offset >= this.logEndOffset()) return;
    const from = offset < this.startOffset ? this.startOffset : offset;
    const first = this.segmentIndexFor(from);
    for (let index = first; index < this.segments.length; index++) {
      const segment = this.segments[index];
      let position = index === first ? segment.positionOf(from) : 0;
      while (position < segment.size) {
        const header = segment.headerAt(position);
        position += segment.checkedSize(header, position);
        yield header;
      }
    }
  }

  offsetForTimestamp(targetMs: bigint): TimestampAndOffset | null {
    this.ensureOpen();
    return findOffsetForTimestamp(this.segments, this.startOffset, targetMs);
  }

  maxTimestamp(): TimestampAndOffset | null {
    this.ensureOpen();
    return findMaxTimestamp(this.segments);
  }

  advanceLogStart(offset: bigint): void {
    this.ensureOpen();
    if (offset <= this.startOffset) return;
    const logEndOffset = this.logEndOffset();
    if (offset > logEndOffset) {
      throw new OffsetOutOfRangeError(this.topic, this.partition, offset, this.startOffset, logEndOffset);
    }
    // Persist first: the new start may fall inside a segment that stays.
    writeLogStartCheckpoint(this.fs, this.dir, offset);
    this.startOffset = offset;
    let deletable = 0;
    while (deletable < this.segments.length - 1 && this.segments[deletable + 1].baseOffset <= offset) deletable++;
    this.deleteOldestSegments(deletable, 'log start offset');
  }

  /**
   * Deletes whole segments past retention.ms (judged by their newest record) or
   * beyond retention.bytes, oldest first, and moves the log start offset to the
   * first remaining one. The active segment is never deleted in place; when
   * everything has expired by time it is rolled first, as Kafka does, so an
   * idle partition empties. Returns how many segments were deleted.
   */
  enforceRetention(nowMs: number): number {
    this.ensureOpen();
    const plan = planRetention(this.segments, this.totalBytes, this.config, nowMs);
    if (plan.rollFirst) this.roll();
    const deletable = plan.deleteCount;
    if (deletable === 0) return 0;
    this.deleteOldestSegments(deletable, 'retention');
    const firstBase = this.segments[0].baseOffset;
    if (firstBase > this.startOffset) {
      this.startOffset = firstBase;
      try {
        writeLogStartCheckpoint(this.fs, this.dir, firstBase);
      } catch (error) {
        // Harmless: on open the start is never below the first segment anyway.
        this.logger.warn('could not checkpoint the log start offset', { topic: this.topic, partition: this.partition, error: String(error) });
      }
    }
    return deletable;
  }

  /** fsyncs the active segment (flush.messages does this on its own). */
  flush(): void {
    this.ensureOpen();
    this.active().fsync();
    this.unflushedMessages = 0;
  }

  /**
   * Flushes, writes the index files and the clean-shutdown marker, and closes
   * every file. After a close without errors the next open trusts the indexes.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const active = this.active();
    try {
      active.fsync();
      active.seal();
      atomicWriteFile(this.fs, join(this.dir, CLEAN_SHUTDOWN_FILE), Buffer.from('{"version":1}\n'));
    } finally {
      for (const segment of this.segments) segment.close();
    }
  }

  private active(): Segment {
    return this.segments[this.segments.length - 1];
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error(`partition log ${this.topic}-${this.partition} is closed`);
  }

  private shouldRoll(active: Segment, batchBytes: number, lastOffsetDelta: number, nowMs: number): boolean {
    if (active.isEmpty()) return false;
    if (active.size + batchBytes > Math.min(this.config.segmentBytes, INT32_MAX)) return true;
    const started = active.rollClockStartMs;
    if (started !== undefined && nowMs - started >= this.config.segmentMs) return true;
    // Index entries hold offsets relative to the segment base as int32.
    return active.nextOffset + BigInt(lastOffsetDelta) - active.baseOffset > BigInt(INT32_MAX);
  }

  private roll(): Segment {
    const previous = this.active();
    if (this.unflushedMessages > 0 && this.config.flushMessages < NEVER_FLUSH) {
      previous.fsync();
      this.unflushedMessages = 0;
    }
    previous.seal();
    const baseOffset = previous.nextOffset;
    const segment = new Segment(this.fs, baseOffset, segmentPaths(this.dir, baseOffset), emptySegmentState(baseOffset));
    segment.ensureFile();
    this.segments.push(segment);
    return segment;
  }

  private deleteOldestSegments(count: number, why: string): void {
    const doomed = this.segments.slice(0, count);
    this.segments = this.segments.slice(count);
    for (const segment of doomed) {
      this.totalBytes -= segment.size;
      try {
        segment.delete();
      } catch (error) {
        // The segment is already out of the log; the next open removes any
        // leftover files below the log start.
        this.logger.warn('could not delete a log segment', {
          topic: this.topic,
          partition: this.partition,
          segment: segment.baseOffset.toString(),
          error: String(error),
        });
      }
    }
    if (count > 0) {
      this.logger.debug('deleted log segments', { topic: this.topic, partition: this.partition, count, why });
    }
  }

  /** Index of the segment holding `offset`: the last whose base offset is <= it. */
  private segmentIndexFor(offset: bigint): number {
    let low = 0;
    let high = this.segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.segments[mid].baseOffset <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}
