// The kafkajs implementation of KafkaClient. Retries and timeouts are short:
// an explorer should say "unreachable" in seconds, not retry for a minute.
import type { Admin, KafkaConfig, Producer as KafkajsProducer, SASLOptions } from 'kafkajs';
import { ConfigResourceTypes, ConfigSource, Kafka, logLevel, Partitioners } from './kafkajs-module.js';
import type { Logger } from '../ports.js';
import type { AdminOperations, ConfigEntry, DeliveredRecord, KafkaClient, OutgoingRecord, PartitionMetadata, Producer, TopicMetadata } from './client.js';
import { registerCompressionCodecs } from './codecs.js';
import { logDirSizes, type LogDirSizes } from './log-dirs.js';
import { kafkajsTopicReader } from './kafkajs-fetch.js';
import { kafkajsGroupOperations } from './kafkajs-groups.js';
import { internalCluster } from './kafkajs-internals.js';
import { connectOnce, type SharedConnection } from './connect-once.js';
import { withFreshClient } from './deleted-topics.js';
import { mapped } from './map-error.js';
import { partitionForKey } from './murmur2.js';
import type { ConnectionSettings } from './profile-types.js';

export interface KafkaClientOptions {
  logger: Logger;
  /** Per-request timeout; the connection and SASL timeouts are shorter. */
  requestTimeoutMs?: number;
  /** Retries of a failed request (kafkajs' default is 5, with backoff up to 30 s). */
  retries?: number;
}

type DefaultPartitioner = ReturnType<typeof Partitioners.DefaultPartitioner>;

const INTERNAL_TOPICS = new Set(['__consumer_offsets', '__transaction_state']);

export function toKafkaConfig(settings: ConnectionSettings, options: KafkaClientOptions): KafkaConfig {
  const { tls, sasl } = settings;
  const requestTimeout = options.requestTimeoutMs ?? 10_000;
  return {
    clientId: settings.clientId,
    brokers: settings.bootstrapServers,
    connectionTimeout: Math.min(3_000, requestTimeout),
    authenticationTimeout: Math.min(5_000, requestTimeout),
    requestTimeout,
    enforceRequestTimeout: true,
    retry: { retries: options.retries ?? 2, initialRetryTime: 100, maxRetryTime: 1_000 },
    // Without `ca` Node uses its bundled trusted CAs: the "system CAs" choice.
    ssl: tls?.enabled ? { rejectUnauthorized: tls.rejectUnauthorized, ...(tls.ca ? { ca: [tls.ca] } : {}), ...(tls.cert ? { cert: tls.cert } : {}), ...(tls.key ? { key: tls.key } : {}) } : false,
    ...(sasl ? { sasl: { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password ?? '' } as SASLOptions } : {}),
    logLevel: logLevel.WARN,
    // Failures reach the user as AppErrors; kafkajs' own chatter is for debugging.
    logCreator: () => (entry) => options.logger.debug(`kafkajs: ${entry.log.message}`, { namespace: entry.namespace, level: entry.level }),
  };
}

function partitionsOf(raw: { partitionId: number; leader: number; replicas: number[]; isr: number[] }[]): PartitionMetadata[] {
  return raw.map((p) => ({ partition: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr })).sort((a, b) => a.partition - b.partition);
}

function adminOperations(admin: () => Promise<Admin>, sizes: LogDirSizes, requestTimeoutMs: number): AdminOperations {
  return {
    topicSizes: () => sizes.sizes(),
    describeCluster: () =>
      mapped(async () => {
        const info = await (await admin()).describeCluster();
        return {
          clusterId: info.clusterId || null,
          controllerId: info.controller ?? -1,
          brokers: info.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: null })).sort((a, b) => a.nodeId - b.nodeId),
        };
      }),
    topicMetadata: (topics) =>
      mapped(async () => {
        const result = await (await admin()).fetchTopicMetadata(topics ? { topics } : undefined);
        return result.topics.map((t): TopicMetadata => ({ name: t.name, internal: INTERNAL_TOPICS.has(t.name), partitions: partitionsOf(t.partitions) }));
      }),
    createTopic: (topic) =>
      mapped(async () => {
        const created = await (await admin()).createTopics({
          waitForLeaders: true,
          timeout: requestTimeoutMs,
          topics: [
            {
              topic: topic.name,
              numPartitions: topic.partitions,
              replicationFactor: topic.replicationFactor,
              configEntries: Object.entries(topic.configs).map(([name, value]) => ({ name, value })),
            },
          ],
        });
        // kafkajs answers false instead of throwing when the topic exists.
        if (!created) throw Object.assign(new Error(`Topic "${topic.name}" already exists.`), { name: 'KafkaJSProtocolError', type: 'TOPIC_ALREADY_EXISTS', code: 36 });
      }),
    deleteTopic: (topic) => mapped(async () => (await admin()).deleteTopics({ topics: [topic], timeout: requestTimeoutMs })),
    createPartitions: (topic, totalPartitions) =>
      mapped(async () => {
        await (await admin()).createPartitions({ timeout: requestTimeoutMs, topicPartitions: [{ topic, count: totalPartitions }] });
      }),
    topicConfigs: (topic) =>
      mapped(async () => {
        const result = await (await admin()).describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }] });
        const entries = result.resources[0]?.configEntries ?? [];
        return entries
          .map(
            (e): ConfigEntry => ({
              name: e.configName,
              value: e.configValue ?? null,
              isDefault: e.isDefault,
              readOnly: e.readOnly,
              sensitive: e.isSensitive,
              isTopicOverride: e.configSource === undefined ? !e.isDefault : e.configSource === ConfigSource.TOPIC_CONFIG,
            }),
          )
          .sort((a, b) => a.name.localeCompare(b.name));
      }),
    replaceTopicConfigs: (topic, overrides) =>
      mapped(async () => {
        await (await admin()).alterConfigs({
          validateOnly: false,
          resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: Object.entries(overrides).map(([name, value]) => ({ name, value })) }],
        });
      }),
  };
}

