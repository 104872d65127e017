import { describe, expect, it } from 'vitest';
import { compressSync as rawSnappyCompress } from 'snappy';
import {
  BATCH_HEADER_SIZE,
  batchCompression,
  batchLastOffset,
  batchNextOffset,
  batchTotalSize,
  buildRecordBatch,
  decodeRecords,
  isControlBatch,
  isLogAppendTime,
  isTransactionalBatch,
  readBatchHeader,
  setLogAppendTime,
  stampBatch,
  verifyBatchCrc,
  type RecordInput,
} from '../../../../src/broker/records/record-batch.js';
import { OFFSETS, hasZstdCli, patched, pseudoRandomBytes, withRecordsBlock, xerialFrame, zstdCompressWithCli } from './batch-test-helpers.js';

const BASE_TS = 1_767_225_600_000n;

const sampleRecords: RecordInput[] = [
  { key: 'user-1', value: 'hello', timestamp: BASE_TS },
  { key: null, value: null, timestamp: BASE_TS + 5n },
  {
    key: Buffer.from([0, 1, 2]),
    value: '',
    timestamp: BASE_TS - 3n,
    headers: [
      { key: 'trace-id', value: 'abc' },
      { key: 'ключ', value: null },
      { key: '', value: Buffer.alloc(0) },
    ],
  },
  { value: pseudoRandomBytes(300_000, 9), timestamp: BASE_TS + 1000n },
];

function expectSampleDecoded(batch: Buffer, baseOffset: bigint): void {
  const records = decodeRecords(batch);
  expect(records.map((r) => r.offset)).toEqual([0n, 1n, 2n, 3n].map((d) => baseOffset + d));
  expect(records.map((r) => r.timestamp)).toEqual([BASE_TS, BASE_TS + 5n, BASE_TS - 3n, BASE_TS + 1000n]);
  expect(records[0].key?.toString()).toBe('user-1');
  expect(records[0].value?.toString()).toBe('hello');
  expect(records[1].key).toBeNull();
  expect(records[1].value).toBeNull();
  expect(records[2].key?.equals(Buffer.from([0, 1, 2]))).toBe(true);
  expect(records[2].value?.length).toBe(0);
  expect(records[2].headers.map((h) => [h.key, h.value?.toString() ?? null])).toEqual([
    ['trace-id', 'abc'],
    ['ключ', null],
    ['', ''],
  ]);
  expect(records[3].key).toBeNull();
  expect(records[3].value?.equals(sampleRecords[3].value as Buffer)).toBe(true);
  expect(records[3].headers).toEqual([]);
}

