// Timestamp lookups for ListOffsets. Batch headers only carry a maximum, so
// both lookups finish by decoding (and decompressing) one batch to find the
// exact record, as Kafka does.

import { decodeRecords } from '../records/record-batch.js';
import type { TimestampAndOffset } from './types.js';
import type { Segment } from './segment.js';

/** The earliest record at or after `logStartOffset` whose timestamp is >= target; null if none. */
export function findOffsetForTimestamp(segments: readonly Segment[], logStartOffset: bigint, target: bigint): TimestampAndOffset | null {
  for (const segment of segments) {
    // Every record of a segment whose maximum is below the target is too early.
    if (segment.isEmpty() || segment.maxTimestamp < target || segment.nextOffset <= logStartOffset) continue;
    let position = segment.timeScanStart(target);
    if (logStartOffset > segment.baseOffset) position = Math.max(position, segment.positionOf(logStartOffset));
    while (position < segment.size) {
      const header = segment.headerAt(position);
      const lastOffset = header.baseOffset + BigInt(header.lastOffsetDelta);
      if (header.maxTimestamp >= target && lastOffset >= logStartOffset) {
        for (const record of decodeRecords(segment.batchAt(position))) {
          if (record.offset >= logStartOffset && record.timestamp >= target) {
            return { offset: record.offset, timestamp: record.timestamp };
          }
        }
      }
      position += segment.checkedSize(header, position);
    }
  }
  return null;
}

/** The first record holding the largest timestamp of the log (ListOffsets MAX_TIMESTAMP); null when empty. */
export function findMaxTimestamp(segments: readonly Segment[]): TimestampAndOffset | null {
  let best: Segment | undefined;
  for (const segment of segments) {
    if (!segment.isEmpty() && (best === undefined || segment.maxTimestamp > best.maxTimestamp)) best = segment;
  }
  if (!best) return null;
  const batch = best.batchAt(best.positionOf(best.batchOffsetOfMaxTimestamp));
  const records = decodeRecords(batch);
  // The header's maximum should match a record; if a producer wrote an
  // inconsistent header, the largest record timestamp is the honest answer.
  let found = records[0];
  for (const record of records) {
    if (record.timestamp === best.maxTimestamp) return { offset: record.offset, timestamp: record.timestamp };
    if (record.timestamp > found.timestamp) found = record;
  }
  return found ? { offset: found.offset, timestamp: found.timestamp } : null;
}
