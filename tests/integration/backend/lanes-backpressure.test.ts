// Bounded memory: a lane whose client cannot keep up pauses its consumers and
// says so, holds what it already read, and delivers every record, once, when
// the client catches up. Two ways to fall behind: a transport that reports a
// backlog, and nobody reading at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaneEvent } from '../../../src/shared/contract/lanes.js';
import { startBackendWithBroker, type ClusterHarness } from './helpers.js';
import { duplicates, watchLane } from './lane-helpers.js';

const RECORDS = 50_000;
/** The feed's cap (20,000) plus what fetches already in flight can add (1 MiB per fetch, ~4,000 of these records). */
const BOUND = 30_000;

describe('lane backpressure', () => {
  let h: ClusterHarness;
  beforeAll(async () => {
    h = await startBackendWithBroker();
  });
  afterAll(() => h?.stop());

  const prepare = async (topic: string) => {
    await h.client.call('topics.create', { connectionId: h.connectionId, topic, partitions: 1, replicationFactor: 1 });
    await h.client.call('produce.send', { connectionId: h.connectionId, topic, value: { encoding: 'utf8', data: `v-{{i}}-${'x'.repeat(200)}` }, count: RECORDS });
    return h.client.call('lanes.open', { connectionId: h.connectionId, topic, groupId: `${topic}-group`, autoOffsetReset: 'earliest', members: 1, autoCommit: true });
  };
  /** Committed offsets of the lane's group, from the lag events: what the lane has read from Kafka. */
  const committedTotal = (event: Extract<LaneEvent, { type: 'lag' }>) => event.partitions.reduce((sum, p) => sum + Number(p.committed ?? 0), 0);

  it('pauses while the transport is backed up, stays bounded, and resumes without losing a record', async () => {
    const lane = await prepare('slow-sink');
    const events: LaneEvent[] = [];
    let delivered = 0;
    // The transport keeps up for the first 5,000 records, then backs up.
    let backlog = 0;
    let backedUp = false;
    const emit = (event: LaneEvent) => {
      events.push(event);
      if (event.type === 'records') delivered += event.records.length;
      if (delivered >= 5_000 && !backedUp) {
        backedUp = true;
        backlog = 64 * 1024 * 1024;
      }
    };
    h.backend.dispatcher.subscribe('lanes.events', { laneId: lane.laneId }, { emit: (e) => emit(e as LaneEvent), end: () => undefined, backlog: () => backlog });
    const lagEvents = () => events.filter((e): e is Extract<LaneEvent, { type: 'lag' }> => e.type === 'lag');

    await expect.poll(() => events.find((e) => e.type === 'backpressure'), { timeout: 20_000 }).toMatchObject({ paused: true });
    // Three lag snapshots in a row with the same committed total: the consumer has stopped reading.
    await expect
      .poll(
        () => {
          const last = lagEvents().slice(-3).map(committedTotal);
          return last.length === 3 && last.every((c) => c === last[0]);
        },
        { timeout: 20_000, interval: 200 },
      )
      .toBe(true);
    const read = committedTotal(lagEvents().at(-1)!);
    const deliveredWhileBlocked = delivered;
    expect(deliveredWhileBlocked).toBeGreaterThanOrEqual(5_000);
    expect(read).toBeLessThan(RECORDS);
    // What was read but not delivered is what the lane holds.
    expect(read - deliveredWhileBlocked).toBeLessThanOrEqual(BOUND);
    expect(lagEvents().at(-1)!.total).toBe(String(RECORDS - read));

    backlog = 0;
    await expect.poll(() => events.filter((e) => e.type === 'records').reduce((n, e) => n + (e.type === 'records' ? e.records.length : 0), 0), { timeout: 30_000 }).toBe(RECORDS);
    expect(events.filter((e) => e.type === 'backpressure').map((e) => e.type === 'backpressure' && e.paused)).toEqual([true, false]);
    const values = events.flatMap((e) => (e.type === 'records' ? e.records.map((r) => r.value!.data) : []));
    expect(duplicates(values)).toBe(0);
    expect(values[0]).toMatch(/^v-0-/);
    expect(values.at(-1)).toMatch(new RegExp(`^v-${RECORDS - 1}-`));
    for (const e of events) if (e.type === 'records') expect(e.records.length).toBeLessThanOrEqual(1_000);
    await h.client.call('lanes.close', { laneId: lane.laneId });
  });

  it('with nobody subscribed, fills to its cap, pauses, and hands everything to the first subscriber', async () => {
    const lane = await prepare('no-reader');
    // Watch the group from outside: its committed offset stops below the topic's end.
    const committed = async () => {
      const group = await h.client.call('groups.describe', { connectionId: h.connectionId, groupId: 'no-reader-group' });
      return group.offsets.reduce((sum, p) => sum + Number(p.committed ?? 0), 0);
    };
    await expect.poll(committed, { timeout: 20_000 }).toBeGreaterThan(0);
    let previous = -1;
    await expect
      .poll(
        async () => {
          const now = await committed();
          const stable = now === previous;
          previous = now;
          return stable;
        },
        { timeout: 20_000, interval: 1_500 },
      )
      .toBe(true);
    expect(previous).toBeGreaterThanOrEqual(20_000);
    expect(previous).toBeLessThanOrEqual(BOUND);

    const watch = watchLane(h.client, lane.laneId);
    // Told first (after state and assignment), before any records.
    const told = await watch.waitFor('backpressure', (e) => e.paused);
    const values = await watch.waitForValues(RECORDS, 30_000);
    expect(told.seq).toBeLessThan(watch.of('records')[0]!.seq);
    expect(values).toHaveLength(RECORDS);
    expect(duplicates(values)).toBe(0);
    await watch.waitFor('backpressure', (e) => !e.paused);
    watch.stop();
    await h.client.call('lanes.close', { laneId: lane.laneId });
  });
});
