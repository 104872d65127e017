// A lane's computed reports: the assignment shown only once members agree on
// a generation, lag with and without commits, and the state's precedence.
import { describe, expect, it } from 'vitest';
import { assignmentEvent, lagEvent, laneState, type LaneCondition } from '../../../src/backend/lanes/lane-snapshots.js';

const assigned = (generationId: number, partitions: number[]) => ({ generationId, memberId: `m-${generationId}`, partitions });

describe('assignmentEvent', () => {
  it('is null until some member has joined', () => {
    expect(assignmentEvent([{ label: 'member-1', assignment: null }])).toBeNull();
  });

  it('waits while the members report different generations, then shows the newest', () => {
    const members = [
      { label: 'member-1', assignment: assigned(2, [0, 1]) },
      { label: 'member-2', assignment: assigned(1, [0, 1, 2, 3]) },
    ];
    expect(assignmentEvent(members)).toBeNull();
    members[1]!.assignment = assigned(2, [2, 3]);
    expect(assignmentEvent(members)).toEqual({
      type: 'assignment',
      generationId: 2,
      members: [
        { member: 'member-1', partitions: [0, 1] },
        { member: 'member-2', partitions: [2, 3] },
      ],
    });
  });

  it('shows members that have not joined yet with no partitions', () => {
    expect(assignmentEvent([{ label: 'member-1', assignment: assigned(3, [0]) }, { label: 'member-2', assignment: null }])?.members).toEqual([
      { member: 'member-1', partitions: [0] },
      { member: 'member-2', partitions: [] },
    ]);
  });
});

describe('lagEvent', () => {
  it('subtracts the committed offset, or the low watermark where nothing is committed', () => {
    const event = lagEvent(new Map([[0, 7n]]), [
      { partition: 0, low: 0n, high: 10n },
      { partition: 1, low: 4n, high: 9n },
    ]);
    expect(event).toEqual({
      type: 'lag',
      partitions: [
        { partition: 0, committed: '7', highWatermark: '10', lag: '3' },
        { partition: 1, committed: null, highWatermark: '9', lag: '5' },
      ],
      total: '8',
    });
  });

  it('never reports negative lag (a commit past the end, e.g. after truncation)', () => {
    expect(lagEvent(new Map([[0, 12n]]), [{ partition: 0, low: 0n, high: 10n }]).total).toBe('0');
  });

  it('keeps offsets beyond 2^53 exact', () => {
    const big = 2n ** 60n;
    expect(lagEvent(new Map([[0, big]]), [{ partition: 0, low: 0n, high: big + 3n }]).partitions[0]).toMatchObject({ committed: big.toString(), lag: '3' });
  });
});

describe('laneState', () => {
  const member = (overrides: Partial<LaneCondition['members'][number]> = {}) => ({ label: 'member-1', joined: true, fetching: true, failing: false, ...overrides });
  const lane = (overrides: Partial<LaneCondition> = {}): LaneCondition => ({ failed: null, running: true, userPaused: false, members: [member()], ...overrides });

  it('runs once every member joined and fetched; starts until then', () => {
    expect(laneState(lane()).state).toBe('running');
    expect(laneState(lane({ members: [member(), member({ label: 'member-2', fetching: false })] })).state).toBe('starting');
  });

  it('orders failed, stopped, reconnecting, paused', () => {
    const failed = { code: 'NOT_AUTHORIZED', message: 'no', retriable: false };
    expect(laneState(lane({ failed, running: false }))).toEqual({ state: 'failed', detail: 'no' });
    expect(laneState(lane({ running: false, members: [member({ failing: true })] })).state).toBe('stopped');
    expect(laneState(lane({ userPaused: true, members: [member({ failing: true })] }))).toEqual({ state: 'reconnecting', detail: 'member-1 lost its connection and is reconnecting' });
    expect(laneState(lane({ userPaused: true })).state).toBe('paused');
  });
});
