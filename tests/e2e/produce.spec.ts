import { expect, test } from './fixtures.js';

test('a sent message shows its partition and offset; the same key lands in the same partition again', async ({ app, topics, produce }) => {
  await topics.createTopic('greetings', 3);
  await topics.expectDetail('greetings', 3);

  await app.goTo('Produce');
  await produce.send({ topic: 'greetings', key: 'user-1', value: 'say hello~!!!!' });
  const first = produce.sentRecords.first();
  await expect(first).toHaveAttribute('data-offset', '0');
  const partition = await first.getAttribute('data-partition');
  expect(['0', '1', '2']).toContain(partition);
  await expect(first).toHaveText(`partition ${partition} · offset 0`);
  await expect(produce.historyRows).toHaveCount(1);
  await expect(produce.heatMap.locator('svg')).toBeVisible();

  await produce.historyRows.first().getByRole('button', { name: 'Send again' }).click();
  await expect(produce.historyRows).toHaveCount(2);
  await expect(produce.sentRecords.first()).toHaveText(`partition ${partition} · offset 1`);

  await app.goTo('Topics');
  await expect(topics.row('greetings')).toContainText('2');
});

test('copies at a rate show "sent X of N"; Cancel stops them and the history keeps what the topic holds', async ({ app, topics, produce }) => {
  await topics.createTopic('paced', 2);
  await topics.expectDetail('paced', 2);

  await app.goTo('Produce');
  // 200 at 20 per second would take ten seconds: long enough to watch it and cancel.
  await produce.send({ topic: 'paced', key: 'k-{{i}}', value: 'copy {{i}}', copies: 200, ratePerSecond: 20 });
  await expect(produce.progress).toContainText(/^Sent \d+ of 200/);
  await expect.poll(() => produce.sentSoFar()).toBeGreaterThanOrEqual(5);
  await produce.cancel();

  await expect(produce.progress).toContainText(/^Cancelled: sent \d+ of 200/);
  const sent = await produce.sentSoFar();
  expect(sent).toBeGreaterThanOrEqual(5);
  expect(sent).toBeLessThan(200);
  await expect(produce.historyRows).toHaveCount(1);
  await expect(produce.historyRows.first()).toContainText(`${sent} of 200 · cancelled`);
  await expect(produce.progress.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await expect(produce.heatMap.locator('svg')).toBeVisible();

  await app.goTo('Topics');
  await topics.expectMessageCount('paced', sent);
});

test('Cancel while a request is on its way waits for the final count: the history equals what the topic holds', async ({ app, topics, produce }) => {
  await topics.createTopic('flood', 3);
  await topics.expectDetail('flood', 3);

  await app.goTo('Produce');
  // No rate: requests of 500 follow one another, so one is in flight when Cancel lands.
  await produce.send({ topic: 'flood', value: 'copy {{i}}', copies: 1_000_000 });
  await expect.poll(() => produce.sentSoFar()).toBeGreaterThan(0);
  await produce.cancel();

  await expect(produce.progress).toContainText(/^Cancelled: sent [\d,]+ of 1,000,000/);
  const sent = await produce.sentSoFar();
  expect(sent).toBeLessThan(1_000_000);
  await expect(produce.historyRows.first()).toContainText(`${sent.toLocaleString('en-US')} of 1,000,000 · cancelled`);
  await expect(produce.progress.getByTestId('count-may-be-short')).toHaveCount(0);

  await app.goTo('Topics');
  await topics.expectMessageCount('flood', sent);
});
