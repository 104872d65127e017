// Idempotent-producer bookkeeping per (producerId, topic, partition): the
// producer epoch and the last five batches, enough to recognise a retried
// batch (clients keep at most five in flight) and to refuse gaps and fenced
// epochs. The table lives in memory and is snapshotted to a versioned file
// under <dataDir>/meta/, replaced atomically, on close and periodically.
// Each snapshot also records how far every partition's log had got when it
// was taken, so that after a crash the state can be brought up to date by
// replaying the batch headers appended since (producer-state-recovery.ts):
// otherwise a producer continuing its sequence would be refused as out of
// order by a stale snapshot.
// Producers silent for producer.id.expiration.ms (one day, Kafka's default)
// are forgotten, so the table does not grow with every producer ever seen.

import { join } from 'node:path';
import type { Clock, Logger, Timer } from '../ports.js';
import type { BatchHeader } from '../records/record-batch.js';
import { atomicWriteFile, removeQuietly, type Fs } from './fs.js';
import { META_DIR } from './metadata-store.js';
import { decodeProducerSnapshot, encodeProducerSnapshot, type SnapshotProducer } from './producer-state-snapshot.js';

export { ProducerIdAllocator, PRODUCER_IDS_FILE } from './producer-ids.js';

export const OUT_OF_ORDER_SEQUENCE_NUMBER = 45;
export const INVALID_PRODUCER_EPOCH = 47;
export const NUM_BATCHES_TO_RETAIN = 5;
export const PRODUCER_STATE_FILE = 'producer-state.json';
const INT32_MAX = 0x7fffffff;
/** Kafka's producer.id.expiration.ms default: one day. */
export const DEFAULT_PRODUCER_ID_EXPIRATION_MS = 86_400_000;

/** What the check needs from a batch header with producerId >= 0. */
export interface ProducerBatchIdentity {
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  /** See lastSequenceOf. */
  lastSequence: number;
}

export interface CachedBatch {
  firstSeq: number;
  lastSeq: number;
  firstOffset: bigint;
  lastOffset: bigint;
  timestampMs: number;
}

export interface ProducerEntry {
  epoch: number;
  /** Oldest first, at most NUM_BATCHES_TO_RETAIN. */
  batches: CachedBatch[];
}

export type SequenceCheck =
  | { kind: 'append' }
  | { kind: 'duplicate'; baseOffset: bigint; lastOffset: bigint; timestampMs: number }
  | { kind: 'error'; errorCode: typeof INVALID_PRODUCER_EPOCH | typeof OUT_OF_ORDER_SEQUENCE_NUMBER };

/** The sequence of a batch's last record: sequences wrap from Int32.MAX to 0. */
export function lastSequenceOf(baseSequence: number, lastOffsetDelta: number): number {
  if (baseSequence > INT32_MAX - lastOffsetDelta) return lastOffsetDelta - (INT32_MAX - baseSequence) - 1;
  return baseSequence + lastOffsetDelta;
}

/** The identity of a batch header with producerId >= 0. */
export function batchIdentity(header: BatchHeader): ProducerBatchIdentity {
  return {
    producerId: header.producerId,
    producerEpoch: header.producerEpoch,
    baseSequence: header.baseSequence,
    lastSequence: lastSequenceOf(header.baseSequence, header.lastOffsetDelta),
  };
}

function nextSequence(sequence: number): number {
  return sequence === INT32_MAX ? 0 : sequence + 1;
}

/** Kafka's order of checks (protocol notes §5.3); the first failing rule decides. */
export function checkSequence(entry: ProducerEntry | undefined, batch: ProducerBatchIdentity): SequenceCheck {
  if (!entry) return { kind: 'append' };
  if (batch.producerEpoch < entry.epoch) return { kind: 'error', errorCode: INVALID_PRODUCER_EPOCH };
  if (batch.producerEpoch === entry.epoch) {
    const original = entry.batches.find((cached) => cached.firstSeq === batch.baseSequence && cached.lastSeq === batch.lastSequence);
    if (original) return { kind: 'duplicate', baseOffset: original.firstOffset, lastOffset: original.lastOffset, timestampMs: original.timestampMs };
  }
  if (batch.producerEpoch > entry.epoch) {
    return batch.baseSequence === 0 ? { kind: 'append' } : { kind: 'error', errorCode: OUT_OF_ORDER_SEQUENCE_NUMBER };
  }
  const last = entry.batches.at(-1);
  if (last && batch.baseSequence !== nextSequence(last.lastSeq)) return { kind: 'error', errorCode: OUT_OF_ORDER_SEQUENCE_NUMBER };
  return { kind: 'append' };
}

