import { expect, test } from './fixtures.js';

test('stopping the local broker turns its screens into an explanation, and starting it brings them back', async ({ app, connections }) => {
  await app.goTo('Connections');
  await expect(connections.localBrokerState).toHaveText('running');
  await app.page.getByTestId('local-broker-card').getByRole('button', { name: 'Stop' }).click();
  await expect(connections.localBrokerState).toHaveText('stopped');

  await app.goTo('Topics');
  const error = app.page.getByTestId('error-notice');
  // The backend reports the stopped local broker as an unreachable cluster.
  await expect(error).toHaveAttribute('data-error-code', 'BROKER_UNREACHABLE');
  await expect(error).toContainText('The cluster could not be reached.');

  await app.goTo('Connections');
  await app.page.getByTestId('local-broker-card').getByRole('button', { name: 'Start' }).click();
  await expect(connections.localBrokerState).toHaveText('running');
  await app.goTo('Topics');
  await expect(app.page.getByText('No topics yet')).toBeVisible();
});
