// Structure-aware fuzzing: requests that decode cleanly but carry garbage
// values. Walks the codec's own per-version layout (plan.ts), so every value
// fits its wire type (an int16 gets an int16, a uuid 16 bytes) and the frame
// always encodes; what the values mean is left to chance and boundary values.
import { requestDescriptor } from '../../../src/broker/protocol/api-lookup.js';
import { Kind, planFor, Presence, type FieldPlan, type StructPlan } from '../../../src/broker/protocol/plan.js';
import { recomputeBatchCrc } from '../../../src/broker/records/batch-header.js';
import type { SeededRandom } from './fuzz-random.js';

type Struct = Record<string, unknown>;

export interface GarbleContext {
  readonly random: SeededRandom;
  /** Names, config keys and values to draw from. */
  readonly strings: readonly string[];
  /** Real record batches, for records fields. */
  readonly sampleBatches: readonly Buffer[];
}

const INT8_EDGES = [0, 1, -1, 127, -128];
const INT16_EDGES = [...INT8_EDGES, 255, 256, 32767, -32768];
const INT32_EDGES = [...INT16_EDGES, 65535, 10_001, 1_048_576, 2147483647, -2147483648];
const INT64_EDGES = [0n, 1n, -1n, -2n, -3n, 2n ** 31n, 2n ** 63n - 1n, -(2n ** 63n), 1_700_000_000_000n];
const FLOAT64_EDGES = [0, -1, 1e308, Infinity, -Infinity, NaN];
const MAX_SYNTHESIZED_ELEMENTS = 4;
const MAX_REPEATED_ELEMENTS = 24;

function integer(ctx: GarbleContext, edges: readonly number[], min: number, max: number): number {
  return ctx.random.chance(0.7) ? ctx.random.pick(edges) : ctx.random.between(min, max);
}

function randomInt64(ctx: GarbleContext): bigint {
  if (ctx.random.chance(0.7)) return ctx.random.pick(INT64_EDGES);
  return BigInt.asIntN(64, (BigInt(ctx.random.int32()) << 32n) | BigInt(ctx.random.int32() >>> 0));
}

/** Where the fields after the CRC start in a v2 batch header, and the record count. */
const CRC_COVERED_FROM = 21;
const LAST_OFFSET_DELTA_AT = 23;
const RECORD_COUNT_AT = 57;

/**
 * Damage the CRC cannot catch: header fields or record bytes changed and the
 * CRC recomputed, as a buggy producer would send them.
 */
function recheckedGarbage(sample: Buffer, ctx: GarbleContext): Buffer {
  const { random } = ctx;
  if (random.chance(0.3)) {
    // A record count the records do not back up, kept consistent with the offset range.
    const count = random.pick([2, 1000, 2147483647]);
    sample.writeInt32BE(count - 1, LAST_OFFSET_DELTA_AT);
    sample.writeInt32BE(count, RECORD_COUNT_AT);
  } else {
    for (let writes = random.between(1, 4); writes > 0; writes--) {
      sample[random.between(CRC_COVERED_FROM, sample.length - 1)] = random.pick([0x00, 0x01, 0x7f, 0x80, 0xff]);
    }
  }
  try {
    recomputeBatchCrc(sample);
  } catch {
    // A length field now points outside the buffer: send it with the stale CRC.
  }
  return sample;
}

/** A batch from a real client, often damaged: flipped bytes, cut short, doubled, re-checksummed, or noise. */
function garbleRecords(ctx: GarbleContext): Buffer {
  const { random } = ctx;
  const sample = Buffer.from(random.pick(ctx.sampleBatches));
  switch (random.below(7)) {
    case 0:
      return sample;
    case 1: {
      for (let flips = random.between(1, 4); flips > 0; flips--) sample[random.below(sample.length)] ^= 1 << random.below(8);
      return sample;
    }
    case 2:
      return sample.subarray(0, random.below(sample.length));
    case 3:
      return Buffer.concat([sample, random.pick(ctx.sampleBatches)]);
    case 4:
      return Buffer.alloc(0);
    case 5:
      return recheckedGarbage(sample, ctx);
    default:
      return random.bytes(random.between(1, 128));
  }
}

