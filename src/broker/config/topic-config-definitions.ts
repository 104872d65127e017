// The per-topic configs this broker knows: the ones Kafka UIs show and tools
// set. Each names the broker keys that supply its default (highest precedence
// first), so an unset topic config follows the broker's server.properties as
// it does in Kafka.
import { CLEANUP_POLICIES, COMPRESSION_TYPES, TIMESTAMP_TYPES } from './broker-config-definitions.js';
import {
  LONG_MAX,
  anyLong,
  booleanValue,
  doubleBetween,
  intBetween,
  listOf,
  longAtLeast,
  oneOf,
  throttledReplicasList,
  type ValueKind,
} from './config-values.js';

export interface BrokerSynonym {
  readonly key: string;
  /** Multiplies the broker key's value into the topic config's unit (hours → ms). */
  readonly factor: number;
}

export interface TopicConfigDefinition {
  readonly name: string;
  readonly kind: ValueKind;
  readonly brokerSynonyms: readonly BrokerSynonym[];
  /** The value when neither the topic nor the broker sets it: Kafka's default. */
  readonly defaultValue: string;
  /** False for settings that are stored and reported but change nothing here. */
  readonly applied: boolean;
  readonly documentation: string;
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const NOT_APPLIED = ' Stored and reported; this broker does not act on it.';

function topicConfig(
  name: string,
  kind: ValueKind,
  synonyms: readonly (string | BrokerSynonym)[],
  defaultValue: string,
  applied: boolean,
  documentation: string,
): TopicConfigDefinition {
  return {
    name,
    kind,
    brokerSynonyms: synonyms.map((synonym) => (typeof synonym === 'string' ? { key: synonym, factor: 1 } : synonym)),
    defaultValue,
    applied,
    documentation: applied ? documentation : documentation + NOT_APPLIED,
  };
}

export const TOPIC_CONFIG_DEFINITIONS: readonly TopicConfigDefinition[] = [
  topicConfig('cleanup.policy', listOf(CLEANUP_POLICIES), ['log.cleanup.policy'], 'delete', true,
    'delete: old segments are removed by retention. compact alone keeps every segment (compaction itself is not performed here).'),
  topicConfig('compression.type', oneOf(COMPRESSION_TYPES), ['compression.type'], 'producer', false,
    'Codec for stored batches. Only producer is honoured: batches are kept exactly as the producer compressed them.'),
  topicConfig('delete.retention.ms', longAtLeast(0), ['log.cleaner.delete.retention.ms'], '86400000', false,
    'How long delete markers stay in a compacted topic.'),
  topicConfig('file.delete.delay.ms', longAtLeast(0), ['log.segment.delete.delay.ms'], '60000', false,
    'Delay before a segment removed from the log is deleted from disk.'),
  topicConfig('flush.messages', longAtLeast(1), ['log.flush.interval.messages'], LONG_MAX, true,
    'Force an fsync after this many messages; the default leaves flushing to the OS.'),
  topicConfig('flush.ms', longAtLeast(0), ['log.flush.interval.ms'], LONG_MAX, false,
    'Force an fsync when unflushed data is older than this.'),
  topicConfig('follower.replication.throttled.replicas', throttledReplicasList, [], '', false,
    'Replicas whose follower replication is throttled.'),
  topicConfig('index.interval.bytes', intBetween(0), ['log.index.interval.bytes'], '4096', true,
    'Bytes of log between two entries of the sparse offset index.'),
  topicConfig('leader.replication.throttled.replicas', throttledReplicasList, [], '', false,
    'Replicas whose leader-side replication is throttled.'),
  topicConfig('max.compaction.lag.ms', longAtLeast(1), ['log.cleaner.max.compaction.lag.ms'], LONG_MAX, false,
    'Longest time a record may stay uncompacted.'),
  topicConfig('max.message.bytes', intBetween(0), ['message.max.bytes'], '1048588', true,
    'Largest record batch a producer may append to this topic.'),
  topicConfig('message.timestamp.after.max.ms', longAtLeast(0), ['log.message.timestamp.after.max.ms'], LONG_MAX, false,
    'Accepted distance of a record timestamp into the future.'),
  topicConfig('message.timestamp.before.max.ms', longAtLeast(0), ['log.message.timestamp.before.max.ms'], LONG_MAX, false,
    'Accepted distance of a record timestamp into the past.'),
  topicConfig('message.timestamp.type', oneOf(TIMESTAMP_TYPES), ['log.message.timestamp.type'], 'CreateTime', true,
    'CreateTime keeps the producer\'s timestamps; LogAppendTime stamps each batch with the broker\'s clock.'),
  topicConfig('min.cleanable.dirty.ratio', doubleBetween(0, 1), ['log.cleaner.min.cleanable.ratio'], '0.5', false,
    'Share of uncompacted log that triggers compaction.'),
  topicConfig('min.compaction.lag.ms', longAtLeast(0), ['log.cleaner.min.compaction.lag.ms'], '0', false,
    'Shortest time a record stays uncompacted.'),
  topicConfig('min.insync.replicas', intBetween(1), ['min.insync.replicas'], '1', false,
    'Replicas that must acknowledge an acks=all write; a single node always counts as one.'),
  topicConfig('preallocate', booleanValue, ['log.preallocate'], 'false', false,
    'Preallocate segment files on disk.'),
  topicConfig('retention.bytes', anyLong, ['log.retention.bytes'], '-1', true,
    'Per-partition size above which the oldest segments are deleted; -1 for no limit.'),
  topicConfig('retention.ms', longAtLeast(-1),
    ['log.retention.ms', { key: 'log.retention.minutes', factor: MINUTE_MS }, { key: 'log.retention.hours', factor: HOUR_MS }],
    '604800000', true, 'Age after which whole segments are deleted; -1 keeps data forever.'),
  topicConfig('segment.bytes', intBetween(14), ['log.segment.bytes'], '1073741824', true,
    'Segment file size at which a new segment is started.'),
  topicConfig('segment.index.bytes', intBetween(4), ['log.index.size.max.bytes'], '10485760', false,
    'Largest size of one offset index file.'),
  topicConfig('segment.jitter.ms', longAtLeast(0), ['log.roll.jitter.ms', { key: 'log.roll.jitter.hours', factor: HOUR_MS }], '0', false,
    'Random reduction of segment.ms so segments do not all roll at once.'),
  topicConfig('segment.ms', longAtLeast(1), ['log.roll.ms', { key: 'log.roll.hours', factor: HOUR_MS }], '604800000', true,
    'Segment age at which a new segment is started, so retention can delete it.'),
  topicConfig('unclean.leader.election.enable', booleanValue, ['unclean.leader.election.enable'], 'false', false,
    'Allow an out-of-sync replica to become leader.'),
];

export const TOPIC_CONFIG_BY_NAME: ReadonlyMap<string, TopicConfigDefinition> = new Map(
  TOPIC_CONFIG_DEFINITIONS.map((definition) => [definition.name, definition]),
);
