// produce.sendStream against a real broker: progress in batches and a done
// event that match what the topic holds, a cancel that stops the send inside
// its rate wait (a stepped clock holds it there), errors that end the stream
// with their code, and params validated like produce.send's input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browseAll } from './browse-support.js';
import { startBackendWithBroker, type ClusterHarness } from './helpers.js';
import { messageCount, subscribe } from './produce-stream-support.js';
import { SteppedClock } from './stepped-clock.js';

describe('produce.sendStream', () => {
  let h: ClusterHarness;

  beforeAll(async () => {
    h = await startBackendWithBroker();
    await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'streamed', partitions: 3, replicationFactor: 1 });
  });
  afterAll(() => h?.stop());

  it('reports progress in batches and a done event whose counts match what the topic holds', async () => {
    const stream = subscribe(h, { topic: 'streamed', key: { data: 'k-{{i}}' }, count: 1_500 });
    expect(await stream.ended).toBeUndefined();
    const progress = stream.progress();
    // Chunks of 500 reported at most every 100 ms: a few events, never one per record.
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.length).toBeLessThanOrEqual(3);
    expect(progress.map((p) => p.sent)).toEqual([...progress.map((p) => p.sent)].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ sent: 1_500, total: 1_500 });
    const done = stream.events.at(-1);
    expect(done).toMatchObject({ type: 'done', total: 1_500, cancelled: false });
    expect(stream.events.filter((e) => e.type === 'done')).toHaveLength(1);

    // The first 1,000 are listed across the events, each where the topic has it.
    const landed = progress.flatMap((p) => p.landed);
    expect(landed).toHaveLength(1_000);
    const read = await browseAll(h, { topic: 'streamed', start: { from: 'earliest' }, maxRecords: 2_000, maxWaitMs: 3_000 });
    expect(read.records).toHaveLength(1_500);
    const where = new Map(read.records.map((r) => [`${r.partition}:${r.offset}`, r.key?.data]));
    landed.forEach((record, copy) => expect(where.get(`${record.partition}:${record.offset}`)).toBe(`k-${copy}`));
    expect(await messageCount(h, 'streamed')).toBe(1_500);
  });

  it('sends a single record as one progress event and done', async () => {
    const stream = subscribe(h, { topic: 'streamed', partition: 1 });
    expect(await stream.ended).toBeUndefined();
    expect(stream.events).toEqual([
      { type: 'progress', sent: 1, total: 1, landed: [{ partition: 1, offset: expect.stringMatching(/^\d+$/) }] },
      { type: 'done', total: 1, elapsedMs: expect.any(Number), cancelled: false },
    ]);
  });

  it('ends with the error code when the partition or topic does not exist, having sent nothing', async () => {
    const before = await messageCount(h, 'streamed');
    const missingPartition = subscribe(h, { topic: 'streamed', partition: 9, count: 10 });
    expect(await missingPartition.ended).toMatchObject({ code: 'PARTITION_NOT_FOUND' });
    expect(missingPartition.events).toEqual([]);
    const missingTopic = subscribe(h, { topic: 'no-such-topic', count: 10 });
    expect(await missingTopic.ended).toMatchObject({ code: 'TOPIC_NOT_FOUND' });
    expect(await messageCount(h, 'streamed')).toBe(before);
  });

  it('validates its params like produce.send: count, rate and a missing topic are refused', async () => {
    for (const params of [{ topic: 'streamed', count: 0 }, { topic: 'streamed', ratePerSecond: -1 }, { topic: '' }, { topic: 'streamed', count: 2.5 }]) {
      const stream = subscribe(h, params);
      const error = await stream.ended;
      expect(error?.code).toBe('INVALID_INPUT');
      expect(error?.message).toMatch(/^produce\.sendStream: /);
      expect(stream.events).toEqual([]);
    }
  });
});

describe('produce.sendStream at a rate, on a stepped clock', () => {
  const clock = new SteppedClock();
  let h: ClusterHarness;

  beforeAll(async () => {
    h = await startBackendWithBroker({ backend: { clock } });
    await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'paced', partitions: 2, replicationFactor: 1 });
    await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'cancelled', partitions: 2, replicationFactor: 1 });
  });
  afterAll(() => h?.stop());

  it('reports after every paced slice, before waiting for the next', async () => {
    clock.held = false;
    // 100 per second goes out as 5 records every 50 ms.
    const stream = subscribe(h, { topic: 'paced', count: 20, ratePerSecond: 100 });
    expect(await stream.ended).toBeUndefined();
    expect(stream.progress().map((p) => [p.sent, p.landed.length])).toEqual([
      [5, 5],
      [10, 5],
      [15, 5],
      [20, 5],
    ]);
    expect(stream.events.at(-1)).toEqual({ type: 'done', total: 20, elapsedMs: 150, cancelled: false });
    expect(await messageCount(h, 'paced')).toBe(20);
  });

  it('stops during a rate wait when unsubscribed: the topic holds exactly what the last progress reported', async () => {
    clock.held = true;
    // 10 per second: one record per slice, each followed by a wait the test releases by hand.
    const stream = subscribe(h, { topic: 'cancelled', count: 1_000, ratePerSecond: 10 });
    for (let sent = 1; sent <= 3; sent++) {
      await stream.reached(sent);
      expect(clock.sleeping()).toBe(1);
      if (sent < 3) clock.release();
    }
    stream.unsubscribe();
    // The abort wakes the wait; the loop must not send another record.
    await expect.poll(() => clock.sleeping()).toBe(0);
    clock.held = false;
    const last = stream.progress().at(-1)!;
    expect(last).toMatchObject({ sent: 3, total: 1_000 });
    expect(stream.events.some((e) => e.type === 'done')).toBe(false);
    expect(await messageCount(h, 'cancelled')).toBe(3);
    // Still 3 a while later: nothing was in flight.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await messageCount(h, 'cancelled')).toBe(3);
  });
});
