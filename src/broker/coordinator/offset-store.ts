// Committed consumer-group offsets, kept in memory and made durable in an
// append-only log under <dataDir>/meta/. Each commit call is one framed record
// handed to the OS before the call returns (the same promise as an
// acknowledged produce: it survives kill -9, not a power cut). Replay on open
// applies records in order and cuts off a torn or corrupt tail. When the log
// has grown well past the live state it is rewritten atomically as one record
// per group.

import { join } from 'node:path';
import type { Clock, Logger } from '../ports.js';
import { atomicWriteFile, removeQuietly, type FileHandle, type Fs } from '../storage/fs.js';
import { META_DIR } from '../storage/metadata-store.js';
import { decodeOffsetLog, encodeOffsetLogRecord, key, splitKey, type CommitTuple, type OffsetLogRecord } from './offset-log-records.js';

export const OFFSETS_LOG_FILE = 'consumer-offsets.log';
export const OFFSET_METADATA_TOO_LARGE = 12;
const DEFAULT_METADATA_MAX_BYTES = 4096;
const DEFAULT_COMPACT_AFTER_BYTES = 4 * 1024 * 1024;

export interface OffsetCommitEntry {
  topic: string;
  partition: number;
  /** Stored as given: Kafka does not range-check it, so -1 and -2 are kept literally. */
  offset: bigint;
  /** -1 when the client sent none. */
  leaderEpoch: number;
  metadata: string;
}

export interface CommittedOffset {
  topic: string;
  partition: number;
  /** -1n when nothing is committed. */
  offset: bigint;
  leaderEpoch: number;
  metadata: string;
  /** Milliseconds since the epoch; -1 for a partition with no commit. */
  commitTimestamp: number;
}

export interface OffsetFetchTopic {
  topic: string;
  partitions: number[];
}

export interface OffsetStoreOptions {
  dataDir: string;
  fs: Fs;
  clock: Clock;
  logger: Logger;
  /** offset.metadata.max.bytes */
  metadataMaxBytes?: number;
  /** The log is rewritten once it exceeds this and twice its last compacted size. */
  compactAfterBytes?: number;
}

interface StoredOffset {
  offset: bigint;
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: number;
}

/** group → "topic\0partition" → offset. Insertion order is kept for stable fetch output. */
type GroupOffsets = Map<string, StoredOffset>;

export class OffsetStore {
  private readonly groupsMap = new Map<string, GroupOffsets>();
  private fd: FileHandle | undefined;
  private fileBytes = 0;
  private compactedBytes = 0;
  /** Set when a failed write could not be rolled back: appending after garbage would hide later records from replay. */
  private broken: Error | undefined;

  private constructor(
    private readonly fs: Fs,
    private readonly path: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly metadataMaxBytes: number,
    private readonly compactAfterBytes: number,
  ) {}

  static open(options: OffsetStoreOptions): OffsetStore {
    const { fs, dataDir } = options;
    const metaDir = join(dataDir, META_DIR);
    fs.mkdirp(metaDir);
    const path = join(metaDir, OFFSETS_LOG_FILE);
    removeQuietly(fs, `${path}.tmp`);
    const metadataMaxBytes = options.metadataMaxBytes ?? DEFAULT_METADATA_MAX_BYTES;
    const store = new OffsetStore(fs, path, options.clock, options.logger, metadataMaxBytes, options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER_BYTES);
    store.replay();
    return store;
  }

  private replay(): void {
    const data = this.fs.exists(this.path) ? this.fs.readFile(this.path) : Buffer.alloc(0);
    const decoded = decodeOffsetLog(data, this.path);
    for (const record of decoded.records) this.apply(record);
    this.fd = this.fs.openAppend(this.path);
    if (decoded.corruption !== undefined) {
      this.logger.warn('truncating the damaged tail of the committed offsets log', {
        path: this.path,
        reason: decoded.corruption,
        validBytes: decoded.validBytes,
        droppedBytes: data.length - decoded.validBytes,
      });
      this.fs.truncate(this.fd, decoded.validBytes);
      this.fs.fsync(this.fd);
    }
    this.fileBytes = decoded.validBytes;
    this.compactedBytes = decoded.validBytes;
  }

