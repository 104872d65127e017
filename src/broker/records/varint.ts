// Zigzag-encoded variable-length integers, as used inside Kafka v2 records
// (protobuf style: 7 bits per byte, least significant group first).

const MAX_VARINT_BYTES = 5;
const MAX_VARLONG_BYTES = 10;
const INT64_MASK = (1n << 64n) - 1n;

export interface VarintResult {
  value: number;
  next: number;
}

export interface VarlongResult {
  value: bigint;
  next: number;
}

/** Reads a zigzag varint (int32) at `pos`; throws on truncation or overlong encoding. */
export function readVarint(buf: Buffer, pos: number): VarintResult {
  let raw = 0;
  let shift = 0;
  let i = pos;
  for (;;) {
    if (i >= buf.length) throw new RangeError(`truncated varint at byte ${pos}`);
    const byte = buf[i++];
    raw |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) break;
    shift += 7;
    if (i - pos >= MAX_VARINT_BYTES) throw new RangeError(`varint at byte ${pos} is longer than ${MAX_VARINT_BYTES} bytes`);
  }
  return { value: (raw >>> 1) ^ -(raw & 1), next: i };
}

/** Reads a zigzag varlong (int64) at `pos`; throws on truncation or overlong encoding. */
export function readVarlong(buf: Buffer, pos: number): VarlongResult {
  // Most varlongs in records are small timestamp deltas; stay in int arithmetic
  // while the value fits 28 bits and only fall back to bigint beyond that.
  let small = 0;
  let i = pos;
  for (let shift = 0; shift < 28; shift += 7) {
    if (i >= buf.length) throw new RangeError(`truncated varlong at byte ${pos}`);
    const byte = buf[i++];
    small |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) {
      const half = small >>> 1;
      return { value: BigInt(small & 1 ? -half - 1 : half), next: i };
    }
  }
  let raw = BigInt(small);
  let shift = 28n;
  for (;;) {
    if (i >= buf.length) throw new RangeError(`truncated varlong at byte ${pos}`);
    const byte = buf[i++];
    raw |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) break;
    shift += 7n;
    if (i - pos >= MAX_VARLONG_BYTES) throw new RangeError(`varlong at byte ${pos} is longer than ${MAX_VARLONG_BYTES} bytes`);
  }
  raw &= INT64_MASK;
  return { value: (raw >> 1n) ^ -(raw & 1n), next: i };
}

/** Bytes a zigzag varint of `value` (int32) takes. */
export function varintSize(value: number): number {
  let raw = ((value << 1) ^ (value >> 31)) >>> 0;
  let size = 1;
  while (raw >= 0x80) {
    raw >>>= 7;
    size++;
  }
  return size;
}

/** Bytes a zigzag varlong of `value` (int64) takes. */
export function varlongSize(value: bigint): number {
  let raw = zigzagLong(value);
  let size = 1;
  while (raw >= 0x80n) {
    raw >>= 7n;
    size++;
  }
  return size;
}

/** Writes a zigzag varint into `target` at `pos` and returns the position after it. */
export function writeVarintInto(target: Buffer, pos: number, value: number): number {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) {
    throw new RangeError(`varint value ${value} is not an int32`);
  }
  let raw = ((value << 1) ^ (value >> 31)) >>> 0;
  while (raw >= 0x80) {
    target[pos++] = (raw & 0x7f) | 0x80;
    raw >>>= 7;
  }
  target[pos++] = raw;
  return pos;
}

/** Writes a zigzag varlong into `target` at `pos` and returns the position after it. */
export function writeVarlongInto(target: Buffer, pos: number, value: bigint): number {
  let raw = zigzagLong(value);
  while (raw >= 0x80n) {
    target[pos++] = Number(raw & 0x7fn) | 0x80;
    raw >>= 7n;
  }
  target[pos++] = Number(raw);
  return pos;
}

export function writeVarint(value: number): Buffer {
  const out = Buffer.allocUnsafe(varintSize(value));
  writeVarintInto(out, 0, value);
  return out;
}

export function writeVarlong(value: bigint): Buffer {
  const out = Buffer.allocUnsafe(varlongSize(value));
  writeVarlongInto(out, 0, value);
  return out;
}

function zigzagLong(value: bigint): bigint {
  if (value < -(1n << 63n) || value >= 1n << 63n) throw new RangeError(`varlong value ${value} is not an int64`);
  return ((value << 1n) ^ (value >> 63n)) & INT64_MASK;
}
