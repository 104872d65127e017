// The browse merge: timestamp order across partitions, never ahead of a
// partition that still has to be fetched, and a cursor's position and bounds.
import { describe, expect, it } from 'vitest';
import { mergeByTimestamp, PartitionCursor } from '../../../src/backend/browse/partition-cursor.js';
import type { FetchedRecord } from '../../../src/backend/kafka/client.js';

const rec = (offset: number, timestamp: number): FetchedRecord => ({ offset: BigInt(offset), timestamp: BigInt(timestamp), key: null, value: null, headers: [] });
const picked = (out: ReturnType<typeof mergeByTimestamp>) => out.map(({ cursor, record }) => `${cursor.partition}@${record.offset}`);

describe('PartitionCursor and mergeByTimestamp', () => {
  it('keeps only records from the fetch position up to the end, and moves past whole batches', () => {
    const c = new PartitionCursor(0, 2n, 5n);
    c.take([rec(0, 1), rec(1, 1), rec(2, 1), rec(3, 1), rec(4, 1), rec(5, 1)], 6n);
    expect(c.fetchedAll).toBe(true);
    expect(c.position).toBe(2n);
    expect(picked(mergeByTimestamp([c], 10, true))).toEqual(['0@2', '0@3', '0@4']);
    expect(c.position).toBe(5n);
  });

  it('merges by timestamp, ties by partition', () => {
    const a = new PartitionCursor(0, 0n, 3n);
    const b = new PartitionCursor(1, 0n, 2n);
    a.take([rec(0, 10), rec(1, 30), rec(2, 31)], 3n);
    b.take([rec(0, 10), rec(1, 20)], 2n);
    expect(picked(mergeByTimestamp([a, b], 10, true))).toEqual(['0@0', '1@0', '1@1', '0@1', '0@2']);
  });

  it('stops before a starved partition could bring an earlier record, unless told to flush', () => {
    const a = new PartitionCursor(0, 0n, 10n);
    const b = new PartitionCursor(1, 0n, 10n);
    a.take([rec(0, 10), rec(1, 20)], 2n);
    b.take([rec(0, 15)], 1n);
    // After 0@0 and 1@0, partition 1 is empty but unfinished: wait for its next fetch.
    expect(picked(mergeByTimestamp([a, b], 10, true))).toEqual(['0@0', '1@0']);
    expect(b.starved).toBe(true);
    expect(picked(mergeByTimestamp([a, b], 10, false))).toEqual(['0@1']);
  });

  it('honours the limit', () => {
    const a = new PartitionCursor(0, 0n, 3n);
    a.take([rec(0, 1), rec(1, 2), rec(2, 3)], 3n);
    expect(picked(mergeByTimestamp([a], 2, true))).toEqual(['0@0', '0@1']);
    expect(a.position).toBe(2n);
  });

  it('skips offsets deleted under it', () => {
    const a = new PartitionCursor(0, 0n, 10n);
    a.skipTo(4n);
    expect(a.fetchAt).toBe(4n);
    a.skipTo(2n);
    expect(a.fetchAt).toBe(4n);
  });
});
