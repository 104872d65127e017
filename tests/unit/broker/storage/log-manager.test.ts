import { describe, expect, it } from 'vitest';
import { batchOf, harness, openManager, readAll } from './storage-fixtures.js';
import type { DiskPartitionLog } from '../../../../src/broker/storage/partition-log.js';

describe('LogManager', () => {
  it('creates a topic, appends, and finds it again after reopening', () => {
    const h = harness();
    const manager = openManager(h);
    expect(manager.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const created = manager.createTopic('orders.v1_x-y', 2, { 'retention.ms': '1000' });
    manager.partition('orders.v1_x-y', 1)!.append(batchOf(2));
    manager.close();

    const reopened = openManager(h);
    expect(reopened.clusterId).toBe(manager.clusterId);
    expect(reopened.topic('orders.v1_x-y')).toEqual(created);
    expect(reopened.topicById(created.id)?.name).toBe('orders.v1_x-y');
    expect(readAll(reopened.partition('orders.v1_x-y', 1) as DiskPartitionLog).map((r) => r.value)).toEqual(['v-0', 'v-1']);
    reopened.close();
  });
});
