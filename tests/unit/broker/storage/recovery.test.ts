// Restarts after kill -9 (the old log object is simply abandoned: MemFs, like
// the page cache, keeps every byte that was written) and after clean closes.

import { describe, expect, it } from 'vitest';
import type { MemFs } from '../../../../src/broker/storage/fs.js';
import { batchOf, harness, openLog, PARTITION_DIR, readAll } from './storage-fixtures.js';

const FIRST_LOG = `${PARTITION_DIR}/00000000000000000000.log`;

function cutFile(fs: MemFs, path: string, bytes: number): void {
  const fd = fs.openAppend(path);
  fs.truncate(fd, fs.size(path) - bytes);
  fs.close(fd);
}

function flipByte(fs: MemFs, path: string, fromEnd: number): void {
  const bytes = fs.readFile(path);
  bytes[bytes.length - fromEnd] ^= 0xff;
  fs.writeFile(path, bytes);
}

describe('recovery after a crash', () => {
  it('cuts a torn tail, logs it, keeps earlier data and continues the offsets', () => {
    const h = harness();
    const crashed = openLog(h);
    crashed.append(batchOf(3, 'a'));
    crashed.append(batchOf(2, 'b'));
    crashed.append(batchOf(4, 'torn'));
    const intactSize = crashed.sizeBytes() - batchOf(4, 'torn').length;
    cutFile(h.fs, FIRST_LOG, 25);

    const log = openLog(h);
    expect(log.logEndOffset()).toBe(5n);
    expect(h.fs.size(FIRST_LOG)).toBe(intactSize);
    const [warning] = h.logger.warnings();
    expect(warning.fields).toMatchObject({ topic: 'events', partition: 0, offset: '5', bytesDropped: crashed.sizeBytes() - 25 - intactSize });
    expect(log.append(batchOf(1, 'c'))).toEqual({ baseOffset: 5n, lastOffset: 5n });
    expect(readAll(log).map((r) => r.value)).toEqual(['a-0', 'a-1', 'a-2', 'b-0', 'b-1', 'c-0']);
  });

  it('cuts a tail whose CRC does not match', () => {
    const h = harness();
    const crashed = openLog(h);
    crashed.append(batchOf(2, 'a'));
    crashed.append(batchOf(2, 'bad'));
    const badSize = batchOf(2, 'bad').length;
    flipByte(h.fs, FIRST_LOG, 3);

    const log = openLog(h);
    expect(log.logEndOffset()).toBe(2n);
    expect(h.logger.warnings()).toHaveLength(1);
    expect(h.logger.warnings()[0].fields).toMatchObject({ offset: '2', bytesDropped: badSize, reason: 'CRC-32C mismatch' });
    expect(log.append(batchOf(1, 'c')).baseOffset).toBe(2n);
    expect(readAll(log).map((r) => r.value)).toEqual(['a-0', 'a-1', 'c-0']);
  });

  it('cuts a header fragment shorter than a batch header', () => {
    const h = harness();
    const crashed = openLog(h);
    crashed.append(batchOf(2, 'a'));
    const fd = h.fs.openAppend(FIRST_LOG);
    h.fs.append(fd, Buffer.alloc(20, 7));
    h.fs.close(fd);
    const log = openLog(h);
    expect(log.logEndOffset()).toBe(2n);
    expect(h.logger.warnings()[0].fields).toMatchObject({ bytesDropped: 20 });
  });

  it('rebuilds the indexes of the active segment so lookups still work', () => {
    const h = harness();
    const crashed = openLog(h, { indexIntervalBytes: 256 });
    for (let i = 0; i < 200; i++) crashed.append(batchOf(2, `n${i}`));
    const log = openLog(h, { indexIntervalBytes: 256 });
    expect(h.logger.warnings()).toHaveLength(0);
    expect(log.logEndOffset()).toBe(400n);
    const preads = h.fs.preadCount;
    expect(log.read(301n, 1, true).chunks.length).toBe(1);
    expect(h.fs.preadCount - preads).toBeLessThanOrEqual(6);
    expect(readAll(log)).toHaveLength(400);
  });

  it('trusts closed earlier segments and rescans only the active one', () => {
    const h = harness();
    const crashed = openLog(h, { segmentBytes: 1000, indexIntervalBytes: 128 });
    for (let i = 0; i < 60; i++) crashed.append(batchOf(2, `s${i}`));
    const segments = crashed.segmentCount();
    expect(segments).toBeGreaterThan(4);
    const bytesBefore = h.fs.preadBytes;
    const log = openLog(h, { segmentBytes: 1000, indexIntervalBytes: 128 });
    expect(log.segmentCount()).toBe(segments);
    expect(log.logEndOffset()).toBe(120n);
    // Earlier segments cost a few 61-byte header reads; only the active one is read whole.
    expect(h.fs.preadBytes - bytesBefore).toBeLessThan(1000 + 61 * 4 * segments);
    expect(h.fs.preadBytes - bytesBefore).toBeLessThan(crashed.sizeBytes() / 2);
    expect(readAll(log)).toHaveLength(120);
  });

  it('drops the segments after an earlier segment that had to be cut', () => {
    const h = harness();
    const crashed = openLog(h, { segmentBytes: 200 });
    for (let i = 0; i < 6; i++) crashed.append(batchOf(2, `s${i}`));
    // Lose the first segment's index and damage its last batch.
    h.fs.unlink(`${PARTITION_DIR}/00000000000000000000.index`);
    flipByte(h.fs, FIRST_LOG, 2);

    const log = openLog(h, { segmentBytes: 200 });
    expect(log.segmentCount()).toBe(1);
    expect(log.logEndOffset()).toBeLessThan(12n);
    expect(h.logger.warnings().length).toBeGreaterThan(1);
    const end = log.logEndOffset();
    expect(log.append(batchOf(1)).baseOffset).toBe(end);
    expect(readAll(log).map((r) => r.offset)).toEqual(Array.from({ length: Number(end) + 1 }, (_, i) => BigInt(i)));
  });

  it('keeps the log start offset across a crash and removes segments left below it', () => {
    const h = harness();
    const crashed = openLog(h, { segmentBytes: 200 });
    for (let i = 0; i < 6; i++) crashed.append(batchOf(2, `s${i}`));
    const listing = h.fs.readdir(PARTITION_DIR).filter((name) => name.endsWith('.log'));
    const secondBase = BigInt(listing[1].slice(0, 20));
    // A deletion interrupted by the crash: the checkpoint moved, the files stayed.
    crashed.advanceLogStart(secondBase + 1n);
    const fd = h.fs.openAppend(`${PARTITION_DIR}/${listing[0]}`);
    h.fs.close(fd);

    const log = openLog(h, { segmentBytes: 200 });
    expect(log.logStartOffset()).toBe(secondBase + 1n);
    expect(h.fs.readdir(PARTITION_DIR)).not.toContain(listing[0]);
    expect(readAll(log)[0].offset).toBe(secondBase + 1n);
  });
});