describe('buildRecordBatch → readBatchHeader → decodeRecords', () => {
  it.each(['none', 'gzip', 'snappy', 'lz4'] as const)('round-trips with %s', (compression) => {
    const batch = buildRecordBatch(sampleRecords, { compression, baseOffset: 500n });
    const header = readBatchHeader(batch);
    expect(header).toMatchObject({
      baseOffset: 500n,
      batchLength: batch.length - 12,
      partitionLeaderEpoch: -1,
      magic: 2,
      lastOffsetDelta: 3,
      baseTimestamp: BASE_TS,
      maxTimestamp: BASE_TS + 1000n,
      producerId: -1n,
      producerEpoch: -1,
      baseSequence: -1,
      recordCount: 4,
    });
    expect(batchTotalSize(header)).toBe(batch.length);
    expect(batchCompression(header)).toBe(compression);
    expect(verifyBatchCrc(batch, 0, header)).toBe(true);
    expectSampleDecoded(batch, 500n);
  });

  it.skipIf(!hasZstdCli)('decodes a zstd batch (frame made by the zstd CLI)', () => {
    const plain = buildRecordBatch(sampleRecords, { baseOffset: 7n });
    const batch = withRecordsBlock(plain, 4, zstdCompressWithCli(plain.subarray(BATCH_HEADER_SIZE)));
    const header = readBatchHeader(batch);
    expect(batchCompression(header)).toBe('zstd');
    expect(verifyBatchCrc(batch, 0, header)).toBe(true);
    expectSampleDecoded(batch, 7n);
  });

  it('decodes a snappy batch in the xerial framing Java writes', () => {
    const plain = buildRecordBatch(sampleRecords, { baseOffset: 3n });
    const body = plain.subarray(BATCH_HEADER_SIZE);
    const blocks = [body.subarray(0, 100), body.subarray(100, 150_000), body.subarray(150_000)];
    const batch = withRecordsBlock(plain, 2, xerialFrame(blocks.map((block) => rawSnappyCompress(block))));
    expectSampleDecoded(batch, 3n);
  });

  it('refuses zstd encoding with a clear error', () => {
    expect(() => buildRecordBatch([{ value: 'x' }], { compression: 'zstd' })).toThrow(/zstd compression is not supported/);
  });

  it('writes producer fields, epochs and flags', () => {
    const batch = buildRecordBatch([{ value: 'a' }, { value: 'b' }], {
      baseOffset: 10n,
      baseTimestamp: 99n,
      producerId: 4000n,
      producerEpoch: 3,
      baseSequence: 17,
      partitionLeaderEpoch: 5,
      transactional: true,
    });
    const header = readBatchHeader(batch);
    expect(header).toMatchObject({ producerId: 4000n, producerEpoch: 3, baseSequence: 17, partitionLeaderEpoch: 5 });
    expect(header.baseTimestamp).toBe(99n);
    expect(header.maxTimestamp).toBe(99n);
    expect(isTransactionalBatch(header)).toBe(true);
    expect(isControlBatch(header)).toBe(false);
    expect(isLogAppendTime(header)).toBe(false);
    expect(batchLastOffset(header)).toBe(11n);
    expect(batchNextOffset(header)).toBe(12n);
    expect(decodeRecords(batch).map((r) => r.timestamp)).toEqual([99n, 99n]);
  });

  it('keeps explicit offset deltas, leaving gaps as compaction would', () => {
    const batch = buildRecordBatch([{ value: 'a', offsetDelta: 0 }, { value: 'b', offsetDelta: 4 }], { baseOffset: 100n });
    const header = readBatchHeader(batch);
    expect(header.lastOffsetDelta).toBe(4);
    expect(header.recordCount).toBe(2);
    expect(decodeRecords(batch).map((r) => r.offset)).toEqual([100n, 104n]);
  });

  it('rejects empty batches and non-increasing offset deltas', () => {
    expect(() => buildRecordBatch([])).toThrow(/at least one record/);
    expect(() => buildRecordBatch([{ value: 'a', offsetDelta: 1 }, { value: 'b', offsetDelta: 1 }])).toThrow(/offsetDelta/);
  });

  it('decodes a batch that sits at a position inside a larger buffer', () => {
    const batch = buildRecordBatch([{ key: 'k', value: 'v' }], { baseOffset: 42n });
    const buf = Buffer.concat([Buffer.alloc(5, 0xff), batch, Buffer.alloc(3)]);
    const header = readBatchHeader(buf, 5);
    expect(verifyBatchCrc(buf, 5, header)).toBe(true);
    expect(decodeRecords(buf, 5)[0]).toMatchObject({ offset: 42n });
  });

  it('decodes control batches like any other', () => {
    const key = Buffer.from([0, 0, 0, 1]); // version 0, COMMIT
    const value = Buffer.from([0, 0, 0, 0, 0, 9]);
    const batch = patched(buildRecordBatch([{ key, value }], { producerId: 1n, producerEpoch: 0, transactional: true }), (b) =>
      b.writeInt16BE(b.readInt16BE(OFFSETS.attributes) | 0x20, OFFSETS.attributes),
    );
    const header = readBatchHeader(batch);
    expect(isControlBatch(header)).toBe(true);
    expect(decodeRecords(batch)[0].key?.equals(key)).toBe(true);
  });

  it('rejects records whose length disagrees with their fields, and leftover bytes', () => {
    const batch = buildRecordBatch([{ key: 'k', value: 'v' }]);
    // The first record's length varint sits right after the header.
    const longer = patched(batch, (b) => (b[BATCH_HEADER_SIZE] += 2));
    expect(() => decodeRecords(longer)).toThrow(RangeError);
    const extra = withRecordsBlock(batch, 0, Buffer.concat([batch.subarray(BATCH_HEADER_SIZE), Buffer.from([0])]));
    expect(() => decodeRecords(extra)).toThrow(/after its 1 records/);
    expect(() => decodeRecords(batch.subarray(0, batch.length - 1))).toThrow(RangeError);
  });

  it('throws when fewer than 61 header bytes are available', () => {
    const batch = buildRecordBatch([{ value: 'v' }]);
    expect(() => readBatchHeader(batch.subarray(0, 60))).toThrow(RangeError);
    expect(() => readBatchHeader(batch, batch.length - 60)).toThrow(RangeError);
  });

  it('throws on the undefined codec ids', () => {
    const batch = patched(buildRecordBatch([{ value: 'v' }]), (b) => b.writeInt16BE(5, OFFSETS.attributes));
    expect(() => batchCompression(readBatchHeader(batch))).toThrow(/codec id 5/);
  });
});

