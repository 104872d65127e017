import { describe, expect, it } from 'vitest';
import { BROKER_CONFIG_BY_NAME } from '../../../../src/broker/config/broker-config-definitions.js';
import { ConfigSource } from '../../../../src/broker/config/config-values.js';
import { parseBrokerConfig } from '../../../../src/broker/config/parse-broker-config.js';
import { TOPIC_CONFIG_DEFINITIONS } from '../../../../src/broker/config/topic-config-definitions.js';
import { describeTopicConfig, topicSettings, validateTopicConfigs } from '../../../../src/broker/config/topic-config.js';

const defaults = parseBrokerConfig({});

describe('topic config definitions', () => {
  it('name only broker synonyms the broker itself accepts', () => {
    for (const definition of TOPIC_CONFIG_DEFINITIONS) {
      for (const { key } of definition.brokerSynonyms) expect(BROKER_CONFIG_BY_NAME.has(key), `${definition.name} → ${key}`).toBe(true);
      expect(definition.kind.check(definition.defaultValue), definition.name).toBeNull();
    }
  });

  it('say so when a setting is only stored', () => {
    const compression = TOPIC_CONFIG_DEFINITIONS.find((d) => d.name === 'compression.type')!;
    expect(compression.applied).toBe(false);
    expect(compression.documentation).toContain('Only producer is honoured');
  });
});

describe('validateTopicConfigs', () => {
  it('accepts known configs with valid values, and null as unset', () => {
    expect(validateTopicConfigs({ 'retention.ms': '-1', 'cleanup.policy': 'compact,delete', 'compression.type': 'zstd', 'min.cleanable.dirty.ratio': '0.1', 'flush.ms': null })).toBeNull();
  });

  it.each([
    [{ 'retention.milliseconds': '1' }, 'retention.milliseconds', 'Unknown topic config name'],
    [{ 'retention.ms': '-2' }, 'retention.ms', 'a whole number of at least -1'],
    [{ 'segment.bytes': 'big' }, 'segment.bytes', 'a whole number'],
    [{ 'cleanup.policy': 'archive' }, 'cleanup.policy', 'delete, compact'],
    [{ 'message.timestamp.type': 'Now' }, 'message.timestamp.type', 'CreateTime, LogAppendTime'],
    [{ 'min.cleanable.dirty.ratio': '2' }, 'min.cleanable.dirty.ratio', 'a number from 0 to 1'],
    [{ 'min.compaction.lag.ms': '10', 'max.compaction.lag.ms': '5' }, 'min.compaction.lag.ms', 'must not exceed'],
  ])('refuses %j', (configs, name, text) => {
    const problem = validateTopicConfigs(configs);
    expect(problem?.name).toBe(name);
    expect(problem?.message).toContain(text);
  });
});

describe('topicSettings', () => {
  it('uses the broker defaults when the topic sets nothing', () => {
    expect(topicSettings(defaults, {})).toEqual({
      log: {
        segmentBytes: 1073741824,
        segmentMs: 604800000,
        retentionMs: 604800000,
        retentionBytes: -1,
        flushMessages: Number.MAX_SAFE_INTEGER,
        indexIntervalBytes: 4096,
      },
      maxMessageBytes: 1048588,
      timestampType: 'CreateTime',
      cleanupPolicy: 'delete',
    });
  });

  it('follows server.properties, including retention in hours', () => {
    const broker = parseBrokerConfig({ 'log.retention.hours': '1', 'log.segment.bytes': '2048', 'message.max.bytes': '500', 'log.cleanup.policy': 'compact', 'log.message.timestamp.type': 'LogAppendTime' });
    const settings = topicSettings(broker, { 'cleanup.policy': 'delete' });
    expect(settings.log.retentionMs).toBe(3_600_000);
    expect(settings.log.segmentBytes).toBe(2048);
    expect(settings.maxMessageBytes).toBe(500);
    expect(settings.timestampType).toBe('LogAppendTime');
  });

  it('lets topic overrides win', () => {
    const settings = topicSettings(defaults, { 'retention.ms': '1000', 'retention.bytes': '4096', 'segment.ms': '60000', 'max.message.bytes': '10', 'message.timestamp.type': 'LogAppendTime', 'flush.messages': '1' });
    expect(settings.log).toMatchObject({ retentionMs: 1000, retentionBytes: 4096, segmentMs: 60000, flushMessages: 1 });
    expect(settings.maxMessageBytes).toBe(10);
    expect(settings.timestampType).toBe('LogAppendTime');
  });

  it('keeps everything on a compact-only topic, since nothing here compacts', () => {
    const settings = topicSettings(defaults, { 'cleanup.policy': 'compact', 'retention.ms': '1000', 'retention.bytes': '10' });
    expect(settings.cleanupPolicy).toBe('compact');
    expect(settings.log.retentionMs).toBe(-1);
    expect(settings.log.retentionBytes).toBe(-1);
    expect(topicSettings(defaults, { 'cleanup.policy': 'compact, delete', 'retention.ms': '1000' }).log.retentionMs).toBe(1000);
  });

  it('ignores a stored override that no longer passes its check', () => {
    expect(topicSettings(defaults, { 'segment.bytes': 'garbage' }).log.segmentBytes).toBe(1073741824);
  });
});

describe('describeTopicConfig', () => {
  const broker = parseBrokerConfig({ 'log.retention.minutes': '30' });
  const entries = describeTopicConfig(broker, { 'cleanup.policy': 'compact' });
  const entry = (name: string) => entries.find((e) => e.name === name)!;

  it('lists every topic config in name order', () => {
    expect(entries.map((e) => e.name)).toEqual(TOPIC_CONFIG_DEFINITIONS.map((d) => d.name));
    expect([...entries.map((e) => e.name)].sort()).toEqual(entries.map((e) => e.name));
  });

  it('reports a topic override as DYNAMIC_TOPIC_CONFIG with its synonyms', () => {
    expect(entry('cleanup.policy')).toMatchObject({ value: 'compact', source: ConfigSource.DYNAMIC_TOPIC_CONFIG, isDefault: false, readOnly: false, isSensitive: false, configType: 7 });
    expect(entry('cleanup.policy').synonyms).toEqual([
      { name: 'cleanup.policy', value: 'compact', source: ConfigSource.DYNAMIC_TOPIC_CONFIG },
      { name: 'log.cleanup.policy', value: 'delete', source: ConfigSource.DEFAULT_CONFIG },
    ]);
  });

  it('reports a value from server.properties as STATIC_BROKER_CONFIG', () => {
    expect(entry('retention.ms')).toMatchObject({ value: String(30 * 60_000), source: ConfigSource.STATIC_BROKER_CONFIG, isDefault: true, configType: 5 });
    expect(entry('retention.ms').synonyms).toEqual([
      { name: 'log.retention.minutes', value: '30', source: ConfigSource.STATIC_BROKER_CONFIG },
      { name: 'log.retention.hours', value: '168', source: ConfigSource.DEFAULT_CONFIG },
    ]);
  });

  it("reports Kafka's default as DEFAULT_CONFIG", () => {
    expect(entry('segment.bytes')).toMatchObject({ value: '1073741824', source: ConfigSource.DEFAULT_CONFIG, configType: 3 });
    expect(entry('flush.messages').value).toBe('9223372036854775807');
    expect(entry('compression.type').value).toBe('producer');
  });
});
