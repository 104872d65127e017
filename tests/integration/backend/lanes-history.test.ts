// A subscriber that arrives later (a reloaded page, a second window) gets the
// lane's rebalance history as it happened, against a real broker: joins,
// leaves and each generation in order with their original times, then the
// latest lag, then live records; a subscriber there all along sees no replay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaneEvent } from '../../../src/shared/contract/lanes.js';
import { startBackendWithBroker, type ClusterHarness } from './helpers.js';
import { expectContiguousSeq, watchLane, type LaneWatch } from './lane-helpers.js';

type TimelineEvent = Extract<LaneEvent, { type: 'rebalance' | 'assignment' }>;

/** What a timeline shows of an event: one line per join, leave and generation. */
function timelineOf(events: LaneEvent[]): string[] {
  const seen = new Set<number>();
  return events
    .filter((e): e is TimelineEvent => e.type === 'rebalance' || e.type === 'assignment')
    .filter((e) => e.type === 'rebalance' || (!seen.has(e.generationId) && seen.add(e.generationId)))
    .map((e) => (e.type === 'rebalance' ? `${e.change} ${e.member} at ${e.at}` : `generation ${e.generationId} at ${e.at}`));
}

describe('lane history for late subscribers', () => {
  let h: ClusterHarness;
  const watches: LaneWatch[] = [];

  beforeAll(async () => {
    h = await startBackendWithBroker();
  });
  afterAll(async () => {
    watches.forEach((w) => w.stop());
    await h?.stop();
  });

  const watch = (laneId: string) => {
    const w = watchLane(h.client, laneId);
    watches.push(w);
    return w;
  };

  it('replays joins, the leave and each generation in order with their times, then the lag, then live records', async () => {
    const topic = 'history';
    await h.client.call('topics.create', { connectionId: h.connectionId, topic, partitions: 2, replicationFactor: 1 });
    const view = await h.client.call('lanes.open', { connectionId: h.connectionId, topic, groupId: 'history', autoOffsetReset: 'earliest', members: 1, autoCommit: true });
    const live = watch(view.laneId);
    const first = await live.waitFor('assignment', (e) => e.members.length === 1 && e.members[0]!.partitions.length === 2);
    await h.client.call('lanes.addMember', { laneId: view.laneId });
    const split = await live.waitFor('assignment', (e) => e.generationId > first.generationId && e.members.every((m) => m.partitions.length === 1));
    await live.waitFor('rebalance', (e) => e.member === 'member-2' && e.change === 'join');
    await h.client.call('lanes.removeMember', { laneId: view.laneId, member: 'member-1' });
    await live.waitFor('rebalance', (e) => e.member === 'member-1' && e.change === 'leave');
    const alone = await live.waitFor('assignment', (e) => e.generationId > split.generationId && e.members.length === 1 && e.members[0]!.partitions.length === 2);
    await live.waitFor('state', (e) => e.state === 'running', 20_000, live.events.indexOf(alone));
    await live.waitFor('lag');

    const late = watch(view.laneId);
    await late.waitFor('lag');
    await h.client.call('produce.send', { connectionId: h.connectionId, topic, value: { encoding: 'utf8', data: 'after' }, count: 1 });
    expect(await late.waitForValues(1)).toEqual(['after']);

    // The same timeline, times included, as the subscriber that saw it happen.
    const expected = timelineOf(live.events);
    expect(expected.map((line) => line.replace(/ at .*/, ''))).toEqual([
      'join member-1',
      `generation ${first.generationId}`,
      'join member-2',
      `generation ${split.generationId}`,
      'leave member-1',
      `generation ${alone.generationId}`,
    ]);
    expect(timelineOf(late.events)).toEqual(expected);
    // A generation's time is when it was first seen, however often it was confirmed.
    for (const e of live.of('assignment')) expect(e.at).toBe(live.of('assignment').find((g) => g.generationId === e.generationId)!.at);

    // In order: the state, the history (past generations marked replayed), the latest lag, then live events.
    const types = late.events.map((e) => e.type);
    const lagAt = types.indexOf('lag');
    expect(types[0]).toBe('state');
    expect(new Set(types.slice(1, lagAt))).toEqual(new Set(['rebalance', 'assignment']));
    expect(types.indexOf('records')).toBeGreaterThan(lagAt);
    const replayed = late.of('assignment');
    expect(replayed.slice(0, -1).every((e) => e.replayed === true)).toBe(true);
    expect(replayed.at(-1)).toMatchObject({ generationId: alone.generationId, members: alone.members });
    expect(replayed.at(-1)!.replayed).toBeUndefined();
    const { seq: _lateSeq, ...lateLag } = late.events[lagAt] as Extract<LaneEvent, { type: 'lag' }>;
    expect(live.of('lag').map(({ seq: _seq, ...lag }) => lag)).toContainEqual(lateLag);
    expectContiguousSeq(late.events);

    // The subscriber there all along got each rebalance once: the late one's replay did not reach it.
    expect(live.of('rebalance').map((e) => `${e.change} ${e.member}`)).toEqual(['join member-1', 'join member-2', 'leave member-1']);
    expect(late.of('rebalance').map((e) => `${e.change} ${e.member}`)).toEqual(['join member-1', 'join member-2', 'leave member-1']);
    expectContiguousSeq(live.events);

    // A stopped lane still has its timeline, but no current assignment to show.
    await h.client.call('lanes.stop', { laneId: view.laneId });
    const afterStop = watch(view.laneId);
    await afterStop.waitFor('lag');
    expect(afterStop.events[0]).toMatchObject({ type: 'state', state: 'stopped' });
    expect(afterStop.of('assignment').map((e) => [e.generationId, e.replayed])).toEqual([first, split, alone].map((g) => [g.generationId, true]));
    expect(timelineOf(afterStop.events)).toEqual(timelineOf(live.events));
    expect(timelineOf(afterStop.events).at(-1)).toMatch(/^leave member-2 at /);
  });
});