describe('CRC handling', () => {
  it('stampBatch assigns offset and epoch without invalidating the CRC', () => {
    const batch = buildRecordBatch(sampleRecords, { compression: 'lz4' });
    const crcBefore = readBatchHeader(batch).crc;
    stampBatch(batch, 0, 123_456_789_012n, 7);
    const header = readBatchHeader(batch);
    expect(header.baseOffset).toBe(123_456_789_012n);
    expect(header.partitionLeaderEpoch).toBe(7);
    expect(header.crc).toBe(crcBefore);
    expect(verifyBatchCrc(batch, 0, header)).toBe(true);
    expect(decodeRecords(batch)[3].offset).toBe(123_456_789_015n);
  });

  it('setLogAppendTime sets the flag and maxTimestamp, recomputes the CRC, and drives record timestamps', () => {
    const batch = buildRecordBatch(sampleRecords, { compression: 'gzip' });
    const crcBefore = readBatchHeader(batch).crc;
    const appendTime = BASE_TS + 60_000n;
    setLogAppendTime(batch, 0, appendTime);
    const header = readBatchHeader(batch);
    expect(isLogAppendTime(header)).toBe(true);
    expect(batchCompression(header)).toBe('gzip');
    expect(header.maxTimestamp).toBe(appendTime);
    expect(header.crc).not.toBe(crcBefore);
    expect(verifyBatchCrc(batch, 0, header)).toBe(true);
    expect(decodeRecords(batch).map((r) => r.timestamp)).toEqual([appendTime, appendTime, appendTime, appendTime]);
  });

  it('builds LogAppendTime batches on request', () => {
    const batch = buildRecordBatch([{ value: 'a', timestamp: 50n }], { logAppendTime: true });
    const header = readBatchHeader(batch);
    expect(isLogAppendTime(header)).toBe(true);
    expect(verifyBatchCrc(batch, 0, header)).toBe(true);
  });

  it('detects a flipped bit anywhere in the CRC-covered range', () => {
    const batch = buildRecordBatch([{ key: 'k', value: 'value', headers: [{ key: 'h', value: 'x' }] }]);
    const header = readBatchHeader(batch);
    for (let i = 21; i < batch.length; i++) {
      const corrupt = Buffer.from(batch);
      corrupt[i] ^= 0x10;
      expect(verifyBatchCrc(corrupt, 0, readBatchHeader(corrupt)), `byte ${i}`).toBe(false);
    }
    const badCrc = Buffer.from(batch);
    badCrc[18] ^= 1;
    expect(verifyBatchCrc(badCrc, 0, readBatchHeader(badCrc))).toBe(false);
    expect(verifyBatchCrc(batch, 0, header)).toBe(true);
  });

  it('reports a batch cut short as failing its CRC', () => {
    const batch = buildRecordBatch([{ value: 'abc' }]);
    const cut = batch.subarray(0, batch.length - 1);
    expect(verifyBatchCrc(cut, 0, readBatchHeader(cut))).toBe(false);
  });
});
