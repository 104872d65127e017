// The lane's memory for late subscribers: bounded, in order, one entry per
// generation, and only the latest lag and error.
import { describe, expect, it } from 'vitest';
import type { LaneEventBody } from '../../../src/backend/lanes/lane-events.js';
import { HISTORY_LIMIT, LaneHistory } from '../../../src/backend/lanes/lane-history.js';

const join = (member: string, at: number): LaneEventBody => ({ type: 'rebalance', member, change: 'join', at: String(at) });
const generation = (generationId: number, at: number, members = [{ member: 'member-1', partitions: [0] }]): LaneEventBody => ({ type: 'assignment', generationId, members, at: String(at) });
const lag = (total: string): LaneEventBody => ({ type: 'lag', partitions: [], total });

describe('LaneHistory', () => {
  it('keeps only the newest HISTORY_LIMIT timeline events, oldest first', () => {
    const history = new LaneHistory();
    for (let i = 0; i < 5 * HISTORY_LIMIT; i++) history.observe(i % 10 === 0 ? generation(i, i) : join(`member-${i}`, i));
    const replay = history.replay();
    expect(replay).toHaveLength(HISTORY_LIMIT);
    expect(replay.map((e) => ('at' in e ? Number(e.at) : -1))).toEqual(Array.from({ length: HISTORY_LIMIT }, (_, i) => 4 * HISTORY_LIMIT + i));
  });

  it('holds one entry per generation: its newest split, at the time it was first seen', () => {
    const history = new LaneHistory();
    history.observe(join('member-1', 1));
    history.observe(generation(1, 2, [{ member: 'member-1', partitions: [0, 1] }, { member: 'member-2', partitions: [] }]));
    expect(history.generationSeenAt(1)).toBe('2');
    history.observe(join('member-2', 3));
    history.observe(generation(1, 4, [{ member: 'member-1', partitions: [0] }, { member: 'member-2', partitions: [1] }]));
    expect(history.replay()).toEqual([
      join('member-1', 1),
      generation(1, 2, [{ member: 'member-1', partitions: [0] }, { member: 'member-2', partitions: [1] }]),
      join('member-2', 3),
    ]);
  });

  it('marks past generations replayed, and all of them once the lane stopped', () => {
    const history = new LaneHistory();
    history.observe(generation(1, 1));
    history.observe(generation(2, 2));
    expect(history.replay().map((e) => e.type === 'assignment' && e.replayed)).toEqual([true, undefined]);
    history.clearAssignment();
    expect(history.generationSeenAt(2)).toBeUndefined();
    expect(history.replay().map((e) => e.type === 'assignment' && e.replayed)).toEqual([true, true]);
  });

  it('ends with the latest error and lag; records, backpressure and states are not kept', () => {
    const history = new LaneHistory();
    history.observe(lag('5'));
    history.observe({ type: 'error', code: 'BROKER_UNAVAILABLE', message: 'down', retriable: true });
    history.observe({ type: 'records', records: [] });
    history.observe({ type: 'backpressure', paused: true, bufferedRecords: 3 });
    history.observe(lag('7'));
    history.observe({ type: 'state', state: 'reconnecting', detail: 'member-1 lost its connection' });
    expect(history.replay()).toEqual([{ type: 'error', code: 'BROKER_UNAVAILABLE', message: 'down', retriable: true }, lag('7')]);
    // Running again has got past the error, as the renderer shows it.
    history.observe({ type: 'state', state: 'running', detail: null });
    expect(history.replay()).toEqual([lag('7')]);
  });
});
