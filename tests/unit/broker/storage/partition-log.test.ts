import { describe, expect, it } from 'vitest';
import { batchOf, harness, openLog, readAll } from './storage-fixtures.js';

describe('DiskPartitionLog append and read', () => {
  it('assigns contiguous offsets and reads them back', () => {
    const h = harness();
    const log = openLog(h);
    expect(log.append(batchOf(3, 'a'))).toEqual({ baseOffset: 0n, lastOffset: 2n });
    expect(log.append(batchOf(2, 'b'))).toEqual({ baseOffset: 3n, lastOffset: 4n });
    expect(log.logEndOffset()).toBe(5n);
    expect(readAll(log).map((r) => `${r.offset}:${r.value}`)).toEqual(['0:a-0', '1:a-1', '2:a-2', '3:b-0', '4:b-1']);
  });
});
