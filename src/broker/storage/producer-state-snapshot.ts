// The producer state snapshot file: JSON, versioned, bigints as strings.
// Version 2 added each partition's log end offset at snapshot time; version 1
// files (without it) still load, and then every log is replayed.

import type { PartitionEnd, ProducerEntry } from './producer-state.js';

const PRODUCER_STATE_VERSION = 2;
const READABLE_VERSIONS = new Set([1, PRODUCER_STATE_VERSION]);

type SnapshotBatch = [firstSeq: number, lastSeq: number, firstOffset: string, lastOffset: string, timestampMs: number];

interface SnapshotFile {
  version: number;
  producers: { topic: string; partition: number; producerId: string; epoch: number; batches: SnapshotBatch[] }[];
  /** [topic, partition, log end offset] when the snapshot was taken. */
  logEndOffsets?: [string, number, string][];
}

export interface SnapshotProducer {
  topic: string;
  partition: number;
  producerId: bigint;
  entry: ProducerEntry;
}

export interface SnapshotContents {
  producers: SnapshotProducer[];
  /** Absent in version 1 files and when the table was opened without log ends. */
  logEndOffsets?: PartitionEnd[];
}

export function encodeProducerSnapshot(producers: readonly SnapshotProducer[], logEndOffsets: readonly PartitionEnd[] | undefined): Buffer {
  const contents: SnapshotFile = {
    version: PRODUCER_STATE_VERSION,
    producers: producers.map(({ topic, partition, producerId, entry }) => ({
      topic,
      partition,
      producerId: producerId.toString(),
      epoch: entry.epoch,
      batches: entry.batches.map((b) => [b.firstSeq, b.lastSeq, b.firstOffset.toString(), b.lastOffset.toString(), b.timestampMs]),
    })),
    ...(logEndOffsets && { logEndOffsets: logEndOffsets.map((end) => [end.topic, end.partition, end.logEndOffset.toString()]) }),
  };
  return Buffer.from(`${JSON.stringify(contents)}\n`);
}

/** Parses a snapshot; throws, naming `path`, if it is not one this version can read. */
export function decodeProducerSnapshot(bytes: Buffer, path: string): SnapshotContents {
  const parsed = JSON.parse(bytes.toString('utf8')) as Partial<SnapshotFile>;
  if (!READABLE_VERSIONS.has(parsed.version ?? 0) || !Array.isArray(parsed.producers)) {
    throw new Error(`${path} is not a version ${[...READABLE_VERSIONS].join(' or ')} producer state snapshot`);
  }
  const producers = parsed.producers.map((p): SnapshotProducer => {
    if (!isSnapshotProducer(p)) throw new Error(`${path} holds a malformed producer entry: ${JSON.stringify(p)}`);
    const batches = p.batches.map(([firstSeq, lastSeq, firstOffset, lastOffset, timestampMs]) => ({
      firstSeq,
      lastSeq,
      firstOffset: BigInt(firstOffset),
      lastOffset: BigInt(lastOffset),
      timestampMs,
    }));
    return { topic: p.topic, partition: p.partition, producerId: BigInt(p.producerId), entry: { epoch: p.epoch, batches } };
  });
  if (parsed.logEndOffsets === undefined) return { producers };
  const logEndOffsets = parsed.logEndOffsets.map((end): PartitionEnd => {
    if (!Array.isArray(end) || typeof end[0] !== 'string' || !Number.isInteger(end[1]) || !/^\d+$/.test(String(end[2]))) {
      throw new Error(`${path} holds a malformed log end offset: ${JSON.stringify(end)}`);
    }
    return { topic: end[0], partition: end[1], logEndOffset: BigInt(end[2]) };
  });
  return { producers, logEndOffsets };
}

function isSnapshotProducer(value: unknown): value is SnapshotFile['producers'][number] {
  const p = value as Partial<SnapshotFile['producers'][number]> | null;
  return (
    typeof p === 'object' && p !== null && typeof p.topic === 'string' && Number.isInteger(p.partition) && typeof p.producerId === 'string' &&
    /^\d+$/.test(p.producerId) && Number.isInteger(p.epoch) && Array.isArray(p.batches) &&
    p.batches.every((b) => Array.isArray(b) && b.length === 5 && /^-?\d+$/.test(String(b[2])) && /^-?\d+$/.test(String(b[3])))
  );
}
