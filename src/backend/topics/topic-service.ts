// Topic administration on any connection. Writes go through the registry's
// write gate, so read-only profiles refuse them before anything is sent.
import type { ConnectionRegistry } from '../connections/connection-registry.js';
import { ErrorCode, fail } from '../errors.js';
import type { ConfigEntry, KafkaClient, PartitionMetadata, PartitionWatermarks, TopicMetadata } from '../kafka/client.js';
import { mapLimited } from '../map-limited.js';

export interface TopicSummary {
  name: string;
  internal: boolean;
  partitions: number;
  replicationFactor: number;
  messageCount: bigint;
  /** Bytes on disk over all replicas; null when the cluster cannot report log dirs. */
  sizeBytes: bigint | null;
}

export interface TopicDetail extends TopicSummary {
  partitionDetails: (PartitionMetadata & { low: bigint; high: bigint })[];
}

/** How many topics' watermarks are fetched at once when listing. */
const WATERMARK_CONCURRENCY = 8;

function summarize(meta: TopicMetadata, watermarks: PartitionWatermarks[], sizes: Map<string, bigint> | null): TopicSummary {
  return {
    name: meta.name,
    internal: meta.internal,
    partitions: meta.partitions.length,
    replicationFactor: meta.partitions[0]?.replicas.length ?? 0,
    messageCount: watermarks.reduce((sum, w) => sum + (w.high - w.low), 0n),
    // A topic missing from the log dirs has nothing on disk yet.
    sizeBytes: sizes === null ? null : (sizes.get(meta.name) ?? 0n),
  };
}

export async function requireTopic(client: KafkaClient, topic: string): Promise<TopicMetadata> {
  // Metadata for all topics is one request and never auto-creates the topic.
  const found = (await client.admin.topicMetadata()).find((t) => t.name === topic);
  return found ?? fail(ErrorCode.TOPIC_NOT_FOUND, `Topic "${topic}" does not exist.`);
}

/** The asked partitions, without repeats and in order (all of them when none are asked); fails with PARTITION_NOT_FOUND naming those the topic lacks. */
export function requirePartitions(topic: TopicMetadata, partitions: readonly number[] | undefined): number[] {
  const existing = topic.partitions.map((p) => p.partition).sort((a, b) => a - b);
  const chosen = partitions ? [...new Set(partitions)].sort((a, b) => a - b) : existing;
  const unknown = chosen.filter((p) => !existing.includes(p));
  if (unknown.length > 0) fail(ErrorCode.PARTITION_NOT_FOUND, `Topic "${topic.name}" has no partition ${unknown.join(', ')} (it has ${existing.length}).`);
  return chosen;
}

/**
 * Watermarks of exactly the partitions fresh metadata lists: kafkajs' own
 * offset lookup works from metadata cached for minutes and would leave out
 * partitions added since.
 */
function watermarksOf(client: KafkaClient, meta: TopicMetadata): Promise<PartitionWatermarks[]> {
  return client.reader.watermarks(meta.name, meta.partitions.map((p) => p.partition));
}

export class TopicService {
  constructor(private readonly connections: ConnectionRegistry) {}

  async list(connectionId: string, includeInternal: boolean): Promise<TopicSummary[]> {
    const client = this.connections.client(connectionId);
    const topics = (await client.admin.topicMetadata()).filter((t) => includeInternal || !t.internal).sort((a, b) => a.name.localeCompare(b.name));
    const sizes = await client.admin.topicSizes();
    return mapLimited(topics, WATERMARK_CONCURRENCY, async (meta) => summarize(meta, await watermarksOf(client, meta), sizes));
  }

  async describe(connectionId: string, topic: string): Promise<TopicDetail> {
    const client = this.connections.client(connectionId);
    const meta = await requireTopic(client, topic);
    const watermarks = await watermarksOf(client, meta);
    const sizes = await client.admin.topicSizes();
    const byPartition = new Map(watermarks.map((w) => [w.partition, w]));
    return {
      ...summarize(meta, watermarks, sizes),
      partitionDetails: meta.partitions.map((p) => ({ ...p, low: byPartition.get(p.partition)?.low ?? 0n, high: byPartition.get(p.partition)?.high ?? 0n })),
    };
  }

  async create(connectionId: string, topic: { name: string; partitions: number; replicationFactor: number; configs: Record<string, string> }): Promise<void> {
    await this.connections.clientForWrite(connectionId, 'creating a topic').admin.createTopic(topic);
  }

  async delete(connectionId: string, topic: string): Promise<void> {
    const client = this.connections.clientForWrite(connectionId, 'deleting a topic');
    await requireTopic(client, topic);
    await client.admin.deleteTopic(topic);
  }

  async addPartitions(connectionId: string, topic: string, totalPartitions: number): Promise<void> {
    const client = this.connections.clientForWrite(connectionId, 'adding partitions');
    const current = (await requireTopic(client, topic)).partitions.length;
    if (totalPartitions < current) {
      fail(ErrorCode.INVALID_PARTITIONS, `Topic "${topic}" has ${current} partitions; Kafka can only add partitions, never remove them, so ask for more than ${current}.`);
    }
    if (totalPartitions === current) fail(ErrorCode.INVALID_PARTITIONS, `Topic "${topic}" already has ${current} partitions; ask for more than ${current}.`);
    await client.admin.createPartitions(topic, totalPartitions);
  }

  async configs(connectionId: string, topic: string): Promise<ConfigEntry[]> {
    const client = this.connections.client(connectionId);
    await requireTopic(client, topic);
    return client.admin.topicConfigs(topic);
  }

  /**
   * Sets some keys and keeps the other overrides. The adapter's AlterConfigs
   * replaces the whole set, so the current overrides are read and merged first.
   */
  async setConfigs(connectionId: string, topic: string, set: Record<string, string | null>): Promise<void> {
    const client = this.connections.clientForWrite(connectionId, 'changing topic configs');
    await requireTopic(client, topic);
    const overrides: Record<string, string> = {};
    for (const entry of await client.admin.topicConfigs(topic)) {
      if (entry.isTopicOverride && !entry.readOnly && entry.value !== null && !entry.sensitive) overrides[entry.name] = entry.value;
    }
    for (const [name, value] of Object.entries(set)) {
      if (value === null) delete overrides[name];
      else overrides[name] = value;
    }
    await client.admin.replaceTopicConfigs(topic, overrides);
  }
}
