// The seed's group experiments, now through the backend's lanes API against
// the embedded broker: pub/sub across two groups, queueing inside one group,
// catch-up after a stop, latest vs earliest, replay; plus the controls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackendWithBroker, failureOf, type ClusterHarness } from './helpers.js';
import { duplicates, expectContiguousSeq, watchLane, type LaneWatch } from './lane-helpers.js';

describe('lanes', () => {
  let h: ClusterHarness;
  const watches: LaneWatch[] = [];
  let topicNumber = 0;

  beforeAll(async () => {
    h = await startBackendWithBroker();
  });
  afterAll(async () => {
    watches.forEach((w) => w.stop());
    await h?.stop();
  });

  const newTopic = async (partitions = 1, name = `lanes-${++topicNumber}`) => {
    await h.client.call('topics.create', { connectionId: h.connectionId, topic: name, partitions, replicationFactor: 1 });
    return name;
  };
  const send = (topic: string, value: string, extra: { count?: number; partition?: number; key?: string } = {}) =>
    h.client.call('produce.send', {
      connectionId: h.connectionId,
      topic,
      value: { encoding: 'utf8', data: value },
      count: extra.count ?? 1,
      ...(extra.key === undefined ? {} : { key: { encoding: 'utf8', data: extra.key } }),
      ...(extra.partition === undefined ? {} : { partition: extra.partition }),
    });
  const open = async (topic: string, groupId: string, options: { members?: number; autoOffsetReset?: 'earliest' | 'latest' } = {}) => {
    const view = await h.client.call('lanes.open', {
      connectionId: h.connectionId,
      topic,
      groupId,
      autoOffsetReset: options.autoOffsetReset ?? 'earliest',
      members: options.members ?? 1,
      autoCommit: true,
    });
    const watch = watchLane(h.client, view.laneId);
    watches.push(watch);
    return { view, watch };
  };
  const running = (watch: LaneWatch, from = 0) => watch.waitFor('state', (e) => e.state === 'running', 20_000, from);

  it('two lanes in different groups both receive what is sent to "topic"', async () => {
    await newTopic(1, 'topic');
    const one = await open('topic', 'group_1');
    const two = await open('topic', 'group_2');
    expect(one.view.laneId).not.toBe(two.view.laneId);
    await Promise.all([running(one.watch), running(two.watch)]);
    await send('topic', 'say hello~!!!!');
    expect(await one.watch.waitForValues(1)).toEqual(['say hello~!!!!']);
    expect(await two.watch.waitForValues(1)).toEqual(['say hello~!!!!']);
    const [record] = one.watch.records();
    expect(record).toMatchObject({ member: 'member-1', partition: 0, offset: '0', key: null, headers: [] });
    expect(record!.value).toEqual({ encoding: 'utf8', data: 'say hello~!!!!', size: 14, truncated: false });
    // A new subscriber starts with the state and the assignment.
    expect(one.watch.events[0]).toMatchObject({ type: 'state', seq: 0 });
    expectContiguousSeq(one.watch.events);
    const lanes = await h.client.call('lanes.list', {});
    expect(lanes.filter((l) => l.topic === 'topic').map((l) => l.groupId).sort()).toEqual(['group_1', 'group_2']);
  });

  it('two members on a 4-partition topic split it 2+2 and each message arrives once', async () => {
    const topic = await newTopic(4);
    const { watch } = await open(topic, 'queue', { members: 2 });
    const split = await watch.waitFor('assignment', (e) => e.members.length === 2 && e.members.every((m) => m.partitions.length === 2));
    expect(split.members.flatMap((m) => m.partitions).sort()).toEqual([0, 1, 2, 3]);
    expect(split.generationId).toBeGreaterThan(0);
    await running(watch);
    for (let p = 0; p < 4; p++) await send(topic, `m-${p}-{{i}}`, { partition: p, count: 10 });
    const values = await watch.waitForValues(40);
    expect(duplicates(values)).toBe(0);
    expect(values).toHaveLength(40);
    // Each partition was read by the member it is assigned to.
    const owner = new Map(split.members.flatMap((m) => m.partitions.map((p) => [p, m.member] as const)));
    for (const record of watch.records()) expect(record.member).toBe(owner.get(record.partition));
    expect(new Set(watch.records().map((r) => r.member)).size).toBe(2);
  });

  it('a stopped lane catches up on restart with exactly what was sent while away', async () => {
    const topic = await newTopic(1);
    const { view, watch } = await open(topic, 'catch-up');
    await running(watch);
    await send(topic, 'before-{{i}}', { count: 3 });
    await watch.waitForValues(3);
    const stopped = await h.client.call('lanes.stop', { laneId: view.laneId });
    expect(stopped.state).toBe('stopped');
    await watch.waitFor('rebalance', (e) => e.change === 'leave');
    await send(topic, 'away-{{i}}', { count: 5 });
    const mark = watch.events.length;
    await h.client.call('lanes.start', { laneId: view.laneId });
    await running(watch, mark);
    const values = await watch.waitForValues(8);
    expect(values).toEqual(['before-0', 'before-1', 'before-2', 'away-0', 'away-1', 'away-2', 'away-3', 'away-4']);
  });

  it('without auto-commit the group commits nothing, so a restart reads the same records again', async () => {
    const topic = await newTopic(1);
    const view = await h.client.call('lanes.open', { connectionId: h.connectionId, topic, groupId: 'no-commits', autoOffsetReset: 'earliest', members: 1, autoCommit: false });
    const watch = watchLane(h.client, view.laneId);
    watches.push(watch);
    await send(topic, 'n-{{i}}', { count: 3 });
    await watch.waitForValues(3);
    const lag = await watch.waitFor('lag');
    expect(lag.partitions).toEqual([{ partition: 0, committed: null, highWatermark: '3', lag: '3' }]);
    await h.client.call('lanes.stop', { laneId: view.laneId });
    await h.client.call('lanes.start', { laneId: view.laneId });
    expect(await watch.waitForValues(6)).toEqual(['n-0', 'n-1', 'n-2', 'n-0', 'n-1', 'n-2']);
    expect(view.autoCommit).toBe(false);
  });

  it('latest starts after what is already there; earliest reads it all', async () => {
    const topic = await newTopic(1);
    await send(topic, 'old-{{i}}', { count: 3 });
    const latest = await open(topic, 'starts-latest', { autoOffsetReset: 'latest' });
    const earliest = await open(topic, 'starts-earliest', { autoOffsetReset: 'earliest' });
    await Promise.all([running(latest.watch), running(earliest.watch)]);
    await send(topic, 'new-{{i}}', { count: 2 });
    expect(await latest.watch.waitForValues(2)).toEqual(['new-0', 'new-1']);
    expect(await earliest.watch.waitForValues(5)).toEqual(['old-0', 'old-1', 'old-2', 'new-0', 'new-1']);
  });

  it('replay resets the group to earliest and shows everything again', async () => {
    const topic = await newTopic(2);
    const { view, watch } = await open(topic, 'replayed');
    await running(watch);
    await send(topic, 'r-{{i}}', { count: 6, key: 'k{{i}}' });
    const first = await watch.waitForValues(6);
    const mark = watch.events.length;
    const replayed = await h.client.call('lanes.replay', { laneId: view.laneId });
    expect(replayed.state).not.toBe('stopped');
    await watch.waitFor('records', () => watch.records().length >= 12, 20_000, mark);
    expect(watch.values().slice(6).sort()).toEqual([...first].sort());
    const lag = await watch.waitFor('lag', (e) => e.total === '0' && e.partitions.every((p) => p.committed !== null), 20_000, mark);
    expect(lag.partitions.map((p) => p.highWatermark).reduce((a, b) => a + Number(b), 0)).toBe(6);
  });

  it('adding and removing a member rebalances the partitions', async () => {
    const topic = await newTopic(4);
    const { view, watch } = await open(topic, 'elastic');
    await watch.waitFor('assignment', (e) => e.members.length === 1 && e.members[0]!.partitions.length === 4);
    const added = await h.client.call('lanes.addMember', { laneId: view.laneId });
    expect(added.memberIds).toEqual(['member-1', 'member-2']);
    const split = await watch.waitFor('assignment', (e) => e.members.length === 2 && e.members.every((m) => m.partitions.length === 2));
    await watch.waitFor('rebalance', (e) => e.member === 'member-2' && e.change === 'join');
    const removed = await h.client.call('lanes.removeMember', { laneId: view.laneId, member: 'member-1' });
    expect(removed.memberIds).toEqual(['member-2']);
    await watch.waitFor('rebalance', (e) => e.member === 'member-1' && e.change === 'leave');
    const alone = await watch.waitFor('assignment', (e) => e.generationId > split.generationId && e.members.length === 1 && e.members[0]!.partitions.length === 4);
    expect(alone.members[0]!.member).toBe('member-2');
    expect((await failureOf(h.client.call('lanes.removeMember', { laneId: view.laneId, member: 'member-9' }))).code).toBe('MEMBER_NOT_FOUND');
    // The last member stays: a lane without members is a stopped lane.
    expect((await failureOf(h.client.call('lanes.removeMember', { laneId: view.laneId }))).code).toBe('MEMBER_LIMIT');
  });

  it('partitions added to the topic join the lane (metadata is refreshed every 5 s) and its lag', async () => {
    const topic = await newTopic(1);
    const { watch } = await open(topic, 'growing');
    await running(watch);
    await h.client.call('topics.addPartitions', { connectionId: h.connectionId, topic, totalPartitions: 3 });
    await watch.waitFor('lag', (e) => e.partitions.length === 3);
    const grown = await watch.waitFor('assignment', (e) => e.members[0]!.partitions.length === 3, 20_000);
    expect(grown.members[0]!.partitions).toEqual([0, 1, 2]);
    await send(topic, 'on-2', { partition: 2 });
    expect(await watch.waitForValues(1)).toEqual(['on-2']);
  });

  it('pause holds records back and resume delivers them', async () => {
    const topic = await newTopic(1);
    const { view, watch } = await open(topic, 'pausable');
    await running(watch);
    const paused = await h.client.call('lanes.pause', { laneId: view.laneId });
    expect(paused.state).toBe('paused');
    await watch.waitFor('state', (e) => e.state === 'paused');
    await send(topic, 'p-{{i}}', { count: 4 });
    // Give a running consumer ample time to have fetched them: several fetch waits.
    const lagged = await watch.waitFor('lag', (e) => e.total === '4');
    expect(lagged.partitions[0]!.highWatermark).toBe('4');
    expect(watch.records()).toHaveLength(0);
    const mark = watch.events.length;
    await h.client.call('lanes.resume', { laneId: view.laneId });
    await watch.waitFor('state', (e) => e.state === 'running', 20_000, mark);
    expect(await watch.waitForValues(4)).toEqual(['p-0', 'p-1', 'p-2', 'p-3']);
  });

  it('refuses an unknown topic or lane with clear codes', async () => {
    const missing = await failureOf(
      h.client.call('lanes.open', { connectionId: h.connectionId, topic: 'no-such-topic', groupId: 'g', autoOffsetReset: 'earliest', members: 1, autoCommit: true }),
    );
    expect(missing.code).toBe('TOPIC_NOT_FOUND');
    expect((await failureOf(h.client.call('lanes.pause', { laneId: 'lane-999' }))).code).toBe('LANE_NOT_FOUND');
    const ended = await new Promise((resolve) => h.client.subscribe('lanes.events', { laneId: 'lane-999' }, () => undefined, resolve));
    expect(ended).toMatchObject({ code: 'LANE_NOT_FOUND' });
  });

  it('replay is refused, and the lane runs on, while the group has members outside the lane', async () => {
    const topic = await newTopic(2);
    const first = await open(topic, 'shared-group');
    const second = await open(topic, 'shared-group');
    await Promise.all([running(first.watch), running(second.watch)]);
    const refused = await failureOf(h.client.call('lanes.replay', { laneId: first.view.laneId }));
    expect(refused.code).toBe('GROUP_ACTIVE');
    expect(refused.message).toContain('1 member(s) outside this lane');
    const mark = first.watch.events.length;
    await running(first.watch, mark);
    await send(topic, 'still-{{i}}', { count: 10, key: 'k{{i}}' });
    await expect.poll(() => first.watch.values().length + second.watch.values().length, { timeout: 20_000 }).toBe(10);
    expect(duplicates([...first.watch.values(), ...second.watch.values()])).toBe(0);
  });

  it('close ends the lane and its event streams', async () => {
    const topic = await newTopic(1);
    const { view, watch } = await open(topic, 'closing');
    await running(watch);
    await h.client.call('lanes.close', { laneId: view.laneId });
    await expect.poll(() => watch.ended).toEqual({});
    expect((await h.client.call('lanes.list', {})).some((l) => l.laneId === view.laneId)).toBe(false);
  });
});