  private apply(record: OffsetLogRecord): void {
    switch (record.t) {
      case 'commit': {
        let offsets = this.groupsMap.get(record.group);
        if (!offsets) this.groupsMap.set(record.group, (offsets = new Map()));
        for (const [topic, partition, offset, leaderEpoch, metadata] of record.entries) {
          const k = key(topic, partition);
          offsets.delete(k);
          offsets.set(k, { offset: BigInt(offset), leaderEpoch, metadata, commitTimestamp: record.ts });
        }
        break;
      }
      case 'delete-group':
        this.groupsMap.delete(record.group);
        break;
      case 'delete-offsets': {
        const offsets = this.groupsMap.get(record.group);
        if (!offsets) break;
        for (const partition of record.partitions) offsets.delete(key(record.topic, partition));
        if (offsets.size === 0) this.groupsMap.delete(record.group);
        break;
      }
      case 'delete-topic':
        for (const [group, offsets] of this.groupsMap) {
          for (const k of [...offsets.keys()]) if (splitKey(k).topic === record.topic) offsets.delete(k);
          if (offsets.size === 0) this.groupsMap.delete(group);
        }
        break;
    }
  }

  /**
   * Commits the entries whose metadata fits, as one record, and answers an
   * error code per entry (0 or OFFSET_METADATA_TOO_LARGE). Throws if the write
   * fails, leaving earlier commits as they were.
   */
  commit(group: string, entries: readonly OffsetCommitEntry[]): number[] {
    const errors = entries.map((entry) => (Buffer.byteLength(entry.metadata, 'utf8') > this.metadataMaxBytes ? OFFSET_METADATA_TOO_LARGE : 0));
    const accepted = entries.filter((_, index) => errors[index] === 0);
    if (accepted.length === 0) return errors;
    const tuples: CommitTuple[] = accepted.map((entry) => [entry.topic, entry.partition, entry.offset.toString(), entry.leaderEpoch, entry.metadata]);
    this.write({ t: 'commit', group, ts: this.clock.now(), entries: tuples });
    return errors;
  }

  /** Committed offsets; null topics means every partition with a commit. A missing one answers -1n. */
  fetch(group: string, topics: readonly OffsetFetchTopic[] | null): CommittedOffset[] {
    const offsets = this.groupsMap.get(group);
    if (topics === null) {
      if (!offsets) return [];
      return [...offsets].map(([k, stored]) => ({ ...splitKey(k), ...stored }));
    }
    const result: CommittedOffset[] = [];
    for (const { topic, partitions } of topics) {
      for (const partition of partitions) {
        const stored = offsets?.get(key(topic, partition));
        result.push(stored ? { topic, partition, ...stored } : { topic, partition, offset: -1n, leaderEpoch: -1, metadata: '', commitTimestamp: -1 });
      }
    }
    return result;
  }

  /** Groups that have at least one committed offset. */
  groups(): string[] {
    return [...this.groupsMap.keys()];
  }

  /** Whether the group has at least one committed offset. */
  hasGroup(group: string): boolean {
    return this.groupsMap.has(group);
  }

  deleteGroup(group: string): void {
    if (!this.groupsMap.has(group)) return;
    this.write({ t: 'delete-group', group });
  }

  deleteOffsets(group: string, topic: string, partitions: readonly number[]): void {
    const offsets = this.groupsMap.get(group);
    const present = partitions.filter((partition) => offsets?.has(key(topic, partition)));
    if (present.length === 0) return;
    this.write({ t: 'delete-offsets', group, topic, partitions: present });
  }

