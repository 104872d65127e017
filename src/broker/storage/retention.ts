// Which segments retention may delete, decided from sizes and timestamps only.
// Kafka semantics: oldest first, whole segments, stopping at the first segment
// that must stay; the active segment stays unless everything has expired by
// time, in which case the caller rolls first so the partition can empty.

import type { LogConfig } from './types.js';

export interface RetentionCandidate {
  size: number;
  /** Newest record timestamp in the segment; -1 when it has none. */
  maxTimestamp: bigint;
  isEmpty(): boolean;
}

export interface RetentionPlan {
  /** Roll the active segment first (then it, too, is among the deletable). */
  rollFirst: boolean;
  /** How many of the oldest segments to delete, counted before any roll. */
  deleteCount: number;
}

export function planRetention(
  segments: readonly RetentionCandidate[],
  totalBytes: number,
  config: Pick<LogConfig, 'retentionMs' | 'retentionBytes'>,
  nowMs: number,
): RetentionPlan {
  const last = segments.length - 1;
  let deleteCount = 0;
  let rollFirst = false;
  if (config.retentionMs >= 0) {
    while (deleteCount < segments.length && expired(segments[deleteCount], nowMs, config.retentionMs)) deleteCount++;
    if (deleteCount === segments.length) rollFirst = true;
    else deleteCount = Math.min(deleteCount, last);
  }
  if (config.retentionBytes >= 0 && !rollFirst) {
    let excess = totalBytes - config.retentionBytes;
    for (let i = 0; i < deleteCount; i++) excess -= segments[i].size;
    while (deleteCount < last && excess - segments[deleteCount].size >= 0) {
      excess -= segments[deleteCount].size;
      deleteCount++;
    }
  }
  return { rollFirst, deleteCount };
}

function expired(segment: RetentionCandidate, nowMs: number, retentionMs: number): boolean {
  // A segment without timestamps has nothing to judge its age by; keep it.
  return !segment.isEmpty() && segment.maxTimestamp >= 0n && BigInt(nowMs) - segment.maxTimestamp > BigInt(retentionMs);
}
