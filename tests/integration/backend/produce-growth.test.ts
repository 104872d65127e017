// A topic that grows while the app holds a producer and cached metadata: the
// new partitions are written to and described at once, never skipped.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { partitionForKey } from '../../../src/backend/kafka/murmur2.js';
import { startBackendWithBroker, type ClusterHarness } from './helpers.js';

let h: ClusterHarness;

beforeAll(async () => {
  h = await startBackendWithBroker();
});

afterAll(async () => {
  await h?.stop();
});

it('writes to and describes partitions added after the first send', async () => {
  const topic = 'growing';
  const { connectionId } = h;
  await h.client.call('topics.create', { connectionId, topic, partitions: 1, replicationFactor: 1 });
  const first = await h.client.call('produce.send', { connectionId, topic, value: { encoding: 'utf8', data: 'before' } });
  expect(first.sent).toEqual([{ partition: 0, offset: '0' }]);
  expect((await h.client.call('topics.describe', { connectionId, topic })).partitionDetails).toHaveLength(1);

  await h.client.call('topics.addPartitions', { connectionId, topic, totalPartitions: 3 });
  const explicit = await h.client.call('produce.send', { connectionId, topic, partition: 2, value: { encoding: 'utf8', data: 'after' } });
  expect(explicit.sent).toEqual([{ partition: 2, offset: '0' }]);
  const keyed = await h.client.call('produce.send', { connectionId, topic, key: { encoding: 'utf8', data: 'k7' }, value: { encoding: 'utf8', data: 'keyed' } });
  expect(keyed.sent).toEqual([{ partition: partitionForKey(Buffer.from('k7'), 3), offset: expect.stringMatching(/^\d+$/) }]);

  const detail = await h.client.call('topics.describe', { connectionId, topic });
  expect(detail.partitionDetails.map((p) => p.partition)).toEqual([0, 1, 2]);
  expect(detail.messageCount).toBe('3');
  const listed = (await h.client.call('topics.list', { connectionId })).find((t) => t.name === topic);
  expect(listed).toMatchObject({ partitions: 3, messageCount: '3' });
});
