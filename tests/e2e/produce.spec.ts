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
