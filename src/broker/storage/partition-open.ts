// Opening a partition directory: find its segments, decide which can be
// trusted and which must be rescanned, finish interrupted deletions, and work
// out the log start offset.
//   After a clean shutdown (marker present) every segment is loaded from its
//   index files, each validated; a bad one is rescanned.
//   After a crash the active (last) segment is always rescanned; earlier ones
//   are trusted only if their indexes load and chain to the next segment.
// A segment cut short by recovery ends the log there: later segments would
// leave a hole in the offsets, so they are dropped (and logged), as Kafka does.

import { join } from 'node:path';
import type { Logger } from '../ports.js';
import { removeQuietly, type Fs } from './fs.js';
import { readLogStartCheckpoint } from './log-start-checkpoint.js';
import { Segment } from './segment.js';
import { emptySegmentState } from './segment-state.js';
import { CLEAN_SHUTDOWN_FILE, listSegmentFiles, segmentPaths } from './segment-files.js';
import { loadSegment, recoverSegment } from './segment-recovery.js';

export interface OpenPartitionOptions {
  fs: Fs;
  logger: Logger;
  dir: string;
  topic: string;
  partition: number;
  indexIntervalBytes: number;
  nowMs: number;
}

export interface OpenedPartition {
  segments: Segment[];
  logStartOffset: bigint;
}

export function openPartitionDir(options: OpenPartitionOptions): OpenedPartition {
  const { fs, logger, dir, topic, partition } = options;
  fs.mkdirp(dir);
  const names = fs.readdir(dir);
  const clean = names.includes(CLEAN_SHUTDOWN_FILE);
  for (const name of names) if (name.endsWith('.tmp')) removeQuietly(fs, join(dir, name));

  const checkpoint = readCheckpointOrWarn(options);
  const files = listSegmentFiles(names);
  for (const orphan of files.filter((file) => !file.hasLog)) {
    for (const name of orphan.extraNames) fs.unlink(join(dir, name));
  }
  let bases = files.filter((file) => file.hasLog).map((file) => file.baseOffset);

  // Segments wholly below the checkpointed start were being deleted when the
  // broker stopped; finish the job.
  while (checkpoint !== undefined && bases.length > 1 && bases[1] <= checkpoint) {
    deleteSegmentFiles(fs, dir, bases[0]);
    bases = bases.slice(1);
  }

  const segments: Segment[] = [];
  let recoveredAny = false;
  for (let i = 0; i < bases.length; i++) {
    const baseOffset = bases[i];
    const paths = segmentPaths(dir, baseOffset);
    const isLast = i === bases.length - 1;
    const previous = segments.at(-1);
    if (previous && previous.nextOffset !== baseOffset) {
      dropSegmentsFrom(options, bases.slice(i), previous.nextOffset);
      break;
    }
    if (!isLast && fs.size(paths.log) === 0) {
      // An empty segment in the middle holds nothing; only the last may be empty.
      deleteSegmentFiles(fs, dir, baseOffset);
      continue;
    }
    const trusted = clean || !isLast ? loadSegment(fs, paths, baseOffset, options.nowMs) : undefined;
    if (trusted) {
      segments.push(new Segment(fs, baseOffset, paths, trusted));
      continue;
    }
    recoveredAny = true;
    const recovered = recoverSegment(fs, paths, baseOffset, options.indexIntervalBytes, options.nowMs);
    if (recovered.droppedBytes > 0) {
      logger.warn('truncated a damaged log tail', {
        topic,
        partition,
        segment: baseOffset.toString(),
        offset: recovered.state.nextOffset.toString(),
        bytesDropped: recovered.droppedBytes,
        reason: recovered.reason,
      });
    }
    const segment = new Segment(fs, baseOffset, paths, recovered.state);
    segments.push(segment);
    // Rescanned non-active segments get fresh index files now, so the next
    // start can trust them; the active one writes its own on roll or close.
    if (!isLast) segment.persistIndexes();
  }

  if (recoveredAny) logger.info('recovered partition log', { topic, partition, clean });
  if (segments.length === 0) {
    const baseOffset = checkpoint ?? 0n;
    const segment = new Segment(fs, baseOffset, segmentPaths(dir, baseOffset), emptySegmentState(baseOffset));
    segment.ensureFile();
    segments.push(segment);
  }
  const logEndOffset = segments[segments.length - 1].nextOffset;
  let logStartOffset = segments[0].baseOffset;
  if (checkpoint !== undefined && checkpoint > logStartOffset) logStartOffset = checkpoint;
  if (logStartOffset > logEndOffset) logStartOffset = logEndOffset;

  // From here on a crash must be detected, so the marker goes before any write.
  if (clean) fs.unlink(join(dir, CLEAN_SHUTDOWN_FILE));
  return { segments, logStartOffset };
}

/**
 * The checkpointed log start, or undefined. It is written atomically, so an
 * unreadable one means disk damage; starting from the first segment then only
 * brings back records a DeleteRecords had hidden mid-segment, which beats a
 * broker that cannot start.
 */
function readCheckpointOrWarn(options: OpenPartitionOptions): bigint | undefined {
  try {
    return readLogStartCheckpoint(options.fs, options.dir);
  } catch (error) {
    options.logger.warn('ignoring an unreadable log start checkpoint', { topic: options.topic, partition: options.partition, error: String(error) });
    return undefined;
  }
}

function dropSegmentsFrom(options: OpenPartitionOptions, bases: bigint[], logEndOffset: bigint): void {
  for (const baseOffset of bases) {
    const paths = segmentPaths(options.dir, baseOffset);
    options.logger.warn('dropped a log segment after a damaged one', {
      topic: options.topic,
      partition: options.partition,
      segment: baseOffset.toString(),
      offset: logEndOffset.toString(),
      bytesDropped: options.fs.size(paths.log),
    });
    deleteSegmentFiles(options.fs, options.dir, baseOffset);
  }
}

export function deleteSegmentFiles(fs: Fs, dir: string, baseOffset: bigint): void {
  const paths = segmentPaths(dir, baseOffset);
  for (const path of [paths.log, paths.offsetIndex, paths.timeIndex]) if (fs.exists(path)) fs.unlink(path);
}
