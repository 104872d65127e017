// Every server.properties key this broker accepts, with Kafka's default, the
// value check, and a one-line description. DescribeConfigs of the BROKER
// resource lists exactly this table.
import {
  LONG_MAX,
  anyInt,
  anyLong,
  booleanValue,
  doubleBetween,
  intBetween,
  listOf,
  longAtLeast,
  oneOf,
  type ValueKind,
} from './config-values.js';
import { SASL_MECHANISMS, checkSaslUsers } from '../security/sasl-settings.js';

export interface BrokerConfigDefinition {
  readonly name: string;
  readonly kind: ValueKind;
  /** Kafka's default as text; null where Kafka has none (a derived or optional key). */
  readonly defaultValue: string | null;
  /**
   * Always true: this broker takes no dynamic broker configs (AlterConfigs on
   * the BROKER resource is refused), so nothing can change while it runs.
   */
  readonly readOnly: boolean;
  readonly documentation: string;
  /** A secret: DescribeConfigs reports it as sensitive and never shows its value. */
  readonly sensitive?: boolean;
}

export const COMPRESSION_TYPES = ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'] as const;
export const TIMESTAMP_TYPES = ['CreateTime', 'LogAppendTime'] as const;
export const CLEANUP_POLICIES = ['delete', 'compact'] as const;

const saslUsers: ValueKind = { type: 'password', check: checkSaslUsers };

function key(name: string, kind: ValueKind, defaultValue: string | null, documentation: string): BrokerConfigDefinition {
  return { name, kind, defaultValue, readOnly: true, documentation };
}

