// The four consumer-group experiments of the issue, with kafkajs 2.2.4 against
// the real broker: publish/subscribe across groups, queueing inside a group,
// catching up from committed offsets (also across a broker restart), and where a
// new group starts (latest or earliest).
import type { Kafka, Producer } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kafkaFor, makeTempDir, startTestBroker, type TestBroker } from '../helpers.js';
import { collectUntil, newLog, produceNumbered, startMember, stopAll, uniqueName, waitUntil, type Member } from './experiment-helpers.js';

const groupConfig = { 'group.initial.rebalance.delay.ms': '0' };
let broker: TestBroker;
let kafka: Kafka;
let producer: Producer;
let members: Member[] = [];

beforeAll(async () => {
  broker = await startTestBroker({ config: groupConfig });
  kafka = kafkaFor(broker);
  producer = kafka.producer();
  await producer.connect();
});

afterEach(async () => {
  await stopAll(members);
  members = [];
});

afterAll(async () => {
  await producer?.disconnect();
  await broker?.stop();
});

async function member(options: Parameters<typeof startMember>[1], client = kafka): Promise<Member> {
  const started = await startMember(client, options);
  members.push(started);
  return started;
}

describe('kafkajs experiments', () => {
  it('publish/subscribe: two groups on topic "topic" each receive every message', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'topic', numPartitions: 1 }] });
    await admin.disconnect();
    const log1 = newLog();
    const log2 = newLog();
    await member({ name: 'g1', groupId: 'group_1', topic: 'topic', fromBeginning: true, log: log1 });
    await member({ name: 'g2', groupId: 'group_2', topic: 'topic', fromBeginning: true, log: log2 });
    const sent = ['say hello~!!!!', 'second', 'third', 'fourth'];
    await producer.send({ topic: 'topic', messages: sent.map((value) => ({ value })) });

    for (const log of [log1, log2]) {
      await collectUntil(log.deliveries, (d) => d.length >= sent.length, `${sent.length} messages in each group`);
      expect(log.deliveries.map((d) => d.value)).toEqual(sent);
    }
  });

  it('queueing: two members of one group split 4 partitions 2/2 and each message is delivered once', async () => {
    const topic = uniqueName('queue');
    const groupId = uniqueName('queue-group');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] });
    await admin.disconnect();
    const log = newLog();
    const a = await member({ name: 'a', groupId, topic, fromBeginning: true, log });
    const b = await member({ name: 'b', groupId, topic, fromBeginning: true, log });
    await waitUntil(() => a.partitions().length === 2 && b.partitions().length === 2, 'a 2/2 assignment');
    expect([...a.partitions(), ...b.partitions()].sort()).toEqual([0, 1, 2, 3]);

    const sent = await produceNumbered(producer, topic, 'q', 40, 4);
    await collectUntil(log.deliveries, (d) => d.length >= sent.length, `${sent.length} deliveries`);
    expect(log.deliveries.map((d) => d.value).sort()).toEqual([...sent].sort());
    expect(new Set(log.deliveries.map((d) => d.value)).size).toBe(sent.length);
    expect(a.values().length).toBe(20);
    expect(b.values().length).toBe(20);
    for (const d of log.deliveries) {
      expect((d.member === 'a' ? a : b).partitions()).toContain(d.partition);
    }
  });

  it('catch-up: a group that stopped receives exactly the 5 messages sent while it was away, also across a broker restart', async () => {
    const dir = makeTempDir();
    let own: TestBroker | undefined = await startTestBroker({ dataDir: dir.path, config: groupConfig });
    const topic = uniqueName('catch-up');
    const groupId = uniqueName('catch-up-group');
    const partitions = 3;
    try {
      let client = kafkaFor(own);
      const ownProducer = client.producer();
      await ownProducer.connect();
      const admin = client.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions }] });
      await admin.disconnect();

      // Consume and commit the first 10, then stop.
      const first = await produceNumbered(ownProducer, topic, 'before', 10, partitions);
      const log = newLog();
      let consumer = await member({ name: 'run-1', groupId, topic, fromBeginning: true, log }, client);
      await collectUntil(log.deliveries, (d) => d.length >= 10, 'the first 10');
      await waitUntil(() => committedThrough(log.commits, 'run-1', [4n, 3n, 3n]), 'commits covering the first 10');
      await consumer.consumer.disconnect();
      expect(log.deliveries.map((d) => d.value).sort()).toEqual([...first].sort());

      // Away: 5 more. On return exactly those 5 arrive; a marker per partition sent afterwards proves
      // nothing older follows (each partition delivers in order).
      const away = await produceNumbered(ownProducer, topic, 'away', 5, partitions);
      const restartedAt = Date.now();
      consumer = await member({ name: 'run-2', groupId, topic, fromBeginning: true, log }, client);
      const markers = await produceNumbered(ownProducer, topic, 'marker-1', partitions, partitions);
      const secondRun = () => log.deliveries.filter((d) => d.member === 'run-2').map((d) => d.value);
      await collectUntil(log.deliveries, () => markers.every((m) => secondRun().includes(m)), 'the markers after restart of the consumer');
      expect(secondRun().filter((v) => !markers.includes(v)).sort()).toEqual([...away].sort());
      console.log(`catch-up: consumer rejoined and caught up on 5 messages in ${Date.now() - restartedAt} ms`);
      await waitUntil(() => committedThrough(log.commits, 'run-2', [7n, 6n, 5n]), 'commits covering the away messages and markers');
      await consumer.consumer.disconnect();
      await ownProducer.disconnect();

      // Same again with the broker restarted on the same data directory while the group is away.
      await own.close();
      own = await startTestBroker({ dataDir: dir.path, config: groupConfig });
      client = kafkaFor(own);
      const restartedProducer = client.producer();
      await restartedProducer.connect();
      const awayAcrossRestart = await produceNumbered(restartedProducer, topic, 'away-restart', 5, partitions);
      consumer = await member({ name: 'run-3', groupId, topic, fromBeginning: true, log }, client);
      const markers2 = await produceNumbered(restartedProducer, topic, 'marker-2', partitions, partitions);
      const thirdRun = () => log.deliveries.filter((d) => d.member === 'run-3').map((d) => d.value);
      await collectUntil(log.deliveries, () => markers2.every((m) => thirdRun().includes(m)), 'the markers after the broker restart');
      expect(thirdRun().filter((v) => !markers2.includes(v)).sort()).toEqual([...awayAcrossRestart].sort());
      await consumer.consumer.disconnect();
      await restartedProducer.disconnect();
    } finally {
      await stopAll(members);
      members = [];
      await own?.close();
      dir.remove();
    }
  });

  it('latest vs earliest: a new group without fromBeginning sees only later messages, with fromBeginning it sees all', async () => {
    const topic = uniqueName('start-position');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    await admin.disconnect();
    const existing = await produceNumbered(producer, topic, 'existing', 6, 2);

    const latestLog = newLog();
    const earliestLog = newLog();
    const latest = await member({ name: 'latest', groupId: uniqueName('latest-group'), topic, fromBeginning: false, log: latestLog });
    await member({ name: 'earliest', groupId: uniqueName('earliest-group'), topic, fromBeginning: true, log: earliestLog });
    // kafkajs resolves its start position before its first fetch; only then is "after it joined" well defined.
    let fetched = false;
    latest.consumer.on(latest.consumer.events.FETCH, () => void (fetched = true));
    await waitUntil(() => latest.partitions().length === 2 && fetched, 'the latest-group consumer to join and fetch');

    const later = await produceNumbered(producer, topic, 'later', 4, 2);
    await collectUntil(earliestLog.deliveries, (d) => d.length >= 10, 'all 10 in the earliest group');
    await collectUntil(latestLog.deliveries, (d) => d.length >= 4, 'the 4 later messages in the latest group');
    expect(latestLog.deliveries.map((d) => d.value).sort()).toEqual([...later].sort());
    expect(latestLog.deliveries.every((d) => d.offset >= 3n)).toBe(true);
    expect(earliestLog.deliveries.map((d) => d.value).sort()).toEqual([...existing, ...later].sort());
  });
});

/** True once `member` has committed at least `through[p]` (the next offset to read) on every partition p. */
function committedThrough(commits: Array<{ member: string; partition: number; offset: bigint }>, member: string, through: bigint[]): boolean {
  return through.every((target, partition) => commits.some((c) => c.member === member && c.partition === partition && c.offset >= target));
}
