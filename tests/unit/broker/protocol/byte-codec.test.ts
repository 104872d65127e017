// Byte-level checks of the reader and writer against hand-computed encodings.
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../../../../src/broker/protocol/byte-reader.js';
import { ByteWriter, concatChunks, uvarintSize } from '../../../../src/broker/protocol/byte-writer.js';
import { MalformedFrameError } from '../../../../src/broker/protocol/errors.js';

function hexOf(write: (w: ByteWriter) => void): string {
  const w = new ByteWriter();
  write(w);
  return concatChunks(w.finish()).toString('hex');
}

const reader = (hex: string): ByteReader => new ByteReader(Buffer.from(hex, 'hex'));

describe('unsigned varint', () => {
  const cases: [number, string][] = [
    [0, '00'],
    [1, '01'],
    [127, '7f'],
    [128, '8001'],
    [300, 'ac02'],
    [16383, 'ff7f'],
    [16384, '808001'],
    [2 ** 21 - 1, 'ffff7f'],
    [2 ** 21, '80808001'],
    [2 ** 31 - 1, 'ffffffff07'],
    [2 ** 32 - 1, 'ffffffff0f'],
  ];
  it.each(cases)('%i encodes as %s and back', (value, hex) => {
    expect(hexOf((w) => w.writeUVarint(value))).toBe(hex);
    expect(uvarintSize(value)).toBe(hex.length / 2);
    const r = reader(hex);
    expect(r.readUVarint()).toBe(value);
    expect(r.remaining).toBe(0);
  });

  it('rejects varints longer than five bytes and truncated varints', () => {
    expect(() => reader('8080808080').readUVarint()).toThrow(MalformedFrameError);
    expect(() => reader('ffffffff7f').readUVarint()).toThrow(MalformedFrameError);
    expect(() => reader('8080').readUVarint()).toThrow(MalformedFrameError);
  });

  it('refuses to write negative or fractional values', () => {
    expect(() => hexOf((w) => w.writeUVarint(-1))).toThrow(/out of range/);
    expect(() => hexOf((w) => w.writeUVarint(1.5))).toThrow(/out of range/);
  });
});

describe('strings', () => {
  it('classic: int16 length, -1 for null', () => {
    expect(hexOf((w) => w.writeString('abc'))).toBe('0003616263');
    expect(hexOf((w) => w.writeString(''))).toBe('0000');
    expect(hexOf((w) => w.writeString(null))).toBe('ffff');
    expect(reader('0003616263').readString()).toBe('abc');
    expect(reader('ffff').readString()).toBeNull();
  });

  it('compact: uvarint length + 1, 0 for null', () => {
    expect(hexOf((w) => w.writeCompactString('abc'))).toBe('04616263');
    expect(hexOf((w) => w.writeCompactString(''))).toBe('01');
    expect(hexOf((w) => w.writeCompactString(null))).toBe('00');
    expect(reader('04616263').readCompactString()).toBe('abc');
    expect(reader('01').readCompactString()).toBe('');
    expect(reader('00').readCompactString()).toBeNull();
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(hexOf((w) => w.writeString('é'))).toBe('0002c3a9');
    expect(hexOf((w) => w.writeCompactString('é'))).toBe('03c3a9');
  });

  it('rejects strings over 32767 bytes and short frames', () => {
    expect(() => hexOf((w) => w.writeString('x'.repeat(32768)))).toThrow(/exceeds 32767/);
    expect(() => reader('000561').readString()).toThrow(MalformedFrameError);
    expect(() => reader('0561').readCompactString()).toThrow(MalformedFrameError);
    expect(() => reader('fffe').readString()).toThrow(MalformedFrameError);
  });
});

