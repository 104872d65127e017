import { expect, test } from './fixtures.js';

test('stopping the local broker turns its screens into an explanation, and starting it brings them back', async ({ app, connections }) => {
  await app.goTo('Connections');
  await expect(connections.localBrokerState).toHaveText('running');
  await app.page.getByTestId('local-broker-card').getByRole('button', { name: 'Stop' }).click();
  await expect(connections.localBrokerState).toHaveText('stopped');

  await app.goTo('Topics');
  const error = app.page.getByTestId('error-notice');
  // The backend says the local broker is down, so the sentence can say what to do.
  await expect(error).toHaveAttribute('data-error-code', 'LOCAL_BROKER_NOT_RUNNING');
  await expect(error).toContainText('The local broker is not running.');

  await app.goTo('Connections');
  await app.page.getByTestId('local-broker-card').getByRole('button', { name: 'Start' }).click();
  await expect(connections.localBrokerState).toHaveText('running');
  await app.goTo('Topics');
  await expect(app.page.getByText('No topics yet')).toBeVisible();
});
