import { describe, expect, it } from 'vitest';
import { BATCH_HEADER_SIZE, iterateBatches, readBatchHeader } from '../../../../src/broker/records/record-batch.js';
import { OffsetOutOfRangeError } from '../../../../src/broker/storage/errors.js';
import { ioError } from '../../../../src/broker/storage/mem-fs.js';
import { batchOf, harness, openLog, PARTITION_DIR, readAll, recordsOf } from './storage-fixtures.js';

function segmentLogs(h: ReturnType<typeof harness>): string[] {
  return h.fs.readdir(PARTITION_DIR).filter((name) => name.endsWith('.log'));
}

describe('DiskPartitionLog append and read', () => {
  it('assigns contiguous offsets and reads them back', () => {
    const h = harness();
    const log = openLog(h);
    expect(log.append(batchOf(3, 'a'))).toEqual({ baseOffset: 0n, lastOffset: 2n });
    expect(log.append(batchOf(2, 'b'))).toEqual({ baseOffset: 3n, lastOffset: 4n });
    expect(log.logEndOffset()).toBe(5n);
    expect(readAll(log).map((r) => `${r.offset}:${r.value}`)).toEqual(['0:a-0', '1:a-1', '2:a-2', '3:b-0', '4:b-1']);
  });

  it('stores the batch verbatim apart from the stamped base offset and leader epoch', () => {
    const h = harness();
    const log = openLog(h);
    log.append(batchOf(1));
    const sent = batchOf(4, 'x');
    const original = Buffer.from(sent);
    log.append(sent);
    const stored = log.read(1n, 1 << 20, false).chunks[0];
    const header = readBatchHeader(stored);
    expect(header.baseOffset).toBe(1n);
    expect(header.partitionLeaderEpoch).toBe(0);
    expect(stored.subarray(16)).toEqual(original.subarray(16));
  });

  it('rolls by size before an append that would exceed segment.bytes, and reads across segments', () => {
    const h = harness();
    const one = batchOf(5, 'r', 1000n, { valueBytes: 100 }).length;
    const log = openLog(h, { segmentBytes: one * 3 });
    for (let i = 0; i < 10; i++) log.append(batchOf(5, `b${i}`, 1000n, { valueBytes: 100 }));
    expect(segmentLogs(h)).toEqual([
      '00000000000000000000.log',
      '00000000000000000015.log',
      '00000000000000000030.log',
      '00000000000000000045.log',
    ]);
    const all = readAll(log);
    expect(all.map((r) => r.offset)).toEqual(Array.from({ length: 50 }, (_, i) => BigInt(i)));
    expect(all[17].value.startsWith('b3-2')).toBe(true);
    // One read may span segments, each contributing whole batches.
    const wide = log.read(0n, 1 << 20, false);
    expect(wide.chunks.length).toBe(4);
    expect(recordsOf(wide).length).toBe(50);
    expect(log.sizeBytes()).toBe(one * 10);
  });

  it('puts a batch larger than segment.bytes alone in a segment', () => {
    const h = harness();
    const log = openLog(h, { segmentBytes: 200 });
    log.append(batchOf(10, 'big', 1000n, { valueBytes: 100 }));
    log.append(batchOf(10, 'big2', 1000n, { valueBytes: 100 }));
    expect(segmentLogs(h).length).toBe(2);
    expect(readAll(log).length).toBe(20);
  });

  it('rolls by time once segment.ms has passed since the first append', () => {
    const h = harness();
    const log = openLog(h, { segmentMs: 60_000 });
    log.append(batchOf(1));
    h.clock.advance(59_999);
    log.append(batchOf(1));
    expect(segmentLogs(h).length).toBe(1);
    h.clock.advance(1);
    log.append(batchOf(1));
    expect(segmentLogs(h)).toEqual(['00000000000000000000.log', '00000000000000000002.log']);
    h.clock.advance(30_000);
    log.append(batchOf(1));
    expect(segmentLogs(h).length).toBe(2);
    expect(readAll(log).map((r) => r.offset)).toEqual([0n, 1n, 2n, 3n]);
  });

  it('returns the whole containing batch for a read from the middle of a batch', () => {
    const h = harness();
    const log = openLog(h);
    log.append(batchOf(5, 'a'));
    log.append(batchOf(5, 'b'));
    const result = log.read(7n, 1 << 20, false);
    const records = recordsOf(result);
    expect(records[0].offset).toBe(5n);
    expect(records.map((r) => r.value)).toEqual(['b-0', 'b-1', 'b-2', 'b-3', 'b-4']);
  });

  it('stops at maxBytes with whole batches only, and honours minOneBatch', () => {
    const h = harness();
    const log = openLog(h);
    const size = log.append(batchOf(3)) && log.sizeBytes();
    log.append(batchOf(3));
    log.append(batchOf(3));

    const two = log.read(0n, size * 2 + size - 1, false);
    expect(two.bytes).toBe(size * 2);
    expect([...iterateBatches(Buffer.concat(two.chunks))].length).toBe(2);

    expect(log.read(0n, size - 1, false)).toEqual({ chunks: [], bytes: 0 });
    const forced = log.read(0n, 10, true);
    expect(forced.bytes).toBe(size);
    expect(recordsOf(forced).length).toBe(3);
    expect(log.read(0n, 0, true).bytes).toBe(size);
  });

  it('answers an empty result at the log end and throws out of range beyond it', () => {
    const h = harness();
    const log = openLog(h);
    expect(log.read(0n, 100, true)).toEqual({ chunks: [], bytes: 0 });
    log.append(batchOf(2));
    expect(log.read(2n, 100, true)).toEqual({ chunks: [], bytes: 0 });
    expect(() => log.read(3n, 100, true)).toThrow(OffsetOutOfRangeError);
    expect(() => log.read(-1n, 100, true)).toThrow(OffsetOutOfRangeError);
  });

  it('finds any offset of a large log through the sparse index', () => {
    const h = harness();
    const log = openLog(h, { indexIntervalBytes: 512, segmentBytes: 64 * 1024 });
    for (let i = 0; i < 3000; i++) log.append(batchOf(i % 3 === 0 ? 3 : 1, `n${i}`));
    const end = log.logEndOffset();
    expect(end).toBe(5000n);
    expect(log.segmentCount()).toBeGreaterThan(2);
    for (const offset of [0n, 1n, 2n, 3n, 777n, 1234n, 2500n, 4096n, 4998n, 4999n]) {
      const preadsBefore = h.fs.preadCount;
      const first = recordsOf(log.read(offset, 1, true));
      // Index lookup, a short header walk (512 bytes of ~100-byte batches), one data read.
      expect(h.fs.preadCount - preadsBefore).toBeLessThanOrEqual(10);
      expect(first[0].offset).toBeLessThanOrEqual(offset);
      expect(first[first.length - 1].offset).toBeGreaterThanOrEqual(offset);
    }
    expect(readAll(log).length).toBe(5000);
  });

  it('rejects a buffer that is not exactly one batch', () => {
    const h = harness();
    const log = openLog(h);
    const batch = batchOf(2);
    expect(() => log.append(Buffer.concat([batch, batch]))).toThrow(RangeError);
    expect(() => log.append(batch.subarray(0, BATCH_HEADER_SIZE - 1))).toThrow(RangeError);
    expect(log.logEndOffset()).toBe(0n);
  });
});

