import { expect, test } from './fixtures.js';

test('a read-only profile refuses writes, and the error says why and what to do', async ({ app, connections, topics, produce, server }) => {
  await app.goTo('Connections');
  await connections.addConnection({ name: 'Careful', bootstrap: server.brokerBootstrap, readOnly: true });
  await connections.use('Careful');
  await expect(app.connectionSelector).toHaveValue('Careful (read-only)');
  await expect(app.readOnlyBadge).toBeVisible();
  await expect(app.connectionFrame).not.toHaveAttribute('data-connection-id', 'local');

  await app.goTo('Topics');
  await topics.createTopic('forbidden', 1);
  const error = app.page.getByRole('dialog', { name: 'Create topic' }).getByTestId('error-notice');
  await expect(error).toHaveAttribute('data-error-code', 'READ_ONLY_CONNECTION');
  await expect(error).toContainText('This connection is read-only, so the change was refused.');
  await app.page.keyboard.press('Escape');

  await app.goTo('Produce');
  await produce.send({ topic: 'anything', value: 'no' });
  await expect(app.page.getByTestId('error-notice')).toHaveAttribute('data-error-code', 'READ_ONLY_CONNECTION');
  await expect(produce.sentRecords).toHaveCount(0);
});
