// Resolved broker configuration. Keys follow Kafka's server.properties names;
// parse-broker-config.ts turns `key=value` pairs into this shape, applying
// Kafka's defaults and rejecting unknown keys or bad values.

export interface BrokerConfig {
  /** node.id */
  nodeId: number;
  /** num.partitions */
  numPartitions: number;
  /** auto.create.topics.enable */
  autoCreateTopicsEnable: boolean;
  /** delete.topic.enable */
  deleteTopicEnable: boolean;
  /** message.max.bytes: the largest record batch the broker accepts (topic override: max.message.bytes) */
  messageMaxBytes: number;
  /** socket.request.max.bytes: larger frames close the connection */
  socketRequestMaxBytes: number;
  /** fetch.max.bytes: caps a Fetch request's max_bytes */
  fetchMaxBytes: number;
  /** log.retention.ms (derived from log.retention.{ms,minutes,hours} as Kafka does); -1 = forever */
  logRetentionMs: number;
  /** log.retention.bytes; -1 = unlimited */
  logRetentionBytes: number;
  /** log.segment.bytes */
  logSegmentBytes: number;
  /** log.roll.ms (derived from log.roll.{ms,hours}) */
  logRollMs: number;
  /** log.index.interval.bytes */
  logIndexIntervalBytes: number;
  /** log.flush.interval.messages; Number.MAX_SAFE_INTEGER means "leave flushing to the OS" */
  logFlushIntervalMessages: number;
  /** log.retention.check.interval.ms */
  logRetentionCheckIntervalMs: number;
  /** log.message.timestamp.type: CreateTime or LogAppendTime */
  logMessageTimestampType: 'CreateTime' | 'LogAppendTime';
  /** group.initial.rebalance.delay.ms: how long a new group waits for more members */
  groupInitialRebalanceDelayMs: number;
  /** group.min.session.timeout.ms */
  groupMinSessionTimeoutMs: number;
  /** group.max.session.timeout.ms */
  groupMaxSessionTimeoutMs: number;
  /** group.max.size */
  groupMaxSize: number;
  /** offset.metadata.max.bytes: longest commit metadata (OFFSET_METADATA_TOO_LARGE beyond) */
  offsetMetadataMaxBytes: number;
  /** offsets.retention.minutes, in milliseconds */
  offsetsRetentionMs: number;
  /** offsets.retention.check.interval.ms */
  offsetsRetentionCheckIntervalMs: number;
  /** sasl.users and sasl.enabled.mechanisms; null when SASL is off. */
  sasl: import('../security/sasl-settings.js').SaslSettings | null;
  /**
   * Where the partition logs live (startBroker's dataDir), or null when they
   * are kept in memory. Not a config pair: the server passes it to
   * parseBrokerConfig. Reported by DescribeLogDirs.
   */
  logDir: string | null;
  /** The pairs exactly as the user gave them, for DescribeConfigs' config source. */
  overrides: Readonly<Record<string, string>>;
}
