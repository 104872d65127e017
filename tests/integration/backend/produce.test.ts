import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaFor } from '../broker/helpers.js';
import { failureOf, startBackendWithBroker, type ClusterHarness } from './helpers.js';

interface Read {
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** Everything in a topic, read with a plain kafkajs consumer (no backend involved). */
async function readAll(h: ClusterHarness, topic: string, expected: number): Promise<Read[]> {
  const consumer = kafkaFor(h.broker).consumer({ groupId: `reader-${topic}-${Math.random()}`, sessionTimeout: 6_000 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const records: Read[] = [];
  await new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`read ${records.length} of ${expected} records`)), 20_000);
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        records.push({ partition, offset: message.offset, key: message.key, value: message.value, headers });
        if (records.length >= expected) {
          clearTimeout(deadline);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return records.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}

describe('produce.send', () => {
  let h: ClusterHarness;
  const send = (input: Record<string, unknown>) => h.client.call('produce.send', { connectionId: h.connectionId, topic: 'events', value: { data: 'v' }, ...input } as never);

  beforeAll(async () => {
    h = await startBackendWithBroker({ brokerConfig: { 'message.max.bytes': '20000' } });
    await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'events', partitions: 4, replicationFactor: 1 });
  });
  afterAll(() => h?.stop());

  it('sends one record with key, headers and an explicit partition, and reports its offset', async () => {
    const first = await send({ key: { data: 'k1' }, value: { data: 'say hello~!!!!' }, headers: [{ key: 'source', value: 'test' }], partition: 2 });
    expect(first.sent).toEqual([{ partition: 2, offset: '0' }]);
    expect(first.total).toBe(1);
    const second = await send({ value: { data: 'again' }, partition: 2 });
    expect(second.sent).toEqual([{ partition: 2, offset: '1' }]);
  });

  it('partitions by key like Java does: one key, one partition, consecutive offsets', async () => {
    const result = await send({ key: { data: 'customer-42' }, value: { data: 'copy {{i}}' }, count: 10 });
    const partitions = new Set(result.sent.map((r) => r.partition));
    expect(partitions.size).toBe(1);
    const offsets = result.sent.map((r) => BigInt(r.offset));
    expect(offsets).toEqual(offsets.map((_, i) => offsets[0] + BigInt(i)));
  });

  it('fills the template per copy and delivers every copy where it says', async () => {
    await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'templated', partitions: 3, replicationFactor: 1 });
    const result = await h.client.call('produce.send', {
      connectionId: h.connectionId,
      topic: 'templated',
      key: { data: 'key-{{i}}' },
      value: { data: '{"n":{{i}},"id":"{{uuid}}","at":{{now}},"r":{{random}}}' },
      valueMode: 'json',
      headers: [{ key: 'copy', value: '{{i}}' }],
      count: 30,
    });
    expect(result.total).toBe(30);
    expect(result.sent).toHaveLength(30);
    const records = await readAll(h, 'templated', 30);
    const byIndex = new Map(records.map((r) => [JSON.parse(r.value!.toString()).n as number, r]));
    expect([...byIndex.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    for (let i = 0; i < 30; i++) {
      const record = byIndex.get(i)!;
      expect(record.key!.toString()).toBe(`key-${i}`);
      expect(record.headers).toEqual({ copy: String(i) });
      expect({ partition: record.partition, offset: record.offset }).toEqual(result.sent[i]);
      const value = JSON.parse(record.value!.toString());
      expect(value.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Number.isInteger(value.r)).toBe(true);
    }
    expect(new Set(records.map((r) => JSON.parse(r.value!.toString()).id)).size).toBe(30);
  });

  it('sends base64 values as bytes', async () => {
    await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'binary', partitions: 1, replicationFactor: 1 });
    await h.client.call('produce.send', { connectionId: h.connectionId, topic: 'binary', key: { encoding: 'base64', data: '3q2+7w==' }, value: { encoding: 'base64', data: 'AP8Q' }, valueMode: 'binary' });
    const [record] = await readAll(h, 'binary', 1);
    expect(record.key).toEqual(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    expect(record.value).toEqual(Buffer.from([0x00, 0xff, 0x10]));
  });

  it('sends a null value (a tombstone)', async () => {
    const result = await send({ key: { data: 'gone' }, value: null, partition: 0 });
    expect(result.sent).toHaveLength(1);
  });

  it('caps the listed results but reports the total', async () => {
    const result = await send({ count: 1500 });
    expect(result.total).toBe(1500);
    expect(result.sent).toHaveLength(1000);
  });

  it('paces copies at the asked rate', async () => {
    const result = await send({ count: 20, ratePerSecond: 50 });
    // 20 copies at 50/s: the last slice is due 380 ms after the first.
    expect(result.elapsedMs).toBeGreaterThanOrEqual(300);
    expect(result.elapsedMs).toBeLessThan(5_000);
  });

  it('refuses bad JSON in JSON mode with the position, sending nothing', async () => {
    const before = (await h.client.call('topics.describe', { connectionId: h.connectionId, topic: 'events' })).messageCount;
    const error = await failureOf(send({ value: { data: '{"n": {{i}}, }' }, valueMode: 'json', count: 5 }));
    expect(error.code).toBe('INVALID_JSON');
    expect(error.message).toMatch(/copy 0 is not valid JSON at position 9 \(line 1, column 10\)/);
    expect((await h.client.call('topics.describe', { connectionId: h.connectionId, topic: 'events' })).messageCount).toBe(before);
  });

  it('splits many records into requests the broker accepts, though together they exceed message.max.bytes', async () => {
    // 200 copies of 5 KB: 1 MB in all, fifty times this broker's 20 KB limit.
    const result = await send({ value: { data: `{{i}}${'y'.repeat(5_000)}` }, count: 200, partition: 3 });
    expect(result.total).toBe(200);
    const first = Number(result.sent[0].offset);
    expect(result.sent.map((r) => Number(r.offset))).toEqual(Array.from({ length: 200 }, (_, i) => first + i));
  });

  it('refuses a value larger than message.max.bytes with MESSAGE_TOO_LARGE', async () => {
    const error = await failureOf(send({ value: { data: 'x'.repeat(50_000) }, partition: 0 }));
    expect(error).toMatchObject({ code: 'MESSAGE_TOO_LARGE', kafkaCode: 10, retriable: false });
  });

  it('refuses a partition the topic does not have, and a topic that does not exist', async () => {
    expect(await failureOf(send({ partition: 9 }))).toMatchObject({ code: 'PARTITION_NOT_FOUND' });
    expect(await failureOf(send({ topic: 'missing-topic' }))).toMatchObject({ code: 'TOPIC_NOT_FOUND' });
  });

  it('refuses text that is not base64 in a base64 value', async () => {
    expect(await failureOf(send({ value: { encoding: 'base64', data: '***' } }))).toMatchObject({ code: 'INVALID_BASE64' });
  });
});
