// The seed's scenario: lanes of different groups each get every message,
// members of one group split the partitions, and stop/start, "latest" and
// replay show exactly the records Kafka's group semantics say they should.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test } from './fixtures.js';
import { goToScreen } from './pages/app-page.js';
import { LanesPage, lanesOnNewTopic } from './pages/lanes-page.js';

const SCREENSHOT = resolve(import.meta.dirname, '../../docs/screenshots/lanes.png');

test('"say hello~!!!!" sent to topic arrives in lane group_1 and in lane group_2', async ({ app, topics }) => {
  const lanes = new LanesPage(app.page);
  await topics.createTopic('topic', 3);
  // (expectDetail's heading match would also find the "Create topic" dialog's title.)
  await expect(app.page.getByRole('heading', { level: 2, name: 'topic', exact: true })).toBeVisible();
  await expect(topics.partitionRows).toHaveCount(3);
  await lanes.open('topic');
  await lanes.addLane({ groupId: 'group_1' });
  await lanes.addLane({ groupId: 'group_2', members: 2 });

  // Keyed orders spread over the partitions first (for the README's picture), then the greeting on top.
  await lanes.send('{"order": {{i}}, "item": "tea"}', { key: 'customer-{{i}}', copies: 12 });
  for (const group of ['group_1', 'group_2']) await expect(lanes.recordCount(group)).toHaveAttribute('data-count', '12');
  await lanes.send('say hello~!!!!');
  for (const group of ['group_1', 'group_2']) {
    await expect(lanes.recordsWithValue(group, 'say hello~!!!!')).toHaveCount(1);
    await expect(lanes.recordCount(group)).toHaveAttribute('data-count', '13');
  }
  await expect(lanes.assignmentMembers('group_2')).toHaveCount(2);
  await mkdir(resolve(SCREENSHOT, '..'), { recursive: true });
  await app.page.screenshot({ path: SCREENSHOT });
});

test('lanes keep reading while the Produce screen is open: a message sent there is in every lane on the way back', async ({ app, topics, produce }) => {
  const lanes = await lanesOnNewTopic(topics, 'shared', 2);
  await lanes.addLane({ groupId: 'reader_a' });
  await lanes.addLane({ groupId: 'reader_b', members: 2 });
  await lanes.send('from the lanes screen');
  await expect(lanes.recordCount('reader_b')).toHaveAttribute('data-count', '1');

  await app.goTo('Produce');
  await produce.send({ topic: 'shared', key: 'k', value: 'from the produce screen' });
  await expect(produce.sentRecords.first()).toHaveAttribute('data-offset', /\d+/);

  // The navigation link returns to the topic last shown.
  await goToScreen(app.page, 'Lanes');
  for (const group of ['reader_a', 'reader_b']) {
    await expect(lanes.recordsWithValue(group, 'from the produce screen')).toHaveCount(1);
    await expect(lanes.recordsWithValue(group, 'from the lanes screen')).toHaveCount(1);
    await expect(lanes.recordCount(group)).toHaveAttribute('data-count', '2');
  }
});

test('two members of one group split four partitions, and each message appears once', async ({ topics }) => {
  const lanes = await lanesOnNewTopic(topics, 'orders', 4);
  await lanes.addLane({ groupId: 'split', members: 2 });

  const members = lanes.assignmentMembers('split');
  await expect(members).toHaveCount(2);
  await lanes.generation('split');
  const owned = new Map<string, string[]>();
  for (const member of await members.all()) {
    const partitions = (await member.getAttribute('data-partitions'))!.split(',');
    expect(partitions).toHaveLength(2);
    owned.set((await member.getAttribute('data-member'))!, partitions);
  }
  expect([...owned.values()].flat().sort()).toEqual(['0', '1', '2', '3']);

  await lanes.send('order {{i}}', { key: 'k{{i}}', copies: 8 });
  await expect(lanes.recordCount('split')).toHaveAttribute('data-count', '8');
  for (let i = 0; i < 8; i++) await expect(lanes.recordsWithValue('split', `order ${i}`)).toHaveCount(1);
  // Each record was read by the member that owns its partition.
  for (const record of await lanes.records('split').all()) {
    const member = (await record.getAttribute('data-member'))!;
    expect(owned.get(member)).toContain(await record.getAttribute('data-partition'));
  }
  const perMember = await lanes.lane('split').getByTestId('lane-member-count').allTextContents();
  expect(perMember.map(Number).reduce((a, b) => a + b, 0)).toBe(8);
});

test('a stopped lane, restarted, shows exactly the 5 messages sent while it was stopped', async ({ topics }) => {
  const lanes = await lanesOnNewTopic(topics, 'events', 2);
  await lanes.addLane({ groupId: 'restarts' });
  await lanes.send('before {{i}}', { copies: 3 });
  await expect(lanes.recordCount('restarts')).toHaveAttribute('data-count', '3');

  await lanes.control('restarts', 'Stop');
  await lanes.expectState('restarts', 'stopped');
  await lanes.send('while stopped {{i}}', { copies: 5 });
  await lanes.control('restarts', 'Start');
  await lanes.expectState('restarts', 'running');

  await expect(lanes.recordCount('restarts')).toHaveAttribute('data-count', '5');
  for (let i = 0; i < 5; i++) await expect(lanes.recordsWithValue('restarts', `while stopped ${i}`)).toHaveCount(1);
  await expect(lanes.records('restarts').filter({ hasText: 'before' })).toHaveCount(0);
  await expect(lanes.records('restarts')).toHaveCount(5);
});

