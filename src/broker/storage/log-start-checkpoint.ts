// The log start offset of one partition, kept in a small versioned JSON file
// replaced atomically. DeleteRecords can move the start into the middle of a
// segment, where the segment files alone cannot say where it is.

import { join } from 'node:path';
import { atomicWriteFile, type Fs } from './fs.js';
import { LOG_START_CHECKPOINT_FILE } from './segment-files.js';

const CHECKPOINT_VERSION = 1;

interface CheckpointFile {
  version: number;
  logStartOffset: string;
}

export function writeLogStartCheckpoint(fs: Fs, partitionDir: string, logStartOffset: bigint): void {
  const contents: CheckpointFile = { version: CHECKPOINT_VERSION, logStartOffset: logStartOffset.toString() };
  atomicWriteFile(fs, join(partitionDir, LOG_START_CHECKPOINT_FILE), Buffer.from(`${JSON.stringify(contents)}\n`));
}

/** The checkpointed offset; undefined when there is no checkpoint. Throws on an unreadable one. */
export function readLogStartCheckpoint(fs: Fs, partitionDir: string): bigint | undefined {
  const path = join(partitionDir, LOG_START_CHECKPOINT_FILE);
  if (!fs.exists(path)) return undefined;
  const parsed = JSON.parse(fs.readFile(path).toString('utf8')) as Partial<CheckpointFile>;
  if (parsed.version !== CHECKPOINT_VERSION || typeof parsed.logStartOffset !== 'string' || !/^\d+$/.test(parsed.logStartOffset)) {
    throw new Error(`${path} is not a version ${CHECKPOINT_VERSION} log start checkpoint`);
  }
  return BigInt(parsed.logStartOffset);
}
