// Descriptor-driven encoder. Walks a per-version plan (see plan.ts) and writes
// into a ByteWriter; records are spliced in by reference, never copied.
import type { MessageDescriptor, UnknownTaggedField } from './descriptor.js';
import { ByteWriter } from './byte-writer.js';
import { encodeDefault, isDefault } from './defaults.js';
import { EncodeError } from './errors.js';
import { Kind, planFor, Presence, type FieldPlan, type StructPlan } from './plan.js';

type Struct = Record<string, unknown>;

/** Encodes `value` as `version` of `descriptor`, appending to `writer` (or a new one). Returns the writer. */
export function encodeMessage<T>(
  descriptor: MessageDescriptor<T>,
  version: number,
  value: T,
  writer: ByteWriter = new ByteWriter(),
): ByteWriter {
  const plan = planFor(descriptor, version);
  try {
    writeStruct(writer, plan, value as Struct);
  } catch (error) {
    if (error instanceof EncodeError) throw error;
    // Failures outside any field (e.g. in the tagged-field block) still name the message.
    throw new EncodeError(`${descriptor.name} v${version}: ${(error as Error).message}`, { cause: error });
  }
  return writer;
}

function writeStruct(w: ByteWriter, plan: StructPlan, value: Struct): void {
  const fields = plan.fields;
  let i = 0;
  try {
    for (; i < fields.length; i++) {
      const field = fields[i];
      const v = value[field.name];
      if (field.presence === Presence.regular) {
        writeValue(w, field, v === undefined ? encodeDefault(field) : v, false);
      } else if (field.presence === Presence.absent && !field.field.ignorable && !isDefault(field, v)) {
        throw new EncodeError(`${field.label} is not supported in v${field.version}`);
      }
    }
  } catch (error) {
    if (error instanceof EncodeError) throw error;
    const field = fields[i];
    throw new EncodeError(`${field.label} in v${field.version}: ${(error as Error).message}`, { cause: error });
  }
  const unknown = value.unknownTaggedFields as UnknownTaggedField[] | undefined;
  if (plan.flexible) writeTaggedFields(w, plan, value, unknown);
  else if (unknown && unknown.length > 0) {
    throw new EncodeError(`${plan.messageName} v${plan.version} has no tagged fields, but unknownTaggedFields is set`);
  }
}

const NO_UNKNOWN: readonly UnknownTaggedField[] = [];

function writeTaggedFields(w: ByteWriter, plan: StructPlan, value: Struct, unknown: UnknownTaggedField[] | undefined): void {
  // Fast path for the common case: nothing to write, so no allocation.
  let knownCount = 0;
  for (const field of plan.tagged) if (!isDefault(field, value[field.name])) knownCount++;
  // A stray unknown entry reusing a known tag would produce a duplicate; the typed value wins.
  const extra = unknown && unknown.length > 0 ? unknown.filter((u) => !plan.taggedByTag.has(u.tag)) : NO_UNKNOWN;
  w.writeUVarint(knownCount + extra.length);
  if (knownCount + extra.length === 0) return;
  const entries: { tag: number; field?: FieldPlan; data?: Buffer }[] = extra.map((u) => ({ tag: u.tag, data: u.data }));
  for (const field of plan.tagged) if (!isDefault(field, value[field.name])) entries.push({ tag: field.tag, field });
  entries.sort((a, b) => a.tag - b.tag);
  for (const entry of entries) {
    w.writeUVarint(entry.tag);
    if (entry.data) {
      w.writeUVarint(entry.data.length);
      w.writeChunk(entry.data);
      continue;
    }
    const payload = new ByteWriter(64);
    writeValue(payload, entry.field!, value[entry.field!.name], true);
    w.writeUVarint(payload.length);
    w.append(payload);
  }
}

function nullError(field: FieldPlan): EncodeError {
  return new EncodeError(`${field.label} cannot be null in v${field.version}`);
}

function writeValue(w: ByteWriter, field: FieldPlan, v: unknown, tagged: boolean): void {
  if (v === null && !field.nullable) throw nullError(field);
  switch (field.kind) {
    case Kind.bool:
      return w.writeBool(v as boolean);
    case Kind.int8:
      return w.writeInt8(v as number);
    case Kind.int16:
      return w.writeInt16(v as number);
    case Kind.uint16:
      return w.writeUInt16(v as number);
    case Kind.int32:
      return w.writeInt32(v as number);
    case Kind.int64:
      return w.writeInt64(v as bigint);
    case Kind.float64:
      return w.writeFloat64(v as number);
    case Kind.uuid:
      return w.writeUuid(v as Buffer);
    case Kind.string:
      return field.compact ? w.writeCompactString(v as string | null) : w.writeString(v as string | null);
    default:
      return writeVariable(w, field, v, tagged);
  }
}

function writeVariable(w: ByteWriter, field: FieldPlan, v: unknown, tagged: boolean): void {
  if (v === null && field.kind !== Kind.struct) {
    if (field.compact) w.writeUVarint(0);
    else w.writeInt32(-1);
    return;
  }
  switch (field.kind) {
    case Kind.bytes:
      return field.compact ? w.writeCompactBytes(v as Buffer) : w.writeBytes(v as Buffer);
    case Kind.records:
      return writeRecords(w, field, v as Buffer | Buffer[]);
    case Kind.array:
      return writeArray(w, field, v as unknown[]);
    case Kind.struct:
      return writeNestedStruct(w, field, v as Struct | null, tagged);
  }
}

function writeRecords(w: ByteWriter, field: FieldPlan, v: Buffer | Buffer[]): void {
  const chunks = Array.isArray(v) ? v : [v];
  let size = 0;
  for (const chunk of chunks) size += chunk.length;
  if (field.compact) w.writeUVarint(size + 1);
  else w.writeInt32(size);
  for (const chunk of chunks) w.writeChunk(chunk);
}

function writeArray(w: ByteWriter, field: FieldPlan, items: unknown[]): void {
  if (field.compact) w.writeUVarint(items.length + 1);
  else w.writeInt32(items.length);
  const kind = field.elementKind;
  if (kind === Kind.struct) {
    const plan = field.struct!;
    for (let i = 0; i < items.length; i++) writeStruct(w, plan, items[i] as Struct);
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    switch (kind) {
      case Kind.int8:
        w.writeInt8(item as number);
        break;
      case Kind.int16:
        w.writeInt16(item as number);
        break;
      case Kind.int32:
        w.writeInt32(item as number);
        break;
      case Kind.int64:
        w.writeInt64(item as bigint);
        break;
      case Kind.uuid:
        w.writeUuid(item as Buffer);
        break;
      case Kind.string:
        if (item === null) throw new EncodeError(`${field.label} cannot contain null in v${field.version}`);
        if (field.compact) w.writeCompactString(item as string);
        else w.writeString(item as string);
        break;
      default:
        throw new EncodeError(`array element kind ${kind} of ${field.name} is not supported`);
    }
  }
}

/** Non-nullable nulls were already rejected by writeValue. */
function writeNestedStruct(w: ByteWriter, field: FieldPlan, v: Struct | null, tagged: boolean): void {
  if (field.nullable || v === null) {
    // Kafka marks nullable structs with a signed byte, or a uvarint inside a tagged field.
    if (tagged) w.writeUVarint(v === null ? 0 : 1);
    else w.writeInt8(v === null ? -1 : 1);
    if (v === null) return;
  }
  writeStruct(w, field.struct!, v);
}
