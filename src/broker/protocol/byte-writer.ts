// Big-endian writer producing a list of chunks. Small values go into pooled
// blocks; large external buffers (record batches) are spliced in by reference,
// so a Fetch response carrying megabytes of stored batches is never copied.
// Invalid values throw RangeError; the message encoder adds the field name.

const FIRST_BLOCK = 512;
const MAX_BLOCK = 64 * 1024;

export class ByteWriter {
  private readonly chunks: Buffer[] = [];
  private block: Buffer;
  /** DataView over `block`: several times faster than Buffer's write methods for fixed-width values. */
  private view: DataView;
  /** Start of the bytes in `block` not yet moved to `chunks`. */
  private blockStart = 0;
  private pos = 0;
  private nextBlockSize: number;
  private total = 0;

  constructor(initialSize = FIRST_BLOCK) {
    this.block = Buffer.allocUnsafe(initialSize);
    this.view = new DataView(this.block.buffer, this.block.byteOffset, this.block.length);
    this.nextBlockSize = Math.min(initialSize * 2, MAX_BLOCK);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.total;
  }

  private flushBlock(): void {
    if (this.pos > this.blockStart) {
      this.chunks.push(this.block.subarray(this.blockStart, this.pos));
      this.blockStart = this.pos;
    }
  }

  /** Claims n bytes and returns their offset. May swap in a new block, so read this.block only after calling it. */
  private reserve(n: number): number {
    if (this.pos + n > this.block.length) {
      this.flushBlock();
      const size = Math.max(n, this.nextBlockSize);
      this.nextBlockSize = Math.min(this.nextBlockSize * 2, MAX_BLOCK);
      this.block = Buffer.allocUnsafe(size);
      this.view = new DataView(this.block.buffer, this.block.byteOffset, size);
      this.blockStart = 0;
      this.pos = 0;
    }
    const at = this.pos;
    this.pos += n;
    this.total += n;
    return at;
  }

  writeInt8(value: number): void {
    if ((value << 24) >> 24 !== value) throw outOfRange('int8', value);
    const at = this.reserve(1);
    this.view.setInt8(at, value);
  }

  writeBool(value: boolean): void {
    const at = this.reserve(1);
    this.block[at] = value ? 1 : 0;
  }

  writeInt16(value: number): void {
    if ((value << 16) >> 16 !== value) throw outOfRange('int16', value);
    const at = this.reserve(2);
    this.view.setInt16(at, value);
  }

  writeUInt16(value: number): void {
    if ((value & 0xffff) !== value) throw outOfRange('uint16', value);
    const at = this.reserve(2);
    this.view.setUint16(at, value);
  }

  writeInt32(value: number): void {
    if ((value | 0) !== value) throw outOfRange('int32', value);
    const at = this.reserve(4);
    this.view.setInt32(at, value);
  }

  writeUInt32(value: number): void {
    if (value >>> 0 !== value) throw outOfRange('uint32', value);
    const at = this.reserve(4);
    this.view.setUint32(at, value);
  }

  writeInt64(value: bigint): void {
    if (typeof value !== 'bigint') throw outOfRange('int64', value);
    const at = this.reserve(8);
    this.view.setBigInt64(at, value);
  }

  writeFloat64(value: number): void {
    if (typeof value !== 'number') throw outOfRange('float64', value);
    const at = this.reserve(8);
    this.view.setFloat64(at, value);
  }

  writeUVarint(value: number): void {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new RangeError(`unsigned varint out of range: ${value}`);
    }
    const at = this.reserve(uvarintSize(value));
    let i = at;
    while (value >= 0x80) {
      this.block[i++] = (value % 128) | 0x80;
      value = Math.floor(value / 128);
    }
    this.block[i] = value;
  }

  writeUuid(value: Buffer): void {
    if (value.length !== 16) throw new RangeError(`uuid must be 16 bytes, got ${value.length}`);
    const at = this.reserve(16);
    value.copy(this.block, at);
  }

  /** Copies `data` into the writer's own blocks. */
  writeRaw(data: Uint8Array): void {
    const at = this.reserve(data.length);
    this.block.set(data, at);
  }

  /** Appends `data` by reference: the caller must not modify it until the output is sent. */
  writeChunk(data: Buffer): void {
    if (data.length === 0) return;
    this.flushBlock();
    this.chunks.push(data);
    this.total += data.length;
  }

  /** Appends everything another writer produced, without copying. */
  append(other: ByteWriter): void {
    for (const chunk of other.finish()) this.writeChunk(chunk);
  }

  /** int16 length (-1 = null) then UTF-8. */
  writeString(value: string | null): void {
    if (value === null) return this.writeInt16(-1);
    const length = Buffer.byteLength(value, 'utf8');
    if (length > 0x7fff) throw new RangeError(`string of ${length} bytes exceeds 32767`);
    this.writeInt16(length);
    const at = this.reserve(length);
    this.block.write(value, at, length, 'utf8');
  }

  /** uvarint length + 1 (0 = null) then UTF-8. */
  writeCompactString(value: string | null): void {
    if (value === null) return this.writeUVarint(0);
    const length = Buffer.byteLength(value, 'utf8');
    if (length > 0x7fff) throw new RangeError(`string of ${length} bytes exceeds 32767`);
    this.writeUVarint(length + 1);
    const at = this.reserve(length);
    this.block.write(value, at, length, 'utf8');
  }

  /** int32 length (-1 = null) then the bytes. */
  writeBytes(value: Buffer | null): void {
    if (value === null) return this.writeInt32(-1);
    this.writeInt32(value.length);
    this.writeBlob(value);
  }

  /** uvarint length + 1 (0 = null) then the bytes. */
  writeCompactBytes(value: Buffer | null): void {
    if (value === null) return this.writeUVarint(0);
    this.writeUVarint(value.length + 1);
    this.writeBlob(value);
  }

  private writeBlob(value: Buffer): void {
    // Copying small values keeps the chunk list short; large ones are worth a reference.
    if (value.length < 1024) this.writeRaw(value);
    else this.writeChunk(value);
  }

  /** The output as chunks; the writer must not be used afterwards. */
  finish(): Buffer[] {
    this.flushBlock();
    return this.chunks;
  }
}

function outOfRange(type: string, value: unknown): RangeError {
  return new RangeError(`${String(value)} is not a valid ${type}`);
}

export function uvarintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

export function concatChunks(chunks: readonly Buffer[]): Buffer {
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}
