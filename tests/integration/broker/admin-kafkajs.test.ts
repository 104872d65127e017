// kafkajs 2.2.4 admin client against the real broker: CreateTopics v3,
// CreatePartitions v1, DescribeConfigs v2, AlterConfigs v1, DeleteTopics v1,
// and describeCluster (Metadata).
import { ConfigResourceTypes, ConfigSource, type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaFor, startTestBroker, type TestBroker } from './helpers.js';

let broker: TestBroker;
let admin: Admin;

beforeAll(async () => {
  // No auto-creation, so the Metadata calls kafkajs makes after createTopics
  // cannot create a topic that CreateTopics refused or only validated.
  broker = await startTestBroker({ config: { 'num.partitions': '2', 'auto.create.topics.enable': 'false', 'log.retention.hours': '48' } });
  admin = kafkaFor(broker).admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
  await broker?.stop();
});

interface KafkaJsFailure {
  type?: string;
  errors?: KafkaJsFailure[];
  cause?: KafkaJsFailure;
}

/**
 * The Kafka error types inside a kafkajs failure. Aggregates list one per
 * topic; retriable codes (UNKNOWN_TOPIC_OR_PARTITION) arrive wrapped in
 * KafkaJSNumberOfRetriesExceeded, with the protocol error as the cause.
 */
async function errorTypesOf(action: Promise<unknown>): Promise<string[]> {
  try {
    await action;
  } catch (error) {
    const failure = error as KafkaJsFailure;
    const errors = failure.errors ?? [failure.type === undefined && failure.cause ? failure.cause : failure];
    return errors.map((e) => e.type ?? String(e));
  }
  throw new Error('expected the admin call to fail');
}

async function partitionCount(topic: string): Promise<number> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  return topics[0]!.partitions.length;
}

async function topicConfigs(topic: string, configNames?: string[]) {
  const { resources } = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames }], includeSynonyms: false });
  return new Map(resources[0]!.configEntries.map((entry) => [entry.configName, entry]));
}

describe('createTopics', () => {
  it('creates topics with partitions and configs', async () => {
    const created = await admin.createTopics({
      topics: [
        { topic: 'admin-orders', numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '60000' }] },
        { topic: 'admin-default-partitions' },
      ],
    });
    expect(created).toBe(true);
    expect(await partitionCount('admin-orders')).toBe(3);
    expect(await partitionCount('admin-default-partitions')).toBe(2);
    expect((await admin.listTopics()).sort()).toEqual(expect.arrayContaining(['admin-default-partitions', 'admin-orders']));
  });

  it('answers false for a topic that already exists', async () => {
    await admin.createTopics({ topics: [{ topic: 'admin-twice' }] });
    expect(await admin.createTopics({ topics: [{ topic: 'admin-twice' }] })).toBe(false);
  });

  it('refuses an illegal name, zero partitions, three replicas and a bad config', async () => {
    expect(await errorTypesOf(admin.createTopics({ topics: [{ topic: 'bad name!' }], waitForLeaders: false }))).toEqual(['INVALID_TOPIC_EXCEPTION']);
    expect(await errorTypesOf(admin.createTopics({ topics: [{ topic: 'admin-zero', numPartitions: 0 }], waitForLeaders: false }))).toEqual(['INVALID_PARTITIONS']);
    expect(await errorTypesOf(admin.createTopics({ topics: [{ topic: 'admin-rf3', replicationFactor: 3 }], waitForLeaders: false }))).toEqual(['INVALID_REPLICATION_FACTOR']);
    expect(await errorTypesOf(admin.createTopics({
      topics: [{ topic: 'admin-bad-config', configEntries: [{ name: 'cleanup.policy', value: 'shred' }] }],
      waitForLeaders: false,
    }))).toEqual(['INVALID_CONFIG']);
    const topics = await admin.listTopics();
    for (const name of ['bad name!', 'admin-zero', 'admin-rf3', 'admin-bad-config']) expect(topics).not.toContain(name);
  });

  it('creates nothing with validateOnly', async () => {
    await admin.createTopics({ topics: [{ topic: 'admin-validate-only', numPartitions: 4 }], validateOnly: true, waitForLeaders: false });
    expect(await admin.listTopics()).not.toContain('admin-validate-only');
    // validateOnly still runs every check; kafkajs turns TOPIC_ALREADY_EXISTS into false.
    expect(await admin.createTopics({ topics: [{ topic: 'admin-twice' }], validateOnly: true, waitForLeaders: false })).toBe(false);
    expect(await errorTypesOf(admin.createTopics({ topics: [{ topic: 'admin-zero', numPartitions: 0 }], validateOnly: true, waitForLeaders: false }))).toEqual(['INVALID_PARTITIONS']);
  });
});

