// produce.cancel against a real broker: a cancel that lands while a request is
// on its way to the broker still reports what that request landed, so the
// stream's final count is exactly what the topic holds; a cancel inside a
// rate wait (held there by a stepped clock) is exact too; an unknown id is a
// no-op; and every ending frees the send's id (observed by reusing it).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProduceEvent } from '../../../src/shared/contract/produce.js';
import { browseAll } from './browse-support.js';
import { startBackendWithBroker, type ClusterHarness } from './helpers.js';
import { messageCount, subscribe, type Subscription } from './produce-stream-support.js';
import { SteppedClock } from './stepped-clock.js';

type Done = Extract<ProduceEvent, { type: 'done' }>;

const cancel = (h: ClusterHarness, sendId: string) => h.client.call('produce.cancel', { connectionId: h.connectionId, sendId });

/** The stream's last event, which must be its only `done`, after a normal end. */
async function terminal(stream: Subscription): Promise<Done> {
  expect(await stream.ended).toBeUndefined();
  const done = stream.events.filter((e): e is Done => e.type === 'done');
  expect(done).toHaveLength(1);
  expect(stream.events.at(-1)).toBe(done[0]);
  return done[0]!;
}

/** Starts a one-record send with this id: 'ok' when it ran, else the code it was refused with. */
async function sendWithId(h: ClusterHarness, topic: string, sendId: string): Promise<string> {
  const error = await subscribe(h, { topic, sendId }).ended;
  return error?.code ?? 'ok';
}

describe('produce.cancel', () => {
  let h: ClusterHarness;

  beforeAll(async () => {
    h = await startBackendWithBroker();
    for (const topic of ['in-flight', 'ids']) await h.client.call('topics.create', { connectionId: h.connectionId, topic, partitions: 3, replicationFactor: 1 });
  });
  afterAll(() => h?.stop());

  it('counts the request in flight when the cancel lands: the final count is exactly what the topic holds, and nothing lands later', async () => {
    const sendId = randomUUID();
    // No rate: chunk after chunk, so when the first progress arrives the next request is already on its way.
    const stream = subscribe(h, { topic: 'in-flight', count: 1_000_000, sendId });
    const first = await stream.reached(1);
    expect(await cancel(h, sendId)).toBeNull();
    const done = await terminal(stream);

    expect(done).toMatchObject({ cancelled: true });
    expect(done.total).toBeGreaterThan(first.sent);
    expect(done.total).toBeLessThan(1_000_000);
    // The last progress reports the same count, including what the in-flight request landed.
    expect(stream.progress().at(-1)!.sent).toBe(done.total);
    const read = await browseAll(h, { topic: 'in-flight', start: { from: 'earliest' }, maxRecords: done.total + 1_000, maxWaitMs: 3_000 });
    expect(read.records).toHaveLength(done.total);
    // Exactly copies 0 … total−1: none skipped, none extra.
    const values = new Set(read.records.map((r) => r.value?.data));
    expect(values.size).toBe(done.total);
    for (const copy of [0, first.sent, done.total - 1]) expect(values.has(`v${copy}`)).toBe(true);
    expect(values.has(`v${done.total}`)).toBe(false);

    // The send has returned, so nothing it started can land later; checked all the same.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await messageCount(h, 'in-flight')).toBe(done.total);
    expect(stream.events.at(-1)).toBe(done);
  });

  it('returns normally for an unknown id, for a finished send, and when cancelled twice', async () => {
    expect(await cancel(h, randomUUID())).toBeNull();
    const sendId = randomUUID();
    const stream = subscribe(h, { topic: 'ids', count: 3, sendId });
    expect(await terminal(stream)).toMatchObject({ total: 3, cancelled: false });
    expect(await cancel(h, sendId)).toBeNull();
    expect(await cancel(h, sendId)).toBeNull();
  });

  it('refuses a second send with the id of one still running, and frees the id however a send ends', async () => {
    const running = randomUUID();
    const stream = subscribe(h, { topic: 'ids', count: 1_000_000, sendId: running });
    await stream.reached(1);
    expect(await sendWithId(h, 'ids', running)).toBe('INVALID_INPUT');
    await cancel(h, running);
    expect(await terminal(stream)).toMatchObject({ cancelled: true });
    // Cancelled: the id is free again.
    expect(await sendWithId(h, 'ids', running)).toBe('ok');
    // Done: that send just ended normally, and the id is free once more.
    expect(await sendWithId(h, 'ids', running)).toBe('ok');

    // Failed: a topic that does not exist.
    const failed = randomUUID();
    expect((await subscribe(h, { topic: 'no-such-topic', sendId: failed }).ended)?.code).toBe('TOPIC_NOT_FOUND');
    expect(await sendWithId(h, 'ids', failed)).toBe('ok');

    // Unsubscribed: freed once the in-flight request has finished.
    const dropped = randomUUID();
    const abandoned = subscribe(h, { topic: 'ids', count: 1_000_000, sendId: dropped });
    await abandoned.reached(1);
    abandoned.unsubscribe();
    await expect.poll(() => sendWithId(h, 'ids', dropped)).toBe('ok');
  });

  it('cannot cancel a send from another connection', async () => {
    const sendId = randomUUID();
    const stream = subscribe(h, { topic: 'ids', count: 2_000, ratePerSecond: 1_000, sendId });
    await stream.reached(1);
    expect(await h.client.call('produce.cancel', { connectionId: 'another-connection', sendId })).toBeNull();
    expect(await terminal(stream)).toMatchObject({ total: 2_000, cancelled: false });
  });

  it('validates the id: a UUID, on a named connection', async () => {
    await expect(h.client.call('produce.cancel', { connectionId: h.connectionId, sendId: 'not-a-uuid' })).rejects.toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect((await subscribe(h, { topic: 'ids', sendId: 'not-a-uuid' }).ended)?.code).toBe('INVALID_INPUT');
  });
});

describe('produce.cancel during a rate wait, on a stepped clock', () => {
  const clock = new SteppedClock();
  let h: ClusterHarness;

  beforeAll(async () => {
    h = await startBackendWithBroker({ backend: { clock } });
    await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'paced-cancel', partitions: 2, replicationFactor: 1 });
  });
  afterAll(() => h?.stop());

  it('wakes the wait, sends nothing more, and ends with done cancelled at exactly what the topic holds', async () => {
    clock.held = true;
    const sendId = randomUUID();
    // 10 per second: one record per slice, each followed by a wait the test releases by hand.
    const stream = subscribe(h, { topic: 'paced-cancel', count: 1_000, ratePerSecond: 10, sendId });
    for (let sent = 1; sent <= 3; sent++) {
      await stream.reached(sent);
      expect(clock.sleeping()).toBe(1);
      if (sent < 3) clock.release();
    }
    await cancel(h, sendId);
    const done = await terminal(stream);
    clock.held = false;
    expect(clock.sleeping()).toBe(0);
    expect(done).toMatchObject({ total: 3, cancelled: true });
    expect(await messageCount(h, 'paced-cancel')).toBe(3);
  });
});
