// groups.previewReset / groups.reset with kafka-consumer-groups' semantics:
// every target previewed (nothing written) and applied, clamping into
// [log start, log end], timestamps via ListOffsets with the log-end fallback,
// shift from the committed offset; refusals on an active group (nothing
// changes), on read-only profiles, and groups.delete.
import type { Consumer, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaFor } from '../broker/helpers.js';
import { failureOf, startBackendWithBroker, type ClusterHarness } from './helpers.js';

type Target =
  | { to: 'earliest' }
  | { to: 'latest' }
  | { to: 'timestamp'; timestamp: string }
  | { to: 'offset'; offset: string }
  | { to: 'shift'; by: string };

describe('groups reset and delete', () => {
  let h: ClusterHarness;
  let kafka: Kafka;
  const topic = 'resets';

  beforeAll(async () => {
    h = await startBackendWithBroker();
    kafka = kafkaFor(h.broker);
    await h.client.call('topics.create', { connectionId: h.connectionId, topic, partitions: 2, replicationFactor: 1 });
    const producer = kafka.producer();
    await producer.connect();
    // p0: offsets 0-9 at t = 1000, 1100, …, 1900; the first two are then deleted (log start 2).
    // p1: offsets 0-3 at t = 5000, 5100, 5200, 5300.
    await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ partition: 0, value: `a${i}`, timestamp: String(1000 + 100 * i) })) });
    await producer.send({ topic, messages: Array.from({ length: 4 }, (_, i) => ({ partition: 1, value: `b${i}`, timestamp: String(5000 + 100 * i) })) });
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.fetchTopicMetadata({ topics: [topic] }); // kafkajs' deleteTopicRecords needs it loaded
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '2' }] });
    await admin.disconnect();
  });
  afterAll(() => h?.stop());

  const committed = async (groupId: string) => {
    const detail = await h.client.call('groups.describe', { connectionId: h.connectionId, groupId }).catch(() => null);
    return detail ? detail.offsets.filter((o) => o.topic === topic).map((o) => o.committed) : null;
  };
  const preview = (groupId: string, target: Target, partitions?: number[]) =>
    h.client.call('groups.previewReset', { connectionId: h.connectionId, groupId, topic, target, ...(partitions ? { partitions } : {}) });
  const reset = (groupId: string, target: Target, partitions?: number[]) =>
    h.client.call('groups.reset', { connectionId: h.connectionId, groupId, topic, target, ...(partitions ? { partitions } : {}) });
  const row = (partition: number, before: string | null, after: string, clamped = false) => ({ partition, before, after, clamped });

  /** Previews, checks nothing moved, applies, checks the same answer and the new commits. */
  async function previewThenApply(groupId: string, target: Target, expected: ReturnType<typeof row>[], partitions?: number[]) {
    const before = await committed(groupId);
    expect(await preview(groupId, target, partitions)).toEqual({ partitions: expected });
    expect(await committed(groupId)).toEqual(before);
    expect(await reset(groupId, target, partitions)).toEqual({ partitions: expected });
    const after = await committed(groupId);
    for (const r of expected) expect(after![r.partition]).toBe(r.after);
  }

  it('applies every target the way kafka-consumer-groups does', async () => {
    const g = 'resettable';
    // A new group: nothing committed before; 5 is past p1's end (4) and is clamped there.
    await previewThenApply(g, { to: 'offset', offset: '5' }, [row(0, null, '5'), row(1, null, '4', true)]);
    await previewThenApply(g, { to: 'earliest' }, [row(0, '5', '2'), row(1, '4', '0')]);
    await previewThenApply(g, { to: 'latest' }, [row(0, '2', '10'), row(1, '0', '4')]);
    // Below the log start (offsets 0 and 1 of p0 were deleted): clamped to 2.
    await previewThenApply(g, { to: 'offset', offset: '0' }, [row(0, '10', '2', true), row(1, '4', '0')]);
    await previewThenApply(g, { to: 'shift', by: '3' }, [row(0, '2', '5'), row(1, '0', '3')]);
    await previewThenApply(g, { to: 'shift', by: '-2' }, [row(0, '5', '3'), row(1, '3', '1')]);
    await previewThenApply(g, { to: 'shift', by: '-10' }, [row(0, '3', '2', true), row(1, '1', '0', true)]);
    await previewThenApply(g, { to: 'shift', by: '100' }, [row(0, '2', '10', true), row(1, '0', '4', true)]);
    // The first record at or after t: p0's offset 5 (t=1500); p1's offset 0 (t=5000).
    await previewThenApply(g, { to: 'timestamp', timestamp: '1450' }, [row(0, '10', '5'), row(1, '4', '0')]);
    // Before everything still in the log: the log start, not a deleted offset.
    await previewThenApply(g, { to: 'timestamp', timestamp: '0' }, [row(0, '5', '2'), row(1, '0', '0')]);
    // p0 has nothing that late: the log end, as the tool falls back to; p1 has t=5200 at offset 2.
    await previewThenApply(g, { to: 'timestamp', timestamp: '5150' }, [row(0, '2', '10'), row(1, '0', '2')]);
    await previewThenApply(g, { to: 'timestamp', timestamp: '99999999' }, [row(0, '10', '10'), row(1, '2', '4')]);
    // Some partitions only: the others keep their offsets.
    await previewThenApply(g, { to: 'earliest' }, [row(1, '4', '0')], [1]);
    expect(await committed(g)).toEqual(['10', '0']);
  });

  it('moves where a consumer of the group starts reading', async () => {
    await reset('starts-at-7', { to: 'offset', offset: '7' }, [0]);
    await reset('starts-at-7', { to: 'latest' }, [1]);
    const consumer = kafka.consumer({ groupId: 'starts-at-7', maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const first = await new Promise<{ partition: number; offset: string }>((resolve) => {
      void consumer.run({ eachMessage: async ({ partition, message }) => resolve({ partition, offset: message.offset }) });
    });
    await consumer.disconnect();
    expect(first).toEqual({ partition: 0, offset: '7' });
  });

  it('refuses to shift a partition with no committed offset, naming it, as the tool does', async () => {
    await reset('half-committed', { to: 'earliest' }, [0]);
    const error = await failureOf(preview('half-committed', { to: 'shift', by: '1' }));
    expect(error.code).toBe('NO_COMMITTED_OFFSET');
    expect(error.message).toContain('partition 1 ');
    // Shifting only the committed partition works.
    expect(await preview('half-committed', { to: 'shift', by: '1' }, [0])).toEqual({ partitions: [row(0, '2', '3')] });
  });

  it('refuses unknown partitions and topics', async () => {
    expect((await failureOf(preview('any', { to: 'earliest' }, [0, 5]))).code).toBe('PARTITION_NOT_FOUND');
    const error = await failureOf(h.client.call('groups.previewReset', { connectionId: h.connectionId, groupId: 'any', topic: 'no-such-topic', target: { to: 'earliest' } }));
    expect(error.code).toBe('TOPIC_NOT_FOUND');
  });

  describe('an active group', () => {
    let consumer: Consumer;
    const g = 'busy';
    beforeAll(async () => {
      await reset(g, { to: 'offset', offset: '4' });
      consumer = kafka.consumer({ groupId: g, maxWaitTimeInMs: 100 });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
      await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
      await joined;
    });
    afterAll(() => consumer?.disconnect());

    it('refuses preview and reset with GROUP_ACTIVE, naming the member count, and changes nothing', async () => {
      for (const call of [preview(g, { to: 'earliest' }), reset(g, { to: 'earliest' }), reset(g, { to: 'shift', by: '-1' })]) {
        const error = await failureOf(call);
        expect(error.code).toBe('GROUP_ACTIVE');
        expect(error.message).toContain('1 active member');
        expect(error.message).toMatch(/stop its consumers/i);
      }
      expect(await committed(g)).toEqual(['4', '4']);
    });

    it('refuses delete with GROUP_ACTIVE', async () => {
      const error = await failureOf(h.client.call('groups.delete', { connectionId: h.connectionId, groupId: g }));
      expect(error.code).toBe('GROUP_ACTIVE');
      expect(error.message).toContain('1 active member');
      expect(await committed(g)).toEqual(['4', '4']);
    });

    it('can be reset and deleted once its consumer has left', async () => {
      await consumer.disconnect();
      await previewThenApply(g, { to: 'earliest' }, [row(0, '4', '2'), row(1, '4', '0')]);
      await h.client.call('groups.delete', { connectionId: h.connectionId, groupId: g });
      expect((await failureOf(h.client.call('groups.describe', { connectionId: h.connectionId, groupId: g }))).code).toBe('GROUP_NOT_FOUND');
      expect((await failureOf(h.client.call('groups.delete', { connectionId: h.connectionId, groupId: g }))).code).toBe('GROUP_NOT_FOUND');
    });
  });

  it('refuses reset and delete on a read-only connection, but previews', async () => {
    await reset('guarded', { to: 'latest' });
    const readOnly = await h.client.call('connections.save', { name: 'Read only', bootstrapServers: [h.broker.bootstrap], color: '#445566', readOnly: true });
    const onReadOnly = { connectionId: readOnly.id, groupId: 'guarded', topic, target: { to: 'earliest' as const } };
    expect(await h.client.call('groups.previewReset', onReadOnly)).toEqual({ partitions: [row(0, '10', '2'), row(1, '4', '0')] });
    expect((await failureOf(h.client.call('groups.reset', onReadOnly))).code).toBe('READ_ONLY_CONNECTION');
    expect((await failureOf(h.client.call('groups.delete', { connectionId: readOnly.id, groupId: 'guarded' }))).code).toBe('READ_ONLY_CONNECTION');
    expect(await committed('guarded')).toEqual(['10', '4']);
  });
});
