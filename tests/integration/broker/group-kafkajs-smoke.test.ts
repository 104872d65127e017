// kafkajs 2.2.4 consumer groups end to end against the real broker: a group
// consumer reads everything from the beginning and commits, the admin sees the
// committed offsets, and after the consumer leaves the group is Empty.
import type { Admin, Consumer, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaFor, startTestBroker, type TestBroker } from './helpers.js';

let broker: TestBroker;
let producer: Producer;
let admin: Admin;
const consumers: Consumer[] = [];

beforeAll(async () => {
  broker = await startTestBroker({ config: { 'group.initial.rebalance.delay.ms': '0' } });
  const kafka = kafkaFor(broker);
  producer = kafka.producer();
  admin = kafka.admin();
  await Promise.all([producer.connect(), admin.connect()]);
});

afterAll(async () => {
  for (const consumer of consumers) await consumer.disconnect().catch(() => undefined);
  await producer?.disconnect();
  await admin?.disconnect();
  await broker?.stop();
});

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('kafkajs consumer group', () => {
  it('consumes from the beginning, commits, and leaves the group Empty', async () => {
    const topic = 'smoke-orders';
    const groupId = 'smoke-group';
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    const sent = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `message-${i}` }));
    await producer.send({ topic, messages: sent });

    const consumer = kafkaFor(broker).consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: string[] = [];
    await consumer.run({ autoCommitInterval: 100, eachMessage: async ({ message }) => void received.push(message.value!.toString()) });
    await until(() => received.length >= 10, '10 messages');
    expect(received.sort()).toEqual(sent.map((m) => m.value).sort());

    const described = await admin.describeGroups([groupId]);
    expect(described.groups[0]).toMatchObject({ groupId, state: 'Stable', protocolType: 'consumer', protocol: 'RoundRobinAssigner' });
    expect(described.groups[0]!.members).toHaveLength(1);

    // Commits happen on the auto-commit interval; wait until they cover every message.
    const committedTotal = async () => {
      const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return entry!.partitions.reduce((sum, p) => sum + Number(p.offset), 0);
    };
    await until(async () => (await committedTotal()) === 10, 'offsets committed');
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const highWater = await admin.fetchTopicOffsets(topic);
    for (const partition of entry!.partitions) {
      expect(partition.offset).toBe(highWater.find((h) => h.partition === partition.partition)!.high);
    }

    await consumer.disconnect();
    const after = await admin.describeGroups([groupId]);
    expect(after.groups[0]).toMatchObject({ groupId, state: 'Empty', members: [] });
    const listed = await admin.listGroups();
    expect(listed.groups).toContainEqual({ groupId, protocolType: 'consumer' });
  });

  it('lets the admin set and delete the offsets of an Empty group, and refuses while it has members', async () => {
    const topic = 'smoke-admin';
    const groupId = 'smoke-admin-group';
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    await producer.send({ topic, messages: Array.from({ length: 4 }, (_, i) => ({ value: `v${i}`, partition: i % 2 })) });

    const consumer = kafkaFor(broker).consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let seen = 0;
    await consumer.run({ eachMessage: async () => void seen++ });
    await until(() => seen >= 4, '4 messages');
    await expect(admin.deleteGroups([groupId])).rejects.toMatchObject({ name: 'KafkaJSDeleteGroupsError', groups: [expect.objectContaining({ groupId, errorCode: 68 })] });
    await expect(admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] })).rejects.toThrow(/no running instances, current state: Stable/);
    await consumer.disconnect();

    // kafkajs runs a paused consumer for this and waits out one fetch wait (maxWaitTime, 5 s) on its side.
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '1' }] });
    const afterSet = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(afterSet[0]!.partitions.find((p) => p.partition === 0)!.offset).toBe('1');

    expect(await admin.deleteGroups([groupId])).toEqual([expect.objectContaining({ groupId, errorCode: 0 })]);
    const described = await admin.describeGroups([groupId]);
    expect(described.groups[0]).toMatchObject({ groupId, state: 'Dead' });
    const afterDelete = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(afterDelete[0]!.partitions.map((p) => p.offset)).toEqual(['-1', '-1']);
  });
});
