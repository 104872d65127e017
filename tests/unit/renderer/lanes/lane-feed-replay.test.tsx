// A reloaded page or second window gets the lane's history replayed by the
// backend (LaneHistory, the real one): its feed must show the same timeline
// and assignment as a feed that saw every event live.
import { describe, expect, it } from 'vitest';
import { LaneHistory } from '../../../../src/backend/lanes/lane-history';
import type { LaneEventBody } from '../../../../src/backend/lanes/lane-events';
import { LaneFeed, type LaneSnapshot } from '../../../../src/renderer/src/features/lanes/lane-feed';
import type { LaneEvent } from '../../../../src/shared/contract/lanes';

const members = (...split: [string, number[]][]) => split.map(([member, partitions]) => ({ member, partitions }));

/** A lane's life: a member joins, a second joins (its generation confirmed twice), the first leaves. */
const lived: LaneEventBody[] = [
  { type: 'state', state: 'starting', detail: null },
  { type: 'rebalance', member: 'member-1', change: 'join', at: '1000' },
  { type: 'assignment', generationId: 1, members: members(['member-1', [0, 1]]), at: '1010' },
  { type: 'state', state: 'running', detail: null },
  { type: 'lag', partitions: [], total: '4' },
  { type: 'rebalance', member: 'member-2', change: 'join', at: '2000' },
  { type: 'assignment', generationId: 2, members: members(['member-1', [0]], ['member-2', []]), at: '2010' },
  { type: 'assignment', generationId: 2, members: members(['member-1', [0]], ['member-2', [1]]), at: '2010' },
  { type: 'rebalance', member: 'member-1', change: 'leave', at: '3000' },
  { type: 'assignment', generationId: 3, members: members(['member-2', [0, 1]]), at: '3010' },
  { type: 'lag', partitions: [], total: '2' },
];

const numbered = (events: LaneEventBody[]): LaneEvent[] => events.map((event, seq) => ({ ...event, seq }) as LaneEvent);
const timeline = (snapshot: LaneSnapshot) => snapshot.timeline.map(({ kind, at, member, generationId }) => ({ kind, at, member, generationId }));

function liveFeed(events: LaneEventBody[]): LaneFeed {
  // Clock far from the events' times: a generation must take its time from the event.
  const feed = new LaneFeed(undefined, () => 99_999);
  numbered(events).forEach((event) => feed.push(event));
  feed.flush();
  return feed;
}

function lateFeed(events: LaneEventBody[], state: LaneEventBody): LaneFeed {
  const history = new LaneHistory();
  events.forEach((event) => history.observe(event));
  return liveFeed([state, ...history.replay()]);
}

describe('LaneFeed fed a replayed history', () => {
  it('builds the same timeline, assignment and lag as a feed that saw it live', () => {
    const live = liveFeed(lived).snapshot;
    const late = lateFeed(lived, { type: 'state', state: 'running', detail: null }).snapshot;
    expect(timeline(live).map((e) => `${e.kind} ${e.member ?? e.generationId} ${e.at}`)).toEqual([
      'generation 3 3010',
      'leave member-1 3000',
      'generation 2 2010',
      'join member-2 2000',
      'generation 1 1010',
      'join member-1 1000',
    ]);
    expect(timeline(late)).toEqual(timeline(live));
    expect(late.generationId).toBe(3);
    expect(late.assignment).toEqual(live.assignment);
    expect(late.lag).toEqual(live.lag);
    expect(late.state).toBe('running');
  });

  it('a stopped lane shows its past generations on the timeline but no assignment', () => {
    const stopped: LaneEventBody[] = [...lived, { type: 'rebalance', member: 'member-2', change: 'leave', at: '4000' }, { type: 'state', state: 'stopped', detail: null }];
    const history = new LaneHistory();
    stopped.forEach((event) => history.observe(event));
    history.clearAssignment();
    const feed = liveFeed([{ type: 'state', state: 'stopped', detail: null }, ...history.replay()]);
    expect(timeline(feed.snapshot)).toEqual(timeline(liveFeed(stopped).snapshot));
    expect(feed.snapshot.assignment).toEqual([]);
    expect(feed.snapshot.generationId).toBeNull();
  });

  it('after a new run (start or replay) the replayed timeline stays and live generations add to it once', () => {
    const feed = lateFeed(lived, { type: 'state', state: 'running', detail: null });
    feed.newRun();
    const next = (seq: number, generationId: number, at: string): LaneEvent => ({ type: 'assignment', seq, generationId, members: members(['member-2', [0, 1]]), at });
    feed.push(next(100, 3, '3010'));
    feed.push(next(101, 4, '5010'));
    feed.push(next(102, 4, '5010'));
    const snapshot = feed.flush();
    expect(snapshot.recordsPerMember).toEqual({});
    expect(timeline(snapshot).map((e) => `${e.kind} ${e.member ?? e.generationId}`)).toEqual(['generation 4', 'generation 3', 'leave member-1', 'generation 2', 'join member-2', 'generation 1', 'join member-1']);
  });
});
