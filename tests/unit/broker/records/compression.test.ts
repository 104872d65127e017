import { describe, expect, it } from 'vitest';
import { compressSync as rawSnappyCompress } from 'snappy';
import { compress, decompress, isXerialFramed } from '../../../../src/broker/records/compression.js';
import { hasZstdCli, pseudoRandomBytes, xerialFrame, zstdCompressWithCli } from './batch-test-helpers.js';

const text = Buffer.from('kafka lanes '.repeat(5000), 'utf8');
const noise = pseudoRandomBytes(70_000, 42);

describe('compress / decompress', () => {
  it.each(['none', 'gzip', 'snappy', 'lz4'] as const)('round-trips %s', (codec) => {
    for (const data of [Buffer.alloc(0), Buffer.from('x'), text, noise]) {
      expect(decompress(codec, compress(codec, data)).equals(data)).toBe(true);
    }
  });

  it('actually shrinks repetitive data', () => {
    for (const codec of ['gzip', 'snappy', 'lz4'] as const) {
      expect(compress(codec, text).length).toBeLessThan(text.length / 4);
    }
  });

  it('writes raw snappy, not the xerial framing', () => {
    expect(isXerialFramed(compress('snappy', text))).toBe(false);
  });

  it('writes an LZ4 frame with independent blocks, the form Kafka reads', () => {
    const frame = compress('lz4', text);
    expect(frame.readUInt32LE(0)).toBe(0x184d2204);
    expect(frame[4] & 0x20).toBe(0x20);
  });

  it('refuses to encode zstd with a clear message', () => {
    expect(() => compress('zstd', text)).toThrow(/zstd compression is not supported/);
  });
});

describe('xerial-framed snappy (as Java producers write it)', () => {
  it('decodes a single-block frame', () => {
    const framed = xerialFrame([rawSnappyCompress(text)]);
    expect(isXerialFramed(framed)).toBe(true);
    expect(decompress('snappy', framed).equals(text)).toBe(true);
  });

  it('concatenates several blocks', () => {
    const pieces = [text.subarray(0, 1000), noise.subarray(0, 33_000), text.subarray(1000)];
    const framed = xerialFrame(pieces.map((piece) => rawSnappyCompress(piece)));
    expect(decompress('snappy', framed).equals(Buffer.concat(pieces))).toBe(true);
  });

  it('decodes a frame with no blocks as empty', () => {
    expect(decompress('snappy', xerialFrame([])).length).toBe(0);
  });

  it('rejects a block that claims more bytes than remain', () => {
    const framed = xerialFrame([rawSnappyCompress(text)]);
    expect(() => decompress('snappy', framed.subarray(0, framed.length - 1))).toThrow(/claims/);
    expect(() => decompress('snappy', Buffer.concat([framed, Buffer.from([0, 0])]))).toThrow(/cut short/);
  });
});

describe('zstd decoding', () => {
  // The project has only a zstd decoder, so the frame must come from elsewhere;
  // the zstd CLI is the honest source. Without it this one case cannot run.
  it.skipIf(!hasZstdCli)('decodes a frame made by the zstd CLI', () => {
    for (const data of [text, noise]) {
      expect(decompress('zstd', zstdCompressWithCli(data)).equals(data)).toBe(true);
    }
  });
});
