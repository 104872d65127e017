// The two sparse indexes of a segment, held in typed arrays for lookups and
// mirrored to disk in append-only files so that a clean restart need not rescan
// the log.
//   offset index: int32 relative offset + int32 file position of a batch start
//   time index:   int64 timestamp + int32 relative offset of the batch holding
//                 that timestamp, appended only when the segment's maximum grows
// Relative offsets are those of batch *base* offsets, so a lookup lands on a
// batch at or before the one holding the target.

export const OFFSET_INDEX_ENTRY_SIZE = 8;
export const TIME_INDEX_ENTRY_SIZE = 12;

function grownInt32(array: Int32Array, needed: number): Int32Array {
  if (needed <= array.length) return array;
  const grown = new Int32Array(Math.max(needed, array.length * 2));
  grown.set(array);
  return grown;
}

function grownBigInt64(array: BigInt64Array, needed: number): BigInt64Array {
  if (needed <= array.length) return array;
  const grown = new BigInt64Array(Math.max(needed, array.length * 2));
  grown.set(array);
  return grown;
}

/** Index of the last element of sorted `keys[0, count)` that is <= target, or -1. */
function floorIndex(count: number, keyAt: (i: number) => number | bigint, target: number | bigint): number {
  let low = 0;
  let high = count - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if (keyAt(mid) <= target) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/**
 * What both indexes share: entries are appended in memory, and only the ones
 * not yet written are encoded when the index file is brought up to date.
 */
abstract class SparseIndex {
  protected count = 0;
  private persisted = 0;

  protected abstract readonly entrySize: number;
  protected abstract writeEntry(i: number, out: Buffer, at: number): void;

  get length(): number {
    return this.count;
  }

  unpersistedCount(): number {
    return this.count - this.persisted;
  }

  /** Entries not yet written to the index file, encoded for it. */
  encodeUnpersisted(): Buffer {
    return this.encodeRange(this.persisted, this.count);
  }

  markPersisted(): void {
    this.persisted = this.count;
  }

  encodeAll(): Buffer {
    return this.encodeRange(0, this.count);
  }

  private encodeRange(from: number, to: number): Buffer {
    const out = Buffer.allocUnsafe((to - from) * this.entrySize);
    for (let i = from, at = 0; i < to; i++, at += this.entrySize) this.writeEntry(i, out, at);
    return out;
  }
}

export class OffsetIndex extends SparseIndex {
  private relativeOffsets: Int32Array = new Int32Array(16);
  private positions: Int32Array = new Int32Array(16);
  protected readonly entrySize = OFFSET_INDEX_ENTRY_SIZE;

  append(relativeOffset: number, position: number): void {
    this.relativeOffsets = grownInt32(this.relativeOffsets, this.count + 1);
    this.positions = grownInt32(this.positions, this.count + 1);
    this.relativeOffsets[this.count] = relativeOffset;
    this.positions[this.count] = position;
    this.count++;
  }

  /** File position of the last indexed batch starting at or before `relativeOffset`; 0 if none. */
  floorPosition(relativeOffset: number): number {
    const found = floorIndex(this.count, (i) => this.relativeOffsets[i], relativeOffset);
    return found < 0 ? 0 : this.positions[found];
  }

  /** Position of the last entry, 0 when there is none. */
  lastPosition(): number {
    return this.count === 0 ? 0 : this.positions[this.count - 1];
  }

  protected writeEntry(i: number, out: Buffer, at: number): void {
    out.writeInt32BE(this.relativeOffsets[i], at);
    out.writeInt32BE(this.positions[i], at + 4);
  }

  /**
   * Loads an index file; undefined when it is not a plausible index of a log
   * of `logSize` bytes (bad size, entries out of order or past the end).
   */
  static decode(bytes: Buffer, logSize: number): OffsetIndex | undefined {
    if (bytes.length % OFFSET_INDEX_ENTRY_SIZE !== 0) return undefined;
    const index = new OffsetIndex();
    let previousOffset = -1;
    let previousPosition = -1;
    for (let at = 0; at < bytes.length; at += OFFSET_INDEX_ENTRY_SIZE) {
      const relativeOffset = bytes.readInt32BE(at);
      const position = bytes.readInt32BE(at + 4);
      if (relativeOffset <= previousOffset || position <= previousPosition || position >= logSize) return undefined;
      index.append(relativeOffset, position);
      previousOffset = relativeOffset;
      previousPosition = position;
    }
    index.markPersisted();
    return index;
  }
}

export class TimeIndex extends SparseIndex {
  private timestamps: BigInt64Array = new BigInt64Array(16);
  private relativeOffsets: Int32Array = new Int32Array(16);
  protected readonly entrySize = TIME_INDEX_ENTRY_SIZE;

  append(timestamp: bigint, relativeOffset: number): void {
    this.timestamps = grownBigInt64(this.timestamps, this.count + 1);
    this.relativeOffsets = grownInt32(this.relativeOffsets, this.count + 1);
    this.timestamps[this.count] = timestamp;
    this.relativeOffsets[this.count] = relativeOffset;
    this.count++;
  }

  last(): { timestamp: bigint; relativeOffset: number } | undefined {
    if (this.count === 0) return undefined;
    return { timestamp: this.timestamps[this.count - 1], relativeOffset: this.relativeOffsets[this.count - 1] };
  }

  /**
   * A relative offset from which a scan for the first timestamp >= target may
   * start: every batch before the returned entry's batch is known to hold only
   * smaller timestamps. -1 means "from the start of the segment".
   */
  scanStartFor(target: bigint): number {
    // Entries record a running maximum, so the last entry below the target
    // bounds everything written up to it.
    const below = floorIndex(this.count, (i) => this.timestamps[i], target - 1n);
    return below < 0 ? -1 : this.relativeOffsets[below];
  }

  protected writeEntry(i: number, out: Buffer, at: number): void {
    out.writeBigInt64BE(this.timestamps[i], at);
    out.writeInt32BE(this.relativeOffsets[i], at + 8);
  }

  /** Loads a time index file; undefined when its size or order is wrong. */
  static decode(bytes: Buffer): TimeIndex | undefined {
    if (bytes.length % TIME_INDEX_ENTRY_SIZE !== 0) return undefined;
    const index = new TimeIndex();
    let previousTimestamp: bigint | undefined;
    let previousOffset = -1;
    for (let at = 0; at < bytes.length; at += TIME_INDEX_ENTRY_SIZE) {
      const timestamp = bytes.readBigInt64BE(at);
      const relativeOffset = bytes.readInt32BE(at + 8);
      if (relativeOffset < previousOffset || (previousTimestamp !== undefined && timestamp <= previousTimestamp)) return undefined;
      index.append(timestamp, relativeOffset);
      previousTimestamp = timestamp;
      previousOffset = relativeOffset;
    }
    index.markPersisted();
    return index;
  }
}
