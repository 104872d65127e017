// Builds sample message values straight from a descriptor, independently of the
// codec's own default logic, so round-trip tests exercise every field of every
// version: non-default values where the version has the field, the decoder's
// expected defaults where it does not.
import { inRange, type FieldDescriptor, type MessageDescriptor, type StructDescriptor } from '../../../../src/broker/protocol/descriptor.js';

export interface SampleOptions {
  /** Use null wherever the version allows it. */
  nulls: boolean;
  /** Attach unknown tagged fields to every struct (flexible versions only). */
  unknownTags: boolean;
}

type Struct = Record<string, unknown>;

export function sampleMessage(descriptor: MessageDescriptor, version: number, options: SampleOptions): Struct {
  const flexible = inRange(descriptor.flexibleVersions, version);
  return sampleStruct(descriptor, version, flexible, options, { next: 1 });
}

function sampleStruct(struct: StructDescriptor, version: number, flexible: boolean, options: SampleOptions, seed: { next: number }): Struct {
  const out: Struct = {};
  for (const field of struct.fields) {
    out[field.name] = inRange(field.versions, version)
      ? sampleField(field, version, flexible, options, seed)
      : expectedDefault(field, version, flexible);
  }
  if (flexible && options.unknownTags) {
    out.unknownTaggedFields = [
      { tag: 200, data: Buffer.from([0xab, seed.next & 0xff]) },
      { tag: 9000, data: Buffer.alloc(0) },
    ];
  }
  return out;
}

function sampleField(field: FieldDescriptor, version: number, flexible: boolean, options: SampleOptions, seed: { next: number }): unknown {
  if (options.nulls && inRange(field.nullableVersions, version)) return null;
  const n = seed.next++;
  if (field.type === 'array') {
    if (field.elementType === 'struct') {
      return [sampleStruct(field.struct!, version, flexible, options, seed), sampleStruct(field.struct!, version, flexible, options, seed)];
    }
    return [primitive(field.elementType!, n, undefined), primitive(field.elementType!, n + 1, undefined)];
  }
  if (field.type === 'struct') return sampleStruct(field.struct!, version, flexible, options, seed);
  return primitive(field.type, n, field.default);
}

function primitive(type: string, n: number, def: unknown): unknown {
  switch (type) {
    case 'bool':
      return def !== true;
    case 'int8':
      return (n % 100) + 2;
    case 'int16':
      return 300 + n;
    case 'uint16':
      return 40000 + n;
    case 'int32':
      return 70000 + n;
    case 'int64':
      return 5_000_000_000n + BigInt(n);
    case 'float64':
      return n + 0.25;
    case 'string':
      return `s${n}-é`;
    case 'bytes':
      return Buffer.from([1, 2, n & 0xff]);
    case 'records':
      return Buffer.alloc(24, n & 0xff);
    case 'uuid':
      return Buffer.alloc(16, (n % 250) + 1);
  }
  throw new Error(`no sample for ${type}`);
}

/** What decoding is documented to produce for a field the version lacks. */
export function expectedDefault(field: FieldDescriptor, version: number, flexible: boolean): unknown {
  if (field.default !== undefined) return field.default;
  if (field.nullableVersions && field.type !== 'struct') return null;
  switch (field.type) {
    case 'bool':
      return false;
    case 'int64':
      return 0n;
    case 'string':
      return '';
    case 'bytes':
      return Buffer.alloc(0);
    case 'records':
      return null;
    case 'uuid':
      return Buffer.alloc(16);
    case 'array':
      return [];
    case 'struct': {
      const out: Struct = {};
      for (const f of field.struct!.fields) out[f.name] = expectedDefault(f, version, flexible);
      return out;
    }
    default:
      return 0;
  }
}
