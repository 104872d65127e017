import { describe, expect, it } from 'vitest';
import { LaneFeed, TIMELINE_LIMIT } from '../../../../src/renderer/src/features/lanes/lane-feed';
import type { LaneEvent } from '../../../../src/shared/contract/lanes';

const records = (seq: number, member: string, offsets: number[], partition = 0): LaneEvent => ({
  type: 'records',
  seq,
  records: offsets.map((offset) => ({ member, partition, offset: String(offset), timestamp: '0', key: null, value: { encoding: 'utf8', data: `v${offset}`, size: 2, truncated: false }, headers: [] })),
});

describe('LaneFeed', () => {
  it('changes nothing until flushed, then applies every queued event at once', () => {
    const feed = new LaneFeed(undefined, () => 1_000);
    const before = feed.snapshot;
    feed.push({ type: 'state', seq: 0, state: 'starting', detail: null });
    feed.push(records(1, 'member-0', [0, 1, 2]));
    feed.push(records(2, 'member-1', [3], 1));
    expect(feed.snapshot).toBe(before);
    expect(feed.buffer.length).toBe(0);
    expect(feed.pending).toBe(3);

    const after = feed.flush();
    expect(after.state).toBe('starting');
    expect(after.records).toMatchObject({ length: 4, received: 4, trimmed: 0 });
    expect(after.recordsPerMember).toEqual({ 'member-0': 3, 'member-1': 1 });
    expect(feed.pending).toBe(0);
    // Nothing new: the same object, so React skips the render.
    expect(feed.flush()).toBe(after);
  });

  it('keeps the assignment sorted by member, records each generation and each join/leave, newest first', () => {
    const feed = new LaneFeed(undefined, () => 5_000);
    feed.push({ type: 'rebalance', seq: 0, member: 'member-0', change: 'join', at: '1000' });
    feed.push({ type: 'rebalance', seq: 1, member: 'member-1', change: 'join', at: '1100' });
    feed.push({
      type: 'assignment',
      seq: 2,
      generationId: 2,
      members: [
        { member: 'member-10', partitions: [] },
        { member: 'member-1', partitions: [3, 1] },
        { member: 'member-0', partitions: [2, 0] },
      ],
    });
    // The same generation again (a late member confirming it) changes the assignment, not the timeline.
    feed.push({ type: 'assignment', seq: 3, generationId: 2, members: [{ member: 'member-1', partitions: [3, 1] }, { member: 'member-0', partitions: [2, 0] }, { member: 'member-10', partitions: [] }] });
    feed.push({ type: 'rebalance', seq: 4, member: 'member-10', change: 'leave', at: '1200' });
    const snapshot = feed.flush();
    expect(snapshot.generationId).toBe(2);
    expect(snapshot.assignment).toEqual([
      { member: 'member-0', partitions: [0, 2] },
      { member: 'member-1', partitions: [1, 3] },
      { member: 'member-10', partitions: [] },
    ]);
    expect(snapshot.timeline.map((entry) => [entry.kind, entry.member, entry.at, entry.generationId])).toEqual([
      ['leave', 'member-10', 1200, null],
      ['generation', null, 5_000, 2],
      ['join', 'member-1', 1100, null],
      ['join', 'member-0', 1000, null],
    ]);
  });

  it('bounds the timeline', () => {
    const feed = new LaneFeed();
    for (let i = 0; i < TIMELINE_LIMIT + 50; i++) feed.push({ type: 'rebalance', seq: i, member: `member-${i}`, change: 'join', at: String(i) });
    const { timeline } = feed.flush();
    expect(timeline).toHaveLength(TIMELINE_LIMIT);
    expect(timeline[0]!.member).toBe(`member-${TIMELINE_LIMIT + 49}`);
  });

  it('a stopped lane has no assignment; running again clears the last error', () => {
    const feed = new LaneFeed();
    feed.push({ type: 'assignment', seq: 0, generationId: 1, members: [{ member: 'member-0', partitions: [0] }] });
    feed.push({ type: 'error', seq: 1, code: 'BROKER_UNREACHABLE', message: 'gone', retriable: true });
    feed.push({ type: 'state', seq: 2, state: 'stopped', detail: null });
    let snapshot = feed.flush();
    expect(snapshot.assignment).toEqual([]);
    expect(snapshot.generationId).toBeNull();
    expect(snapshot.error?.code).toBe('BROKER_UNREACHABLE');
    feed.push({ type: 'state', seq: 3, state: 'running', detail: null });
    snapshot = feed.flush();
    expect(snapshot.error).toBeNull();
  });

  it('shows lag and counts backpressure episodes', () => {
    const feed = new LaneFeed();
    feed.push({ type: 'lag', seq: 0, total: '12', partitions: [{ partition: 0, committed: '3', highWatermark: '15', lag: '12' }] });
    feed.push({ type: 'backpressure', seq: 1, paused: true, bufferedRecords: 20_000 });
    let snapshot = feed.flush();
    expect(snapshot.lag?.total).toBe('12');
    expect(snapshot.backpressure).toBe(true);
    expect(snapshot.backpressureEpisodes).toBe(1);
    feed.push({ type: 'backpressure', seq: 2, paused: false, bufferedRecords: 10_000 });
    feed.push({ type: 'backpressure', seq: 3, paused: true, bufferedRecords: 20_000 });
    snapshot = feed.flush();
    expect(snapshot.backpressureEpisodes).toBe(2);
  });

  it('a new run empties the records and the per-member counts but keeps the timeline', () => {
    const feed = new LaneFeed({ capacity: 10, slack: 2 });
    feed.push({ type: 'rebalance', seq: 0, member: 'member-0', change: 'join', at: '1' });
    feed.push(records(1, 'member-0', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    let snapshot = feed.flush();
    expect(snapshot.records).toMatchObject({ length: 8, trimmed: 3, received: 11 });
    feed.newRun();
    snapshot = feed.flush();
    expect(snapshot.records).toMatchObject({ length: 0, trimmed: 0, received: 0 });
    expect(snapshot.recordsPerMember).toEqual({});
    expect(snapshot.timeline).toHaveLength(1);
  });
});