describe('createPartitions', () => {
  it('grows a topic, and refuses to shrink it or grow a missing one', async () => {
    await admin.createTopics({ topics: [{ topic: 'admin-grow', numPartitions: 2 }] });
    await admin.createPartitions({ topicPartitions: [{ topic: 'admin-grow', count: 5 }] });
    expect(await partitionCount('admin-grow')).toBe(5);
    expect(await errorTypesOf(admin.createPartitions({ topicPartitions: [{ topic: 'admin-grow', count: 3 }] }))).toEqual(['INVALID_PARTITIONS']);
    expect(await errorTypesOf(admin.createPartitions({ topicPartitions: [{ topic: 'admin-grow', count: 5 }] }))).toEqual(['INVALID_PARTITIONS']);
    expect(await partitionCount('admin-grow')).toBe(5);
    expect(await errorTypesOf(admin.createPartitions({ topicPartitions: [{ topic: 'admin-no-such-topic', count: 5 }] })))
      .toEqual(['UNKNOWN_TOPIC_OR_PARTITION']);
  });

  it('changes nothing with validateOnly', async () => {
    await admin.createTopics({ topics: [{ topic: 'admin-grow-validate', numPartitions: 1 }] });
    await admin.createPartitions({ topicPartitions: [{ topic: 'admin-grow-validate', count: 3 }], validateOnly: true });
    expect(await partitionCount('admin-grow-validate')).toBe(1);
  });
});

describe('describeConfigs and alterConfigs', () => {
  it('describes topic configs with their sources', async () => {
    const entries = await topicConfigs('admin-orders');
    expect(entries.get('retention.ms')).toMatchObject({ configValue: '60000', configSource: ConfigSource.TOPIC_CONFIG, isDefault: false, readOnly: false, isSensitive: false });
    expect(entries.get('segment.bytes')).toMatchObject({ configValue: '1073741824', configSource: ConfigSource.DEFAULT_CONFIG });
    expect(entries.get('cleanup.policy')?.configValue).toBe('delete');
    expect(entries.get('compression.type')?.configValue).toBe('producer');
    const otherTopic = await topicConfigs('admin-default-partitions');
    expect(otherTopic.get('retention.ms')).toMatchObject({ configValue: String(48 * 3_600_000), configSource: ConfigSource.STATIC_BROKER_CONFIG });
  });

  it('filters by config name and lists synonyms on request', async () => {
    expect([...(await topicConfigs('admin-orders', ['retention.ms', 'no.such.config'])).keys()]).toEqual(['retention.ms']);
    const { resources } = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: 'admin-orders', configNames: ['retention.ms'] }], includeSynonyms: true });
    expect(resources[0]!.configEntries[0]!.configSynonyms.map((s) => s.configName)).toEqual(['retention.ms', 'log.retention.hours', 'log.retention.hours']);
  });

  it('describes the broker', async () => {
    const { resources } = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.BROKER, name: '1' }], includeSynonyms: false });
    const entries = new Map(resources[0]!.configEntries.map((entry) => [entry.configName, entry]));
    expect(entries.get('num.partitions')).toMatchObject({ configValue: '2', configSource: ConfigSource.STATIC_BROKER_CONFIG, readOnly: true });
    expect(entries.get('message.max.bytes')).toMatchObject({ configValue: '1048588', configSource: ConfigSource.DEFAULT_CONFIG });
  });

  it('answers UNKNOWN_TOPIC_OR_PARTITION for a missing topic', async () => {
    expect(await errorTypesOf(topicConfigs('admin-missing'))).toEqual(['UNKNOWN_TOPIC_OR_PARTITION']);
  });

  it('replaces the overrides with alterConfigs, reverting unnamed keys', async () => {
    await admin.createTopics({ topics: [{ topic: 'admin-alter', configEntries: [{ name: 'retention.ms', value: '1000' }, { name: 'segment.ms', value: '5000' }] }] });
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'admin-alter', configEntries: [{ name: 'segment.ms', value: '7000' }] }] });
    const entries = await topicConfigs('admin-alter');
    expect(entries.get('segment.ms')).toMatchObject({ configValue: '7000', configSource: ConfigSource.TOPIC_CONFIG });
    expect(entries.get('retention.ms')).toMatchObject({ configValue: String(48 * 3_600_000), configSource: ConfigSource.STATIC_BROKER_CONFIG });
  });

  it('validates alterConfigs and keeps validateOnly changes out', async () => {
    await admin.alterConfigs({ validateOnly: true, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'admin-alter', configEntries: [{ name: 'segment.ms', value: '1' }] }] });
    expect((await topicConfigs('admin-alter')).get('segment.ms')?.configValue).toBe('7000');
    expect(await errorTypesOf(admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'admin-alter', configEntries: [{ name: 'segment.ms', value: 'soon' }] }] })))
      .toEqual(['INVALID_CONFIG']);
    expect(await errorTypesOf(admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries: [{ name: 'num.partitions', value: '9' }] }] })))
      .toEqual(['INVALID_REQUEST']);
  });
});

