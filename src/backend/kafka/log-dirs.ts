// Topic sizes from DescribeLogDirs (API 35), which kafkajs 2 does not offer.
// The request is sent over kafkajs' own broker connections (so TLS and SASL
// are already done) through its internal cluster object. That reaches past
// kafkajs' public API, so every step is checked and any surprise answers
// null ("size unknown") instead of failing the topic list.
import { createRequire } from 'node:module';
import type { Kafka } from 'kafkajs';
import type { Logger } from '../ports.js';

const require = createRequire(import.meta.url);

interface KafkajsEncoder {
  writeInt32(value: number): KafkajsEncoder;
}
interface KafkajsDecoder {
  readInt16(): number;
  readInt32(): number;
  readInt64(): { toString(): string };
  readString(): string;
  readBoolean(): boolean;
  readArray<T>(read: (decoder: KafkajsDecoder) => T): T[];
}
interface KafkajsBroker {
  versions?: Record<number, { minVersion: number; maxVersion: number }> | null;
  connectionPool: { send(request: unknown): Promise<unknown> };
}
interface KafkajsCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  getNodeIds(): number[];
  findBroker(args: { nodeId: number }): Promise<KafkajsBroker>;
}

const DESCRIBE_LOG_DIRS = 35;
const VERSION = 1;

interface LogDirResult {
  errorCode: number;
  topics: { name: string; partitions: { size: bigint; isFuture: boolean }[] }[];
}

function describeLogDirsRequest(Encoder: new () => KafkajsEncoder, Decoder: new (data: Buffer) => KafkajsDecoder) {
  return {
    request: {
      apiKey: DESCRIBE_LOG_DIRS,
      apiVersion: VERSION,
      apiName: 'DescribeLogDirs',
      // A null topic list asks for every topic.
      encode: async () => new Encoder().writeInt32(-1),
    },
    response: {
      decode: async (raw: Buffer) => {
        const decoder = new Decoder(raw);
        decoder.readInt32(); // throttle time
        return decoder.readArray((d): LogDirResult => {
          const errorCode = d.readInt16();
          d.readString(); // the log directory's path
          const topics = d.readArray((t) => ({
            name: t.readString(),
            partitions: t.readArray((p) => {
              p.readInt32(); // partition index
              const size = BigInt(p.readInt64().toString());
              p.readInt64(); // offset lag
              return { size, isFuture: p.readBoolean() };
            }),
          }));
          return { errorCode, topics };
        });
      },
      parse: async (results: LogDirResult[]) => results,
    },
  };
}

export interface LogDirSizes {
  /** Bytes per topic summed over every replica on every broker; null when the cluster cannot say. */
  sizes(): Promise<Map<string, bigint> | null>;
  close(): Promise<void>;
}

export function logDirSizes(kafka: Kafka, logger: Logger): LogDirSizes {
  let cluster: Promise<KafkajsCluster | null> | undefined;
  const connect = () =>
    (cluster ??= (async () => {
      const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
      const create = symbol ? (kafka as unknown as Record<symbol, unknown>)[symbol] : undefined;
      if (typeof create !== 'function') return null;
      const created = create({ allowAutoTopicCreation: false }) as KafkajsCluster;
      try {
        await created.connect();
        return created;
      } catch (error) {
        cluster = undefined;
        throw error;
      }
    })());

  return {
    async sizes() {
      try {
        const Encoder = require('kafkajs/src/protocol/encoder.js');
        const Decoder = require('kafkajs/src/protocol/decoder.js');
        const connected = await connect();
        if (!connected) return null;
        await connected.refreshMetadata();
        const totals = new Map<string, bigint>();
        for (const nodeId of connected.getNodeIds()) {
          const broker = await connected.findBroker({ nodeId });
          const range = broker.versions?.[DESCRIBE_LOG_DIRS];
          if (!range || range.minVersion > VERSION || range.maxVersion < VERSION) return null;
          const results = (await broker.connectionPool.send(describeLogDirsRequest(Encoder, Decoder))) as LogDirResult[];
          for (const dir of results) {
            if (dir.errorCode !== 0) continue;
            for (const topic of dir.topics) {
              const bytes = topic.partitions.filter((p) => !p.isFuture).reduce((sum, p) => sum + p.size, 0n);
              totals.set(topic.name, (totals.get(topic.name) ?? 0n) + bytes);
            }
          }
        }
        return totals;
      } catch (error) {
        logger.debug('topic sizes unavailable', { error: error instanceof Error ? error.message : String(error) });
        return null;
      }
    },
    async close() {
      const pending = cluster;
      cluster = undefined;
      await pending?.then((c) => c?.disconnect()).catch(() => undefined);
    },
  };
}
