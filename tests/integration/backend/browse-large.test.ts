// Values over 1 MiB: browse.read shows a 1 MiB preview marked truncated (with
// the true size), and browse.value returns the whole value. The broker's
// message.max.bytes is raised so such records can be written at all.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaFor } from '../broker/helpers.js';
import { browseAll } from './browse-support.js';
import { startBackendWithBroker, type ClusterHarness } from './helpers.js';

const MiB = 1024 * 1024;

describe('browse with values over 1 MiB', () => {
  let h: ClusterHarness;
  const topic = 'large';
  const text = 'é' + 'x'.repeat(1.5 * MiB);
  const binary = Buffer.concat([Buffer.from([0xff, 0xfe]), randomBytes(Math.round(1.2 * MiB))]);

  beforeAll(async () => {
    h = await startBackendWithBroker({ brokerConfig: { 'message.max.bytes': String(4 * MiB) } });
    await h.client.call('topics.create', { connectionId: h.connectionId, topic, partitions: 1, replicationFactor: 1 });
    const producer = kafkaFor(h.broker).producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ partition: 0, key: 'small', value: text }] });
    await producer.send({ topic, messages: [{ partition: 0, key: binary, value: 'after' }] });
    for (let i = 0; i < 4; i++) await producer.send({ topic, messages: [{ partition: 0, value: `${i}`.repeat(1.5 * MiB) }] });
    await producer.disconnect();
  });
  afterAll(() => h?.stop());

  it('previews the first MiB, says so, and browse.value returns the rest', async () => {
    const out = await browseAll(h, { topic, start: { from: 'earliest' } });
    expect(out.done).toMatchObject({ reason: 'end', records: 6 });
    const [big, binaryKeyed] = out.records;

    const textBytes = Buffer.byteLength(text);
    expect(big.value).toMatchObject({ encoding: 'utf8', size: textBytes, truncated: true });
    expect(Buffer.byteLength(big.value!.data)).toBeLessThanOrEqual(MiB);
    expect(Buffer.byteLength(big.value!.data)).toBeGreaterThan(MiB - 4);
    expect(text.startsWith(big.value!.data)).toBe(true);
    expect(big.key).toEqual({ encoding: 'utf8', data: 'small', size: 5, truncated: false });

    expect(binaryKeyed.key).toMatchObject({ encoding: 'base64', size: binary.length, truncated: true });
    expect(Buffer.from(binaryKeyed.key!.data, 'base64')).toEqual(binary.subarray(0, MiB));

    // Previews of about 1 MiB each: a records event closes once it passes 4 MiB, so no event is a giant frame.
    const batches = out.events.filter((e) => e.type === 'records').map((e) => e.records.map((r) => (r.key?.data.length ?? 0) + (r.value?.data.length ?? 0)));
    expect(batches.length).toBeGreaterThanOrEqual(2);
    for (const sizes of batches) expect(sizes.slice(0, -1).reduce((a, b) => a + b, 0)).toBeLessThan(4 * MiB);

    const whole = await h.client.call('browse.value', { connectionId: h.connectionId, topic, partition: 0, offset: big.offset, part: 'value' });
    expect(whole).toEqual({ encoding: 'utf8', data: text, size: textBytes, truncated: false });
    const wholeKey = await h.client.call('browse.value', { connectionId: h.connectionId, topic, partition: 0, offset: binaryKeyed.offset, part: 'key' });
    expect(wholeKey).toMatchObject({ encoding: 'base64', size: binary.length, truncated: false });
    expect(Buffer.from(wholeKey!.data, 'base64').equals(binary)).toBe(true);
  });
});