describe('bytes', () => {
  it('classic: int32 length, -1 for null', () => {
    expect(hexOf((w) => w.writeBytes(Buffer.from([1, 2])))).toBe('000000020102');
    expect(hexOf((w) => w.writeBytes(null))).toBe('ffffffff');
    expect(reader('000000020102').readBytes()).toEqual(Buffer.from([1, 2]));
    expect(reader('ffffffff').readBytes()).toBeNull();
  });

  it('compact: uvarint length + 1, 0 for null', () => {
    expect(hexOf((w) => w.writeCompactBytes(Buffer.from([1, 2])))).toBe('030102');
    expect(hexOf((w) => w.writeCompactBytes(Buffer.alloc(0)))).toBe('01');
    expect(hexOf((w) => w.writeCompactBytes(null))).toBe('00');
    expect(reader('030102').readCompactBytes()).toEqual(Buffer.from([1, 2]));
    expect(reader('00').readCompactBytes()).toBeNull();
  });

  it('copies by default and returns a view when asked', () => {
    const frame = Buffer.from('0000000401020304', 'hex');
    const copy = new ByteReader(frame).readBytes()!;
    const view = new ByteReader(frame).readBytes(true)!;
    frame[4] = 9;
    expect(copy[0]).toBe(1);
    expect(view[0]).toBe(9);
    expect(view.buffer).toBe(frame.buffer);
    expect(view.byteOffset).toBe(frame.byteOffset + 4);
  });
});

describe('arrays', () => {
  it('classic and compact lengths, with null', () => {
    expect(reader('000000020000').readArrayLength()).toBe(2);
    expect(reader('ffffffff').readArrayLength()).toBe(-1);
    expect(reader('00').readCompactArrayLength()).toBe(-1);
    expect(reader('01').readCompactArrayLength()).toBe(0);
  });

  it('rejects counts larger than the bytes left', () => {
    expect(() => reader('7fffffff').readArrayLength()).toThrow(MalformedFrameError);
    expect(() => reader('0500').readCompactArrayLength()).toThrow(MalformedFrameError);
  });
});

describe('fixed-width values', () => {
  it('are big-endian', () => {
    const hex = hexOf((w) => {
      w.writeInt8(-1);
      w.writeBool(true);
      w.writeInt16(-2);
      w.writeUInt16(65535);
      w.writeInt32(-3);
      w.writeUInt32(0xfffffffe);
      w.writeInt64(-4n);
      w.writeFloat64(1.5);
    });
    expect(hex).toBe('ff01fffeffff' + 'fffffffd' + 'fffffffe' + 'fffffffffffffffc' + '3ff8000000000000');
    const r = reader(hex);
    expect([r.readInt8(), r.readBool(), r.readInt16(), r.readUInt16(), r.readInt32(), r.readUInt32(), r.readInt64(), r.readFloat64()]).toEqual([
      -1, true, -2, 65535, -3, 0xfffffffe, -4n, 1.5,
    ]);
  });

  it('uuid is 16 raw bytes, copied on read', () => {
    const id = Buffer.alloc(16, 0x11);
    expect(hexOf((w) => w.writeUuid(id))).toBe('11'.repeat(16));
    expect(() => hexOf((w) => w.writeUuid(Buffer.alloc(15)))).toThrow(/16 bytes/);
    const frame = Buffer.from('22'.repeat(16), 'hex');
    const read = new ByteReader(frame).readUuid();
    frame[0] = 0;
    expect(read).toEqual(Buffer.alloc(16, 0x22));
  });

  it('throws MalformedFrameError past the end of the window', () => {
    const r = new ByteReader(Buffer.from('0001020304050607', 'hex'), 2, 5);
    expect(r.readInt16()).toBe(0x0203);
    expect(() => r.readInt16()).toThrow(MalformedFrameError);
    expect(() => r.readInt64()).toThrow(MalformedFrameError);
  });
});

describe('ByteWriter chunks', () => {
  it('splices external buffers by reference and keeps order across block boundaries', () => {
    const big = Buffer.alloc(5000, 7);
    const w = new ByteWriter(16);
    w.writeInt32(1);
    w.writeChunk(big);
    for (let i = 0; i < 100; i++) w.writeInt32(i);
    const chunks = w.finish();
    expect(chunks).toContain(big);
    expect(w.length).toBe(4 + 5000 + 400);
    const all = concatChunks(chunks);
    expect(all.length).toBe(w.length);
    expect(all.readInt32BE(0)).toBe(1);
    expect(all.subarray(4, 5004).equals(big)).toBe(true);
    for (let i = 0; i < 100; i++) expect(all.readInt32BE(5004 + i * 4)).toBe(i);
  });

  it('appends another writer without copying its chunks', () => {
    const inner = new ByteWriter();
    const payload = Buffer.alloc(2000, 1);
    inner.writeChunk(payload);
    const outer = new ByteWriter();
    outer.writeInt8(5);
    outer.append(inner);
    const chunks = outer.finish();
    expect(chunks).toContain(payload);
    expect(outer.length).toBe(2001);
  });
});
