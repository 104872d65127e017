// One segment of a partition log: a .log file of record batches stored
// verbatim, plus its sparse offset and time indexes. The in-memory indexes are
// the ones used; their files are written whole and atomically when the segment
// stops being active (roll) and on clean close, so the append path costs one
// write per batch. A crash loses nothing: recovery rescans the active segment.

import { BATCH_HEADER_SIZE, BATCH_LOG_OVERHEAD, readBatchHeader, type BatchHeader } from '../records/record-batch.js';
import { atomicWriteFile, type FileHandle, type Fs } from './fs.js';
import type { SegmentPaths } from './segment-files.js';
import { appendTimeEntryIfRaised, recordBatchInState, type SegmentState } from './segment-state.js';

/** Header walks read this much at a time. */
const SCAN_BLOCK_BYTES = 16 * 1024;
/** A walk needs baseOffset, batchLength and lastOffsetDelta: the first 27 bytes of a header. */
const SCAN_FIELDS_BYTES = 27;
// Shared by every segment: storage is synchronous, so no two walks overlap.
const scanBuffer = Buffer.allocUnsafe(SCAN_BLOCK_BYTES);

export interface WholeBatches {
  bytes: Buffer;
  /** True when the read consumed the segment to its end. */
  reachedEnd: boolean;
}

export class Segment {
  private logFd: FileHandle | undefined;
  /** Set when a failed write may have left bytes past `size` on disk. */
  private tailDirty = false;
  private readonly headerScratch = Buffer.allocUnsafe(BATCH_HEADER_SIZE);

  constructor(
    private readonly fs: Fs,
    readonly baseOffset: bigint,
    readonly paths: SegmentPaths,
    private readonly state: SegmentState,
  ) {}

  get size(): number {
    return this.state.size;
  }

  get nextOffset(): bigint {
    return this.state.nextOffset;
  }

  get maxTimestamp(): bigint {
    return this.state.maxTimestamp;
  }

  get batchOffsetOfMaxTimestamp(): bigint {
    return this.state.batchOffsetOfMaxTimestamp;
  }

  get rollClockStartMs(): number | undefined {
    return this.state.rollClockStartMs;
  }

  isEmpty(): boolean {
    return this.state.size === 0;
  }

  /**
   * Writes a stamped batch at the end. On failure the file is cut back to its
   * previous length so no partial batch or phantom offset survives, and the
   * error is rethrown. With `sync` the bytes are also fsynced before returning.
   */
  append(batch: Buffer, header: BatchHeader, nowMs: number, sync: boolean, indexIntervalBytes: number): void {
    const fd = this.fd();
    if (this.tailDirty) {
      this.fs.truncate(fd, this.state.size);
      this.tailDirty = false;
    }
    const position = this.state.size;
    try {
      this.fs.append(fd, batch);
      if (sync) this.fs.fsync(fd);
    } catch (error) {
      this.cutBackTo(fd, position);
      throw error;
    }
    recordBatchInState(this.state, this.baseOffset, position, header, batch.length, indexIntervalBytes);
    this.state.rollClockStartMs ??= nowMs;
  }

  /** Creates the .log file now rather than at the first append, so a new segment is visible on disk. */
  ensureFile(): void {
    this.fd();
  }

  fsync(): void {
    this.fs.fsync(this.fd());
  }

  /** Reads the header of the batch at `position` (which must start a batch). */
  headerAt(position: number): BatchHeader {
    const read = this.fs.pread(this.fd(), this.headerScratch, 0, BATCH_HEADER_SIZE, position);
    if (read < BATCH_HEADER_SIZE) throw new Error(`segment ${this.paths.log} has no batch header at ${position}`);
    return readBatchHeader(this.headerScratch, 0);
  }

  /** File position of the batch containing `offset` (which must lie in this segment), or `size` past the end. */
  positionOf(offset: bigint): number {
    return this.scanFrom(this.state.offsetIndex.floorPosition(Number(offset - this.baseOffset)), offset);
  }

  /**
   * Position of the first batch whose last offset is >= `offset`, walking
   * headers from `position`. Headers are read a block at a time: a sparse-index
   * gap holds many small batches, and one pread per header would dominate.
   */
  scanFrom(position: number, offset: bigint): number {
    const size = this.state.size;
    let at = position;
    while (at < size) {
      const read = this.fs.pread(this.fd(), scanBuffer, 0, Math.min(SCAN_BLOCK_BYTES, size - at), at);
      let walked = 0;
      while (read - walked >= SCAN_FIELDS_BYTES) {
        const total = scanBuffer.readInt32BE(walked + 8) + BATCH_LOG_OVERHEAD;
        if (total < BATCH_HEADER_SIZE || at + walked + total > size) throw this.corruptAt(at + walked, total);
        const lastOffset = scanBuffer.readBigInt64BE(walked) + BigInt(scanBuffer.readInt32BE(walked + 23));
        if (lastOffset >= offset) return at + walked;
        walked += total;
      }
      if (walked === 0) throw this.corruptAt(at, size - at);
      at += walked;
    }
    return size;
  }

