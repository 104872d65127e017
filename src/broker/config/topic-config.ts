// Per-topic configuration: validating overrides, resolving the effective value
// of each setting (topic override, else the broker's server.properties, else
// Kafka's default), and describing it the way DescribeConfigs reports it.
import type { LogConfig } from '../storage/types.js';
import { BROKER_CONFIG_BY_NAME } from './broker-config-definitions.js';
import type { ConfigEntryDescription, ConfigSynonymDescription } from './config-entry.js';
import { CONFIG_TYPE_CODES, ConfigSource, formatWholeNumber, parseWholeNumber, splitList } from './config-values.js';
import { TOPIC_CONFIG_BY_NAME, TOPIC_CONFIG_DEFINITIONS, type TopicConfigDefinition } from './topic-config-definitions.js';
import type { BrokerConfig } from './types.js';

export type TopicConfigOverrides = Readonly<Record<string, string>>;

export interface TopicConfigProblem {
  /** The offending config name. */
  readonly name: string;
  readonly message: string;
}

export interface TopicSettings {
  readonly log: LogConfig;
  readonly maxMessageBytes: number;
  readonly timestampType: 'CreateTime' | 'LogAppendTime';
  /** Normalised list, e.g. "delete" or "compact,delete". */
  readonly cleanupPolicy: string;
}

/**
 * Broker settings that BrokerConfig already resolved (with Kafka's precedence
 * rules); reading them keeps topic defaults consistent with what the broker
 * itself uses, even for a BrokerConfig built without parseBrokerConfig.
 */
const RESOLVED_BROKER_VALUES: Readonly<Record<string, (broker: BrokerConfig) => string>> = {
  'retention.ms': (broker) => formatWholeNumber(broker.logRetentionMs),
  'retention.bytes': (broker) => formatWholeNumber(broker.logRetentionBytes),
  'segment.bytes': (broker) => String(broker.logSegmentBytes),
  'segment.ms': (broker) => formatWholeNumber(broker.logRollMs),
  'flush.messages': (broker) => formatWholeNumber(broker.logFlushIntervalMessages),
  'index.interval.bytes': (broker) => String(broker.logIndexIntervalBytes),
  'max.message.bytes': (broker) => String(broker.messageMaxBytes),
  'message.timestamp.type': (broker) => broker.logMessageTimestampType,
};

/** Checks names and values; null when every pair is acceptable. Null values mean "unset" and pass. */
export function validateTopicConfigs(configs: Readonly<Record<string, string | null>>): TopicConfigProblem | null {
  for (const [name, value] of Object.entries(configs)) {
    const definition = TOPIC_CONFIG_BY_NAME.get(name);
    if (!definition) return { name, message: `Unknown topic config name: ${name}.` };
    if (value === null) continue;
    const expected = definition.kind.check(value);
    if (expected !== null) return { name, message: `Invalid value "${value}" for topic config ${name}: expected ${expected}.` };
  }
  const minLag = configs['min.compaction.lag.ms'];
  const maxLag = configs['max.compaction.lag.ms'];
  if (minLag != null && maxLag != null && BigInt(minLag.trim()) > BigInt(maxLag.trim())) {
    return { name: 'min.compaction.lag.ms', message: `min.compaction.lag.ms (${minLag}) must not exceed max.compaction.lag.ms (${maxLag}).` };
  }
  return null;
}

/** The value this topic runs with, as text. Throws for a name that is not a topic config. */
export function effectiveTopicConfigValue(broker: BrokerConfig, overrides: TopicConfigOverrides, name: string): string {
  const definition = TOPIC_CONFIG_BY_NAME.get(name);
  if (!definition) throw new Error(`Unknown topic config name: ${name}`);
  const override = overrides[name];
  // A stored override that no longer passes its check (written by an older
  // version) must not stop the topic from loading; the broker's value applies.
  if (override !== undefined && definition.kind.check(override) === null) return override.trim();
  return brokerLevelValue(definition, broker);
}

export function topicSettings(broker: BrokerConfig, overrides: TopicConfigOverrides): TopicSettings {
  const value = (name: string) => effectiveTopicConfigValue(broker, overrides, name);
  const number = (name: string) => parseWholeNumber(value(name));
  const policies = splitList(value('cleanup.policy'));
  // Without "delete" Kafka never removes data by age or size; since this broker
  // does not compact, a compact-only topic simply keeps everything.
  const deletes = policies.includes('delete');
  return {
    log: {
      segmentBytes: number('segment.bytes'),
      segmentMs: number('segment.ms'),
      retentionMs: deletes ? number('retention.ms') : -1,
      retentionBytes: deletes ? number('retention.bytes') : -1,
      flushMessages: number('flush.messages'),
      indexIntervalBytes: number('index.interval.bytes'),
    },
    maxMessageBytes: number('max.message.bytes'),
    timestampType: value('message.timestamp.type') === 'LogAppendTime' ? 'LogAppendTime' : 'CreateTime',
    cleanupPolicy: policies.join(','),
  };
}

/** Every known topic config, in name order, with value, source and synonyms. */
export function describeTopicConfig(broker: BrokerConfig, overrides: TopicConfigOverrides): ConfigEntryDescription[] {
  return TOPIC_CONFIG_DEFINITIONS.map((definition) => describeOne(definition, broker, overrides));
}

function describeOne(definition: TopicConfigDefinition, broker: BrokerConfig, overrides: TopicConfigOverrides): ConfigEntryDescription {
  const override = overrides[definition.name];
  const staticKeys = definition.brokerSynonyms.filter(({ key }) => broker.overrides[key] !== undefined);
  const source = override !== undefined
    ? ConfigSource.DYNAMIC_TOPIC_CONFIG
    : staticKeys.length > 0 ? ConfigSource.STATIC_BROKER_CONFIG : ConfigSource.DEFAULT_CONFIG;

  const synonyms: ConfigSynonymDescription[] = [];
  if (override !== undefined) synonyms.push({ name: definition.name, value: override, source: ConfigSource.DYNAMIC_TOPIC_CONFIG });
  for (const { key } of staticKeys) synonyms.push({ name: key, value: broker.overrides[key]!, source: ConfigSource.STATIC_BROKER_CONFIG });
  for (const { key } of definition.brokerSynonyms) {
    const brokerDefault = BROKER_CONFIG_BY_NAME.get(key)?.defaultValue;
    if (brokerDefault != null) synonyms.push({ name: key, value: brokerDefault, source: ConfigSource.DEFAULT_CONFIG });
  }

  return {
    name: definition.name,
    value: effectiveTopicConfigValue(broker, overrides, definition.name),
    readOnly: false,
    source,
    isDefault: override === undefined,
    isSensitive: false,
    synonyms,
    configType: CONFIG_TYPE_CODES[definition.kind.type],
    documentation: definition.documentation,
  };
}

function brokerLevelValue(definition: TopicConfigDefinition, broker: BrokerConfig): string {
  const resolved = RESOLVED_BROKER_VALUES[definition.name];
  if (resolved) return resolved(broker);
  for (const { key, factor } of definition.brokerSynonyms) {
    const given = broker.overrides[key];
    if (given === undefined) continue;
    return factor === 1 ? given.trim() : String(BigInt(given.trim()) * BigInt(factor));
  }
  return definition.defaultValue;
}
