// Codecs for the records block of a v2 batch. The broker stores batches as the
// producer compressed them; it only decompresses to read records itself.

import { gunzipSync, gzipSync } from 'node:zlib';
import { compressFrameSync, decompressFrameSync } from 'lz4-napi';
import { compressSync as snappyCompress, uncompressSync as snappyUncompress } from 'snappy';
import { decompress as zstdDecompress } from 'fzstd';
import type { Compression } from './batch-header.js';

/**
 * Java clients write snappy inside xerial's stream framing; librdkafka writes a
 * bare snappy block. The framing starts with this magic, then two int32
 * versions, then blocks each prefixed by an int32 compressed length.
 */
export const XERIAL_SNAPPY_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_SIZE = XERIAL_SNAPPY_MAGIC.length + 8;

export function decompress(codec: Compression, data: Buffer): Buffer {
  switch (codec) {
    case 'none':
      return data;
    case 'gzip':
      return gunzipSync(data);
    case 'snappy':
      return isXerialFramed(data) ? decompressXerialSnappy(data) : decompressRawSnappy(data);
    case 'lz4':
      return decompressFrameSync(data);
    case 'zstd': {
      const out = zstdDecompress(data);
      return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
    }
    default:
      return assertNever(codec);
  }
}

/** Compresses with `codec`. Snappy is written raw, which every Kafka client reads. */
export function compress(codec: Compression, data: Buffer): Buffer {
  switch (codec) {
    case 'none':
      return data;
    case 'gzip':
      return gzipSync(data);
    case 'snappy':
      return snappyCompress(data);
    case 'lz4':
      return compressFrameSync(data);
    case 'zstd':
      throw new Error('zstd compression is not supported for writing (only a zstd decoder is available); use none, gzip, snappy or lz4');
    default:
      return assertNever(codec);
  }
}

export function isXerialFramed(data: Buffer): boolean {
  return data.length >= XERIAL_HEADER_SIZE && data.subarray(0, XERIAL_SNAPPY_MAGIC.length).equals(XERIAL_SNAPPY_MAGIC);
}

function decompressRawSnappy(data: Buffer): Buffer {
  const out = snappyUncompress(data);
  return typeof out === 'string' ? Buffer.from(out) : out;
}

function decompressXerialSnappy(data: Buffer): Buffer {
  const blocks: Buffer[] = [];
  let pos = XERIAL_HEADER_SIZE;
  while (pos < data.length) {
    if (data.length - pos < 4) throw new Error(`xerial snappy block length cut short at byte ${pos}`);
    const blockLength = data.readInt32BE(pos);
    pos += 4;
    if (blockLength < 0 || blockLength > data.length - pos) {
      throw new Error(`xerial snappy block at byte ${pos - 4} claims ${blockLength} bytes, ${data.length - pos} remain`);
    }
    blocks.push(decompressRawSnappy(data.subarray(pos, pos + blockLength)));
    pos += blockLength;
  }
  return blocks.length === 1 ? blocks[0] : Buffer.concat(blocks);
}

function assertNever(codec: never): never {
  throw new Error(`unknown compression codec ${String(codec)}`);
}
