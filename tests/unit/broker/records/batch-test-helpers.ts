// Shared helpers for the record batch tests: byte-level patching of built
// batches, and a zstd encoder borrowed from the zstd CLI when it is installed.

import { spawnSync } from 'node:child_process';
import { recomputeBatchCrc } from '../../../../src/broker/records/record-batch.js';

export const OFFSETS = {
  batchLength: 8,
  magic: 16,
  crc: 17,
  attributes: 21,
  lastOffsetDelta: 23,
  maxTimestamp: 35,
  producerId: 43,
  baseSequence: 53,
  recordCount: 57,
} as const;

/** Applies `patch` to a copy of the batch and re-stamps a valid CRC. */
export function patched(batch: Buffer, patch: (copy: Buffer) => void): Buffer {
  const copy = Buffer.from(batch);
  patch(copy);
  recomputeBatchCrc(copy, 0);
  return copy;
}

/** Same batch header with a different records block and codec id. */
export function withRecordsBlock(batch: Buffer, codecId: number, block: Buffer): Buffer {
  const out = Buffer.concat([batch.subarray(0, 61), block]);
  out.writeInt32BE(out.length - 12, OFFSETS.batchLength);
  const attributes = out.readInt16BE(OFFSETS.attributes);
  out.writeInt16BE((attributes & ~0x07) | codecId, OFFSETS.attributes);
  recomputeBatchCrc(out, 0);
  return out;
}

function zstdCliAvailable(): boolean {
  const probe = spawnSync('zstd', ['--version'], { encoding: 'utf8' });
  return probe.status === 0;
}

export const hasZstdCli = zstdCliAvailable();

/** A standard zstd frame made by the zstd command-line tool. */
export function zstdCompressWithCli(data: Buffer): Buffer {
  const result = spawnSync('zstd', ['-q', '-c', '-3'], { input: data, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`zstd CLI failed: ${result.stderr.toString()}`);
  return result.stdout;
}

/** Wraps raw snappy blocks in the xerial stream framing Java clients write. */
export function xerialFrame(rawSnappyBlocks: Buffer[]): Buffer {
  const header = Buffer.alloc(16);
  Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]).copy(header, 0);
  header.writeInt32BE(1, 8); // stream version
  header.writeInt32BE(1, 12); // minimum compatible version
  const parts: Buffer[] = [header];
  for (const block of rawSnappyBlocks) {
    const length = Buffer.alloc(4);
    length.writeInt32BE(block.length, 0);
    parts.push(length, block);
  }
  return Buffer.concat(parts);
}

export function pseudoRandomBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}
