// Per-version layouts compiled from a descriptor on first use and cached, so
// the encode/decode loops only switch on small integers instead of re-testing
// version ranges for every field of every element.
import { inRange, type FieldDescriptor, type MessageDescriptor, type PrimitiveType, type StructDescriptor } from './descriptor.js';
import { UnsupportedVersionError } from './errors.js';

export const Kind = {
  bool: 0,
  int8: 1,
  int16: 2,
  uint16: 3,
  int32: 4,
  int64: 5,
  float64: 6,
  string: 7,
  bytes: 8,
  records: 9,
  uuid: 10,
  struct: 11,
  array: 12,
} as const;

/** Where a field lives in one version of its struct. */
export const Presence = { absent: 0, regular: 1, tagged: 2 } as const;

export interface FieldPlan {
  readonly field: FieldDescriptor;
  readonly name: string;
  /** "Message.field", for error messages. */
  readonly label: string;
  readonly version: number;
  readonly presence: number;
  readonly kind: number;
  /** Array element kind; -1 for non-arrays. */
  readonly elementKind: number;
  /** Lengths as uvarint+1 rather than int16/int32. */
  readonly compact: boolean;
  readonly nullable: boolean;
  readonly tag: number;
  /** Layout of the struct (or struct elements) at the same version. */
  readonly struct: StructPlan | null;
}

export interface StructPlan {
  readonly messageName: string;
  readonly version: number;
  readonly flexible: boolean;
  /** Declaration order, so decoded objects of one struct all share a shape. */
  readonly fields: readonly FieldPlan[];
  /** Known tagged fields of this version, ascending by tag. */
  readonly tagged: readonly FieldPlan[];
  readonly taggedByTag: ReadonlyMap<number, FieldPlan>;
}

const cache = new WeakMap<MessageDescriptor<any>, Map<number, StructPlan>>();

export function planFor(message: MessageDescriptor<any>, version: number): StructPlan {
  let perVersion = cache.get(message);
  if (!perVersion) {
    perVersion = new Map();
    cache.set(message, perVersion);
  }
  let plan = perVersion.get(version);
  if (!plan) {
    if (!inRange(message.validVersions, version)) throw new UnsupportedVersionError(message.name, version);
    const flexible = inRange(message.flexibleVersions, version);
    plan = compileStruct(message, message.name, version, flexible, new Map());
    perVersion.set(version, plan);
  }
  return plan;
}

function compileStruct(
  struct: StructDescriptor,
  messageName: string,
  version: number,
  flexible: boolean,
  compiled: Map<StructDescriptor, StructPlan>,
): StructPlan {
  const existing = compiled.get(struct);
  if (existing) return existing;
  const fields = struct.fields.map((field) => compileField(field, messageName, version, flexible, compiled));
  const tagged = fields.filter((f) => f.presence === Presence.tagged).sort((a, b) => a.tag - b.tag);
  const plan: StructPlan = {
    messageName,
    version,
    flexible,
    fields,
    tagged,
    taggedByTag: new Map(tagged.map((f) => [f.tag, f])),
  };
  compiled.set(struct, plan);
  return plan;
}

function compileField(
  field: FieldDescriptor,
  messageName: string,
  version: number,
  flexible: boolean,
  compiled: Map<StructDescriptor, StructPlan>,
): FieldPlan {
  let presence: number = Presence.absent;
  if (inRange(field.versions, version)) {
    presence = flexible && inRange(field.taggedVersions, version) ? Presence.tagged : Presence.regular;
  }
  const compact = field.flexibleVersions === undefined ? flexible : flexible && inRange(field.flexibleVersions, version);
  return {
    field,
    name: field.name,
    label: `${messageName}.${field.name}`,
    version,
    presence,
    kind: Kind[field.type],
    elementKind: field.elementType ? Kind[field.elementType as PrimitiveType | 'struct'] : -1,
    compact,
    nullable: inRange(field.nullableVersions, version),
    tag: field.tag ?? -1,
    struct: field.struct ? compileStruct(field.struct, messageName, version, flexible, compiled) : null,
  };
}
