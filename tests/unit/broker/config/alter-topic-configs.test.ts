import { describe, expect, it } from 'vitest';
import { applyIncrementalTopicConfigs, ConfigOperation, replaceTopicConfigs } from '../../../../src/broker/config/alter-topic-configs.js';
import { parseBrokerConfig } from '../../../../src/broker/config/parse-broker-config.js';

const broker = parseBrokerConfig({});

describe('replaceTopicConfigs (AlterConfigs)', () => {
  it('returns exactly the given pairs, leaving null values unset', () => {
    expect(replaceTopicConfigs([{ name: 'retention.ms', value: '1000' }, { name: 'segment.ms', value: null }]))
      .toEqual({ ok: true, configs: { 'retention.ms': '1000' } });
  });

  it('refuses unknown names and bad values as invalid-config', () => {
    expect(replaceTopicConfigs([{ name: 'nope', value: '1' }])).toMatchObject({ ok: false, reason: 'invalid-config' });
    expect(replaceTopicConfigs([{ name: 'retention.ms', value: 'x' }])).toMatchObject({ ok: false, reason: 'invalid-config' });
  });

  it('refuses a name given twice as invalid-request', () => {
    expect(replaceTopicConfigs([{ name: 'retention.ms', value: '1' }, { name: 'retention.ms', value: '2' }]))
      .toMatchObject({ ok: false, reason: 'invalid-request' });
  });
});

describe('applyIncrementalTopicConfigs', () => {
  const current = { 'retention.ms': '1000', 'segment.ms': '5000' };

  it('sets and deletes single keys, keeping the rest', () => {
    const outcome = applyIncrementalTopicConfigs(broker, current, [
      { name: 'retention.bytes', operation: ConfigOperation.SET, value: '10' },
      { name: 'segment.ms', operation: ConfigOperation.DELETE, value: null },
    ]);
    expect(outcome).toEqual({ ok: true, configs: { 'retention.ms': '1000', 'retention.bytes': '10' } });
  });

  it('treats SET with a null value as DELETE', () => {
    expect(applyIncrementalTopicConfigs(broker, current, [{ name: 'retention.ms', operation: ConfigOperation.SET, value: null }]))
      .toEqual({ ok: true, configs: { 'segment.ms': '5000' } });
  });

  it('appends to and subtracts from list configs, starting from the effective value', () => {
    const appended = applyIncrementalTopicConfigs(broker, {}, [{ name: 'cleanup.policy', operation: ConfigOperation.APPEND, value: 'compact' }]);
    expect(appended).toEqual({ ok: true, configs: { 'cleanup.policy': 'delete,compact' } });
    const again = applyIncrementalTopicConfigs(broker, { 'cleanup.policy': 'delete,compact' }, [{ name: 'cleanup.policy', operation: ConfigOperation.APPEND, value: 'delete' }]);
    expect(again).toEqual({ ok: true, configs: { 'cleanup.policy': 'delete,compact' } });
    const subtracted = applyIncrementalTopicConfigs(broker, { 'cleanup.policy': 'delete,compact' }, [{ name: 'cleanup.policy', operation: ConfigOperation.SUBTRACT, value: 'delete' }]);
    expect(subtracted).toEqual({ ok: true, configs: { 'cleanup.policy': 'compact' } });
  });

  it('refuses to leave cleanup.policy empty', () => {
    const outcome = applyIncrementalTopicConfigs(broker, {}, [{ name: 'cleanup.policy', operation: ConfigOperation.SUBTRACT, value: 'delete' }]);
    expect(outcome).toMatchObject({ ok: false, reason: 'invalid-config' });
  });

  it('refuses APPEND on a config that is not a list', () => {
    const outcome = applyIncrementalTopicConfigs(broker, {}, [{ name: 'retention.ms', operation: ConfigOperation.APPEND, value: '1' }]);
    expect(outcome).toMatchObject({ ok: false, reason: 'invalid-config' });
    if (!outcome.ok) expect(outcome.message).toContain('only list configs');
  });

  it('refuses unknown operations and duplicate names as invalid-request', () => {
    expect(applyIncrementalTopicConfigs(broker, {}, [{ name: 'retention.ms', operation: 9, value: '1' }])).toMatchObject({ ok: false, reason: 'invalid-request' });
    expect(applyIncrementalTopicConfigs(broker, {}, [
      { name: 'retention.ms', operation: ConfigOperation.SET, value: '1' },
      { name: 'retention.ms', operation: ConfigOperation.DELETE, value: null },
    ])).toMatchObject({ ok: false, reason: 'invalid-request' });
  });
});