function garblePrimitive(kind: number, ctx: GarbleContext): unknown {
  const { random } = ctx;
  switch (kind) {
    case Kind.bool:
      return random.chance(0.5);
    case Kind.int8:
      return integer(ctx, INT8_EDGES, -128, 127);
    case Kind.int16:
      return integer(ctx, INT16_EDGES, -32768, 32767);
    case Kind.uint16:
      return integer(ctx, [0, 1, 255, 65535], 0, 65535);
    case Kind.int32:
      return integer(ctx, INT32_EDGES, -2147483648, 2147483647);
    case Kind.int64:
      return randomInt64(ctx);
    case Kind.float64:
      return random.pick(FLOAT64_EDGES);
    case Kind.uuid:
      return random.chance(0.3) ? Buffer.alloc(16) : random.bytes(16);
    case Kind.string:
      return random.pick(ctx.strings);
    case Kind.bytes:
      return random.bytes(random.below(48));
    case Kind.records:
      return garbleRecords(ctx);
  }
  throw new Error(`no garbage for field kind ${kind}`);
}

function garbleArray(field: FieldPlan, current: unknown, ctx: GarbleContext): unknown[] {
  const { random } = ctx;
  const items = Array.isArray(current) ? current : [];
  const element = (item: unknown): unknown => {
    if (field.elementKind !== Kind.struct) return garblePrimitive(field.elementKind, ctx);
    return item === undefined ? synthesizeStruct(field.struct!, ctx) : garbleStruct(field.struct!, item as Struct, ctx);
  };
  switch (random.below(4)) {
    case 0:
      return [];
    case 1:
      return items.map((item) => (random.chance(0.5) ? element(item) : item));
    case 2:
      return [...items, ...Array.from({ length: random.between(1, MAX_SYNTHESIZED_ELEMENTS) }, () => element(undefined))];
    default: {
      if (items.length === 0) return [element(undefined)];
      const repeated = random.pick(items);
      return Array.from({ length: random.between(2, MAX_REPEATED_ELEMENTS) }, () => repeated);
    }
  }
}

function garbleValue(field: FieldPlan, current: unknown, ctx: GarbleContext): unknown {
  if (field.nullable && ctx.random.chance(0.08)) return null;
  if (field.kind === Kind.array) return garbleArray(field, current, ctx);
  if (field.kind === Kind.struct) {
    return current === undefined || current === null ? synthesizeStruct(field.struct!, ctx) : garbleStruct(field.struct!, current as Struct, ctx);
  }
  return garblePrimitive(field.kind, ctx);
}

/** Unknown tagged fields a broker must skip, with tags above any Kafka defines. */
function strayTaggedFields(ctx: GarbleContext): { tag: number; data: Buffer }[] {
  const { random } = ctx;
  const tags = new Set(Array.from({ length: random.between(1, 3) }, () => random.pick([100, 1000, 2 ** 20, 2 ** 31 - 1])));
  return [...tags].map((tag) => ({ tag, data: random.bytes(random.below(16)) }));
}

/** A copy of `value` with some of its fields (and nested ones) replaced by garbage of the right type. */
export function garbleStruct(plan: StructPlan, value: Struct, ctx: GarbleContext): Struct {
  const out: Struct = { ...value };
  for (const field of plan.fields) {
    if (field.presence === Presence.absent || !ctx.random.chance(0.3)) continue;
    out[field.name] = garbleValue(field, value[field.name], ctx);
  }
  if (plan.flexible && ctx.random.chance(0.1)) out.unknownTaggedFields = strayTaggedFields(ctx);
  return out;
}

/** A struct built from nothing: every field of this version gets a garbage value. */
export function synthesizeStruct(plan: StructPlan, ctx: GarbleContext): Struct {
  const out: Struct = {};
  for (const field of plan.fields) {
    if (field.presence === Presence.absent) continue;
    out[field.name] = field.kind === Kind.array ? garbleArray(field, undefined, ctx) : garbleValue(field, undefined, ctx);
  }
  return out;
}

export function requestPlan(apiKey: number, apiVersion: number): StructPlan {
  return planFor(requestDescriptor(apiKey), apiVersion);
}
