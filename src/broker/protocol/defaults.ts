// Default values: what decoding puts in fields a version lacks, what an
// omitted field encodes as, and the test for "this value may be left out".
import type { FieldDescriptor } from './descriptor.js';
import { Kind, type FieldPlan, type StructPlan } from './plan.js';

const ZERO_UUID = Buffer.alloc(16);

function isNullableAnywhere(field: FieldDescriptor): boolean {
  return field.nullableVersions !== undefined;
}

/** A fresh default for a field (fresh, because callers may mutate arrays and buffers). */
export function defaultValue(plan: FieldPlan): unknown {
  const field = plan.field;
  if (field.default !== undefined) return field.default;
  if (isNullableAnywhere(field) && plan.kind !== Kind.struct) return null;
  return zeroValue(plan);
}

/** The non-null empty value of a field's type. */
export function zeroValue(plan: FieldPlan): unknown {
  switch (plan.kind) {
    case Kind.bool:
      return false;
    case Kind.int64:
      return 0n;
    case Kind.string:
      return '';
    case Kind.bytes:
      return Buffer.alloc(0);
    case Kind.records:
      return null;
    case Kind.uuid:
      return Buffer.alloc(16);
    case Kind.array:
      return [];
    case Kind.struct:
      return defaultStruct(plan.struct!);
    default:
      return 0;
  }
}

export function defaultStruct(plan: StructPlan): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of plan.fields) out[field.name] = defaultValue(field);
  return out;
}

/** Used when a caller leaves a field undefined: a null default becomes empty where null is not allowed. */
export function encodeDefault(plan: FieldPlan): unknown {
  const value = defaultValue(plan);
  return value === null && !plan.nullable ? zeroValue(plan) : value;
}

/**
 * Whether a value carries no information beyond the field's default, so it can
 * be omitted (tagged fields) or dropped (fields the version lacks). An explicit
 * schema default of null is strict (only null matches, as in Kafka); otherwise
 * null and the empty value are treated alike.
 */
export function isDefault(plan: FieldPlan, value: unknown): boolean {
  if (value === undefined) return true;
  const explicit = plan.field.default;
  if (explicit === null) return value === null;
  switch (plan.kind) {
    case Kind.array:
    case Kind.bytes:
      return value === null || (value as { length: number }).length === 0;
    case Kind.records:
      return value === null || (Array.isArray(value) ? value.every((c: Buffer) => c.length === 0) : (value as Buffer).length === 0);
    case Kind.uuid:
      return value === null || ZERO_UUID.equals(value as Buffer);
    case Kind.struct:
      return value === null || isDefaultStruct(plan.struct!, value as Record<string, unknown>);
    case Kind.string:
      if (explicit !== undefined) return value === explicit;
      return value === '' || (value === null && isNullableAnywhere(plan.field));
    default:
      return value === (explicit !== undefined ? explicit : zeroValue(plan));
  }
}

function isDefaultStruct(plan: StructPlan, value: Record<string, unknown>): boolean {
  const unknown = value.unknownTaggedFields as unknown[] | undefined;
  if (unknown && unknown.length > 0) return false;
  for (const field of plan.fields) if (!isDefault(field, value[field.name])) return false;
  return true;
}
