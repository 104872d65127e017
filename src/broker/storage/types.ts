// The storage contract the request handlers program against. Everything here is
// synchronous: the broker's state has one owner (the event loop) and is never
// read-modify-written across an await. Writes reach the OS page cache before the
// call returns, so an acknowledged produce survives kill -9.

export interface LogConfig {
  /** segment.bytes: roll to a new segment when the active one would exceed this */
  segmentBytes: number;
  /** segment.ms: roll when the active segment's first batch is older than this */
  segmentMs: number;
  /** retention.ms; -1 = keep forever */
  retentionMs: number;
  /** retention.bytes per partition; -1 = unlimited */
  retentionBytes: number;
  /** flush.messages: fsync after this many messages (Number.MAX_SAFE_INTEGER = never) */
  flushMessages: number;
  /** index.interval.bytes: bytes between two sparse offset-index entries */
  indexIntervalBytes: number;
}

export interface AppendResult {
  baseOffset: bigint;
  lastOffset: bigint;
}

export interface ReadResult {
  /** Whole stored batches, the first being the one that contains the requested offset. */
  chunks: Buffer[];
  bytes: number;
}

export interface TimestampAndOffset {
  offset: bigint;
  timestamp: bigint;
}

export interface PartitionLog {
  readonly topic: string;
  readonly partition: number;
  logStartOffset(): bigint;
  /** The next offset to be assigned; also the high watermark on a single node. */
  logEndOffset(): bigint;
  sizeBytes(): number;
  /**
   * Appends one validated v2 record batch. The log rewrites only baseOffset and
   * partitionLeaderEpoch (both outside the CRC) and returns the assigned range.
   */
  append(batch: Buffer): AppendResult;
  /** Reads whole batches from `offset`; at least one batch when `minOneBatch` even past maxBytes. */
  read(offset: bigint, maxBytes: number, minOneBatch: boolean): ReadResult;
  /** Earliest record with timestamp >= target, looking inside (compressed) batches. */
  offsetForTimestamp(targetMs: bigint): TimestampAndOffset | null;
  /** The record with the largest timestamp (ListOffsets -3). */
  maxTimestamp(): TimestampAndOffset | null;
  /**
   * The headers of the stored batches from the one containing `offset` to the
   * end, read without the records (rebuilding idempotent-producer state).
   */
  batchHeaders(offset: bigint): Iterable<import('../records/record-batch.js').BatchHeader>;
  /** DeleteRecords: the log start offset becomes max(current, offset); whole segments below it are freed. */
  advanceLogStart(offset: bigint): void;
}

export interface TopicMetadata {
  name: string;
  /** 16-byte topic id, stable for the topic's whole life. */
  id: Buffer;
  partitionCount: number;
  /** Only the per-topic overrides (Kafka topic config names); defaults come from the broker config. */
  configs: Readonly<Record<string, string>>;
}
