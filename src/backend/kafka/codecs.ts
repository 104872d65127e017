// Compression codecs for kafkajs, which ships only gzip. Registering snappy,
// lz4 and zstd lets the app read batches written by Java, librdkafka or Go
// producers. Registration is global to the kafkajs module, so it runs once.
// Snappy and lz4 use the libraries' async calls, so a big batch does not block
// the app's event loop; the xerial framing test and zstd are the broker's.
import { CompressionCodecs, CompressionTypes } from './kafkajs-module.js';
import { compressFrame, decompressFrame } from 'lz4-napi';
import { compress as snappyCompress, uncompress as snappyUncompress } from 'snappy';
import { decompress, isXerialFramed, XERIAL_SNAPPY_MAGIC } from '../../broker/records/compression.js';

interface Encoder {
  buffer: Buffer;
}

interface Codec {
  compress(encoder: Encoder): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

/** xerial's framing (Java clients): the magic, two int32 versions, then length-prefixed blocks. */
const XERIAL_HEADER_BYTES = XERIAL_SNAPPY_MAGIC.length + 8;

async function rawSnappy(data: Buffer): Promise<Buffer> {
  const out = await snappyUncompress(data);
  return typeof out === 'string' ? Buffer.from(out) : out;
}

export async function decompressSnappy(data: Buffer): Promise<Buffer> {
  if (!isXerialFramed(data)) return rawSnappy(data);
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
  decompress: async (buffer) => decompress('zstd', buffer),
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
