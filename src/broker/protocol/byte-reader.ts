// Bounds-checked big-endian reader over one frame. Every read checks against
// `end` first, so a truncated frame always surfaces as MalformedFrameError
// rather than a RangeError or, worse, bytes from a neighbouring message.
import { MalformedFrameError } from './errors.js';

export class ByteReader {
  /** DataView reads are several times faster than Buffer's read methods for fixed-width values. */
  private readonly view: DataView;

  constructor(
    readonly buffer: Buffer,
    public offset = 0,
    readonly end = buffer.length,
    view?: DataView,
  ) {
    if (offset < 0 || end > buffer.length || offset > end) {
      throw new MalformedFrameError(`reader window ${offset}..${end} outside buffer of ${buffer.length} bytes`);
    }
    this.view = view ?? new DataView(buffer.buffer, buffer.byteOffset, buffer.length);
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  private take(n: number): number {
    const at = this.offset;
    if (n < 0 || at + n > this.end) {
      throw new MalformedFrameError(`needed ${n} bytes at offset ${at}, only ${this.end - at} left`);
    }
    this.offset = at + n;
    return at;
  }

  skip(n: number): void {
    this.take(n);
  }

  /** A reader over the next `n` bytes; this reader moves past them. */
  sub(n: number): ByteReader {
    const at = this.take(n);
    return new ByteReader(this.buffer, at, at + n, this.view);
  }

  readInt8(): number {
    return this.view.getInt8(this.take(1));
  }

  readBool(): boolean {
    return this.buffer[this.take(1)] !== 0;
  }

  readInt16(): number {
    return this.view.getInt16(this.take(2));
  }

  readUInt16(): number {
    return this.view.getUint16(this.take(2));
  }

  readInt32(): number {
    return this.view.getInt32(this.take(4));
  }

  readUInt32(): number {
    return this.view.getUint32(this.take(4));
  }

  readInt64(): bigint {
    return this.view.getBigInt64(this.take(8));
  }

  readFloat64(): number {
    return this.view.getFloat64(this.take(8));
  }

  /** Unsigned LEB128 as used by the protocol for lengths and tags; at most 5 bytes (32 bits). */
  readUVarint(): number {
    let result = 0;
    let multiplier = 1;
    for (let i = 0; i < 5; i++) {
      const byte = this.buffer[this.take(1)];
      result += (byte & 0x7f) * multiplier;
      if ((byte & 0x80) === 0) {
        if (result > 0xffffffff) break;
        return result;
      }
      multiplier *= 128;
    }
    throw new MalformedFrameError(`unsigned varint longer than 32 bits at offset ${this.offset}`);
  }

  /** 16 bytes, copied so that keeping an id does not pin the whole frame in memory. */
  readUuid(): Buffer {
    const at = this.take(16);
    return Buffer.from(this.buffer.subarray(at, at + 16));
  }

  /** A view of the next `n` bytes (no copy). */
  readSlice(n: number): Buffer {
    const at = this.take(n);
    return this.buffer.subarray(at, at + n);
  }

  private readUtf8(length: number): string {
    const at = this.take(length);
    return this.buffer.toString('utf8', at, at + length);
  }

  /** int16 length, -1 = null. */
  readString(): string | null {
    const length = this.readInt16();
    if (length < -1) throw new MalformedFrameError(`negative string length ${length}`);
    return length === -1 ? null : this.readUtf8(length);
  }

  /** uvarint length + 1, 0 = null. */
  readCompactString(): string | null {
    const length = this.readUVarint() - 1;
    if (length > 0x7fff) throw new MalformedFrameError(`string of ${length} bytes exceeds 32767`);
    return length === -1 ? null : this.readUtf8(length);
  }

  /** int32 length, -1 = null. Copies unless `view` is set. */
  readBytes(view = false): Buffer | null {
    return this.bytesOf(this.readInt32(), view);
  }

  /** uvarint length + 1, 0 = null. Copies unless `view` is set. */
  readCompactBytes(view = false): Buffer | null {
    return this.bytesOf(this.readUVarint() - 1, view);
  }

  private bytesOf(length: number, view: boolean): Buffer | null {
    if (length === -1) return null;
    if (length < -1) throw new MalformedFrameError(`negative bytes length ${length}`);
    const slice = this.readSlice(length);
    return view ? slice : Buffer.from(slice);
  }

  /** int32 count, -1 = null. */
  readArrayLength(): number {
    return this.checkCount(this.readInt32());
  }

  /** uvarint count + 1, 0 = null (returned as -1). */
  readCompactArrayLength(): number {
    return this.checkCount(this.readUVarint() - 1);
  }

  private checkCount(count: number): number {
    // Every element takes at least one byte, so a larger count is a lie that would only allocate.
    if (count < -1 || count > this.remaining) {
      throw new MalformedFrameError(`array count ${count} with ${this.remaining} bytes left`);
    }
    return count;
  }
}