export interface PartitionEnd {
  topic: string;
  partition: number;
  logEndOffset: bigint;
}

export interface ProducerStateOptions {
  dataDir: string;
  fs: Fs;
  clock: Clock;
  logger: Logger;
  /** Snapshot this often when something changed; omitted means only on close or snapshot(). */
  snapshotIntervalMs?: number;
  /**
   * producer.id.expiration.ms: a producer whose last batch (by its stored
   * timestamp, as in Kafka) is this old is forgotten at the next periodic
   * check, so one-off producers do not pile up. Default one day.
   */
  producerIdExpirationMs?: number;
  /** Every partition's log end offset now; recorded in each snapshot. */
  logEndOffsets?: () => Iterable<PartitionEnd>;
}

export class ProducerStateTable {
  /** "topic\0partition" → producerId → entry. */
  private readonly partitions = new Map<string, Map<bigint, ProducerEntry>>();
  private dirty = false;
  private timer: Timer | undefined;
  private closed = false;
  /** What the loaded snapshot says each partition's log end offset was. */
  private readonly loadedEnds = new Map<string, bigint>();
  /** The log end offsets written by the last snapshot, to notice when they moved. */
  private writtenEnds = '';
  private readonly fs: Fs;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly snapshotIntervalMs: number | undefined;
  private readonly logEndOffsets: (() => Iterable<PartitionEnd>) | undefined;
  private readonly expirationMs: number;

  private constructor(
    options: ProducerStateOptions,
    private readonly path: string,
  ) {
    this.fs = options.fs;
    this.clock = options.clock;
    this.logger = options.logger;
    this.snapshotIntervalMs = options.snapshotIntervalMs;
    this.logEndOffsets = options.logEndOffsets;
    this.expirationMs = options.producerIdExpirationMs ?? DEFAULT_PRODUCER_ID_EXPIRATION_MS;
  }

  static open(options: ProducerStateOptions): ProducerStateTable {
    const metaDir = join(options.dataDir, META_DIR);
    options.fs.mkdirp(metaDir);
    const path = join(metaDir, PRODUCER_STATE_FILE);
    removeQuietly(options.fs, `${path}.tmp`);
    const table = new ProducerStateTable(options, path);
    table.load();
    table.schedule();
    return table;
  }

  check(topic: string, partition: number, batch: ProducerBatchIdentity): SequenceCheck {
    return checkSequence(this.partitions.get(partitionKey(topic, partition))?.get(batch.producerId), batch);
  }

  /** Call after the batch was appended at [firstOffset, lastOffset]. A new epoch starts a fresh history. */
  record(topic: string, partition: number, batch: ProducerBatchIdentity, firstOffset: bigint, lastOffset: bigint, timestampMs: number): void {
    const k = partitionKey(topic, partition);
    let producers = this.partitions.get(k);
    if (!producers) this.partitions.set(k, (producers = new Map()));
    let entry = producers.get(batch.producerId);
    if (!entry || batch.producerEpoch !== entry.epoch) producers.set(batch.producerId, (entry = { epoch: batch.producerEpoch, batches: [] }));
    entry.batches.push({ firstSeq: batch.baseSequence, lastSeq: batch.lastSequence, firstOffset, lastOffset, timestampMs });
    if (entry.batches.length > NUM_BATCHES_TO_RETAIN) entry.batches.splice(0, entry.batches.length - NUM_BATCHES_TO_RETAIN);
    this.dirty = true;
  }

  /** A copy of one producer's state, or undefined. */
  entry(topic: string, partition: number, producerId: bigint): ProducerEntry | undefined {
    const entry = this.partitions.get(partitionKey(topic, partition))?.get(producerId);
    return entry && { epoch: entry.epoch, batches: entry.batches.map((batch) => ({ ...batch })) };
  }

  /** The partition's log end offset when the loaded snapshot was taken; undefined when it did not say. */
  snapshotLogEnd(topic: string, partition: number): bigint | undefined {
    return this.loadedEnds.get(partitionKey(topic, partition));
  }

