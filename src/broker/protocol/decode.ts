// Descriptor-driven decoder. Fields the version lacks get their defaults, so
// handlers can read any field of any version; unknown tagged fields are kept
// for byte-identical re-encoding.
import type { Decoded, MessageDescriptor, UnknownTaggedField } from './descriptor.js';
import type { ByteReader } from './byte-reader.js';
import { defaultValue } from './defaults.js';
import { MalformedFrameError } from './errors.js';
import { Kind, planFor, Presence, type FieldPlan, type StructPlan } from './plan.js';

type Struct = Record<string, unknown>;

/**
 * Decodes `version` of `descriptor` from `reader`. Trailing bytes after the
 * message are left unread. Records are views of the reader's buffer; bytes
 * fields are copies unless the schema marks them zero-copy.
 */
export function decodeMessage<T>(descriptor: MessageDescriptor<T>, version: number, reader: ByteReader): Decoded<T> {
  return readStruct(reader, planFor(descriptor, version)) as Decoded<T>;
}

function readStruct(r: ByteReader, plan: StructPlan): Struct {
  const out: Struct = {};
  const fields = plan.fields;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    out[field.name] = field.presence === Presence.regular ? readValue(r, field, false) : defaultValue(field);
  }
  if (plan.flexible) readTaggedFields(r, plan, out);
  return out;
}

function readTaggedFields(r: ByteReader, plan: StructPlan, out: Struct): void {
  const count = r.readUVarint();
  let unknown: UnknownTaggedField[] | undefined;
  let previous = -1;
  for (let i = 0; i < count; i++) {
    const tag = r.readUVarint();
    const size = r.readUVarint();
    if (tag <= previous) throw new MalformedFrameError(`${plan.messageName}: tagged field ${tag} out of order`);
    previous = tag;
    const field = plan.taggedByTag.get(tag);
    if (field) {
      out[field.name] = readValue(r.sub(size), field, true);
    } else {
      unknown ??= [];
      unknown.push({ tag, data: Buffer.from(r.readSlice(size)) });
    }
  }
  if (unknown) out.unknownTaggedFields = unknown;
}

function nullError(field: FieldPlan): MalformedFrameError {
  return new MalformedFrameError(`${field.label} is null, which v${field.version} does not allow`);
}

function readValue(r: ByteReader, field: FieldPlan, tagged: boolean): unknown {
  switch (field.kind) {
    case Kind.bool:
      return r.readBool();
    case Kind.int8:
      return r.readInt8();
    case Kind.int16:
      return r.readInt16();
    case Kind.uint16:
      return r.readUInt16();
    case Kind.int32:
      return r.readInt32();
    case Kind.int64:
      return r.readInt64();
    case Kind.float64:
      return r.readFloat64();
    case Kind.uuid:
      return r.readUuid();
    case Kind.string: {
      const s = field.compact ? r.readCompactString() : r.readString();
      if (s === null && !field.nullable) throw nullError(field);
      return s;
    }
    case Kind.bytes:
    case Kind.records: {
      const view = field.kind === Kind.records || field.field.zeroCopy === true;
      const b = field.compact ? r.readCompactBytes(view) : r.readBytes(view);
      if (b === null && !field.nullable) throw nullError(field);
      return b;
    }
    case Kind.array:
      return readArray(r, field);
    case Kind.struct:
      return readNestedStruct(r, field, tagged);
  }
  throw new MalformedFrameError(`${field.label}: unsupported field kind ${field.kind}`);
}

function readArray(r: ByteReader, field: FieldPlan): unknown[] | null {
  const count = field.compact ? r.readCompactArrayLength() : r.readArrayLength();
  if (count === -1) {
    if (!field.nullable) throw nullError(field);
    return null;
  }
  const items = new Array<unknown>(count);
  const kind = field.elementKind;
  if (kind === Kind.struct) {
    const plan = field.struct!;
    for (let i = 0; i < count; i++) items[i] = readStruct(r, plan);
    return items;
  }
  for (let i = 0; i < count; i++) {
    switch (kind) {
      case Kind.int8:
        items[i] = r.readInt8();
        break;
      case Kind.int16:
        items[i] = r.readInt16();
        break;
      case Kind.int32:
        items[i] = r.readInt32();
        break;
      case Kind.int64:
        items[i] = r.readInt64();
        break;
      case Kind.uuid:
        items[i] = r.readUuid();
        break;
      case Kind.string: {
        const s = field.compact ? r.readCompactString() : r.readString();
        if (s === null) throw new MalformedFrameError(`${field.label} contains a null element`);
        items[i] = s;
        break;
      }
      default:
        throw new MalformedFrameError(`${field.label}: unsupported element kind ${kind}`);
    }
  }
  return items;
}

function readNestedStruct(r: ByteReader, field: FieldPlan, tagged: boolean): Struct | null {
  if (field.nullable) {
    const isNull = tagged ? r.readUVarint() === 0 : r.readInt8() < 0;
    if (isNull) return null;
  }
  return readStruct(r, field.struct!);
}
