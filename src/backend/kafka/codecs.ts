// Compression codecs for kafkajs, which ships only gzip. Registering snappy,
// lz4 and zstd lets the app read batches written by Java, librdkafka or Go
// producers. Registration is global to the kafkajs module, so it runs once.
import { CompressionCodecs, CompressionTypes } from './kafkajs-module.js';
import { compressFrame, decompressFrame } from 'lz4-napi';
import { compress as snappyCompress, uncompress as snappyUncompress } from 'snappy';
import { decompress as zstdDecompress } from 'fzstd';

interface Encoder {
  buffer: Buffer;
}

interface Codec {
  compress(encoder: Encoder): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

/**
 * Java clients wrap snappy in xerial's stream framing: this magic, two int32
 * versions, then blocks each prefixed by an int32 length. librdkafka and Go
 * write a bare snappy block.
 */
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_BYTES = XERIAL_MAGIC.length + 8;

async function rawSnappy(data: Buffer): Promise<Buffer> {
  const out = await snappyUncompress(data);
  return typeof out === 'string' ? Buffer.from(out) : out;
}

export async function decompressSnappy(data: Buffer): Promise<Buffer> {
  const framed = data.length >= XERIAL_HEADER_BYTES && data.subarray(0, XERIAL_MAGIC.length).equals(XERIAL_MAGIC);
  if (!framed) return rawSnappy(data);
  const blocks: Buffer[] = [];
  let pos = XERIAL_HEADER_BYTES;
  while (pos < data.length) {
    if (data.length - pos < 4) throw new Error(`xerial snappy: block length cut short at byte ${pos}`);
    const length = data.readInt32BE(pos);
    pos += 4;
    if (length < 0 || length > data.length - pos) throw new Error(`xerial snappy: block at byte ${pos - 4} claims ${length} bytes, ${data.length - pos} remain`);
    blocks.push(await rawSnappy(data.subarray(pos, pos + length)));
    pos += length;
  }
  return Buffer.concat(blocks);
}

export const snappyCodec: Codec = {
  // A bare block: every Kafka client reads it.
  compress: (encoder) => snappyCompress(encoder.buffer),
  decompress: decompressSnappy,
};

export const lz4Codec: Codec = {
  // Kafka's lz4 is the LZ4 frame format.
  compress: (encoder) => compressFrame(encoder.buffer),
  decompress: (buffer) => decompressFrame(buffer),
};

export const zstdCodec: Codec = {
  compress: () =>
    Promise.reject(new Error('zstd compression is not available: Kafka Lanes can read zstd batches but cannot write them; send with none, gzip, snappy or lz4')),
  decompress: async (buffer) => {
    const out = zstdDecompress(buffer);
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  },
};

let registered = false;

export function registerCompressionCodecs(): void {
  if (registered) return;
  registered = true;
  const codecs = CompressionCodecs as unknown as Record<number, () => Codec>;
  codecs[CompressionTypes.Snappy] = () => snappyCodec;
  codecs[CompressionTypes.LZ4] = () => lz4Codec;
  codecs[CompressionTypes.ZSTD] = () => zstdCodec;
}