export const BROKER_CONFIG_DEFINITIONS: readonly BrokerConfigDefinition[] = [
  key('node.id', intBetween(0), '1', 'This broker\'s id, reported in Metadata and as the controller.'),
  key('broker.id', intBetween(-1), null, 'Older name of node.id; when both are set they must agree.'),
  key('num.partitions', intBetween(1), '1', 'Partition count for auto-created topics and for CreateTopics with num_partitions -1.'),
  key('default.replication.factor', intBetween(1, 1), '1', 'Always 1: this broker is a single node.'),
  key('auto.create.topics.enable', booleanValue, 'true', 'Create a topic when a client asks for its metadata or produces to it.'),
  key('delete.topic.enable', booleanValue, 'true', 'Allow DeleteTopics; when false it answers TOPIC_DELETION_DISABLED.'),
  key('message.max.bytes', intBetween(0), '1048588', 'Largest record batch accepted; topic override max.message.bytes.'),
  key('socket.request.max.bytes', intBetween(1), '104857600', 'Largest request frame; bigger frames close the connection.'),
  key('fetch.max.bytes', intBetween(0), '57671680', 'Upper bound on the bytes one Fetch response returns.'),
  key('log.retention.hours', anyInt, '168', 'Retention time in hours; used when log.retention.minutes and log.retention.ms are unset.'),
  key('log.retention.minutes', anyInt, null, 'Retention time in minutes; used when log.retention.ms is unset.'),
  key('log.retention.ms', anyLong, null, 'Retention time in milliseconds; -1 keeps data forever. Wins over minutes and hours.'),
  key('log.retention.bytes', anyLong, '-1', 'Per-partition size above which old segments are deleted; -1 for no limit.'),
  key('log.retention.check.interval.ms', longAtLeast(1), '300000', 'How often retention is enforced.'),
  key('log.segment.bytes', intBetween(14), '1073741824', 'Segment file size at which a new segment is started.'),
  key('log.roll.hours', intBetween(1), '168', 'Segment age at which a new segment is started, in hours; used when log.roll.ms is unset.'),
  key('log.roll.ms', longAtLeast(1), null, 'Segment age at which a new segment is started, in milliseconds.'),
  key('log.roll.jitter.hours', intBetween(0), '0', 'Random reduction of the roll age, in hours; used when log.roll.jitter.ms is unset.'),
  key('log.roll.jitter.ms', longAtLeast(0), null, 'Random reduction of the roll age, in milliseconds.'),
  key('log.index.interval.bytes', intBetween(0), '4096', 'Bytes of log between two entries of the sparse offset index.'),
  key('log.index.size.max.bytes', intBetween(4), '10485760', 'Largest size of one offset index file.'),
  key('log.flush.interval.messages', longAtLeast(1), LONG_MAX, 'Force an fsync after this many messages; the default leaves flushing to the OS.'),
  key('log.flush.interval.ms', longAtLeast(0), null, 'Force an fsync when data is older than this; unset leaves flushing to the OS.'),
  key('log.message.timestamp.type', oneOf(TIMESTAMP_TYPES), 'CreateTime', 'Whether record timestamps are the producer\'s (CreateTime) or the broker\'s (LogAppendTime).'),
  key('log.message.timestamp.before.max.ms', longAtLeast(0), LONG_MAX, 'Accepted distance of a record timestamp into the past (not enforced here).'),
  key('log.message.timestamp.after.max.ms', longAtLeast(0), LONG_MAX, 'Accepted distance of a record timestamp into the future (not enforced here).'),
  key('log.cleanup.policy', listOf(CLEANUP_POLICIES), 'delete', 'Default cleanup.policy of topics.'),
  key('log.cleaner.delete.retention.ms', longAtLeast(0), '86400000', 'Default delete.retention.ms of topics.'),
  key('log.cleaner.min.compaction.lag.ms', longAtLeast(0), '0', 'Default min.compaction.lag.ms of topics.'),
  key('log.cleaner.max.compaction.lag.ms', longAtLeast(1), LONG_MAX, 'Default max.compaction.lag.ms of topics.'),
  key('log.cleaner.min.cleanable.ratio', doubleBetween(0, 1), '0.5', 'Default min.cleanable.dirty.ratio of topics.'),
  key('log.segment.delete.delay.ms', longAtLeast(0), '60000', 'Default file.delete.delay.ms of topics.'),
  key('log.preallocate', booleanValue, 'false', 'Default preallocate of topics (not used here).'),
  key('compression.type', oneOf(COMPRESSION_TYPES), 'producer', 'Default compression.type of topics; only producer is honoured, batches are stored as sent.'),
  key('min.insync.replicas', intBetween(1), '1', 'Default min.insync.replicas of topics (a single node is always in sync with itself).'),
  key('unclean.leader.election.enable', booleanValue, 'false', 'Default unclean.leader.election.enable of topics (meaningless on one node).'),
  // Kafka waits 3 s; a desktop demo should feel instant, and 100 ms still lets
  // members started together land in one generation.
  key('group.initial.rebalance.delay.ms', intBetween(0), '100', 'How long a new group waits for more members before its first rebalance.'),
  key('group.min.session.timeout.ms', intBetween(0), '6000', 'Smallest session timeout a group member may ask for.'),
  key('group.max.session.timeout.ms', intBetween(0), '1800000', 'Largest session timeout a group member may ask for.'),
  key('group.max.size', intBetween(1), String(2 ** 31 - 1), 'Most members one consumer group may have.'),
  key('offset.metadata.max.bytes', intBetween(0), '4096', 'Largest metadata string stored with a committed offset.'),
  key('offsets.retention.minutes', intBetween(1), '10080', 'How long committed offsets of an empty group are kept.'),
  key('offsets.retention.check.interval.ms', intBetween(1), '600000', 'How often committed offsets are checked for expiry.'),
  key('offsets.topic.replication.factor', intBetween(1), '3', 'Accepted for server.properties compatibility; no effect on a single node.'),
  key('transaction.state.log.replication.factor', intBetween(1), '3', 'Accepted for server.properties compatibility; no effect on a single node.'),
  key('transaction.state.log.min.isr', intBetween(1), '2', 'Accepted for server.properties compatibility; no effect on a single node.'),
  key('num.network.threads', intBetween(1), '3', 'Accepted for server.properties compatibility; this broker runs on one event loop.'),
  key('num.io.threads', intBetween(1), '8', 'Accepted for server.properties compatibility; this broker runs on one event loop.'),
  key('num.recovery.threads.per.data.dir', intBetween(1), '1', 'Accepted for server.properties compatibility; no effect here.'),
  key('socket.send.buffer.bytes', intBetween(-1), '102400', 'Accepted for server.properties compatibility; the OS default is used.'),
  key('sasl.enabled.mechanisms', listOf(SASL_MECHANISMS), null,
    'SASL mechanisms offered when sasl.users is set: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 (all three when unset).'),
  { ...key('sasl.users', saslUsers, null, 'Users who may log in over SASL, as user:password pairs separated by commas; unset, SASL is off.'), sensitive: true },
  key('socket.receive.buffer.bytes', intBetween(-1), '102400', 'Accepted for server.properties compatibility; the OS default is used.'),
];

export const BROKER_CONFIG_BY_NAME: ReadonlyMap<string, BrokerConfigDefinition> = new Map(
  BROKER_CONFIG_DEFINITIONS.map((definition) => [definition.name, definition]),
);

/**
 * Keys people copy from a Kafka server.properties that this broker sets
 * another way; the unknown-key error points there instead.
 */
export const KEYS_SET_ELSEWHERE: Readonly<Record<string, string>> = {
  'listeners': 'the listen address is set with the port and host options of startBroker or the CLI (--port, --host)',
  'advertised.listeners': 'the advertised address is set with --advertised-host and --advertised-port',
  'log.dirs': 'the data directory is set with the dataDir option of startBroker or --data-dir',
  'log.dir': 'the data directory is set with the dataDir option of startBroker or --data-dir',
  'sasl.jaas.config': 'SASL users are listed in sasl.users as user:password pairs separated by commas',
  'ssl.keystore.location': 'TLS takes a PEM certificate and key: the tls option of startBroker, or --tls-cert and --tls-key',
};