test('a new lane set to latest shows only messages sent after it started', async ({ topics }) => {
  const lanes = await lanesOnNewTopic(topics, 'news', 2);
  await lanes.send('old {{i}}', { copies: 4 });
  await lanes.addLane({ groupId: 'latecomer', reset: 'Latest' });

  await lanes.send('new {{i}}', { copies: 2 });
  await expect(lanes.recordCount('latecomer')).toHaveAttribute('data-count', '2');
  await expect(lanes.recordsWithValue('latecomer', 'new 0')).toHaveCount(1);
  await expect(lanes.recordsWithValue('latecomer', 'new 1')).toHaveCount(1);
  await expect(lanes.records('latecomer')).toHaveCount(2);
});

test('"replay from earliest" shows everything the topic holds', async ({ topics }) => {
  const lanes = await lanesOnNewTopic(topics, 'history', 2);
  await lanes.send('early {{i}}', { copies: 3 });
  await lanes.addLane({ groupId: 'replayer', reset: 'Latest' });
  await lanes.send('late {{i}}', { copies: 2 });
  await expect(lanes.recordCount('replayer')).toHaveAttribute('data-count', '2');

  await lanes.control('replayer', 'Replay from earliest');
  await expect(lanes.recordCount('replayer')).toHaveAttribute('data-count', '5');
  for (const value of ['early 0', 'early 1', 'early 2', 'late 0', 'late 1']) await expect(lanes.recordsWithValue('replayer', value)).toHaveCount(1);
  await lanes.expectState('replayer', 'running');
});

test('adding and removing a member shows the join, the leave and each new generation on the timeline', async ({ topics }) => {
  const lanes = await lanesOnNewTopic(topics, 'rebalancing', 4);
  await lanes.addLane({ groupId: 'elastic' });
  const first = Number(await lanes.generation('elastic'));

  await lanes.control('elastic', 'Add member');
  const timeline = lanes.timeline('elastic');
  await expect(timeline.filter({ hasText: /member-2 joined$/ })).toHaveCount(1);
  await expect(lanes.assignmentMembers('elastic')).toHaveCount(2);
  await expect(lanes.assignmentMembers('elastic').filter({ hasText: 'not assigned' })).toHaveCount(0);
  const second = await lanes.generation('elastic');
  expect(Number(second)).toBeGreaterThan(first);
  await expect(timeline.filter({ hasText: `generation ${second}` })).toHaveCount(1);

  await lanes.control('elastic', 'Remove member');
  await expect(timeline.filter({ hasText: /member-2 left$/ })).toHaveCount(1);
  await expect(lanes.assignmentMembers('elastic')).toHaveCount(1);
  await expect(lanes.assignmentMembers('elastic')).toHaveAttribute('data-partitions', '0,1,2,3');
});

test('after a reload the lane timeline still shows both joins and both generations, at their original times', async ({ app, topics }) => {
  const lanes = await lanesOnNewTopic(topics, 'reloaded', 2);
  await lanes.addLane({ groupId: 'survivor' });
  const first = await lanes.generation('survivor');
  await lanes.control('survivor', 'Add member');
  const timeline = lanes.timeline('survivor');
  await expect(timeline.filter({ hasText: /member-2 joined$/ })).toHaveCount(1);
  await expect(lanes.assignmentMembers('survivor').filter({ hasText: 'not assigned' })).toHaveCount(0);
  await expect(lanes.assignmentMembers('survivor')).toHaveCount(2);
  await lanes.expectState('survivor', 'running');
  await expect(lanes.assignment('survivor')).not.toHaveAttribute('data-generation', first);
  const second = await lanes.generation('survivor');
  await expect(timeline.filter({ hasText: `generation ${second}` })).toHaveCount(1);
  const before = await timeline.allTextContents();
  // (A generation and the join that led to it can be reported in either order.)
  expect(before.map((entry) => entry.replace(/^\S+ /, '')).sort()).toEqual([`generation ${first}`, `generation ${second}`, 'member-1 joined', 'member-2 joined'].sort());

  // A new page subscribes afresh: the backend replays the lane's history to it.
  await app.page.reload();
  await expect(timeline).toHaveText(before);
  await expect(lanes.assignment('survivor')).toHaveAttribute('data-generation', second);
  await expect(lanes.assignmentMembers('survivor').filter({ hasText: 'not assigned' })).toHaveCount(0);
  await lanes.expectState('survivor', 'running');
});

test('20,000 records sent at once reach two lanes completely', async ({ topics }) => {
  const lanes = await lanesOnNewTopic(topics, 'firehose', 4);
  await lanes.addLane({ groupId: 'fast_1' });
  await lanes.addLane({ groupId: 'fast_2', members: 2 });
  await lanes.send('record {{i}} of a burst', { key: 'k{{i}}', copies: 20_000 });
  for (const group of ['fast_1', 'fast_2']) await expect(lanes.recordCount(group)).toHaveAttribute('data-count', '20000', { timeout: 45_000 });
  // Virtualized: a few dozen rows in the DOM, not 20,000.
  expect(await lanes.records('fast_1').count()).toBeLessThan(100);
});