describe('config changes reach the stored data', () => {
  it('deletes old segments once alterConfigs lowers retention.bytes', async () => {
    const quick = await startTestBroker({ config: { 'log.retention.check.interval.ms': '50' } });
    const kafka = kafkaFor(quick);
    const quickAdmin = kafka.admin();
    const producer = kafka.producer();
    try {
      await Promise.all([quickAdmin.connect(), producer.connect()]);
      await quickAdmin.createTopics({ topics: [{ topic: 'shrinking', numPartitions: 1, configEntries: [{ name: 'segment.bytes', value: '1024' }] }] });
      for (let i = 0; i < 20; i++) await producer.send({ topic: 'shrinking', messages: [{ value: `message ${i} ${'x'.repeat(300)}` }] });
      const lowBefore = (await quickAdmin.fetchTopicOffsets('shrinking'))[0]!;
      expect(lowBefore).toMatchObject({ low: '0', high: '20' });

      await quickAdmin.alterConfigs({
        validateOnly: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: 'shrinking', configEntries: [{ name: 'segment.bytes', value: '1024' }, { name: 'retention.bytes', value: '1' }] }],
      });
      await expect.poll(async () => Number((await quickAdmin.fetchTopicOffsets('shrinking'))[0]!.low), { timeout: 5000, interval: 50 }).toBeGreaterThan(15);
      expect((await quickAdmin.fetchTopicOffsets('shrinking'))[0]!.high).toBe('20');
    } finally {
      await producer.disconnect();
      await quickAdmin.disconnect();
      await quick.stop();
    }
  });
});

describe('deleteTopics', () => {
  it('deletes topics and refuses unknown ones', async () => {
    await admin.createTopics({ topics: [{ topic: 'admin-doomed' }] });
    await admin.deleteTopics({ topics: ['admin-doomed'] });
    expect(await admin.listTopics()).not.toContain('admin-doomed');
    expect(await errorTypesOf(admin.deleteTopics({ topics: ['admin-doomed'] }))).toEqual(['UNKNOWN_TOPIC_OR_PARTITION']);
  });

  it('answers TOPIC_DELETION_DISABLED when delete.topic.enable is false', async () => {
    const locked = await startTestBroker({ config: { 'delete.topic.enable': 'false' } });
    const lockedAdmin = kafkaFor(locked).admin();
    try {
      await lockedAdmin.connect();
      await lockedAdmin.createTopics({ topics: [{ topic: 'kept' }] });
      expect(await errorTypesOf(lockedAdmin.deleteTopics({ topics: ['kept'] }))).toEqual(['TOPIC_DELETION_DISABLED']);
      expect(await lockedAdmin.listTopics()).toContain('kept');
    } finally {
      await lockedAdmin.disconnect();
      await locked.stop();
    }
  });
});

describe('describeCluster', () => {
  it('reports this single broker as the controller', async () => {
    const cluster = await admin.describeCluster();
    expect(cluster.brokers).toEqual([{ nodeId: 1, host: '127.0.0.1', port: broker.port }]);
    expect(cluster.controller).toBe(1);
    expect(cluster.clusterId).toBe(broker.clusterId);
  });
});
