// offsets.retention.minutes on the broker's own (fake) clock: an empty group's
// offsets expire once they are older than the retention and the group goes
// with them; recent commits and the offsets of a group with members stay.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Admin, Consumer } from 'kafkajs';
import { FakeClock } from '../../unit/broker/storage/fake-clock.js';
import { GroupWire } from './group-wire.js';
import { kafkaFor, startTestBroker, type TestBroker } from './helpers.js';

const clock = new FakeClock(Date.now());
let broker: TestBroker;
let admin: Admin;
let consumer: Consumer | undefined;

beforeAll(async () => {
  broker = await startTestBroker({
    clock,
    config: { 'offsets.retention.minutes': '1', 'offsets.retention.check.interval.ms': '1000', 'group.initial.rebalance.delay.ms': '0' },
  });
  admin = kafkaFor(broker).admin();
  await admin.connect();
});

afterAll(async () => {
  // The member's parked Fetch long-poll waits on the fake clock: move it along while it leaves.
  const ticking = setInterval(() => clock.advance(500), 10);
  await consumer?.disconnect();
  clearInterval(ticking);
  await admin?.disconnect();
  await broker?.stop();
});

const committed = async (groupId: string, topic: string) =>
  (await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions.map((p) => p.offset);

it('expires old offsets of empty groups only', async () => {
  const topic = 'expiry';
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
  const producer = kafkaFor(broker).producer();
  await producer.connect();
  await producer.send({ topic, messages: [{ value: 'one' }, { value: 'two' }] });
  await producer.disconnect();

  // A group with a member: its commit must outlive the retention.
  consumer = kafkaFor(broker).consumer({ groupId: 'with-member', sessionTimeout: 300_000, rebalanceTimeout: 300_000, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  await consumer.run({ eachMessage: async () => void seen++ });
  const deadline = Date.now() + 15_000;
  while ((await committed('with-member', topic))[0] !== '2') {
    if (Date.now() > deadline) throw new Error(`the member did not commit (saw ${seen})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  // Admin-style commits (generation -1, no member), as kafkajs setOffsets sends them.
  const wire = await GroupWire.open(broker.port);
  const adminCommit = (groupId: string, offset: bigint) => wire.commit(8, groupId, { generationId: -1, memberId: '' }, [{ topic, partition: 0, offset }]);
  expect(await adminCommit('old-empty', 1n)).toEqual({ [`${topic}:0`]: 0 });
  clock.advance(30_000);
  expect(await adminCommit('recent-empty', 2n)).toEqual({ [`${topic}:0`]: 0 });
  clock.advance(31_000);
  wire.raw.close();

  expect(await committed('old-empty', topic)).toEqual(['-1']);
  expect(await committed('recent-empty', topic)).toEqual(['2']);
  expect(await committed('with-member', topic)).toEqual(['2']);
  const listed = (await admin.listGroups()).groups.map((g) => g.groupId).sort();
  expect(listed).toEqual(['recent-empty', 'with-member']);

  clock.advance(31_000);
  expect(await committed('recent-empty', topic)).toEqual(['-1']);
  expect(await committed('with-member', topic)).toEqual(['2']);
});
