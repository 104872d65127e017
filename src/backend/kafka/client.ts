// The Kafka client the services program against. Only this folder knows it is
// kafkajs underneath; another client library can replace it behind these types.
// Offsets are bigint here; DTOs turn them into decimal strings.

export interface BrokerNode {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

export interface ClusterDescription {
  clusterId: string | null;
  controllerId: number;
  brokers: BrokerNode[];
}

export interface PartitionMetadata {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface TopicMetadata {
  name: string;
  internal: boolean;
  partitions: PartitionMetadata[];
}

export interface PartitionWatermarks {
  partition: number;
  low: bigint;
  high: bigint;
}

export interface ConfigEntry {
  name: string;
  value: string | null;
  isDefault: boolean;
  readOnly: boolean;
  sensitive: boolean;
  /** True for a value set on the topic itself (an override), as opposed to a broker default. */
  isTopicOverride: boolean;
}

export interface NewTopic {
  name: string;
  partitions: number;
  replicationFactor: number;
  configs: Record<string, string>;
}

export interface AdminOperations {
  describeCluster(): Promise<ClusterDescription>;
  /** Metadata of every topic, or of the named ones. */
  topicMetadata(topics?: string[]): Promise<TopicMetadata[]>;
  watermarks(topic: string): Promise<PartitionWatermarks[]>;
  /** Bytes on disk per topic, over all replicas; null when the cluster or client cannot tell. */
  topicSizes(): Promise<Map<string, bigint> | null>;
  createTopic(topic: NewTopic): Promise<void>;
  deleteTopic(topic: string): Promise<void>;
  /** Grows the topic to `totalPartitions`. */
  createPartitions(topic: string, totalPartitions: number): Promise<void>;
  topicConfigs(topic: string): Promise<ConfigEntry[]>;
  /** Replaces the topic's overrides with exactly `overrides` (the AlterConfigs semantics). */
  replaceTopicConfigs(topic: string, overrides: Record<string, string>): Promise<void>;
}

export interface OutgoingRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: { key: string; value: Buffer }[];
  /** Absent: the default partitioner picks one (murmur2 of the key, as Java does). */
  partition?: number;
}

export interface DeliveredRecord {
  partition: number;
  offset: bigint;
}

export interface Producer {
  /** Sends the records in one request per partition; answers in the records' order. */
  send(topic: string, records: OutgoingRecord[]): Promise<DeliveredRecord[]>;
}

export interface KafkaClient {
  readonly admin: AdminOperations;
  /** A connected producer, created on first use and kept. */
  producer(): Promise<Producer>;
  /** Disconnects everything this client opened. */
  close(): Promise<void>;
}
