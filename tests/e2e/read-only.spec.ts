// A read-only profile (the local broker again, but marked read-only): every
// write control is disabled and says why, while reading still works, including
// a lane, which reads with auto-commit off on a group of its own. That the
// backend refuses the writes anyway is covered by the integration tests.
import { expect, test } from './fixtures.js';
import { GroupsPage } from './pages/groups-page.js';
import { LanesPage } from './pages/lanes-page.js';

test('a read-only profile disables the writes and says why; a lane on a new group still reads', async ({ app, connections, topics, server }) => {
  const lanes = new LanesPage(app.page);
  const groups = new GroupsPage(app.page);
  const button = (name: string) => app.page.getByRole('button', { name, exact: true });

  // On the (writable) local broker: a topic with three messages, and a group that committed them.
  await topics.createTopic('watched', 2);
  await expect(app.page.getByRole('heading', { level: 2, name: 'watched', exact: true })).toBeVisible();
  await lanes.open('watched');
  await lanes.addLane({ groupId: 'the-service' });
  await lanes.send('hello {{i}}', { copies: 3 });
  await expect(lanes.recordCount('the-service')).toHaveAttribute('data-count', '3');
  await expect(lanes.sendButton()).toBeEnabled();

  await app.goTo('Connections');
  await connections.addConnection({ name: 'Careful', bootstrap: server.brokerBootstrap, readOnly: true });
  await connections.use('Careful');
  await expect(app.connectionSelector).toHaveValue('Careful (read-only)');
  await expect(app.readOnlyBadge).toBeVisible();
  await expect(app.connectionFrame).not.toHaveAttribute('data-connection-id', 'local');

  await app.goTo('Topics');
  await app.expectReadOnly(button('Create topic'));
  await topics.row('watched').getByRole('link', { name: 'watched', exact: true }).click();
  await expect(topics.summary).toContainText('3 messages');
  await app.expectReadOnly(button('Add partitions'));
  await app.expectReadOnly(button('Delete'));

  await app.goTo('Produce');
  await app.expectReadOnly(button('Send'));

  await groups.open();
  await groups.openGroup('the-service');
  await app.expectReadOnly(button('Reset offsets'));
  await app.expectReadOnly(button('Delete group'));

  await lanes.open('watched');
  await app.expectReadOnly(lanes.sendButton());
  const autoCommit = lanes.addLaneForm.getByRole('switch', { name: 'Auto-commit' });
  await expect(autoCommit).toBeDisabled();
  await expect(autoCommit).not.toBeChecked();
  await expect(lanes.addLaneForm).toContainText('Read-only connection: off, and use a new group id');
  await lanes.addLane({ groupId: 'just-looking' });
  await expect(lanes.lane('just-looking')).toContainText('earliest · no commit');
  await expect(lanes.recordCount('just-looking')).toHaveAttribute('data-count', '3');
  await expect(lanes.recordsWithValue('just-looking', 'hello 2')).toHaveCount(1);
  await app.expectReadOnly(lanes.laneControl('just-looking', 'Replay from earliest'));
});