function producerOperations(producer: SharedConnection<KafkajsProducer>, partitioner: DefaultPartitioner, admin: AdminOperations, requestTimeoutMs: number): Producer {
  return {
    async send(topic, records) {
      const needsPartitioner = records.some((r) => r.partition === undefined);
      const partitionMetadata = needsPartitioner
        ? (await admin.topicMetadata([topic]))[0].partitions.map((p) => ({ partitionId: p.partition, leader: p.leader, replicas: p.replicas, isr: p.isr, partitionErrorCode: 0 }))
        : [];
      return mapped(async () => {
        const messages = records.map((record: OutgoingRecord) => {
          const message = {
            key: record.key,
            value: record.value,
            headers: Object.fromEntries(record.headers.map((h) => [h.key, h.value])),
          };
          const partition =
            record.partition ?? (record.key === null ? partitioner({ topic, partitionMetadata, message }) : partitionForKey(record.key, partitionMetadata.length));
          return { ...message, partition };
        });
        // The topic was just seen to exist, so UNKNOWN_TOPIC_OR_PARTITION here means another, deleted topic.
        const answers = await withFreshClient(producer, (p) => p.send({ topic, acks: -1, timeout: requestTimeoutMs, messages }));
        const nextOffset = new Map<number, bigint>();
        for (const answer of answers) nextOffset.set(answer.partition, BigInt(answer.baseOffset ?? '-1'));
        // kafkajs silently skips partitions its metadata does not know; never report those as sent.
        const unanswered = [...new Set(messages.map((m) => m.partition))].filter((p) => !nextOffset.has(p) || nextOffset.get(p)! < 0n);
        if (unanswered.length > 0) throw new Error(`The broker did not acknowledge partition(s) ${unanswered.join(', ')} of "${topic}".`);
        // kafkajs keeps the records' order within a partition, so offsets follow the base offset.
        return messages.map((m): DeliveredRecord => {
          const offset = nextOffset.get(m.partition) ?? -1n;
          nextOffset.set(m.partition, offset + 1n);
          return { partition: m.partition, offset };
        });
      });
    },
  };
}

export function createKafkaClient(settings: ConnectionSettings, options: KafkaClientOptions): KafkaClient {
  registerCompressionCodecs();
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const kafka = new Kafka(toKafkaConfig(settings, options));
  const admin = connectOnce(() => kafka.admin({ retry: { retries: options.retries ?? 2, initialRetryTime: 100, maxRetryTime: 1_000 } }));
  // metadataMaxAge 0: metadata is refreshed before each send, so partitions
  // added since the last send (by us or anyone) are known and written.
  const rawProducer = connectOnce(() => kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner, metadataMaxAge: 0 }));
  // The partitioner kafkajs itself would use (murmur2 of the key, like Java's),
  // run here so each record's partition, and so its offset, is known. One for
  // the client's life: its round-robin counters carry across sends.
  const partitioner = Partitioners.DefaultPartitioner();
  const sizes = logDirSizes(kafka, options.logger);
  const adminOps = adminOperations(admin.get, sizes, requestTimeoutMs);
  // Groups and group-less reads share one internal cluster (its own connections).
  const cluster = internalCluster(kafka);

  return {
    admin: adminOps,
    groups: kafkajsGroupOperations(admin.get, cluster),
    reader: kafkajsTopicReader(cluster),
    producer: () =>
      mapped(async () => {
        // Connect now, so an unreachable cluster is this call's error, not the first send's.
        await rawProducer.get();
        return producerOperations(rawProducer, partitioner, adminOps, requestTimeoutMs);
      }),
    async close() {
      await Promise.allSettled([admin.close(), rawProducer.close(), sizes.close(), cluster.close()]);
    },
  };
}
