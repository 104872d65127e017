import { describe, expect, it } from 'vitest';
import { buildRecordBatch } from '../../../../src/broker/records/record-batch.js';
import { validateProducedBatch } from '../../../../src/broker/records/validate-batch.js';
import { BATCH_HEADER_SIZE } from '../../../../src/broker/records/record-batch.js';
import { OFFSETS, patched, withRecordsBlock, zstdCompressWithCli } from './batch-test-helpers.js';

const CORRUPT_MESSAGE = 2;
const MESSAGE_TOO_LARGE = 10;
const UNSUPPORTED_COMPRESSION_TYPE = 76;
const INVALID_RECORD = 87;

const limits = { produceVersion: 9, maxBatchBytes: 1_048_588 };
const good = buildRecordBatch([{ key: 'k', value: 'v1' }, { value: 'v2' }], { compression: 'snappy' });

function errorCodeOf(records: Buffer, opts = limits): number | 'ok' {
  const result = validateProducedBatch(records, opts);
  if (result.ok) return 'ok';
  expect(result.message.length).toBeGreaterThan(0);
  return result.errorCode;
}

describe('validateProducedBatch', () => {
  it('accepts a well-formed batch and returns its header', () => {
    const result = validateProducedBatch(good, limits);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.header.recordCount).toBe(2);
  });

  it('accepts an idempotent batch with a sequence', () => {
    const batch = buildRecordBatch([{ value: 'x' }], { producerId: 12n, producerEpoch: 0, baseSequence: 0 });
    expect(errorCodeOf(batch)).toBe('ok');
  });

  describe('framing: exactly one magic-2 batch covering the buffer', () => {
    it('rejects data too short to hold a batch with INVALID_RECORD', () => {
      expect(errorCodeOf(Buffer.alloc(0))).toBe(INVALID_RECORD);
      expect(errorCodeOf(good.subarray(0, 11))).toBe(INVALID_RECORD);
      expect(errorCodeOf(good.subarray(0, 16))).toBe(INVALID_RECORD);
    });

    it('rejects a batch length below the minimum with CORRUPT_MESSAGE', () => {
      for (const length of [13, 0, -1]) {
        const batch = Buffer.from(good);
        batch.writeInt32BE(length, OFFSETS.batchLength);
        expect(errorCodeOf(batch), `length ${length}`).toBe(CORRUPT_MESSAGE);
      }
    });

    it('rejects an unknown magic with CORRUPT_MESSAGE', () => {
      for (const magic of [3, -1]) {
        const batch = Buffer.from(good);
        batch.writeInt8(magic, OFFSETS.magic);
        expect(errorCodeOf(batch), `magic ${magic}`).toBe(CORRUPT_MESSAGE);
      }
    });

    it('rejects legacy magic 0 and 1 with INVALID_RECORD', () => {
      for (const magic of [0, 1]) {
        const batch = Buffer.from(good);
        batch.writeInt8(magic, OFFSETS.magic);
        expect(errorCodeOf(batch), `magic ${magic}`).toBe(INVALID_RECORD);
      }
    });

    it('rejects a truncated batch with INVALID_RECORD', () => {
      expect(errorCodeOf(good.subarray(0, good.length - 1))).toBe(INVALID_RECORD);
      expect(errorCodeOf(good.subarray(0, 40))).toBe(INVALID_RECORD);
    });

    it('rejects a magic-2 batch smaller than its header with CORRUPT_MESSAGE', () => {
      const tiny = good.subarray(0, 42);
      const copy = Buffer.from(tiny);
      copy.writeInt32BE(30, OFFSETS.batchLength);
      expect(errorCodeOf(copy)).toBe(CORRUPT_MESSAGE);
    });

    it('rejects two batches, or bytes after the batch, with INVALID_RECORD', () => {
      expect(errorCodeOf(Buffer.concat([good, good]))).toBe(INVALID_RECORD);
      expect(errorCodeOf(Buffer.concat([good, Buffer.alloc(5)]))).toBe(INVALID_RECORD);
    });
  });

  describe('compression', () => {
    const zstd = patched(good, (b) => b.writeInt16BE(4, OFFSETS.attributes));

    it('rejects zstd before Produce v7 with UNSUPPORTED_COMPRESSION_TYPE', () => {
      expect(errorCodeOf(zstd, { ...limits, produceVersion: 6 })).toBe(UNSUPPORTED_COMPRESSION_TYPE);
      expect(errorCodeOf(zstd, { ...limits, produceVersion: 3 })).toBe(UNSUPPORTED_COMPRESSION_TYPE);
    });

    it('accepts a real zstd batch from Produce v7', () => {
      const plain = buildRecordBatch([{ key: 'k', value: 'v1' }, { value: 'v2' }]);
      const real = withRecordsBlock(plain, 4, zstdCompressWithCli(plain.subarray(BATCH_HEADER_SIZE)));
      expect(errorCodeOf(real, { ...limits, produceVersion: 7 })).toBe('ok');
    });

    it('rejects a batch labelled zstd whose block is not zstd with CORRUPT_MESSAGE', () => {
      expect(errorCodeOf(zstd, { ...limits, produceVersion: 7 })).toBe(CORRUPT_MESSAGE);
    });

    it('rejects undefined codec ids with UNSUPPORTED_COMPRESSION_TYPE', () => {
      for (const id of [5, 6, 7]) {
        expect(errorCodeOf(patched(good, (b) => b.writeInt16BE(id, OFFSETS.attributes)))).toBe(UNSUPPORTED_COMPRESSION_TYPE);
      }
    });
  });

  it('rejects a batch over maxBatchBytes with MESSAGE_TOO_LARGE, comparing the whole batch size', () => {
    expect(errorCodeOf(good, { ...limits, maxBatchBytes: good.length - 1 })).toBe(MESSAGE_TOO_LARGE);
    expect(errorCodeOf(good, { ...limits, maxBatchBytes: good.length })).toBe('ok');
  });

  it('rejects a bad CRC with CORRUPT_MESSAGE', () => {
    const corrupt = Buffer.from(good);
    corrupt[corrupt.length - 1] ^= 0xff;
    expect(errorCodeOf(corrupt)).toBe(CORRUPT_MESSAGE);
  });

  describe('record count and offsets (INVALID_RECORD)', () => {
    it('rejects a zero record count', () => {
      const batch = patched(good, (b) => {
        b.writeInt32BE(0, OFFSETS.recordCount);
        b.writeInt32BE(-1, OFFSETS.lastOffsetDelta);
      });
      expect(errorCodeOf(batch)).toBe(INVALID_RECORD);
      expect(errorCodeOf(patched(good, (b) => b.writeInt32BE(0, OFFSETS.recordCount)))).toBe(INVALID_RECORD);
    });

    it('rejects a negative record count', () => {
      expect(errorCodeOf(patched(good, (b) => b.writeInt32BE(-3, OFFSETS.recordCount)))).toBe(INVALID_RECORD);
    });

    it('rejects a negative lastOffsetDelta', () => {
      expect(errorCodeOf(patched(good, (b) => b.writeInt32BE(-2, OFFSETS.lastOffsetDelta)))).toBe(INVALID_RECORD);
    });

    it('rejects a count that disagrees with lastOffsetDelta + 1', () => {
      expect(errorCodeOf(patched(good, (b) => b.writeInt32BE(5, OFFSETS.lastOffsetDelta)))).toBe(INVALID_RECORD);
      expect(errorCodeOf(patched(good, (b) => b.writeInt32BE(3, OFFSETS.recordCount)))).toBe(INVALID_RECORD);
    });
  });

  it('rejects control batches with INVALID_RECORD', () => {
    const control = patched(good, (b) => b.writeInt16BE(b.readInt16BE(OFFSETS.attributes) | 0x30, OFFSETS.attributes));
    expect(errorCodeOf(control)).toBe(INVALID_RECORD);
  });

  it('rejects a producer id without a base sequence with INVALID_RECORD', () => {
    const batch = buildRecordBatch([{ value: 'x' }], { producerId: 12n, producerEpoch: 0, baseSequence: -1 });
    expect(errorCodeOf(batch)).toBe(INVALID_RECORD);
  });

  describe('records behind a valid CRC', () => {
    const plain = buildRecordBatch([{ key: 'k', value: 'v1' }, { value: 'v2' }, { value: 'v3' }]);

    it('rejects garbage records with CORRUPT_MESSAGE', () => {
      const garbage = withRecordsBlock(plain, 0, Buffer.alloc(plain.length - BATCH_HEADER_SIZE, 0x7f));
      expect(errorCodeOf(garbage)).toBe(CORRUPT_MESSAGE);
    });

    it('rejects a header claiming more records than the batch holds with CORRUPT_MESSAGE', () => {
      const inflated = patched(plain, (b) => {
        b.writeInt32BE(2 ** 31 - 2, OFFSETS.lastOffsetDelta);
        b.writeInt32BE(2 ** 31 - 1, OFFSETS.recordCount);
      });
      expect(errorCodeOf(inflated)).toBe(CORRUPT_MESSAGE);
    });

    it('rejects a corrupt compressed block with CORRUPT_MESSAGE', () => {
      const gzip = buildRecordBatch([{ value: 'v1' }, { value: 'v2' }], { compression: 'gzip' });
      const broken = patched(gzip, (b) => b.fill(0x00, BATCH_HEADER_SIZE + 10, BATCH_HEADER_SIZE + 20));
      expect(errorCodeOf(broken)).toBe(CORRUPT_MESSAGE);
    });
  });
});
