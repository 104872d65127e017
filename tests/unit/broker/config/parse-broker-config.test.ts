import { describe, expect, it } from 'vitest';
import { BROKER_CONFIG_BY_NAME } from '../../../../src/broker/config/broker-config-definitions.js';
import { ConfigError } from '../../../../src/broker/config/config-error.js';
import { ConfigSource } from '../../../../src/broker/config/config-values.js';
import { describeBrokerConfig } from '../../../../src/broker/config/describe-broker-config.js';
import { parseBrokerConfig } from '../../../../src/broker/config/parse-broker-config.js';

function configErrorOf(pairs: Record<string, string>): ConfigError {
  try {
    parseBrokerConfig(pairs);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseBrokerConfig', () => {
  it("applies Kafka's defaults when nothing is given", () => {
    const config = parseBrokerConfig({});
    expect(config).toMatchObject({
      nodeId: 1,
      numPartitions: 1,
      autoCreateTopicsEnable: true,
      deleteTopicEnable: true,
      messageMaxBytes: 1048588,
      socketRequestMaxBytes: 104857600,
      fetchMaxBytes: 57671680,
      logRetentionMs: 168 * 3_600_000,
      logRetentionBytes: -1,
      logSegmentBytes: 1073741824,
      logRollMs: 168 * 3_600_000,
      logIndexIntervalBytes: 4096,
      logFlushIntervalMessages: Number.MAX_SAFE_INTEGER,
      logRetentionCheckIntervalMs: 300000,
      logMessageTimestampType: 'CreateTime',
      groupInitialRebalanceDelayMs: 100,
      groupMinSessionTimeoutMs: 6000,
      groupMaxSessionTimeoutMs: 1800000,
      offsetMetadataMaxBytes: 4096,
      offsetsRetentionMs: 7 * 24 * 3_600_000,
      offsetsRetentionCheckIntervalMs: 600_000,
    });
    expect(config.overrides).toEqual({});
  });

  it('reads the given keys and keeps them, trimmed, as overrides', () => {
    const config = parseBrokerConfig({
      'num.partitions': ' 3 ',
      'auto.create.topics.enable': 'FALSE',
      'delete.topic.enable': 'false',
      'log.message.timestamp.type': 'LogAppendTime',
      'node.id': '7',
    });
    expect(config.numPartitions).toBe(3);
    expect(config.autoCreateTopicsEnable).toBe(false);
    expect(config.deleteTopicEnable).toBe(false);
    expect(config.logMessageTimestampType).toBe('LogAppendTime');
    expect(config.nodeId).toBe(7);
    expect(config.overrides['num.partitions']).toBe('3');
  });

  describe('retention precedence: ms over minutes over hours', () => {
    it.each([
      [{ 'log.retention.hours': '2' }, 2 * 3_600_000],
      [{ 'log.retention.hours': '2', 'log.retention.minutes': '5' }, 5 * 60_000],
      [{ 'log.retention.hours': '2', 'log.retention.minutes': '5', 'log.retention.ms': '1234' }, 1234],
      [{ 'log.retention.ms': '-1', 'log.retention.hours': '2' }, -1],
      [{ 'log.retention.minutes': '-5' }, -1],
      [{ 'log.retention.hours': '-1' }, -1],
    ])('%j → %d ms', (pairs, expected) => {
      expect(parseBrokerConfig(pairs).logRetentionMs).toBe(expected);
    });
  });

  it('prefers log.roll.ms over log.roll.hours', () => {
    expect(parseBrokerConfig({ 'log.roll.hours': '1' }).logRollMs).toBe(3_600_000);
    expect(parseBrokerConfig({ 'log.roll.hours': '1', 'log.roll.ms': '500' }).logRollMs).toBe(500);
  });

  it('clamps Long.MAX_VALUE settings to Number.MAX_SAFE_INTEGER', () => {
    expect(parseBrokerConfig({ 'log.flush.interval.messages': '9223372036854775807' }).logFlushIntervalMessages).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseBrokerConfig({ 'log.flush.interval.messages': '1000' }).logFlushIntervalMessages).toBe(1000);
  });

  it('rejects an unknown key, naming it and suggesting the closest one', () => {
    const error = configErrorOf({ 'num.partition': '3' });
    expect(error.key).toBe('num.partition');
    expect(error.message).toContain('Unknown broker config "num.partition"');
    expect(error.message).toContain('Did you mean num.partitions?');
  });

  it('points keys set another way to the option that sets them', () => {
    expect(configErrorOf({ 'log.dirs': '/tmp/x' }).message).toContain('--data-dir');
    expect(configErrorOf({ listeners: 'PLAINTEXT://:9092' }).message).toContain('--port');
  });

  it.each([
    ['num.partitions', 'three', 'a whole number of at least 1'],
    ['num.partitions', '0', 'a whole number of at least 1'],
    ['num.partitions', '1.5', 'a whole number'],
    ['auto.create.topics.enable', 'yes', 'true or false'],
    ['log.message.timestamp.type', 'createtime', 'one of CreateTime, LogAppendTime'],
    ['message.max.bytes', '99999999999', 'a whole number'],
    ['default.replication.factor', '3', 'a whole number from 1 to 1'],
    ['log.cleanup.policy', 'delete,shred', 'a comma-separated list of delete, compact'],
  ])('rejects %s=%s with a readable message', (key, value, expected) => {
    const error = configErrorOf({ [key]: value });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.key).toBe(key);
    expect(error.message).toContain(key);
    expect(error.message).toContain(`"${value}"`);
    expect(error.message).toContain(expected);
  });

  it('rejects values that are not strings', () => {
    const error = configErrorOf({ 'num.partitions': 3 as unknown as string });
    expect(error.message).toContain('num.partitions');
  });

  it('accepts broker.id as the node id and refuses a disagreeing pair', () => {
    expect(parseBrokerConfig({ 'broker.id': '4' }).nodeId).toBe(4);
    expect(parseBrokerConfig({ 'broker.id': '-1' }).nodeId).toBe(1);
    expect(configErrorOf({ 'broker.id': '4', 'node.id': '5' }).message).toContain('must be equal');
  });

  it('refuses a minimum session timeout above the maximum', () => {
    expect(configErrorOf({ 'group.min.session.timeout.ms': '10', 'group.max.session.timeout.ms': '5' }).message).toContain('must not exceed');
  });
});

describe('describeBrokerConfig', () => {
  it('lists every accepted key with its source', () => {
    const entries = describeBrokerConfig(parseBrokerConfig({ 'num.partitions': '3' }));
    expect(entries).toHaveLength(BROKER_CONFIG_BY_NAME.size);
    const numPartitions = entries.find((entry) => entry.name === 'num.partitions')!;
    expect(numPartitions).toMatchObject({ value: '3', source: ConfigSource.STATIC_BROKER_CONFIG, readOnly: true, isDefault: false, configType: 3 });
    expect(numPartitions.synonyms).toEqual([
      { name: 'num.partitions', value: '3', source: ConfigSource.STATIC_BROKER_CONFIG },
      { name: 'num.partitions', value: '1', source: ConfigSource.DEFAULT_CONFIG },
    ]);
    const retentionMs = entries.find((entry) => entry.name === 'log.retention.ms')!;
    expect(retentionMs).toMatchObject({ value: null, source: ConfigSource.DEFAULT_CONFIG, isDefault: true });
  });
});