  deleteTopic(topic: string): void {
    const present = [...this.groupsMap.values()].some((offsets) => [...offsets.keys()].some((k) => splitKey(k).topic === topic));
    if (!present) return;
    this.write({ t: 'delete-topic', topic });
  }

  /**
   * offsets.retention.minutes: in a group with no members, an offset committed
   * more than `retentionMs` ago is dropped. Offsets of active groups never
   * expire. Answers how many offsets went.
   */
  expire(nowMs: number, retentionMs: number, isGroupEmpty: (group: string) => boolean): number {
    let expired = 0;
    for (const [group, offsets] of [...this.groupsMap]) {
      if (!isGroupEmpty(group)) continue;
      const byTopic = new Map<string, number[]>();
      for (const [k, stored] of offsets) {
        if (nowMs - stored.commitTimestamp < retentionMs) continue;
        const { topic, partition } = splitKey(k);
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
      }
      const count = [...byTopic.values()].reduce((sum, partitions) => sum + partitions.length, 0);
      if (count === 0) continue;
      if (count === offsets.size) this.write({ t: 'delete-group', group });
      else for (const [topic, partitions] of byTopic) this.write({ t: 'delete-offsets', group, topic, partitions });
      expired += count;
      this.logger.info('expired committed offsets', { group, count });
    }
    return expired;
  }

  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      this.fs.fsync(fd);
    } finally {
      this.fs.close(fd);
    }
  }

  private write(record: OffsetLogRecord): void {
    if (this.fd === undefined) throw new Error('the offset store is closed');
    if (this.broken) throw new Error(`the committed offsets log is unusable after an earlier write failure: ${this.broken.message}`);
    const frame = encodeOffsetLogRecord(record);
    try {
      this.fs.append(this.fd, frame);
    } catch (error) {
      this.rollBack(error as Error);
      throw error;
    }
    this.fileBytes += frame.length;
    this.apply(record);
    if (this.fileBytes > this.compactAfterBytes && this.fileBytes > 2 * this.compactedBytes) this.compact();
  }

  /** A partial frame must not stay in front of the next one, or replay would stop there and lose it. */
  private rollBack(cause: Error): void {
    try {
      this.fs.truncate(this.fd as FileHandle, this.fileBytes);
    } catch (truncateError) {
      this.broken = cause;
      this.logger.error('could not roll back a failed write to the committed offsets log', {
        path: this.path,
        error: cause.message,
        truncateError: (truncateError as Error).message,
      });
    }
  }

  private compact(): void {
    const frames: Buffer[] = [];
    for (const [group, offsets] of this.groupsMap) {
      // Each group keeps its commit times, so one record per commit time of the group.
      const byTimestamp = new Map<number, CommitTuple[]>();
      for (const [k, stored] of offsets) {
        const { topic, partition } = splitKey(k);
        const tuple: CommitTuple = [topic, partition, stored.offset.toString(), stored.leaderEpoch, stored.metadata];
        byTimestamp.set(stored.commitTimestamp, [...(byTimestamp.get(stored.commitTimestamp) ?? []), tuple]);
      }
      for (const [ts, entries] of byTimestamp) frames.push(encodeOffsetLogRecord({ t: 'commit', group, ts, entries }));
    }
    const contents = Buffer.concat(frames);
    try {
      atomicWriteFile(this.fs, this.path, contents);
    } catch (error) {
      // The old log is still complete and open; compaction will be tried again after later writes.
      this.logger.warn('could not compact the committed offsets log', { path: this.path, error: (error as Error).message });
      this.compactedBytes = this.fileBytes;
      return;
    }
    this.fs.close(this.fd as FileHandle);
    this.fd = this.fs.openAppend(this.path);
    this.fileBytes = contents.length;
    this.compactedBytes = contents.length;
    this.logger.debug('compacted the committed offsets log', { path: this.path, bytes: contents.length });
  }
}
