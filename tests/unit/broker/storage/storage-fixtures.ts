// Shared setup for storage tests: logs and managers on a MemFs with a fake
// clock, a recording logger, and helpers to build and read back batches.

import type { IdSource, Logger } from '../../../../src/broker/ports.js';
import { buildRecordBatch, decodeRecords, iterateBatches, type RecordInput } from '../../../../src/broker/records/record-batch.js';
import { MemFs } from '../../../../src/broker/storage/fs.js';
import { LogManager } from '../../../../src/broker/storage/log-manager.js';
import { DiskPartitionLog } from '../../../../src/broker/storage/partition-log.js';
import type { LogConfig, ReadResult } from '../../../../src/broker/storage/types.js';
import { FakeClock } from './fake-clock.js';

export const DATA_DIR = '/data';
export const PARTITION_DIR = '/data/events-0';

export const defaultLogConfig: LogConfig = {
  segmentBytes: 1024 * 1024 * 1024,
  segmentMs: 7 * 24 * 3600 * 1000,
  retentionMs: -1,
  retentionBytes: -1,
  flushMessages: Number.MAX_SAFE_INTEGER,
  indexIntervalBytes: 4096,
};

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];
  debug(message: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: 'debug', message, fields });
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: 'info', message, fields });
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: 'warn', message, fields });
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: 'error', message, fields });
  }
  warnings(): LogLine[] {
    return this.lines.filter((line) => line.level === 'warn');
  }
}

/** Ids 0x01.., 0x02.., ...: deterministic and distinct. */
export function counterIds(): IdSource {
  let next = 1;
  return { randomBytes16: () => Buffer.alloc(16, next++) };
}

export interface Harness {
  fs: MemFs;
  clock: FakeClock;
  logger: RecordingLogger;
}

export function harness(): Harness {
  return { fs: new MemFs(), clock: new FakeClock(), logger: new RecordingLogger() };
}

export function openLog(h: Harness, config: Partial<LogConfig> = {}, dir = PARTITION_DIR): DiskPartitionLog {
  return DiskPartitionLog.open({ fs: h.fs, clock: h.clock, logger: h.logger, dir, topic: 'events', partition: 0, config: { ...defaultLogConfig, ...config } });
}

export function openManager(h: Harness, config: Partial<LogConfig> = {}, ids: IdSource = counterIds()): LogManager {
  return LogManager.open({
    dataDir: DATA_DIR,
    fs: h.fs,
    clock: h.clock,
    ids,
    logger: h.logger,
    logConfig: (overrides) => ({
      ...defaultLogConfig,
      ...config,
      ...(overrides['retention.ms'] !== undefined ? { retentionMs: Number(overrides['retention.ms']) } : {}),
      ...(overrides['segment.bytes'] !== undefined ? { segmentBytes: Number(overrides['segment.bytes']) } : {}),
    }),
  });
}

/** A batch of `count` records whose values are `${prefix}-${i}` and timestamps `timestamp + i`. */
export function batchOf(count: number, prefix = 'v', timestamp = 1_000n, options: { compression?: 'none' | 'gzip' | 'snappy' | 'lz4'; valueBytes?: number } = {}): Buffer {
  const records: RecordInput[] = [];
  for (let i = 0; i < count; i++) {
    const label = `${prefix}-${i}`;
    const value = options.valueBytes ? label.padEnd(options.valueBytes, '.') : label;
    records.push({ key: `k${i}`, value, timestamp: timestamp + BigInt(i) });
  }
  return buildRecordBatch(records, { compression: options.compression ?? 'none' });
}

export function batchWithTimestamps(timestamps: bigint[], compression: 'none' | 'gzip' | 'snappy' | 'lz4' = 'none'): Buffer {
  return buildRecordBatch(
    timestamps.map((timestamp, i) => ({ value: `t${i}`, timestamp })),
    { compression },
  );
}

/** Every record in a read result: offset and value as text. */
export function recordsOf(result: ReadResult): Array<{ offset: bigint; value: string; timestamp: bigint }> {
  const out: Array<{ offset: bigint; value: string; timestamp: bigint }> = [];
  for (const chunk of result.chunks) {
    let consumed = 0;
    for (const { pos, header } of iterateBatches(chunk)) {
      for (const record of decodeRecords(chunk, pos)) {
        out.push({ offset: record.offset, value: record.value?.toString() ?? '', timestamp: record.timestamp });
      }
      consumed = pos + header.batchLength + 12;
    }
    if (consumed !== chunk.length) throw new Error(`chunk holds a partial batch: ${chunk.length - consumed} trailing bytes`);
  }
  return out;
}

/** Reads the whole log from its start as records. */
export function readAll(log: DiskPartitionLog): Array<{ offset: bigint; value: string; timestamp: bigint }> {
  const out: Array<{ offset: bigint; value: string; timestamp: bigint }> = [];
  let offset = log.logStartOffset();
  while (offset < log.logEndOffset()) {
    const records = recordsOf(log.read(offset, 64 * 1024, true)).filter((record) => record.offset >= offset);
    if (records.length === 0) throw new Error(`no progress reading at ${offset}`);
    out.push(...records);
    offset = records[records.length - 1].offset + 1n;
  }
  return out;
}
