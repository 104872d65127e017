import { describe, expect, it } from 'vitest';
import { OffsetOutOfRangeError } from '../../../../src/broker/storage/errors.js';
import { batchOf, harness, openLog, PARTITION_DIR, readAll } from './storage-fixtures.js';

function logFiles(h: ReturnType<typeof harness>): string[] {
  return h.fs.readdir(PARTITION_DIR).filter((name) => name.endsWith('.log'));
}

describe('retention', () => {
  it('deletes whole segments whose newest record is older than retention.ms', () => {
    const h = harness();
    const log = openLog(h, { segmentBytes: 200, retentionMs: 1_000 });
    // Two records per batch, two batches per segment; timestamps 100, 200, ... per batch.
    for (let i = 0; i < 6; i++) log.append(batchOf(2, `t${i}`, BigInt((i + 1) * 100)));
    expect(log.segmentCount()).toBe(3);

    expect(log.enforceRetention(1_200)).toBe(0);
    // Segment 0 holds timestamps up to 201: expired once now - 201 > 1000.
    expect(log.enforceRetention(1_202)).toBe(1);
    expect(log.logStartOffset()).toBe(4n);
    expect(logFiles(h)).toEqual(['00000000000000000004.log', '00000000000000000008.log']);
    expect(() => log.read(0n, 100, true)).toThrow(OffsetOutOfRangeError);
    expect(readAll(log)[0].value).toBe('t2-0');
  });

  it('rolls and empties a partition whose every record has expired', () => {
    const h = harness();
    const log = openLog(h, { segmentBytes: 200, retentionMs: 1_000 });
    for (let i = 0; i < 3; i++) log.append(batchOf(2, `t${i}`, 100n));
    expect(log.enforceRetention(5_000)).toBe(2);
    expect(log.logStartOffset()).toBe(6n);
    expect(log.logEndOffset()).toBe(6n);
    expect(log.sizeBytes()).toBe(0);
    expect(log.append(batchOf(1)).baseOffset).toBe(6n);
  });

  it('keeps every segment when retention.ms is -1', () => {
    const h = harness();
    const log = openLog(h, { segmentBytes: 200, retentionMs: -1 });
    for (let i = 0; i < 6; i++) log.append(batchOf(2, `t${i}`, 1n));
    expect(log.enforceRetention(Number.MAX_SAFE_INTEGER)).toBe(0);
  });

  it('deletes the oldest segments while the rest still reaches retention.bytes', () => {
    const h = harness();
    const batchSize = batchOf(2, 't0').length;
    const log = openLog(h, { segmentBytes: batchSize * 2, retentionBytes: batchSize * 3 });
    for (let i = 0; i < 7; i++) log.append(batchOf(2, `t${i}`));
    expect(log.segmentCount()).toBe(4);
    expect(log.sizeBytes()).toBe(batchSize * 7);
    // 7 batches; dropping 2 leaves 5 >= 3, dropping 2 more leaves 3 >= 3, the active one stays.
    expect(log.enforceRetention(h.clock.now())).toBe(2);
    expect(log.sizeBytes()).toBe(batchSize * 3);
    expect(log.logStartOffset()).toBe(8n);
    expect(log.enforceRetention(h.clock.now())).toBe(0);
  });

  it('persists the log start offset it reaches', () => {
    const h = harness();
    const log = openLog(h, { segmentBytes: 200, retentionMs: 1_000 });
    for (let i = 0; i < 6; i++) log.append(batchOf(2, `t${i}`, BigInt((i + 1) * 100)));
    log.enforceRetention(1_500);
    const start = log.logStartOffset();
    expect(start).toBeGreaterThan(0n);
    const reopened = openLog(h, { segmentBytes: 200, retentionMs: 1_000 });
    expect(reopened.logStartOffset()).toBe(start);
  });
});

describe('advanceLogStart', () => {
  it('moves the start mid-batch, frees whole segments below it and survives restarts', () => {
    const h = harness();
    const log = openLog(h, { segmentBytes: 200 });
    for (let i = 0; i < 6; i++) log.append(batchOf(2, `d${i}`));
    const segments = log.segmentCount();
    log.advanceLogStart(5n);
    expect(log.logStartOffset()).toBe(5n);
    expect(log.segmentCount()).toBe(segments - 1);
    log.advanceLogStart(3n);
    expect(log.logStartOffset()).toBe(5n);
    expect(() => log.read(4n, 100, true)).toThrow(OffsetOutOfRangeError);
    // The batch holding offset 5 starts at 4 and comes back whole.
    expect(readAll(log)[0].offset).toBe(5n);
    expect(() => log.advanceLogStart(13n)).toThrow(OffsetOutOfRangeError);

    const afterCrash = openLog(h, { segmentBytes: 200 });
    expect(afterCrash.logStartOffset()).toBe(5n);
    afterCrash.close();
    const afterClean = openLog(h, { segmentBytes: 200 });
    expect(afterClean.logStartOffset()).toBe(5n);
    expect(afterClean.logEndOffset()).toBe(12n);
  });

  it('can move the start to the log end, keeping the active segment', () => {
    const h = harness();
    const log = openLog(h, { segmentBytes: 200 });
    for (let i = 0; i < 6; i++) log.append(batchOf(2));
    log.advanceLogStart(12n);
    expect(log.segmentCount()).toBe(1);
    expect(log.read(12n, 100, true).bytes).toBe(0);
    expect(log.append(batchOf(1)).baseOffset).toBe(12n);
    expect(readAll(log).map((r) => r.offset)).toEqual([12n]);
  });

  it('opens anyway, with a warning, when the checkpoint is unreadable', () => {
    const h = harness();
    const log = openLog(h);
    log.append(batchOf(4));
    log.advanceLogStart(2n);
    h.fs.writeFile(`${PARTITION_DIR}/log-start-offset.json`, Buffer.from('{"version":9}'));
    const reopened = openLog(h);
    expect(reopened.logStartOffset()).toBe(0n);
    expect(h.logger.warnings().map((line) => line.message)).toEqual(['ignoring an unreadable log start checkpoint']);
  });

  it('changes nothing when the checkpoint cannot be written', () => {
    const h = harness();
    const log = openLog(h, { segmentBytes: 200 });
    for (let i = 0; i < 6; i++) log.append(batchOf(2));
    h.fs.failNextRename();
    expect(() => log.advanceLogStart(6n)).toThrow(/rename/);
    expect(log.logStartOffset()).toBe(0n);
    expect(readAll(log)).toHaveLength(12);
  });
});
