// Builds fuzzed request frames (size prefix included) from the golden corpus
// of real client requests: byte-level damage, lying size prefixes, swapped API
// keys and versions, pure noise, and well-formed requests full of garbage
// values (see fuzz-values.ts).
import { concatChunks } from '../../../src/broker/protocol/byte-writer.js';
import { decodeRequestBody, decodeRequestHeader, encodeRequestFrame } from '../../../src/broker/protocol/frame.js';
import { ApiKey } from '../../../src/broker/protocol/generated/index.js';
import type { GoldenFrame } from '../../fixtures/golden-fixtures.js';
import type { SeededRandom } from './fuzz-random.js';
import { garbleStruct, requestPlan, synthesizeStruct, type GarbleContext } from './fuzz-values.js';

/** How often each kind of frame is made, relative to the others. */
export const MUTATION_WEIGHTS = {
  'bit-flip': 14,
  'boundary-bytes': 12,
  truncate: 8,
  extend: 8,
  'size-prefix': 7,
  'header-api': 10,
  'random-frame': 6,
  'garbage-values': 22,
  synthesized: 9,
  pristine: 4,
} as const;

export type Mutation = keyof typeof MUTATION_WEIGHTS;

export interface FuzzFrame {
  readonly mutation: Mutation;
  /** Size prefix, header, body: ready to write to the connection. */
  readonly wire: Buffer;
}

export interface SupportedApi {
  readonly apiKey: number;
  readonly minVersion: number;
  readonly maxVersion: number;
}

export interface FrameFuzzerOptions {
  readonly corpus: readonly GoldenFrame[];
  readonly supportedApis: readonly SupportedApi[];
  /** socket.request.max.bytes of the broker under test. */
  readonly maxFrameBytes: number;
  /** Garbage-valued requests may name this topic, except through APIs that delete or reconfigure. */
  readonly protectedTopic: string;
  /**
   * Frames whose CreateTopics or CreatePartitions would make a topic with more
   * partitions than this are made again: each partition costs the broker
   * about a millisecond of synchronous work, which would swamp the run.
   */
  readonly maxPartitionsPerTopic: number;
}

/** APIs whose well-formed requests legitimately destroy data: never aimed at the protected topic. */
const DESTRUCTIVE_APIS: ReadonlySet<number> = new Set([
  ApiKey.DeleteTopics,
  ApiKey.DeleteRecords,
  ApiKey.AlterConfigs,
  ApiKey.IncrementalAlterConfigs,
]);

const GARBAGE_STRINGS = [
  '', 'x', '.', '..', 'fuzz-topic', 'golden-kafkajs', 'golden-kcat', '__consumer_offsets', 'a'.repeat(249), 'b'.repeat(250),
  'ünïcödé', 'with space', 'nul\u0000byte', '1', '-1', '0', '9223372036854775808', 'NaN', 'compact', 'delete', 'compact,delete',
  'retention.ms', 'retention.bytes', 'segment.bytes', 'cleanup.policy', 'max.message.bytes', 'min.insync.replicas', 'num.partitions',
];

const BYTE_EDGES: Record<1 | 2 | 4, readonly number[]> = {
  1: [0x00, 0x7f, 0x80, 0xff],
  2: [0x0000, 0x7fff, 0x8000, 0xffff],
  4: [0x00000000, 0x7fffffff, 0x80000000, 0xffffffff],
};

const CLIENT_IDS = [null, '', 'fuzz', 'x'.repeat(300)];

function withPrefix(frame: Buffer, announcedSize = frame.length): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeInt32BE(announcedSize | 0);
  return Buffer.concat([prefix, frame]);
}

export class FrameFuzzer {
  /** How many frames of each kind were made. */
  readonly made: Record<Mutation, number>;
  /** Garbage-valued requests the codec refused to encode (should stay 0). */
  encodeFailures = 0;
  /** Frames made again because they asked for too many partitions. */
  remadeForPartitionCount = 0;
  private readonly safeContext: GarbleContext;
  private readonly targetingContext: GarbleContext;

  constructor(private readonly random: SeededRandom, private readonly options: FrameFuzzerOptions) {
    this.made = Object.fromEntries(Object.keys(MUTATION_WEIGHTS).map((key) => [key, 0])) as Record<Mutation, number>;
    const sampleBatches = options.corpus
      .filter((frame) => frame.apiKey === ApiKey.Produce)
      .flatMap((frame) => {
        const header = decodeRequestHeader(frame.bytes);
        const body = decodeRequestBody(ApiKey.Produce, frame.apiVersion, frame.bytes, header.bodyOffset);
        return body.topicData.flatMap((topic) => topic.partitionData.flatMap((p) => (p.records ? [Buffer.from(p.records)] : [])));
      });
    if (sampleBatches.length === 0) throw new Error('the corpus holds no Produce request to take record batches from');
    this.safeContext = { random, strings: GARBAGE_STRINGS, sampleBatches };
    this.targetingContext = { random, strings: [...GARBAGE_STRINGS, options.protectedTopic, options.protectedTopic], sampleBatches };
  }

  next(): FuzzFrame {
    for (;;) {
      const mutation = this.random.weighted(MUTATION_WEIGHTS);
      const wire = this.make(mutation);
      if (this.asksForManyPartitions(wire)) {
        this.remadeForPartitionCount++;
        continue;
      }
      this.made[mutation]++;
      return { mutation, wire };
    }
  }

