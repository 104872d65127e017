// File names inside a partition directory. Segment files are named by their
// base offset, zero-padded to 20 digits so that a name sort is an offset sort.

import { join } from 'node:path';

export const LOG_SUFFIX = '.log';
export const OFFSET_INDEX_SUFFIX = '.index';
export const TIME_INDEX_SUFFIX = '.timeindex';
export const CLEAN_SHUTDOWN_FILE = '.clean-shutdown';
export const LOG_START_CHECKPOINT_FILE = 'log-start-offset.json';

const SEGMENT_NAME = /^(\d{20})\.(log|index|timeindex)$/;

export interface SegmentPaths {
  log: string;
  offsetIndex: string;
  timeIndex: string;
}

export function segmentPaths(partitionDir: string, baseOffset: bigint): SegmentPaths {
  const stem = join(partitionDir, baseOffset.toString().padStart(20, '0'));
  return { log: stem + LOG_SUFFIX, offsetIndex: stem + OFFSET_INDEX_SUFFIX, timeIndex: stem + TIME_INDEX_SUFFIX };
}

/** The segment files of a directory listing, grouped by base offset, ascending. */
export function listSegmentFiles(names: readonly string[]): Array<{ baseOffset: bigint; hasLog: boolean; extraNames: string[] }> {
  const byBase = new Map<string, { baseOffset: bigint; hasLog: boolean; extraNames: string[] }>();
  for (const name of names) {
    const match = SEGMENT_NAME.exec(name);
    if (!match) continue;
    const entry = byBase.get(match[1]) ?? { baseOffset: BigInt(match[1]), hasLog: false, extraNames: [] };
    if (match[2] === 'log') entry.hasLog = true;
    else entry.extraNames.push(name);
    byBase.set(match[1], entry);
  }
  return [...byBase.values()].sort((a, b) => (a.baseOffset < b.baseOffset ? -1 : a.baseOffset > b.baseOffset ? 1 : 0));
}

/** The directory that holds one partition's segments. */
export function partitionDirName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}
