import { describe, expect, it } from 'vitest';
import { crc32c, crc32cUpdate } from '../../../../src/broker/records/crc32c.js';

// Bit-at-a-time CRC-32C straight from the definition, to check the table version against.
function referenceCrc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pseudoRandomBytes(length: number, seed: number): Buffer {
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

describe('crc32c', () => {
  it('matches the standard check value for "123456789"', () => {
    expect(crc32c(Buffer.from('123456789', 'ascii'))).toBe(0xe3069283);
  });

  it('is 0 for empty input', () => {
    expect(crc32c(Buffer.alloc(0))).toBe(0);
    expect(crc32c(Buffer.from('abc'), 2, 2)).toBe(0);
  });

  it('matches the iSCSI (RFC 3720) test vectors', () => {
    const ascending = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
    const descending = Buffer.from(Array.from({ length: 32 }, (_, i) => 31 - i));
    expect(crc32c(Buffer.alloc(32, 0x00))).toBe(0x8a9136aa);
    expect(crc32c(Buffer.alloc(32, 0xff))).toBe(0x62a8ab43);
    expect(crc32c(ascending)).toBe(0x46dd794e);
    expect(crc32c(descending)).toBe(0x113fdb5c);
  });

  it('returns an unsigned 32-bit number', () => {
    const value = crc32c(Buffer.alloc(32, 0x00)); // 0x8a9136aa: top bit set
    expect(value).toBeGreaterThan(0x7fffffff);
    expect(Number.isInteger(value)).toBe(true);
  });

  it('agrees with the bitwise reference for every length up to 300 and some large ones', () => {
    const lengths = [...Array.from({ length: 301 }, (_, i) => i), 1023, 1024, 1025, 4096 + 7, 65_536 + 3];
    for (const length of lengths) {
      const data = pseudoRandomBytes(length, length + 1);
      expect(crc32c(data), `length ${length}`).toBe(referenceCrc32c(data));
    }
  });

  it('checksums only [start, end) of the buffer, at any alignment', () => {
    const data = pseudoRandomBytes(200, 7);
    for (let start = 0; start < 20; start++) {
      for (const end of [start, start + 1, start + 15, start + 16, start + 17, 200]) {
        expect(crc32c(data, start, end)).toBe(referenceCrc32c(data.subarray(start, end)));
      }
    }
  });

  it('works on a Buffer that is a view into a larger allocation', () => {
    const backing = pseudoRandomBytes(100, 3);
    const view = backing.subarray(13, 90);
    expect(crc32c(view)).toBe(referenceCrc32c(view));
  });

  it('can continue a checksum across pieces', () => {
    const data = pseudoRandomBytes(1000, 11);
    const whole = crc32c(data);
    const first = crc32cUpdate(0, data, 0, 333);
    expect(crc32cUpdate(first, data, 333, 1000)).toBe(whole);
  });

  it('rejects ranges outside the buffer', () => {
    const data = Buffer.alloc(10);
    expect(() => crc32c(data, 0, 11)).toThrow(RangeError);
    expect(() => crc32c(data, -1)).toThrow(RangeError);
    expect(() => crc32c(data, 6, 5)).toThrow(RangeError);
  });
});
