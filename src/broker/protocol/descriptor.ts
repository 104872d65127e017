// The shape of the generated message descriptors. They are plain data; the
// interpreter in encode.ts / decode.ts walks them, so the generated files stay
// free of logic and the wire rules live in one hand-written place.

/** Inclusive version range; an open-ended schema range ("3+") has max Infinity. */
export type VersionRange = readonly [min: number, max: number];

export type PrimitiveType =
  | 'bool'
  | 'int8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'int64'
  | 'float64'
  | 'string'
  | 'bytes'
  | 'records'
  | 'uuid';

export type FieldType = PrimitiveType | 'struct' | 'array';

/** Schema defaults after parsing: int64 defaults are bigint, "null" is null. */
export type DefaultValue = boolean | number | bigint | string | null;

export interface FieldDescriptor {
  /** camelCase property name used in the message interfaces. */
  readonly name: string;
  readonly type: FieldType;
  /** Element type of an array field. */
  readonly elementType?: PrimitiveType | 'struct';
  /** Layout of a struct field or of the elements of a struct array. */
  readonly struct?: StructDescriptor;
  readonly versions: VersionRange;
  readonly nullableVersions?: VersionRange;
  readonly taggedVersions?: VersionRange;
  readonly tag?: number;
  readonly ignorable?: boolean;
  /** Field-level override of the message's flexible versions; null means never compact. */
  readonly flexibleVersions?: VersionRange | null;
  /** Bytes decoded as a view of the frame instead of a copy. */
  readonly zeroCopy?: boolean;
  /** Present only when the schema declares a default. */
  readonly default?: DefaultValue;
}

export interface StructDescriptor {
  /** TypeScript interface name, e.g. ProduceRequestTopicProduceData. */
  readonly name: string;
  readonly fields: readonly FieldDescriptor[];
}

export type MessageKind = 'request' | 'response' | 'header' | 'data';

/** `T` is a phantom: it only carries the message interface for typed encode/decode. */
export interface MessageDescriptor<T = unknown> extends StructDescriptor {
  readonly kind: MessageKind;
  /** Null for headers and data messages. */
  readonly apiKey: number | null;
  readonly validVersions: VersionRange;
  /** Null when no version is flexible. */
  readonly flexibleVersions: VersionRange | null;
  readonly __type?: T;
}

/** A tagged field this codec has no schema for, kept so it can be re-emitted verbatim. */
export interface UnknownTaggedField {
  tag: number;
  data: Buffer;
}

export function inRange(range: VersionRange | null | undefined, version: number): boolean {
  return range != null && version >= range[0] && version <= range[1];
}

/**
 * The shape decoding produces: every field is filled in (defaults for fields the
 * version lacks), so optional fields become required, recursively. Only
 * unknownTaggedFields stays optional. Records decode to a single Buffer view.
 */
export type Decoded<T> = T extends Buffer
  ? T
  : T extends bigint | number | string | boolean | null | undefined
    ? T
    : T extends readonly (infer E)[]
      ? Decoded<E>[]
      : { [K in Exclude<keyof T, 'unknownTaggedFields'>]-?: DecodedField<T[K]> } & { unknownTaggedFields?: UnknownTaggedField[] };

/** Records accept Buffer | Buffer[] for encoding, but always decode to one Buffer view. */
type DecodedField<V> = [Exclude<V, undefined>] extends [Buffer | Buffer[] | null]
  ? Buffer extends Exclude<V, undefined> ? (null extends V ? Buffer | null : Buffer) : Decoded<Exclude<V, undefined>>
  : Decoded<Exclude<V, undefined>>;