  /** Every partition that has producer state. */
  partitionsWithState(): { topic: string; partition: number }[] {
    return [...this.partitions.keys()].map(splitPartitionKey);
  }

  /** Forgets batches at or beyond `offset` (the log lost its tail); producers keep their epochs. */
  truncateFrom(topic: string, partition: number, offset: bigint): void {
    for (const entry of this.partitions.get(partitionKey(topic, partition))?.values() ?? []) {
      const kept = entry.batches.filter((batch) => batch.lastOffset < offset);
      if (kept.length !== entry.batches.length) {
        entry.batches = kept;
        this.dirty = true;
      }
    }
  }

  /** Forgets producers whose last batch is expirationMs old (or that have no batch left). */
  expire(nowMs: number): void {
    for (const [k, producers] of this.partitions) {
      for (const [producerId, entry] of producers) {
        const last = entry.batches.at(-1);
        if (!last || nowMs - last.timestampMs >= this.expirationMs) {
          producers.delete(producerId);
          this.dirty = true;
        }
      }
      if (producers.size === 0) this.partitions.delete(k);
    }
  }

  /** Forgets a partition's producers, e.g. when its log was truncated or deleted. */
  clearPartition(topic: string, partition: number): void {
    if (this.partitions.delete(partitionKey(topic, partition))) this.dirty = true;
  }

  deleteTopic(topic: string): void {
    for (const k of [...this.partitions.keys()]) if (k.slice(0, k.lastIndexOf('\0')) === topic) this.clearPartition(topic, Number(k.slice(k.lastIndexOf('\0') + 1)));
  }

  /** Writes the snapshot now (atomically). Throws if it cannot. */
  snapshot(): void {
    const producers: SnapshotProducer[] = [];
    for (const [k, entries] of this.partitions) {
      const { topic, partition } = splitPartitionKey(k);
      for (const [producerId, entry] of entries) producers.push({ topic, partition, producerId, entry });
    }
    const ends = this.logEndOffsets && [...this.logEndOffsets()];
    atomicWriteFile(this.fs, this.path, encodeProducerSnapshot(producers, ends));
    this.dirty = false;
    this.writtenEnds = endsKey(ends);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.timer?.cancel();
    this.timer = undefined;
    this.snapshot();
  }

  private schedule(): void {
    if (this.snapshotIntervalMs === undefined || this.closed) return;
    this.timer = this.clock.setTimer(this.snapshotIntervalMs, () => {
      if (this.closed) return;
      this.expire(this.clock.now());
      // Moved log ends alone are worth a write too: they bound the replay after a crash.
      if (this.dirty || (this.logEndOffsets && endsKey([...this.logEndOffsets()]) !== this.writtenEnds)) {
        try {
          this.snapshot();
        } catch (error) {
          // The state is still in memory; the next period or close tries again.
          this.logger.error('could not write the producer state snapshot', { path: this.path, error: (error as Error).message });
        }
      }
      this.schedule();
    });
  }

  private load(): void {
    if (!this.fs.exists(this.path)) return;
    const { producers, logEndOffsets } = decodeProducerSnapshot(this.fs.readFile(this.path), this.path);
    for (const p of producers) {
      const k = partitionKey(p.topic, p.partition);
      let entries = this.partitions.get(k);
      if (!entries) this.partitions.set(k, (entries = new Map()));
      entries.set(p.producerId, p.entry);
    }
    for (const end of logEndOffsets ?? []) this.loadedEnds.set(partitionKey(end.topic, end.partition), end.logEndOffset);
    this.writtenEnds = endsKey(logEndOffsets);
    this.logger.debug('loaded the producer state snapshot', { path: this.path, producers: producers.length });
  }
}

function endsKey(ends: PartitionEnd[] | undefined): string {
  return ends ? ends.map((end) => `${end.topic}\0${end.partition}\0${end.logEndOffset}`).join('\n') : '';
}

function partitionKey(topic: string, partition: number): string {
  return `${topic}\0${partition}`;
}

function splitPartitionKey(k: string): { topic: string; partition: number } {
  const cut = k.lastIndexOf('\0');
  return { topic: k.slice(0, cut), partition: Number(k.slice(cut + 1)) };
}