describe('DiskPartitionLog write faults', () => {
  it('leaves the log unchanged after a failed write, and the next append gets the same offset', () => {
    const h = harness();
    const log = openLog(h);
    log.append(batchOf(2, 'ok'));
    const sizeBefore = log.sizeBytes();
    h.fs.failNextWrite(ioError('disk full', 'ENOSPC'));
    expect(() => log.append(batchOf(3, 'lost'))).toThrow(/disk full/);
    expect(log.logEndOffset()).toBe(2n);
    expect(log.sizeBytes()).toBe(sizeBefore);
    expect(h.fs.size(`${PARTITION_DIR}/00000000000000000000.log`)).toBe(sizeBefore);
    expect(log.append(batchOf(1, 'next'))).toEqual({ baseOffset: 2n, lastOffset: 2n });
    expect(readAll(log).map((r) => r.value)).toEqual(['ok-0', 'ok-1', 'next-0']);
  });

  it('cuts a torn write back so no partial batch survives', () => {
    const h = harness();
    const log = openLog(h);
    log.append(batchOf(2, 'ok'));
    const sizeBefore = log.sizeBytes();
    h.fs.tornNextWrite(30);
    expect(() => log.append(batchOf(3, 'torn'))).toThrow(/torn/);
    expect(h.fs.size(`${PARTITION_DIR}/00000000000000000000.log`)).toBe(sizeBefore);
    expect(log.append(batchOf(1, 'after'))).toEqual({ baseOffset: 2n, lastOffset: 2n });
    expect(readAll(log).map((r) => r.value)).toEqual(['ok-0', 'ok-1', 'after-0']);
  });

  it('repairs a torn tail it could not cut at once before the next append', () => {
    const h = harness();
    const log = openLog(h);
    log.append(batchOf(2, 'ok'));
    const sizeBefore = log.sizeBytes();
    h.fs.tornNextWrite(40);
    h.fs.failNextTruncate();
    expect(() => log.append(batchOf(3, 'torn'))).toThrow(/torn/);
    expect(h.fs.size(`${PARTITION_DIR}/00000000000000000000.log`)).toBe(sizeBefore + 40);
    // Reads never see the stray bytes.
    expect(readAll(log).map((r) => r.value)).toEqual(['ok-0', 'ok-1']);
    expect(log.append(batchOf(1, 'next')).baseOffset).toBe(2n);
    expect(readAll(log).map((r) => r.value)).toEqual(['ok-0', 'ok-1', 'next-0']);
  });

  it('cuts a stray tail before sealing a segment on roll', () => {
    const h = harness();
    const size = batchOf(2, 'aa').length;
    const log = openLog(h, { segmentBytes: 2 * size + 10 });
    log.append(batchOf(2, 'aa'));
    h.fs.tornNextWrite(40);
    h.fs.failNextTruncate();
    expect(() => log.append(batchOf(2, 'bb'))).toThrow(/torn/);
    // Too big for what is left of the segment: rolls, sealing the damaged one.
    expect(log.append(batchOf(2, 'big', 1000n, { valueBytes: 100 })).baseOffset).toBe(2n);
    expect(log.segmentCount()).toBe(2);
    expect(h.fs.size(`${PARTITION_DIR}/00000000000000000000.log`)).toBe(size);
    log.close();
    const reopened = openLog(h, { segmentBytes: 2 * size + 10 });
    expect(h.logger.warnings()).toEqual([]);
    expect(readAll(reopened).map((r) => r.value.slice(0, 5))).toEqual(['aa-0', 'aa-1', 'big-0', 'big-1']);
  });

  it('with flush.messages=1 fsyncs every append, and a failed fsync undoes that append', () => {
    const h = harness();
    const log = openLog(h, { flushMessages: 1 });
    log.append(batchOf(2, 'a'));
    const synced = h.fs.syncCount;
    expect(synced).toBeGreaterThanOrEqual(1);
    h.fs.failNextSync(ioError('fsync failed'), '.log');
    expect(() => log.append(batchOf(2, 'b'))).toThrow(/fsync failed/);
    expect(log.logEndOffset()).toBe(2n);
    expect(log.append(batchOf(1, 'c'))).toEqual({ baseOffset: 2n, lastOffset: 2n });
    expect(h.fs.syncCount).toBe(synced + 1);
    expect(readAll(log).map((r) => r.value)).toEqual(['a-0', 'a-1', 'c-0']);
  });

  it('fsyncs only every flush.messages messages', () => {
    const h = harness();
    const log = openLog(h, { flushMessages: 5 });
    log.append(batchOf(2));
    log.append(batchOf(2));
    expect(h.fs.syncCount).toBe(0);
    log.append(batchOf(2));
    expect(h.fs.syncCount).toBe(1);
    log.append(batchOf(4));
    expect(h.fs.syncCount).toBe(1);
  });
});
