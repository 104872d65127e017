import { expect, test } from './fixtures.js';

test('the local broker is running and selected on first load', async ({ app, connections, server }) => {
  await expect(app.connectionSelector).toHaveValue('Local broker');
  await expect(app.connectionFrame).toHaveAttribute('data-connection-id', 'local');
  await expect(app.page.getByRole('heading', { level: 2, name: 'Topics' })).toBeVisible();
  await expect(app.page.getByText('No topics yet')).toBeVisible();

  await app.goTo('Connections');
  await expect(connections.localBrokerState).toHaveText('running');
  await expect(connections.localBrokerBootstrap).toHaveText(server.brokerBootstrap);
  await expect(connections.row('Local broker')).toContainText(server.brokerBootstrap);
});
