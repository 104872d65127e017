import { expect, test } from './fixtures.js';

test('create a topic, add partitions, then delete it with a typed confirmation', async ({ app, topics }) => {
  await topics.createTopic('orders', 2);
  await topics.expectDetail('orders', 2);

  await topics.addPartitions(5);
  await topics.expectDetail('orders', 5);

  await app.page.getByRole('tab', { name: 'Configs' }).click();
  await expect(app.page.getByTestId('config-retention.ms')).toBeVisible();

  await app.page.getByRole('link', { name: '← All topics' }).click();
  await app.page.getByRole('textbox', { name: 'Search topics' }).fill('ord');
  await expect(topics.row('orders')).toContainText('5');
  await topics.row('orders').getByRole('link', { name: 'orders' }).click();

  await topics.deleteTopic('orders');
  await expect(app.page.getByText('No topics yet')).toBeVisible();
});

test('creating a topic that exists explains what happened and what to do', async ({ app, topics }) => {
  await topics.createTopic('dup', 1);
  await topics.expectDetail('dup', 1);
  await app.page.getByRole('link', { name: '← All topics' }).click();
  await topics.createTopic('dup', 1);
  const error = app.page.getByTestId('error-notice');
  await expect(error).toHaveAttribute('data-error-code', 'TOPIC_ALREADY_EXISTS');
  await expect(error).toContainText('A topic with that name already exists.');
});
