// Topic sizes from DescribeLogDirs (API 35), which kafkajs 2 does not offer.
// The request is sent over kafkajs' own broker connections (so TLS and SASL
// are already done) through its internal cluster object. That reaches past
// kafkajs' public API, so every step is checked and any surprise answers
// null ("size unknown") instead of failing the topic list.
import type { Kafka } from 'kafkajs';
import type { Logger } from '../ports.js';
import { agreedVersion, internalCluster, kafkajsRequire, type KafkajsDecoder, type KafkajsEncoder } from './kafkajs-internals.js';

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
            name: t.readString() ?? '',
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
  // A cluster of its own, not the one reads and groups share: kafkajs refreshes
  // metadata for every topic a cluster has read, and one of those deleted since
  // would fail the refresh and leave every size unknown.
  const cluster = internalCluster(kafka);
  return {
    async sizes() {
      try {
        const Encoder = kafkajsRequire('kafkajs/src/protocol/encoder.js') as new () => KafkajsEncoder;
        const Decoder = kafkajsRequire('kafkajs/src/protocol/decoder.js') as new (raw: Buffer) => KafkajsDecoder;
        const connected = await cluster.get();
        await connected.refreshMetadata();
        const totals = new Map<string, bigint>();
        for (const nodeId of connected.getNodeIds()) {
          const broker = await connected.findBroker({ nodeId });
          if (agreedVersion(broker, DESCRIBE_LOG_DIRS, VERSION, VERSION) === null) return null;
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
    close: () => cluster.close(),
  };
}
