import { describe, expect, it } from 'vitest';
import {
  readVarint,
  readVarlong,
  varintSize,
  varlongSize,
  writeVarint,
  writeVarintInto,
  writeVarlong,
  writeVarlongInto,
} from '../../../../src/broker/records/varint.js';

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

describe('varint (zigzag int32)', () => {
  it.each([
    [0, '00'],
    [-1, '01'],
    [1, '02'],
    [-64, '7f'],
    [63, '7e'],
    [64, '8001'],
    [-65, '8101'],
    [300, 'd804'],
    [INT32_MAX, 'feffffff0f'],
    [INT32_MIN, 'ffffffff0f'],
  ])('encodes %d as %s and reads it back', (value, hex) => {
    const encoded = writeVarint(value);
    expect(encoded.toString('hex')).toBe(hex);
    expect(varintSize(value)).toBe(encoded.length);
    expect(readVarint(encoded, 0)).toEqual({ value, next: encoded.length });
  });

  it('round-trips values around every power of two', () => {
    for (let bit = 0; bit < 31; bit++) {
      for (const base of [2 ** bit, -(2 ** bit)]) {
        for (const value of [base - 1, base, base + 1]) {
          if (value < INT32_MIN || value > INT32_MAX) continue;
          expect(readVarint(writeVarint(value), 0).value).toBe(value);
        }
      }
    }
  });

  it('reads at a position and reports the next one', () => {
    const buf = Buffer.concat([Buffer.from([0xaa, 0xbb]), writeVarint(-12345), Buffer.from([0xcc])]);
    const result = readVarint(buf, 2);
    expect(result.value).toBe(-12345);
    expect(buf[result.next]).toBe(0xcc);
  });

  it('writes into a target without allocating', () => {
    const target = Buffer.alloc(8, 0xee);
    const next = writeVarintInto(target, 1, INT32_MIN);
    expect(next).toBe(6);
    expect(target.toString('hex')).toBe('eeffffffff0fee' + 'ee');
  });

  it('throws on truncated and overlong input', () => {
    expect(() => readVarint(Buffer.from([0x80, 0x80]), 0)).toThrow(/truncated/);
    expect(() => readVarint(Buffer.alloc(0), 0)).toThrow(/truncated/);
    expect(() => readVarint(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), 0)).toThrow(/longer/);
  });

  it('refuses values that are not int32', () => {
    expect(() => writeVarint(INT32_MAX + 1)).toThrow(RangeError);
    expect(() => writeVarint(INT32_MIN - 1)).toThrow(RangeError);
    expect(() => writeVarint(1.5)).toThrow(RangeError);
  });
});

describe('varlong (zigzag int64)', () => {
  it.each([
    [0n, '00'],
    [-1n, '01'],
    [1n, '02'],
    [BigInt(INT32_MAX), 'feffffff0f'],
    [BigInt(INT32_MIN), 'ffffffff0f'],
    [INT64_MAX, 'feffffffffffffffff01'],
    [INT64_MIN, 'ffffffffffffffffff01'],
  ])('encodes %d as %s and reads it back', (value, hex) => {
    const encoded = writeVarlong(value);
    expect(encoded.toString('hex')).toBe(hex);
    expect(varlongSize(value)).toBe(encoded.length);
    expect(readVarlong(encoded, 0)).toEqual({ value, next: encoded.length });
  });

  it('round-trips values around every power of two, across the small/large read paths', () => {
    for (let bit = 0n; bit < 63n; bit++) {
      for (const base of [1n << bit, -(1n << bit)]) {
        for (const value of [base - 1n, base, base + 1n]) {
          expect(readVarlong(writeVarlong(value), 0).value).toBe(value);
        }
      }
    }
  });

  it('reads a realistic epoch-milliseconds timestamp', () => {
    const now = 1_767_225_600_000n;
    const buf = Buffer.alloc(12);
    const next = writeVarlongInto(buf, 1, now);
    expect(readVarlong(buf, 1)).toEqual({ value: now, next });
  });

  it('throws on truncated and overlong input', () => {
    expect(() => readVarlong(Buffer.from([0xff, 0xff, 0xff]), 0)).toThrow(/truncated/);
    expect(() => readVarlong(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 0)).toThrow(/truncated/);
    expect(() => readVarlong(Buffer.alloc(11, 0x80), 0)).toThrow(/longer/);
  });

  it('refuses values that are not int64', () => {
    expect(() => writeVarlong(INT64_MAX + 1n)).toThrow(RangeError);
    expect(() => writeVarlong(INT64_MIN - 1n)).toThrow(RangeError);
  });
});
