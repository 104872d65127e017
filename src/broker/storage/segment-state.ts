// What a segment knows about itself, and the one routine that folds a batch
// into it. The append path and recovery both use recordBatchInState, so an
// index rebuilt after a crash is identical to the one built live.

import type { BatchHeader } from '../records/record-batch.js';
import { OffsetIndex, TimeIndex } from './segment-indexes.js';

export const NO_TIMESTAMP = -1n;

/** What a segment knows about itself, whether just created, loaded or recovered. */
export interface SegmentState {
  size: number;
  nextOffset: bigint;
  maxTimestamp: bigint;
  /** Base offset of the first batch that reached maxTimestamp. */
  batchOffsetOfMaxTimestamp: bigint;
  offsetIndex: OffsetIndex;
  timeIndex: TimeIndex;
  bytesSinceIndexEntry: number;
  /** Clock time segment.ms counts from; undefined until the first append. */
  rollClockStartMs: number | undefined;
}

export function emptySegmentState(baseOffset: bigint): SegmentState {
  return {
    size: 0,
    nextOffset: baseOffset,
    maxTimestamp: NO_TIMESTAMP,
    batchOffsetOfMaxTimestamp: baseOffset,
    offsetIndex: new OffsetIndex(),
    timeIndex: new TimeIndex(),
    bytesSinceIndexEntry: 0,
    rollClockStartMs: undefined,
  };
}

/**
 * Adds one batch, stored at `position`, to the segment's bookkeeping. Shared by
 * the append path and by recovery, so both build identical indexes.
 */
export function recordBatchInState(
  state: SegmentState,
  baseOffset: bigint,
  position: number,
  header: BatchHeader,
  size: number,
  indexIntervalBytes: number,
): void {
  let indexed = false;
  if (state.bytesSinceIndexEntry >= indexIntervalBytes && position > 0) {
    state.offsetIndex.append(Number(header.baseOffset - baseOffset), position);
    state.bytesSinceIndexEntry = 0;
    indexed = true;
  }
  if (header.maxTimestamp > state.maxTimestamp) {
    state.maxTimestamp = header.maxTimestamp;
    state.batchOffsetOfMaxTimestamp = header.baseOffset;
  }
  if (indexed) appendTimeEntryIfRaised(state, baseOffset);
  state.bytesSinceIndexEntry += size;
  state.size = position + size;
  state.nextOffset = header.baseOffset + BigInt(header.lastOffsetDelta) + 1n;
}

/** Records the segment's running maximum in the time index if it grew since the last entry. */
export function appendTimeEntryIfRaised(state: SegmentState, baseOffset: bigint): void {
  const last = state.timeIndex.last();
  if (state.maxTimestamp > (last?.timestamp ?? NO_TIMESTAMP)) {
    state.timeIndex.append(state.maxTimestamp, Number(state.batchOffsetOfMaxTimestamp - baseOffset));
  }
}
