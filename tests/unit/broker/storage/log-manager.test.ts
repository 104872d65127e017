import { describe, expect, it } from 'vitest';
import { ioError } from '../../../../src/broker/storage/mem-fs.js';
import type { DiskPartitionLog } from '../../../../src/broker/storage/partition-log.js';
import { LogManager } from '../../../../src/broker/storage/log-manager.js';
import { batchOf, counterIds, DATA_DIR, defaultLogConfig, harness, openManager, readAll } from './storage-fixtures.js';

function values(log: unknown): string[] {
  return readAll(log as DiskPartitionLog).map((record) => record.value);
}

describe('LogManager', () => {
  it('opens an empty data directory and persists a 22-character cluster id', () => {
    const h = harness();
    const manager = openManager(h);
    expect(manager.clusterId).toBe(Buffer.alloc(16, 1).toString('base64url'));
    expect(manager.clusterId).toHaveLength(22);
    expect(manager.topics()).toEqual([]);
    manager.close();
    const meta = JSON.parse(h.fs.readFile(`${DATA_DIR}/meta/cluster.json`).toString());
    expect(meta).toEqual({ version: 1, clusterId: manager.clusterId });
    expect(openManager(h).clusterId).toBe(manager.clusterId);
  });

  it('creates topics with dots, dashes and underscores and finds them again after reopening', () => {
    const h = harness();
    const manager = openManager(h);
    const created = manager.createTopic('orders.v1_x-y', 2, { 'retention.ms': '1000' });
    expect(created).toMatchObject({ name: 'orders.v1_x-y', partitionCount: 2, configs: { 'retention.ms': '1000' } });
    expect(created.id).toHaveLength(16);
    manager.createTopic('orders', 1, {});
    manager.partition('orders.v1_x-y', 1)!.append(batchOf(2));
    manager.partition('orders', 0)!.append(batchOf(1, 'plain'));
    manager.close();

    const reopened = openManager(h);
    expect(reopened.topics().map((t) => t.name)).toEqual(['orders', 'orders.v1_x-y']);
    expect(reopened.topic('orders.v1_x-y')).toEqual(created);
    expect(reopened.topicById(created.id)?.name).toBe('orders.v1_x-y');
    expect(reopened.topicById(Buffer.alloc(16, 0xee))).toBeUndefined();
    expect(values(reopened.partition('orders.v1_x-y', 1))).toEqual(['v-0', 'v-1']);
    expect(values(reopened.partition('orders', 0))).toEqual(['plain-0']);
    expect(reopened.partition('orders', 1)).toBeUndefined();
    expect(reopened.partition('missing', 0)).toBeUndefined();
    reopened.close();
  });

  it('recovers every partition after a crash', () => {
    const h = harness();
    const manager = openManager(h);
    manager.createTopic('t', 3, {});
    for (let p = 0; p < 3; p++) manager.partition('t', p)!.append(batchOf(p + 1, `p${p}`));
    const reopened = openManager(h);
    expect([0, 1, 2].map((p) => reopened.partition('t', p)!.logEndOffset())).toEqual([1n, 2n, 3n]);
  });

  it('refuses duplicates and misuse with plain errors', () => {
    const h = harness();
    const manager = openManager(h);
    manager.createTopic('a', 1, {});
    expect(() => manager.createTopic('a', 1, {})).toThrow(/already exists/);
    expect(() => manager.createTopic('A', 1, {})).toThrow(/share its directories/);
    expect(() => manager.createTopic('b', 0, {})).toThrow(/at least one partition/);
    expect(() => manager.createTopic('../escape', 1, {})).toThrow(/cannot name a directory/);
    expect(() => manager.deleteTopic('nope')).toThrow(/does not exist/);
    expect(() => manager.addPartitions('a', 1)).toThrow(/cannot grow/);
    expect(() => manager.setTopicConfigs('nope', {})).toThrow(/does not exist/);
  });

  it('deletes a topic and its directories, and lets the name be reused', () => {
    const h = harness();
    const manager = openManager(h);
    const first = manager.createTopic('gone', 2, {});
    manager.partition('gone', 0)!.append(batchOf(3));
    manager.deleteTopic('gone');
    expect(manager.topic('gone')).toBeUndefined();
    expect(manager.topicById(first.id)).toBeUndefined();
    expect(h.fs.exists(`${DATA_DIR}/gone-0`)).toBe(false);
    expect(h.fs.exists(`${DATA_DIR}/gone-1`)).toBe(false);

    const second = manager.createTopic('gone', 1, {});
    expect(second.id.equals(first.id)).toBe(false);
    expect(manager.partition('gone', 0)!.logEndOffset()).toBe(0n);
    manager.close();
    expect(openManager(h).topics().map((t) => t.id.equals(second.id))).toEqual([true]);
  });

  it('clears a partition directory left behind by an interrupted delete', () => {
    const h = harness();
    const manager = openManager(h);
    manager.createTopic('stale', 1, {});
    manager.partition('stale', 0)!.append(batchOf(3));
    // The crash hit after topics.json dropped the topic, before its directory went.
    h.fs.writeFile(`${DATA_DIR}/meta/topics.json`, Buffer.from('{"version":1,"topics":[]}'));
    const reopened = openManager(h);
    expect(reopened.topics()).toEqual([]);
    reopened.createTopic('stale', 1, {});
    expect(reopened.partition('stale', 0)!.logEndOffset()).toBe(0n);
  });

  it('adds partitions, keeping the existing ones, and persists the new count', () => {
    const h = harness();
    const manager = openManager(h);
    const created = manager.createTopic('grow', 1, {});
    manager.partition('grow', 0)!.append(batchOf(2));
    const grown = manager.addPartitions('grow', 3);
    expect(grown.partitionCount).toBe(3);
    expect(grown.id.equals(created.id)).toBe(true);
    manager.partition('grow', 2)!.append(batchOf(1));
    manager.close();
    const reopened = openManager(h);
    expect(reopened.topic('grow')!.partitionCount).toBe(3);
    expect([0, 1, 2].map((p) => reopened.partition('grow', p)!.logEndOffset())).toEqual([2n, 0n, 1n]);
  });

  it('replaces topic configs, re-derives the log config and persists them', () => {
    const h = harness();
    const manager = openManager(h, { segmentBytes: 200 });
    manager.createTopic('conf', 1, { 'retention.ms': '1000' });
    const log = manager.partition('conf', 0)!;
    for (let i = 0; i < 4; i++) log.append(batchOf(2, `c${i}`, 100n));
    manager.setTopicConfigs('conf', { 'retention.ms': '-1', 'cleanup.policy': 'delete' });
    expect(manager.topic('conf')!.configs).toEqual({ 'retention.ms': '-1', 'cleanup.policy': 'delete' });
    expect(manager.enforceRetention()).toBe(0);
    manager.setTopicConfigs('conf', { 'retention.ms': '10' });
    expect(manager.enforceRetention()).toBeGreaterThan(0);
    manager.close();
    expect(openManager(h).topic('conf')!.configs).toEqual({ 'retention.ms': '10' });
  });

  it('keeps the previous metadata when the atomic write fails at the rename', () => {
    const h = harness();
    const manager = openManager(h);
    manager.createTopic('kept', 1, {});
    const before = h.fs.readFile(`${DATA_DIR}/meta/topics.json`);
    h.fs.failNextRename();
    expect(() => manager.createTopic('failed', 2, {})).toThrow(/rename/);
    expect(h.fs.readFile(`${DATA_DIR}/meta/topics.json`)).toEqual(before);
    expect(manager.topic('failed')).toBeUndefined();
    expect(h.fs.exists(`${DATA_DIR}/failed-0`)).toBe(false);
    expect(h.fs.readdir(`${DATA_DIR}/meta`).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(openManager(h).topics().map((t) => t.name)).toEqual(['kept']);
  });

  it('keeps the previous metadata when the temporary file write fails or tears', () => {
    const h = harness();
    const manager = openManager(h);
    manager.createTopic('kept', 1, { a: '1' });
    h.fs.failNextWrite(ioError('disk full', 'ENOSPC'), 'topics.json');
    expect(() => manager.setTopicConfigs('kept', { a: '2' })).toThrow(/disk full/);
    expect(manager.topic('kept')!.configs).toEqual({ a: '1' });
    h.fs.tornNextWrite(10, 'topics.json');
    expect(() => manager.deleteTopic('kept')).toThrow(/torn/);
    expect(manager.topic('kept')).toBeDefined();
    expect(openManager(h).topic('kept')!.configs).toEqual({ a: '1' });
  });

  it('works on a relative data directory, as the in-memory broker uses', () => {
    const h = harness();
    const open = () =>
      LogManager.open({ dataDir: 'in-memory-data', fs: h.fs, clock: h.clock, ids: counterIds(), logger: h.logger, logConfig: () => defaultLogConfig });
    const manager = open();
    manager.createTopic('rel', 1, {});
    manager.partition('rel', 0)!.append(batchOf(2));
    manager.close();
    expect(h.fs.readdir('in-memory-data')).toEqual(['meta', 'rel-0']);
    expect(open().partition('rel', 0)!.logEndOffset()).toBe(2n);
  });

  it('removes temporary files an interrupted atomic write left behind', () => {
    const h = harness();
    const manager = openManager(h);
    manager.createTopic('t', 1, {});
    manager.close();
    h.fs.writeFile(`${DATA_DIR}/meta/topics.json.tmp`, Buffer.from('{"half'));
    h.fs.writeFile(`${DATA_DIR}/t-0/log-start-offset.json.tmp`, Buffer.from('{'));
    const reopened = openManager(h);
    expect(reopened.topics().map((t) => t.name)).toEqual(['t']);
    expect(h.fs.readdir(`${DATA_DIR}/meta`)).toEqual(['cluster.json', 'topics.json']);
    expect(h.fs.readdir(`${DATA_DIR}/t-0`).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('closes every file and refuses use afterwards', () => {
    const h = harness();
    const manager = openManager(h);
    manager.createTopic('x', 2, {});
    manager.partition('x', 0)!.append(batchOf(1));
    manager.close();
    expect(h.fs.openFileCount()).toBe(0);
    expect(() => manager.createTopic('y', 1, {})).toThrow(/closed/);
  });
});
