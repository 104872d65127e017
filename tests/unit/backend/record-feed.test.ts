// The lane's record feed on a manual clock: batch sizes and timing, holding
// records while nobody can take them, and pausing/resuming around the cap.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/backend/ports.js';
import { RecordFeed, type FeedLimits, type FeedTarget } from '../../../src/backend/lanes/record-feed.js';

/** A clock whose sleeps resolve only when the test advances time. */
class ManualClock implements Clock {
  time = 0;
  private sleepers: { at: number; resolve: () => void; signal?: AbortSignal }[] = [];
  now() {
    return this.time;
  }
  sleep(ms: number, signal?: AbortSignal) {
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      this.sleepers.push({ at: this.time + ms, resolve, signal });
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  }
  /** Moves time forward, letting due sleepers (and what they schedule) run. */
  async advance(ms: number) {
    const end = this.time + ms;
    for (;;) {
      const due = this.sleepers.filter((s) => s.at <= end && !s.signal?.aborted).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.time = Math.max(this.time, due.at);
      this.sleepers = this.sleepers.filter((s) => s !== due);
      due.resolve();
      await flush();
    }
    this.time = end;
    this.sleepers = this.sleepers.filter((s) => !s.signal?.aborted);
  }
  get pending() {
    return this.sleepers.filter((s) => !s.signal?.aborted).length;
  }
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

class TestTarget implements FeedTarget<number> {
  batches: { at: number; records: number[] }[] = [];
  pressures: { paused: boolean; buffered: number }[] = [];
  subscribed = true;
  backedUp = false;
  constructor(private readonly clock: ManualClock) {}
  canDeliver() {
    return this.subscribed && !this.backedUp;
  }
  congested() {
    return this.backedUp;
  }
  deliver(records: number[]) {
    this.batches.push({ at: this.clock.now(), records });
  }
  pressure(paused: boolean, buffered: number) {
    this.pressures.push({ paused, buffered });
  }
  get delivered() {
    return this.batches.flatMap((b) => b.records);
  }
}

const limits: FeedLimits = { maxBatchRecords: 1_000, maxBatchBytes: 100_000, maxDelayMs: 50, capRecords: 5_000, capBytes: 1_000_000 };
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const size = () => 10;

describe('RecordFeed', () => {
  let clock: ManualClock;
  let target: TestTarget;
  let feed: RecordFeed<number>;
  beforeEach(() => {
    clock = new ManualClock();
    target = new TestTarget(clock);
    feed = new RecordFeed(clock, target, limits);
  });

  it('sends a partial batch 50 ms after its oldest record, not before', async () => {
    feed.push([1, 2], size);
    await clock.advance(20);
    feed.push([3], size);
    await clock.advance(29);
    expect(target.batches).toEqual([]);
    await clock.advance(1);
    expect(target.batches).toEqual([{ at: 50, records: [1, 2, 3] }]);
    await clock.advance(500);
    expect(target.batches).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });

  it('sends full batches of 1,000 at once and keeps the remainder for its own delay', async () => {
    feed.push(range(0, 2_500), size);
    expect(target.batches.map((b) => b.records.length)).toEqual([1_000, 1_000]);
    await clock.advance(49);
    expect(target.batches).toHaveLength(2);
    await clock.advance(1);
    expect(target.batches.map((b) => b.records.length)).toEqual([1_000, 1_000, 500]);
    expect(target.delivered).toEqual(range(0, 2_500));
  });

  it('cuts batches by bytes too, with at least one record in each however big', async () => {
    feed.push(range(0, 5), () => 40_000);
    // 200 kB buffered: two full 80 kB batches leave at once; 40 kB waits for its delay.
    expect(target.batches.map((b) => b.records)).toEqual([[0, 1], [2, 3]]);
    await clock.advance(49);
    expect(target.batches).toHaveLength(2);
    await clock.advance(1);
    expect(target.batches.map((b) => b.records)).toEqual([[0, 1], [2, 3], [4]]);
    feed.push([5, 6], () => 250_000);
    expect(target.batches.slice(3).map((b) => b.records)).toEqual([[5], [6]]);
    expect(feed.bufferedBytes).toBe(0);
  });

  it('never sends more than one partial batch per 50 ms however records trickle in', async () => {
    for (let t = 0; t < 1_000; t += 5) {
      feed.push([t], size);
      await clock.advance(5);
    }
    await clock.advance(100);
    const times = target.batches.map((b) => b.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(50);
    expect(target.delivered).toEqual(range(0, 200).map((i) => i * 5));
  });

  it('holds records while nobody is subscribed and sends them, in order, when someone is', async () => {
    target.subscribed = false;
    feed.push(range(0, 1_500), size);
    await clock.advance(1_000);
    expect(target.batches).toEqual([]);
    target.subscribed = true;
    feed.pump();
    await clock.advance(50);
    expect(target.delivered).toEqual(range(0, 1_500));
  });

  it('asks for a pause past the cap and for a resume at half the cap, losing nothing', async () => {
    target.subscribed = false;
    feed.push(range(0, 5_000), size);
    expect(target.pressures).toEqual([]);
    feed.push([5_000], size);
    expect(target.pressures).toEqual([{ paused: true, buffered: 5_001 }]);
    expect(feed.paused).toBe(true);
    // Records still arriving from batches already in flight are kept.
    feed.push(range(5_001, 999), size);
    expect(feed.bufferedRecords).toBe(6_000);
    target.subscribed = true;
    feed.pump();
    // 3 full batches leave at once (6,000 → 3,000 ≤ half the cap) → resume.
    expect(target.pressures.at(-1)).toEqual({ paused: false, buffered: 0 });
    expect(target.delivered).toEqual(range(0, 6_000));
  });

  it('pauses while a subscriber is backed up, polls it, and resumes once it drains', async () => {
    feed.push(range(0, 10), size);
    target.backedUp = true;
    await clock.advance(50);
    expect(target.batches).toEqual([]);
    expect(target.pressures).toEqual([{ paused: true, buffered: 10 }]);
    await clock.advance(500);
    expect(target.batches).toEqual([]);
    target.backedUp = false;
    await clock.advance(50);
    expect(target.delivered).toEqual(range(0, 10));
    expect(target.pressures.at(-1)).toEqual({ paused: false, buffered: 0 });
    await clock.advance(500);
    expect(clock.pending).toBe(0);
  });

  it('pauses on bytes as well as on records', () => {
    target.subscribed = false;
    feed.push([1, 2], () => 600_000);
    expect(target.pressures).toEqual([{ paused: true, buffered: 2 }]);
  });

  it('forgets its records and timer on close', async () => {
    feed.push([1], size);
    feed.close();
    await clock.advance(100);
    expect(target.batches).toEqual([]);
    expect(feed.bufferedRecords).toBe(0);
    expect(clock.pending).toBe(0);
  });
});
