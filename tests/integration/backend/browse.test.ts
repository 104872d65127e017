// browse.read from each kind of start, with exact counts, a partition filter,
// timestamp-merged order across partitions, batched records and progress;
// kcat-compressed batches of every codec are read too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaFor } from '../broker/helpers.js';
import { runOk } from '../support/run-process.js';
import { browseAll, valuesOf } from './browse-support.js';
import { failureOf, startBackendWithBroker, type ClusterHarness } from './helpers.js';

describe('browse.read', () => {
  let h: ClusterHarness;
  const topic = 'browsed';
  // Record i goes to partition i % 3 with timestamp 1000 + i: offsets 0-9 on each partition,
  // and timestamp order is i order, which no single partition shows.
  const value = (i: number) => `r${String(i).padStart(2, '0')}`;
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

  beforeAll(async () => {
    h = await startBackendWithBroker();
    await h.client.call('topics.create', { connectionId: h.connectionId, topic, partitions: 3, replicationFactor: 1 });
    const producer = kafkaFor(h.broker).producer();
    await producer.connect();
    // One send per record so each partition holds several batches.
    for (const i of range(0, 30)) {
      await producer.send({ topic, messages: [{ partition: i % 3, key: i % 2 ? null : `k${i}`, value: value(i), timestamp: String(1000 + i), headers: { n: String(i) } }] });
    }
    await producer.disconnect();
  });
  afterAll(() => h?.stop());

  it('reads everything from earliest, merged in timestamp order, in batches, and ends', async () => {
    const out = await browseAll(h, { topic, start: { from: 'earliest' } });
    expect(out.error).toBeUndefined();
    expect(valuesOf(out.records)).toEqual(range(0, 30).map(value));
    expect(out.records[3]).toEqual({
      partition: 0,
      offset: '1',
      timestamp: '1003',
      key: null,
      value: { encoding: 'utf8', data: 'r03', size: 3, truncated: false },
      headers: [{ key: 'n', value: { encoding: 'utf8', data: '3', size: 1, truncated: false } }],
    });
    expect(out.records[4].key).toEqual({ encoding: 'utf8', data: 'k4', size: 2, truncated: false });
    expect(out.batches).toBeGreaterThan(0);
    expect(out.batches).toBeLessThan(30);
    expect(out.done).toMatchObject({ type: 'done', reason: 'end', records: 30 });
    expect(out.events.at(-1)).toBe(out.done);
    expect(out.events[0]).toEqual({
      type: 'progress',
      partitions: [0, 1, 2].map((partition) => ({ partition, start: '0', position: '0', end: '10' })),
    });
    expect(out.lastProgress!.partitions).toEqual([0, 1, 2].map((partition) => ({ partition, start: '0', position: '10', end: '10' })));
  });

  it('starts at latest minus N per partition', async () => {
    const out = await browseAll(h, { topic, start: { from: 'latest', minus: 2 } });
    expect(valuesOf(out.records)).toEqual(range(24, 30).map(value));
    expect(out.records.map((r) => r.offset)).toEqual(['8', '8', '8', '9', '9', '9']);
    expect(out.events[0]).toMatchObject({ partitions: [0, 1, 2].map((partition) => ({ partition, start: '8', position: '8', end: '10' })) });
    expect(out.done).toMatchObject({ reason: 'end', records: 6 });
  });

  it('reads nothing from latest minus 0, and all of a partition when N exceeds it', async () => {
    const none = await browseAll(h, { topic, start: { from: 'latest', minus: 0 } });
    expect(none.records).toEqual([]);
    expect(none.done).toMatchObject({ reason: 'end', records: 0 });
    const all = await browseAll(h, { topic, start: { from: 'latest', minus: 50 } });
    expect(all.records).toHaveLength(30);
  });

  it('starts at an offset on every partition', async () => {
    const out = await browseAll(h, { topic, start: { from: 'offset', offset: '7' } });
    expect(valuesOf(out.records)).toEqual(range(21, 30).map(value));
    expect(out.done).toMatchObject({ reason: 'end', records: 9 });
  });

  it('starts at a timestamp (the first record at or after it on each partition)', async () => {
    const out = await browseAll(h, { topic, start: { from: 'timestamp', timestamp: '1020' } });
    expect(valuesOf(out.records)).toEqual(range(20, 30).map(value));
    const late = await browseAll(h, { topic, start: { from: 'timestamp', timestamp: '1028' } });
    expect(valuesOf(late.records)).toEqual([value(28), value(29)]);
    // Partition 0's last record is i = 27: it has nothing that late and starts at its end.
    expect(late.events[0]).toMatchObject({ partitions: [{ partition: 0, start: '10' }, { partition: 1, start: '9' }, { partition: 2, start: '9' }] });
  });

  it('reads only the chosen partitions', async () => {
    const out = await browseAll(h, { topic, partitions: [1], start: { from: 'earliest' } });
    expect(valuesOf(out.records)).toEqual(range(0, 10).map((k) => value(3 * k + 1)));
    expect(out.records.every((r) => r.partition === 1)).toBe(true);
    expect(out.lastProgress!.partitions).toEqual([{ partition: 1, start: '0', position: '10', end: '10' }]);
  });

  it('stops at maxRecords with the earliest timestamps', async () => {
    const out = await browseAll(h, { topic, start: { from: 'earliest' }, maxRecords: 5 });
    expect(valuesOf(out.records)).toEqual(range(0, 5).map(value));
    expect(out.done).toMatchObject({ reason: 'count', records: 5 });
  });

  it('refuses an unknown partition or topic', async () => {
    expect((await browseAll(h, { topic, partitions: [3], start: { from: 'earliest' } })).error?.code).toBe('PARTITION_NOT_FOUND');
    expect((await browseAll(h, { topic: 'nope', start: { from: 'earliest' } })).error?.code).toBe('TOPIC_NOT_FOUND');
    expect((await failureOf(h.client.call('browse.value', { connectionId: h.connectionId, topic, partition: 0, offset: '10', part: 'value' }))).code).toBe('RECORD_NOT_FOUND');
  });

  it('returns one record\'s whole key or value with browse.value', async () => {
    const at = { connectionId: h.connectionId, topic, partition: 2, offset: '3' };
    expect(await h.client.call('browse.value', { ...at, part: 'value' })).toEqual({ encoding: 'utf8', data: value(11), size: 3, truncated: false });
    // i = 11 is odd: sent with a null key.
    expect(await h.client.call('browse.value', { ...at, part: 'key' })).toBeNull();
  });

  it('reads a partition added after the backend first read the topic', async () => {
    const grown = 'growing';
    const at = { connectionId: h.connectionId, topic: grown };
    await h.client.call('topics.create', { ...at, partitions: 1, replicationFactor: 1 });
    await h.client.call('produce.send', { ...at, partition: 0, value: { encoding: 'utf8', data: 'first' } });
    expect(valuesOf((await browseAll(h, { topic: grown, start: { from: 'timestamp', timestamp: '0' } })).records)).toEqual(['first']);
    await h.client.call('topics.addPartitions', { ...at, totalPartitions: 2 });
    // A fresh producer (the backend's own would need its metadata refreshed first).
    const producer = kafkaFor(h.broker).producer();
    await producer.connect();
    await producer.send({ topic: grown, messages: [{ partition: 1, value: 'second' }] });
    await producer.disconnect();
    const out = await browseAll(h, { topic: grown, partitions: [1], start: { from: 'timestamp', timestamp: '0' } });
    expect(out.error).toBeUndefined();
    expect(valuesOf(out.records)).toEqual(['second']);
  });

  it.each(['gzip', 'snappy', 'lz4', 'zstd'])('reads %s batches written by kcat', async (codec) => {
    const compressed = `kcat-${codec}`;
    const values = Array.from({ length: 40 }, (_, i) => `say hello~!!!! ${codec} ${i} ${'padding '.repeat(10)}`);
    await runOk('kcat', ['-P', '-b', h.broker.bootstrap, '-t', compressed, '-p', '0', '-z', codec, '-X', 'linger.ms=50', '-q'], { input: values.join('\n') + '\n' });
    const out = await browseAll(h, { topic: compressed, start: { from: 'earliest' } });
    expect(out.error).toBeUndefined();
    expect(valuesOf(out.records)).toEqual(values);
    expect(out.done).toMatchObject({ reason: 'end', records: 40 });
  });
});
