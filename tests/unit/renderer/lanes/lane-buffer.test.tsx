import { describe, expect, it } from 'vitest';
import { DEFAULT_LANE_LIMITS, LaneBuffer, PREVIEW_CHARS, type LaneRecord } from '../../../../src/renderer/src/features/lanes/lane-buffer';

const record = (offset: number, member = 'member-0', partition = 0): LaneRecord => ({
  member,
  partition,
  offset: String(offset),
  timestamp: '1700000000000',
  key: null,
  value: { encoding: 'utf8', data: `v${offset}`, size: 3, truncated: false },
  headers: [],
});
const batch = (from: number, count: number) => Array.from({ length: count }, (_, i) => record(from + i));

describe('LaneBuffer', () => {
  it('keeps everything up to the capacity, in arrival order, newest readable first', () => {
    const buffer = new LaneBuffer({ capacity: 100, slack: 10 });
    buffer.append(batch(0, 60));
    buffer.append(batch(60, 40));
    expect(buffer.length).toBe(100);
    expect(buffer.trimmed).toBe(0);
    expect(buffer.at(0)?.offset).toBe('0');
    expect(buffer.newest(0)?.offset).toBe('99');
    expect(buffer.newest(99)?.offset).toBe('0');
    expect(buffer.newest(100)).toBeUndefined();
  });

  it('past the capacity drops the oldest down to capacity − slack in one go, then grows again without trimming', () => {
    const buffer = new LaneBuffer({ capacity: 100, slack: 10 });
    buffer.append(batch(0, 100));
    buffer.append(batch(100, 1));
    expect(buffer.length).toBe(90);
    expect(buffer.trimmed).toBe(11);
    expect(buffer.at(0)?.offset).toBe('11');
    expect(buffer.newest(0)?.offset).toBe('100');
    // The slack: ten more records fit before the next trim.
    for (let i = 101; i <= 110; i++) buffer.append([record(i)]);
    expect(buffer.length).toBe(100);
    expect(buffer.trimmed).toBe(11);
    buffer.append([record(111)]);
    expect(buffer.length).toBe(90);
    expect(buffer.trimmed).toBe(22);
    expect(buffer.received).toBe(112);
  });

  it('never holds more than 50,000 records by default, however they arrive', () => {
    const buffer = new LaneBuffer();
    expect(DEFAULT_LANE_LIMITS).toEqual({ capacity: 50_000, slack: 5_000 });
    let max = 0;
    let trims = 0;
    let lastTrimmed = 0;
    for (let from = 0; from < 200_000; from += 1_000) {
      buffer.append(batch(from, 1_000));
      max = Math.max(max, buffer.length);
      if (buffer.trimmed !== lastTrimmed) trims++;
      lastTrimmed = buffer.trimmed;
    }
    expect(max).toBe(50_000);
    expect(buffer.length + buffer.trimmed).toBe(200_000);
    expect(buffer.newest(0)?.offset).toBe('199999');
    // Trims at 51,000 received, then every 6,000 (the 5,000 slack rounded up to whole batches): 25, not one per batch.
    expect(trims).toBe(25);
  });

  it('a single batch larger than the capacity keeps its newest records', () => {
    const buffer = new LaneBuffer({ capacity: 100, slack: 10 });
    buffer.append(batch(0, 250));
    expect(buffer.length).toBe(90);
    expect(buffer.at(0)?.offset).toBe('160');
    expect(buffer.trimmed).toBe(160);
  });

  it('moves its version on every change, not on an empty append, and clear starts over', () => {
    const buffer = new LaneBuffer({ capacity: 100, slack: 10 });
    const v0 = buffer.version;
    buffer.append([]);
    expect(buffer.version).toBe(v0);
    buffer.append(batch(0, 150));
    const v1 = buffer.version;
    expect(v1).not.toBe(v0);
    buffer.clear();
    expect(buffer.version).not.toBe(v1);
    expect([buffer.length, buffer.trimmed, buffer.received]).toEqual([0, 0, 0]);
  });

  it('refuses a slack that leaves nothing to keep', () => {
    expect(() => new LaneBuffer({ capacity: 10, slack: 10 })).toThrow(/slack/);
  });

  it('keeps a row per record: member, partition, offset and one-line previews, base64 marked', () => {
    const buffer = new LaneBuffer({ capacity: 10, slack: 1 });
    const long = 'x'.repeat(PREVIEW_CHARS + 50);
    buffer.append([
      { ...record(7, 'member-1', 3), key: { encoding: 'utf8', data: 'order-1', size: 7, truncated: false }, value: { encoding: 'utf8', data: long, size: long.length, truncated: false } },
      { ...record(8, 'member-1', 3), key: { encoding: 'base64', data: 'AAE=', size: 2, truncated: false }, value: null },
    ]);
    expect(buffer.at(0)).toEqual({ member: 'member-1', partition: 3, offset: '7', key: 'order-1', value: `${'x'.repeat(PREVIEW_CHARS)}…` });
    expect(buffer.at(1)).toEqual({ member: 'member-1', partition: 3, offset: '8', key: 'base64:AAE=', value: 'null' });
  });
});
