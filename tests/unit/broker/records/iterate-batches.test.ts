import { describe, expect, it } from 'vitest';
import { buildRecordBatch, iterateBatches } from '../../../../src/broker/records/record-batch.js';
import { OFFSETS } from './batch-test-helpers.js';

const batches = [
  buildRecordBatch([{ value: 'one' }], { baseOffset: 0n }),
  buildRecordBatch([{ value: 'two' }, { value: 'three' }], { baseOffset: 1n, compression: 'gzip' }),
  buildRecordBatch([{ value: 'four' }], { baseOffset: 3n, compression: 'lz4' }),
];
const log = Buffer.concat(batches);

describe('iterateBatches', () => {
  it('walks concatenated batches with their positions', () => {
    const walked = [...iterateBatches(log)];
    expect(walked.map((b) => b.pos)).toEqual([0, batches[0].length, batches[0].length + batches[1].length]);
    expect(walked.map((b) => b.header.baseOffset)).toEqual([0n, 1n, 3n]);
  });

  it('yields nothing for an empty buffer', () => {
    expect([...iterateBatches(Buffer.alloc(0))]).toEqual([]);
  });

  it('stops at a trailing partial batch wherever it is cut', () => {
    const wholeTwo = batches[0].length + batches[1].length;
    for (let cut = wholeTwo; cut < log.length; cut++) {
      expect([...iterateBatches(log.subarray(0, cut))].length, `cut at ${cut}`).toBe(2);
    }
    expect([...iterateBatches(log.subarray(0, batches[0].length - 1))]).toEqual([]);
  });

  it('throws on a batch length shorter than the header instead of misreading what follows', () => {
    const corrupt = Buffer.from(log);
    corrupt.writeInt32BE(10, batches[0].length + OFFSETS.batchLength);
    const walk = iterateBatches(corrupt);
    expect(walk.next().value?.pos).toBe(0);
    expect(() => walk.next()).toThrow(/less than its 61-byte header/);
  });
});
