// Turns server.properties-style pairs into the resolved BrokerConfig, applying
// Kafka's defaults and its precedence rules (log.retention.ms over .minutes
// over .hours; log.roll.ms over .hours). Anything we would have to guess about
// is refused with a ConfigError naming the key and the accepted form.
import { BROKER_CONFIG_BY_NAME, BROKER_CONFIG_DEFINITIONS, KEYS_SET_ELSEWHERE } from './broker-config-definitions.js';
import { ConfigError } from './config-error.js';
import { parseBoolean, parseWholeNumber } from './config-values.js';
import { SASL_MECHANISMS_KEY, SASL_USERS_KEY, resolveSaslSettings } from '../security/sasl-settings.js';
import type { BrokerConfig } from './types.js';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;

export interface BrokerConfigContext {
  /** The data directory, or null (the default) when the log lives in memory. */
  readonly logDir?: string | null;
}

export function parseBrokerConfig(pairs: Readonly<Record<string, string>>, context: BrokerConfigContext = {}): BrokerConfig {
  const given = checkPairs(pairs);
  const text = (name: string): string | null => given[name] ?? BROKER_CONFIG_BY_NAME.get(name)?.defaultValue ?? null;
  const number = (name: string): number => parseWholeNumber(text(name)!);
  const optionalNumber = (name: string): number | null => (text(name) === null ? null : number(name));

  const config: BrokerConfig = {
    nodeId: resolveNodeId(given),
    numPartitions: number('num.partitions'),
    autoCreateTopicsEnable: parseBoolean(text('auto.create.topics.enable')!),
    deleteTopicEnable: parseBoolean(text('delete.topic.enable')!),
    messageMaxBytes: number('message.max.bytes'),
    socketRequestMaxBytes: number('socket.request.max.bytes'),
    fetchMaxBytes: number('fetch.max.bytes'),
    logRetentionMs: retentionMs(optionalNumber('log.retention.ms'), optionalNumber('log.retention.minutes'), number('log.retention.hours')),
    logRetentionBytes: number('log.retention.bytes'),
    logSegmentBytes: number('log.segment.bytes'),
    logRollMs: optionalNumber('log.roll.ms') ?? number('log.roll.hours') * MS_PER_HOUR,
    logIndexIntervalBytes: number('log.index.interval.bytes'),
    logFlushIntervalMessages: number('log.flush.interval.messages'),
    logRetentionCheckIntervalMs: number('log.retention.check.interval.ms'),
    logMessageTimestampType: text('log.message.timestamp.type') === 'LogAppendTime' ? 'LogAppendTime' : 'CreateTime',
    groupInitialRebalanceDelayMs: number('group.initial.rebalance.delay.ms'),
    groupMinSessionTimeoutMs: number('group.min.session.timeout.ms'),
    groupMaxSessionTimeoutMs: number('group.max.session.timeout.ms'),
    groupMaxSize: number('group.max.size'),
    offsetMetadataMaxBytes: number('offset.metadata.max.bytes'),
    offsetsRetentionMs: number('offsets.retention.minutes') * MS_PER_MINUTE,
    offsetsRetentionCheckIntervalMs: number('offsets.retention.check.interval.ms'),
    sasl: resolveSaslSettings(given[SASL_USERS_KEY] ?? null, given[SASL_MECHANISMS_KEY] ?? null),
    logDir: context.logDir ?? null,
    overrides: Object.freeze({ ...given }),
  };
  if (config.groupMinSessionTimeoutMs > config.groupMaxSessionTimeoutMs) {
    throw new ConfigError(
      'group.min.session.timeout.ms',
      `group.min.session.timeout.ms (${config.groupMinSessionTimeoutMs}) must not exceed group.max.session.timeout.ms (${config.groupMaxSessionTimeoutMs}).`,
    );
  }
  return config;
}

/** Kafka's rule: the most precise unit that is set wins, and any negative result means "forever". */
function retentionMs(ms: number | null, minutes: number | null, hours: number): number {
  const millis = ms ?? (minutes !== null ? minutes * MS_PER_MINUTE : hours * MS_PER_HOUR);
  return millis < 0 ? -1 : millis;
}

function resolveNodeId(given: Readonly<Record<string, string>>): number {
  const nodeId = given['node.id'] === undefined ? null : parseWholeNumber(given['node.id']);
  const brokerId = given['broker.id'] === undefined ? -1 : parseWholeNumber(given['broker.id']);
  if (nodeId !== null && brokerId >= 0 && nodeId !== brokerId) {
    throw new ConfigError('broker.id', `broker.id (${brokerId}) and node.id (${nodeId}) must be equal when both are set.`);
  }
  return nodeId ?? (brokerId >= 0 ? brokerId : 1);
}

function checkPairs(pairs: Readonly<Record<string, string>>): Record<string, string> {
  const given: Record<string, string> = {};
  for (const [rawKey, value] of Object.entries(pairs)) {
    const key = rawKey.trim();
    const definition = BROKER_CONFIG_BY_NAME.get(key);
    if (!definition) throw new ConfigError(key, unknownKeyMessage(key));
    // Callers from plain JavaScript (the CLI, app settings) may hand us numbers or booleans.
    if (typeof value !== 'string') {
      throw new ConfigError(key, `Invalid value for ${key}: expected a string such as "${definition.defaultValue ?? '1'}", got ${typeof value}.`);
    }
    const expected = definition.kind.check(value);
    if (expected !== null) throw new ConfigError(key, `Invalid value "${value}" for ${key}: expected ${expected}.`);
    given[key] = value.trim();
  }
  return given;
}

function unknownKeyMessage(key: string): string {
  const elsewhere = KEYS_SET_ELSEWHERE[key];
  if (elsewhere) return `Broker config ${key} is not read from the config pairs: ${elsewhere}.`;
  const suggestion = closestKnownKey(key);
  const hint = suggestion ? ` Did you mean ${suggestion}?` : '';
  return `Unknown broker config "${key}".${hint} Accepted keys are Kafka server.properties names: ${BROKER_CONFIG_DEFINITIONS.map((d) => d.name).join(', ')}.`;
}

function closestKnownKey(key: string): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(key.length / 6)) + 1;
  for (const { name } of BROKER_CONFIG_DEFINITIONS) {
    const distance = editDistance(key, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
