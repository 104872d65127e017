// Records from any producer: kcat (librdkafka) writes batches with each Kafka
// codec, and a lane decodes them. Also keys, headers and binary values
// crossing the contract byte for byte.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOk } from '../support/run-process.js';
import { startBackendWithBroker, type ClusterHarness } from './helpers.js';
import { watchLane } from './lane-helpers.js';

describe('lanes read what other clients wrote', () => {
  let h: ClusterHarness;
  beforeAll(async () => {
    h = await startBackendWithBroker();
  });
  afterAll(() => h?.stop());

  const openLane = async (topic: string) => {
    const lane = await h.client.call('lanes.open', { connectionId: h.connectionId, topic, groupId: `${topic}-lane`, autoOffsetReset: 'earliest', members: 1, autoCommit: true });
    return watchLane(h.client, lane.laneId);
  };

  it.each(['gzip', 'snappy', 'lz4', 'zstd'])('reads %s batches written by kcat', async (codec) => {
    const topic = `kcat-${codec}`;
    await h.client.call('topics.create', { connectionId: h.connectionId, topic, partitions: 1, replicationFactor: 1 });
    const values = Array.from({ length: 50 }, (_, i) => `say hello~!!!! ${codec} ${i} ${'padding '.repeat(20)}`);
    await runOk('kcat', ['-P', '-b', h.broker.bootstrap, '-t', topic, '-p', '0', '-z', codec, '-X', 'linger.ms=50', '-K', ':', '-q'], {
      input: values.map((v, i) => `key-${i}:${v}`).join('\n') + '\n',
    });
    const watch = await openLane(topic);
    expect(await watch.waitForValues(50)).toEqual(values);
    expect(watch.records().map((r) => r.key?.data)).toEqual(values.map((_, i) => `key-${i}`));
    expect(watch.records().map((r) => r.offset)).toEqual(values.map((_, i) => String(i)));
    watch.stop();
  });

  it('carries binary values as base64, headers, and null keys with their true sizes', async () => {
    const topic = 'binary-values';
    await h.client.call('topics.create', { connectionId: h.connectionId, topic, partitions: 1, replicationFactor: 1 });
    const bytes = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x41]);
    await h.client.call('produce.send', {
      connectionId: h.connectionId,
      topic,
      value: { encoding: 'base64', data: bytes.toString('base64') },
      valueMode: 'binary',
      headers: [{ key: 'trace', value: 'abc-é' }],
    });
    const watch = await openLane(topic);
    await watch.waitForValues(1);
    const [record] = watch.records();
    expect(record!.key).toBeNull();
    expect(record!.value).toEqual({ encoding: 'base64', data: bytes.toString('base64'), size: 5, truncated: false });
    expect(record!.headers).toEqual([{ key: 'trace', value: { encoding: 'utf8', data: 'abc-é', size: 6, truncated: false } }]);
    expect(Number(record!.timestamp)).toBeGreaterThan(Date.now() - 60_000);
    watch.stop();
  });

  it('sends a 1 MiB preview of a bigger value, marked truncated, with its true size', async () => {
    const topic = 'big-values';
    await h.client.call('topics.create', { connectionId: h.connectionId, topic, partitions: 1, replicationFactor: 1, configs: { 'max.message.bytes': String(4 * 1024 * 1024) } });
    const big = 'é'.repeat(800_000); // 1,600,000 bytes of UTF-8
    await h.client.call('produce.send', { connectionId: h.connectionId, topic, value: { encoding: 'utf8', data: big } });
    await h.client.call('produce.send', { connectionId: h.connectionId, topic, value: { encoding: 'utf8', data: 'small' } });
    const watch = await openLane(topic);
    await watch.waitForValues(2);
    const [first, second] = watch.records();
    expect(first!.value).toMatchObject({ encoding: 'utf8', size: 1_600_000, truncated: true });
    // Cut at a character boundary at or below 1 MiB.
    expect(first!.value!.data).toBe('é'.repeat(524_288));
    expect(second!.value).toEqual({ encoding: 'utf8', data: 'small', size: 5, truncated: false });
    watch.stop();
  });
});