describe('clean restart', () => {
  it('leaves a marker, trusts the index files and rescans nothing', () => {
    const h = harness();
    const first = openLog(h, { segmentBytes: 4096, indexIntervalBytes: 256 });
    for (let i = 0; i < 300; i++) first.append(batchOf(2, `c${i}`));
    first.close();
    expect(h.fs.exists(`${PARTITION_DIR}/.clean-shutdown`)).toBe(true);

    const preads = h.fs.preadCount;
    const log = openLog(h, { segmentBytes: 4096, indexIntervalBytes: 256 });
    expect(h.fs.exists(`${PARTITION_DIR}/.clean-shutdown`)).toBe(false);
    expect(h.logger.lines.filter((line) => line.message === 'recovered partition log')).toHaveLength(0);
    // A few header reads per segment, far fewer than one per batch.
    expect(h.fs.preadCount - preads).toBeLessThan(log.segmentCount() * 8);
    expect(log.logEndOffset()).toBe(600n);
    expect(log.append(batchOf(1)).baseOffset).toBe(600n);
    expect(readAll(log)).toHaveLength(601);
  });

  it('rebuilds an index file that does not fit its log', () => {
    const h = harness();
    const first = openLog(h, { indexIntervalBytes: 128 });
    for (let i = 0; i < 50; i++) first.append(batchOf(2, `c${i}`));
    first.close();
    const indexPath = `${PARTITION_DIR}/00000000000000000000.index`;
    h.fs.writeFile(indexPath, h.fs.readFile(indexPath).subarray(0, 13));

    const log = openLog(h, { indexIntervalBytes: 128 });
    expect(log.logEndOffset()).toBe(100n);
    expect(readAll(log)).toHaveLength(100);
    log.close();
    expect(h.fs.size(indexPath) % 8).toBe(0);
    expect(h.fs.size(indexPath)).toBeGreaterThan(0);
  });

  it('closes every file it opened', () => {
    const h = harness();
    const log = openLog(h, { segmentBytes: 200 });
    for (let i = 0; i < 6; i++) log.append(batchOf(2));
    log.read(0n, 1 << 20, false);
    log.close();
    expect(h.fs.openFileCount()).toBe(0);
    expect(() => log.append(batchOf(1))).toThrow(/closed/);
  });
});