  /** Decodes the frame as the broker would see it (up to its announced size). */
  private asksForManyPartitions(wire: Buffer): boolean {
    if (wire.length < 8) return false;
    const apiKey = wire.readInt16BE(4);
    if (apiKey !== ApiKey.CreateTopics && apiKey !== ApiKey.CreatePartitions) return false;
    const announced = wire.readInt32BE(0);
    if (announced < 0) return false;
    const frame = wire.subarray(4, 4 + announced);
    let counts: number[];
    try {
      const header = decodeRequestHeader(frame);
      counts =
        apiKey === ApiKey.CreateTopics
          ? decodeRequestBody(ApiKey.CreateTopics, header.apiVersion, frame, header.bodyOffset).topics.map((t) => t.numPartitions)
          : decodeRequestBody(ApiKey.CreatePartitions, header.apiVersion, frame, header.bodyOffset).topics.map((t) => t.count);
    } catch {
      return false;
    }
    return counts.some((count) => count > this.options.maxPartitionsPerTopic);
  }

  private make(mutation: Mutation): Buffer {
    const { random } = this;
    const seed = Buffer.from(random.pick(this.options.corpus).bytes);
    switch (mutation) {
      case 'bit-flip':
        for (let flips = random.between(1, 8); flips > 0; flips--) seed[random.below(seed.length)] ^= 1 << random.below(8);
        return withPrefix(seed);
      case 'boundary-bytes':
        for (let writes = random.between(1, 4); writes > 0; writes--) {
          const width = random.pick([1, 2, 4] as const);
          if (seed.length < width) continue;
          seed.writeUIntBE(random.pick(BYTE_EDGES[width]), random.below(seed.length - width + 1), width);
        }
        return withPrefix(seed);
      case 'truncate':
        return withPrefix(seed.subarray(0, random.below(seed.length)));
      case 'extend':
        return withPrefix(Buffer.concat([seed, random.bytes(random.between(1, 64))]));
      case 'size-prefix':
        return withPrefix(seed, this.lyingSize(seed.length));
      case 'header-api':
        seed.writeInt16BE(this.fuzzedApiKey(), 0);
        seed.writeInt16BE(random.pick([-1, 0, 1, 3, 4, 9, 12, 13, 17, 100, 32767, random.between(-32768, 32767)]), 2);
        return withPrefix(seed);
      case 'random-frame':
        return this.randomFrame();
      case 'garbage-values':
        return this.garbageValues(seed) ?? withPrefix(seed);
      case 'synthesized':
        return this.synthesized() ?? withPrefix(seed);
      case 'pristine':
        return withPrefix(seed);
    }
  }

  private lyingSize(actual: number): number {
    const { random } = this;
    return random.pick([
      actual - 1, actual - random.between(2, 8), actual + 1, actual + random.between(2, 64), 0, -1, -2147483648,
      this.options.maxFrameBytes, this.options.maxFrameBytes + 1, 2147483647,
    ]);
  }

  private fuzzedApiKey(): number {
    const { random } = this;
    if (random.chance(0.6)) return random.pick(this.options.supportedApis).apiKey;
    return random.pick([-1, -32768, 32767, 10, 11, 16, 67, 68, 1000, random.between(-32768, 32767)]);
  }

  private randomFrame(): Buffer {
    const { random } = this;
    const frame = random.bytes(random.between(0, 200));
    if (frame.length >= 4 && random.chance(0.5)) {
      // A real API key and version in front of noise, so the noise reaches body decoding.
      const api = random.pick(this.options.supportedApis);
      frame.writeInt16BE(api.apiKey, 0);
      frame.writeInt16BE(random.between(api.minVersion, api.maxVersion), 2);
    }
    return withPrefix(frame);
  }

  private garbageValues(seed: Buffer): Buffer | null {
    const header = decodeRequestHeader(seed);
    const body = decodeRequestBody(header.apiKey, header.apiVersion, seed, header.bodyOffset) as Record<string, unknown>;
    const garbled = garbleStruct(requestPlan(header.apiKey, header.apiVersion), body, this.contextFor(header.apiKey));
    return this.encode(header.apiKey, header.apiVersion, header.correlationId, garbled);
  }

  private synthesized(): Buffer | null {
    const { random } = this;
    const api = random.pick(this.options.supportedApis);
    const version = random.between(api.minVersion, api.maxVersion);
    const body = synthesizeStruct(requestPlan(api.apiKey, version), this.contextFor(api.apiKey));
    return this.encode(api.apiKey, version, random.int32(), body);
  }

  private contextFor(apiKey: number): GarbleContext {
    return DESTRUCTIVE_APIS.has(apiKey) ? this.safeContext : this.targetingContext;
  }

  private encode(apiKey: number, apiVersion: number, correlationId: number, body: unknown): Buffer | null {
    try {
      return concatChunks(encodeRequestFrame(apiKey, apiVersion, correlationId, this.random.pick(CLIENT_IDS), body));
    } catch (error) {
      this.encodeFailures++;
      if (this.encodeFailures <= 3) console.warn(`fuzz: could not encode a garbage-valued request: ${(error as Error).message}`);
      return null;
    }
  }
}
