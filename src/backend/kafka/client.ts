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

export interface GroupListing {
  groupId: string;
  protocolType: string;
}

export interface GroupMemberDescription {
  memberId: string;
  clientId: string;
  host: string;
  /** Static membership's group.instance.id; null for dynamic members (or brokers below DescribeGroups v4). */
  groupInstanceId: string | null;
  /** Topics the member subscribed to, from its consumer-protocol metadata; empty when not a consumer group. */
  subscription: string[];
  /** Its partitions, decoded with the consumer protocol; empty while unassigned or not a consumer group. */
  assignment: { topic: string; partitions: number[] }[];
}

export interface GroupDescription {
  groupId: string;
  /** As the coordinator says it: Empty, Stable, PreparingRebalance, CompletingRebalance, Dead. */
  state: string;
  protocolType: string;
  protocol: string;
  members: GroupMemberDescription[];
}

export interface CommittedOffset {
  topic: string;
  partition: number;
  offset: bigint;
}

export interface GroupOperations {
  list(): Promise<GroupListing[]>;
  describe(groupId: string): Promise<GroupDescription>;
  /** Every committed offset of the group; partitions without a commit are absent. */
  committedOffsets(groupId: string): Promise<CommittedOffset[]>;
  /** Commits as the group's admin (no member, no generation): refused by the broker while the group has members. */
  commitOffsets(groupId: string, topic: string, offsets: { partition: number; offset: bigint }[]): Promise<void>;
  delete(groupId: string): Promise<void>;
}

export interface FetchedRecord {
  offset: bigint;
  timestamp: bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: { key: string; value: Buffer | null }[];
}

export interface FetchedPartition {
  partition: number;
  /** Kafka's error code for this partition; 0 when it answered. */
  errorCode: number;
  highWatermark: bigint;
  /** The offset to fetch next: past the last batch returned, control batches included. */
  nextOffset: bigint;
  records: FetchedRecord[];
}

export interface FetchRequest {
  topic: string;
  /** Where to read from, per partition. */
  positions: { partition: number; offset: bigint }[];
  /** How long the broker may wait for data. */
  maxWaitMs: number;
  /** Bytes per partition per request (the broker still returns one whole batch when it is bigger). */
  partitionMaxBytes: number;
}

/** Reading a topic without joining a group. */
export interface TopicReader {
  /** One Fetch per partition leader; records read uncommitted, control records left out. */
  fetch(request: FetchRequest): Promise<FetchedPartition[]>;
  /** Per partition, the first offset whose timestamp is at or after `timestamp`; null where no record is. */
  offsetsForTimestamp(topic: string, timestamp: bigint, partitions: number[]): Promise<Map<number, bigint | null>>;
  /** Log start and end of the given partitions, refreshing the client's metadata when a partition is new to it. */
  watermarks(topic: string, partitions: number[]): Promise<PartitionWatermarks[]>;
}

export interface KafkaClient {
  readonly admin: AdminOperations;
  readonly groups: GroupOperations;
  readonly reader: TopicReader;
  /** A connected producer, created on first use and kept. */
  producer(): Promise<Producer>;
  /** Disconnects everything this client opened. */
  close(): Promise<void>;
}
