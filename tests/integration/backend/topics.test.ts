import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, startBackendWithBroker, type ClusterHarness } from './helpers.js';

describe('cluster and topics through the backend', () => {
  let h: ClusterHarness;
  beforeAll(async () => {
    h = await startBackendWithBroker();
  });
  afterAll(() => h?.stop());

  it('describes the cluster', async () => {
    const info = await h.client.call('cluster.describe', { connectionId: h.connectionId });
    expect(info.clusterId).toBe(h.broker.clusterId);
    expect(info.brokers).toEqual([{ nodeId: expect.any(Number), host: h.broker.host, port: h.broker.port, rack: null }]);
    expect(info.controllerId).toBe(info.brokers[0].nodeId);
  });

  it('creates, lists and describes a topic with watermarks and message counts', async () => {
    await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'orders', partitions: 3, replicationFactor: 1, configs: { 'retention.ms': '3600000' } });
    await h.client.call('produce.send', { connectionId: h.connectionId, topic: 'orders', value: { data: 'x' }, partition: 1, count: 5 });
    await h.client.call('produce.send', { connectionId: h.connectionId, topic: 'orders', value: { data: 'y' }, partition: 2, count: 2 });

    const list = await h.client.call('topics.list', { connectionId: h.connectionId });
    const orders = list.find((t) => t.name === 'orders');
    expect(orders).toEqual({ name: 'orders', internal: false, partitions: 3, replicationFactor: 1, messageCount: '7', sizeBytes: expect.any(String) });
    // Two batches of records on disk: more than the values, less than a page.
    expect(BigInt(orders!.sizeBytes!)).toBeGreaterThan(100n);
    expect(BigInt(orders!.sizeBytes!)).toBeLessThan(2000n);

    const detail = await h.client.call('topics.describe', { connectionId: h.connectionId, topic: 'orders' });
    expect(detail.messageCount).toBe('7');
    expect(detail.sizeBytes).toBe(orders!.sizeBytes);
    expect(detail.partitionDetails.map((p) => [p.partition, p.lowWatermark, p.highWatermark])).toEqual([
      [0, '0', '0'],
      [1, '0', '5'],
      [2, '0', '2'],
    ]);
    const nodeId = (await h.client.call('cluster.describe', { connectionId: h.connectionId })).brokers[0].nodeId;
    expect(detail.partitionDetails[0]).toMatchObject({ leader: nodeId, replicas: [nodeId], isr: [nodeId] });
  });

  it('reports an empty topic as zero bytes and zero messages', async () => {
    await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'empty', partitions: 2, replicationFactor: 1 });
    const detail = await h.client.call('topics.describe', { connectionId: h.connectionId, topic: 'empty' });
    expect(detail).toMatchObject({ messageCount: '0', sizeBytes: '0' });
  });

  it('refuses a topic that exists, and names a missing one', async () => {
    await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'twice', partitions: 1, replicationFactor: 1 });
    expect(await failureOf(h.client.call('topics.create', { connectionId: h.connectionId, topic: 'twice', partitions: 1, replicationFactor: 1 }))).toMatchObject({
      code: 'TOPIC_ALREADY_EXISTS',
      kafkaCode: 36,
    });
    expect(await failureOf(h.client.call('topics.describe', { connectionId: h.connectionId, topic: 'no-such-topic' }))).toMatchObject({ code: 'TOPIC_NOT_FOUND' });
    expect(await failureOf(h.client.call('topics.delete', { connectionId: h.connectionId, topic: 'no-such-topic' }))).toMatchObject({ code: 'TOPIC_NOT_FOUND' });
  });

  it('refuses a replication factor the single broker cannot hold', async () => {
    expect(await failureOf(h.client.call('topics.create', { connectionId: h.connectionId, topic: 'rf3', partitions: 1, replicationFactor: 3 }))).toMatchObject({
      code: 'INVALID_REPLICATION_FACTOR',
    });
  });

  it('adds partitions, and refuses fewer or the same with the reason', async () => {
    await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'grow', partitions: 2, replicationFactor: 1 });
    await h.client.call('topics.addPartitions', { connectionId: h.connectionId, topic: 'grow', totalPartitions: 4 });
    expect((await h.client.call('topics.describe', { connectionId: h.connectionId, topic: 'grow' })).partitions).toBe(4);

    const fewer = await failureOf(h.client.call('topics.addPartitions', { connectionId: h.connectionId, topic: 'grow', totalPartitions: 3 }));
    expect(fewer.code).toBe('INVALID_PARTITIONS');
    expect(fewer.message).toMatch(/has 4 partitions.*never remove/);
    expect(await failureOf(h.client.call('topics.addPartitions', { connectionId: h.connectionId, topic: 'grow', totalPartitions: 4 }))).toMatchObject({ code: 'INVALID_PARTITIONS' });
  });

  it('reads configs and sets some keys while keeping the other overrides', async () => {
    await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'configured', partitions: 1, replicationFactor: 1, configs: { 'retention.ms': '60000', 'cleanup.policy': 'compact' } });
    const read = async () => Object.fromEntries((await h.client.call('topics.configs', { connectionId: h.connectionId, topic: 'configured' })).map((e) => [e.name, e]));

    const before = await read();
    expect(before['retention.ms']).toMatchObject({ value: '60000', isDefault: false });
    expect(before['cleanup.policy']).toMatchObject({ value: 'compact', isDefault: false });
    expect(before['segment.bytes']).toMatchObject({ isDefault: true });

    await h.client.call('topics.setConfigs', { connectionId: h.connectionId, topic: 'configured', set: { 'max.message.bytes': '2048', 'retention.ms': null } });
    const after = await read();
    expect(after['max.message.bytes']).toMatchObject({ value: '2048', isDefault: false });
    expect(after['cleanup.policy']).toMatchObject({ value: 'compact', isDefault: false });
    expect(after['retention.ms'].isDefault).toBe(true);

    expect(await failureOf(h.client.call('topics.setConfigs', { connectionId: h.connectionId, topic: 'configured', set: { 'no.such.config': '1' } }))).toMatchObject({
      code: 'INVALID_CONFIG',
    });
  });

  it('deletes a topic', async () => {
    await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'doomed', partitions: 1, replicationFactor: 1 });
    await h.client.call('topics.delete', { connectionId: h.connectionId, topic: 'doomed' });
    const names = (await h.client.call('topics.list', { connectionId: h.connectionId })).map((t) => t.name);
    expect(names).not.toContain('doomed');
  });

  it('keeps reading other topics after a topic it has read is deleted, here or by another client', async () => {
    const on = (topic: string) => ({ connectionId: h.connectionId, topic });
    for (const topic of ['gone-here', 'gone-elsewhere', 'stays']) {
      await h.client.call('topics.create', { ...on(topic), partitions: 1, replicationFactor: 1 });
      await h.client.call('produce.send', { ...on(topic), value: { data: 'x' } });
      // Reading a topic is what makes the client remember it.
      expect((await h.client.call('topics.describe', on(topic))).messageCount).toBe('1');
    }
    await h.client.call('topics.delete', on('gone-here'));
    expect((await h.client.call('topics.describe', on('stays'))).messageCount).toBe('1');

    const admin = new Kafka({ clientId: 'other-tool', brokers: [h.broker.bootstrap], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: ['gone-elsewhere'] });
    await admin.disconnect();
    expect((await h.client.call('topics.describe', on('stays'))).messageCount).toBe('1');
    expect((await h.client.call('topics.list', { connectionId: h.connectionId })).map((t) => t.name)).toContain('stays');
    // A topic read for the first time makes the client refresh metadata for every topic it remembers.
    await h.client.call('topics.create', { ...on('fresh'), partitions: 1, replicationFactor: 1 });
    await h.client.call('produce.send', { ...on('fresh'), value: { data: 'x' } });
    expect((await h.client.call('topics.describe', on('fresh'))).messageCount).toBe('1');
    const read = await h.client.call('topics.addPartitions', { ...on('stays'), totalPartitions: 2 }).then(() => h.client.call('topics.describe', on('stays')));
    expect(read.partitionDetails).toHaveLength(2);
    expect(await failureOf(h.client.call('topics.describe', on('gone-elsewhere')))).toMatchObject({ code: 'TOPIC_NOT_FOUND' });
  });

  it('answers CONNECTION_NOT_FOUND for an unknown connection id', async () => {
    expect(await failureOf(h.client.call('topics.list', { connectionId: 'nope' }))).toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
  });
});

describe('a read-only connection', () => {
  let h: ClusterHarness;
  beforeAll(async () => {
    h = await startBackendWithBroker({ readOnly: true });
  });
  afterAll(() => h?.stop());

  it('reads, but refuses every write with READ_ONLY_CONNECTION', async () => {
    expect(await h.client.call('topics.list', { connectionId: h.connectionId })).toEqual([]);
    const on = { connectionId: h.connectionId, topic: 't' };
    const writes = [
      h.client.call('topics.create', { ...on, partitions: 1, replicationFactor: 1 }),
      h.client.call('topics.delete', on),
      h.client.call('topics.addPartitions', { ...on, totalPartitions: 2 }),
      h.client.call('topics.setConfigs', { ...on, set: { 'retention.ms': '1' } }),
      h.client.call('produce.send', { ...on, value: { data: 'x' } }),
    ];
    for (const write of writes) expect(await failureOf(write)).toMatchObject({ code: 'READ_ONLY_CONNECTION', retriable: false });
    expect(await h.client.call('topics.list', { connectionId: h.connectionId })).toEqual([]);
  });
});
