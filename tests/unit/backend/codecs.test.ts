import { describe, expect, it } from 'vitest';
import { compressSync as snappyBlock } from 'snappy';
import { decompressSnappy, lz4Codec, snappyCodec, zstdCodec } from '../../../src/backend/kafka/codecs.js';

const text = Buffer.from('say hello~!!!! '.repeat(200));

/** Java's xerial framing: magic, two int32 versions, then length-prefixed snappy blocks. */
function xerial(blocks: Buffer[]): Buffer {
  const header = Buffer.concat([Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]), Buffer.from([0, 0, 0, 1, 0, 0, 0, 1])]);
  const parts = blocks.flatMap((block) => {
    const length = Buffer.alloc(4);
    length.writeInt32BE(block.length);
    return [length, block];
  });
  return Buffer.concat([header, ...parts]);
}

describe('compression codecs', () => {
  it('round-trips snappy as a bare block', async () => {
    const packed = await snappyCodec.compress({ buffer: text });
    expect(await snappyCodec.decompress(packed)).toEqual(text);
  });

  it('reads xerial-framed snappy as Java writes it, across blocks', async () => {
    const framed = xerial([snappyBlock(text.subarray(0, 1000)), snappyBlock(text.subarray(1000))]);
    expect(await decompressSnappy(framed)).toEqual(text);
  });

  it('refuses a xerial frame whose block overruns the data', async () => {
    const framed = xerial([snappyBlock(text)]);
    await expect(decompressSnappy(framed.subarray(0, framed.length - 5))).rejects.toThrow(/claims/);
  });

  it('round-trips lz4 frames', async () => {
    const packed = await lz4Codec.compress({ buffer: text });
    expect(packed.readUInt32LE(0)).toBe(0x184d2204); // the LZ4 frame magic
    expect(await lz4Codec.decompress(packed)).toEqual(text);
  });

  it('reads zstd and says clearly that it cannot write it', async () => {
    // "hello" as the zstd command line writes it (with a content checksum).
    const frame = Buffer.from('KLUv/QRYKQAAaGVsbG+jbZ+I', 'base64');
    expect((await zstdCodec.decompress(frame)).toString()).toBe('hello');
    await expect(zstdCodec.compress({ buffer: text })).rejects.toThrow(/cannot write them/);
  });
});
