import { describe, expect, it } from 'vitest';
import { buildRecordBatch } from '../../../../src/broker/records/record-batch.js';
import { batchOf, batchWithTimestamps, harness, openLog } from './storage-fixtures.js';

describe('offsetForTimestamp', () => {
  it('finds the exact first record at or after the target inside a batch', () => {
    const log = openLog(harness());
    log.append(batchWithTimestamps([10n, 20n]));
    log.append(batchWithTimestamps([100n, 300n, 200n, 400n]));
    log.append(batchWithTimestamps([500n]));
    expect(log.offsetForTimestamp(0n)).toEqual({ offset: 0n, timestamp: 10n });
    expect(log.offsetForTimestamp(20n)).toEqual({ offset: 1n, timestamp: 20n });
    expect(log.offsetForTimestamp(21n)).toEqual({ offset: 2n, timestamp: 100n });
    // 150 is first reached by offset 3 (300), even though offset 4 (200) also qualifies.
    expect(log.offsetForTimestamp(150n)).toEqual({ offset: 3n, timestamp: 300n });
    expect(log.offsetForTimestamp(350n)).toEqual({ offset: 5n, timestamp: 400n });
    expect(log.offsetForTimestamp(401n)).toEqual({ offset: 6n, timestamp: 500n });
    expect(log.offsetForTimestamp(501n)).toBeNull();
  });

  for (const compression of ['gzip', 'snappy', 'lz4'] as const) {
    it(`looks inside ${compression} batches`, () => {
      const log = openLog(harness());
      log.append(batchWithTimestamps([1_000n, 1_001n], compression));
      log.append(batchWithTimestamps([2_000n, 2_500n, 2_100n, 3_000n], compression));
      expect(log.offsetForTimestamp(2_050n)).toEqual({ offset: 3n, timestamp: 2_500n });
      expect(log.offsetForTimestamp(2_600n)).toEqual({ offset: 5n, timestamp: 3_000n });
      expect(log.maxTimestamp()).toEqual({ offset: 5n, timestamp: 3_000n });
    });
  }

  it('uses LogAppendTime for every record of such a batch', () => {
    const log = openLog(harness());
    log.append(buildRecordBatch([{ value: 'a', timestamp: 5n }, { value: 'b', timestamp: 6n }], { logAppendTime: true, baseTimestamp: 5n }));
    const found = log.offsetForTimestamp(0n);
    expect(found?.offset).toBe(0n);
  });

  it('skips records below the log start offset', () => {
    const log = openLog(harness());
    log.append(batchWithTimestamps([10n, 20n, 30n, 40n]));
    log.advanceLogStart(2n);
    expect(log.offsetForTimestamp(0n)).toEqual({ offset: 2n, timestamp: 30n });
  });

  it('stays exact on a large multi-segment log with a sparse time index', () => {
    const h = harness();
    const log = openLog(h, { indexIntervalBytes: 256, segmentBytes: 8 * 1024 });
    // Timestamps rise by 10 per record, with a dip inside every batch.
    let offset = 0;
    for (let batch = 0; batch < 500; batch++) {
      const timestamps = [0, 1, 2].map((i) => BigInt((offset + i) * 10));
      [timestamps[1], timestamps[2]] = [timestamps[2], timestamps[1]];
      log.append(batchWithTimestamps(timestamps));
      offset += 3;
    }
    expect(log.segmentCount()).toBeGreaterThan(3);
    for (const target of [0n, 5n, 11n, 12345n, 7777n, 14_990n]) {
      const found = log.offsetForTimestamp(target)!;
      // Brute force: the first record (by offset) with timestamp >= target.
      let expected: bigint | undefined;
      for (let o = 0; o < 1500 && expected === undefined; o++) {
        const slot = o % 3;
        const ts = BigInt((o - slot + (slot === 1 ? 2 : slot === 2 ? 1 : 0)) * 10);
        if (ts >= target) expected = BigInt(o);
      }
      expect(found.offset).toBe(expected);
    }
    expect(log.offsetForTimestamp(15_000n)).toBeNull();
  });
});

describe('maxTimestamp', () => {
  it('is null on an empty log and names the record holding the largest timestamp', () => {
    const h = harness();
    const log = openLog(h, { segmentBytes: 150 });
    expect(log.maxTimestamp()).toBeNull();
    log.append(batchWithTimestamps([10n, 90n, 20n]));
    log.append(batchWithTimestamps([30n, 40n]));
    log.append(batchOf(2, 'late', 50n));
    expect(log.segmentCount()).toBeGreaterThan(1);
    expect(log.maxTimestamp()).toEqual({ offset: 1n, timestamp: 90n });
  });

  it('survives a clean restart through the time index', () => {
    const h = harness();
    const log = openLog(h, { segmentBytes: 300 });
    log.append(batchWithTimestamps([10n, 90n, 20n]));
    log.append(batchWithTimestamps([30n, 40n]));
    log.close();
    const reopened = openLog(h, { segmentBytes: 300 });
    expect(reopened.maxTimestamp()).toEqual({ offset: 1n, timestamp: 90n });
    expect(reopened.offsetForTimestamp(35n)).toEqual({ offset: 1n, timestamp: 90n });
  });
});