  /** Where a scan for timestamps >= target may start (see TimeIndex.scanStartFor). */
  timeScanStart(target: bigint): number {
    const relativeOffset = this.state.timeIndex.scanStartFor(target);
    return relativeOffset < 0 ? 0 : this.positionOf(this.baseOffset + BigInt(relativeOffset));
  }

  /**
   * Whole batches from `position`, at most `maxBytes` of them, in one fresh
   * buffer read with a single pread. With `minOneBatch` the first batch comes
   * back even when it alone is larger than `maxBytes`.
   */
  readWholeBatches(position: number, maxBytes: number, minOneBatch: boolean): WholeBatches {
    const available = this.state.size - position;
    if (available <= 0) return { bytes: Buffer.alloc(0), reachedEnd: true };
    const wanted = Math.min(available, Math.max(0, maxBytes));
    let bytes = Buffer.allocUnsafe(wanted);
    this.fs.pread(this.fd(), bytes, 0, wanted, position);
    let end = 0;
    while (wanted - end >= BATCH_LOG_OVERHEAD) {
      const total = bytes.readInt32BE(end + 8) + BATCH_LOG_OVERHEAD;
      if (total < BATCH_HEADER_SIZE) throw this.corruptAt(position + end, total);
      if (end + total > wanted) break;
      end += total;
    }
    if (end === 0) {
      if (!minOneBatch) return { bytes: Buffer.alloc(0), reachedEnd: false };
      const total = this.checkedSize(this.headerAt(position), position);
      bytes = Buffer.allocUnsafe(total);
      this.fs.pread(this.fd(), bytes, 0, total, position);
      end = total;
    }
    return { bytes: end === bytes.length ? bytes : bytes.subarray(0, end), reachedEnd: position + end >= this.state.size };
  }

  /** The whole batch at `position`. */
  batchAt(position: number): Buffer {
    const total = this.checkedSize(this.headerAt(position), position);
    const bytes = Buffer.allocUnsafe(total);
    this.fs.pread(this.fd(), bytes, 0, total, position);
    return bytes;
  }

  /**
   * Called when the segment stops being the active one, and on clean close:
   * makes the file end where the log does, records the final maximum
   * timestamp and writes both index files whole.
   */
  seal(): void {
    if (this.tailDirty) {
      this.fs.truncate(this.fd(), this.state.size);
      this.tailDirty = false;
    }
    this.persistIndexes();
  }

  /** Writes whichever index files are missing or behind the in-memory indexes. */
  persistIndexes(): void {
    if (this.state.size > 0) appendTimeEntryIfRaised(this.state, this.baseOffset);
    if (this.state.offsetIndex.unpersistedCount() > 0 || !this.fs.exists(this.paths.offsetIndex)) {
      atomicWriteFile(this.fs, this.paths.offsetIndex, this.state.offsetIndex.encodeAll());
      this.state.offsetIndex.markPersisted();
    }
    if (this.state.timeIndex.unpersistedCount() > 0 || !this.fs.exists(this.paths.timeIndex)) {
      atomicWriteFile(this.fs, this.paths.timeIndex, this.state.timeIndex.encodeAll());
      this.state.timeIndex.markPersisted();
    }
  }

  close(): void {
    if (this.logFd === undefined) return;
    const fd = this.logFd;
    this.logFd = undefined;
    try {
      if (this.tailDirty) this.fs.truncate(fd, this.state.size);
      this.tailDirty = false;
    } finally {
      this.fs.close(fd);
    }
  }

  /** Closes and removes all of the segment's files; the .log goes first since it defines the segment. */
  delete(): void {
    try {
      this.close();
    } finally {
      for (const path of [this.paths.log, this.paths.offsetIndex, this.paths.timeIndex]) {
        if (this.fs.exists(path)) this.fs.unlink(path);
      }
    }
  }

  /** Size of the batch at `position`, refusing lengths that would make a walk stall or overrun. */
  checkedSize(header: BatchHeader, position: number): number {
    const total = header.batchLength + BATCH_LOG_OVERHEAD;
    if (total < BATCH_HEADER_SIZE || position + total > this.state.size) throw this.corruptAt(position, total);
    return total;
  }

  private corruptAt(position: number, total: number): Error {
    return new Error(`segment ${this.paths.log} is corrupt: the batch at ${position} claims ${total} bytes`);
  }

  private cutBackTo(fd: FileHandle, position: number): void {
    try {
      this.fs.truncate(fd, position);
    } catch {
      // Reads never look past `size`, and the next append retries the cut
      // before writing, so a failed truncate cannot expose the torn bytes.
      this.tailDirty = true;
    }
  }

  private fd(): FileHandle {
    this.logFd ??= this.fs.openAppend(this.paths.log);
    return this.logFd;
  }
}
