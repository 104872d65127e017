import { expect, test } from './fixtures.js';
import { GroupsPage } from './pages/groups-page.js';
import { KafkaSeed } from './support/kafka-seed.js';

test('resetting offsets: refused while the group has a member, then previewed (clamped rows flagged) and applied', async ({ app, server }) => {
  const seed = new KafkaSeed(server.brokerBootstrap);
  const groups = new GroupsPage(app.page);
  await seed.createTopic('orders', 2);
  await seed.produce('orders', [
    ...Array.from({ length: 5 }, (_, i) => ({ partition: 0, key: `k${i}`, value: `order ${i}` })),
    ...Array.from({ length: 3 }, (_, i) => ({ partition: 1, key: `j${i}`, value: `refund ${i}` })),
  ]);
  await seed.commit('billing', 'orders', { 0: 2, 1: 1 });

  await groups.open();
  await expect(groups.row('billing')).toContainText('Empty');
  await expect(groups.row('billing').getByTestId('group-lag')).toHaveText('5');
  await groups.openGroup('billing');
  await expect(groups.offsetRow('orders', 0).getByTestId('committed')).toHaveText('2');
  await expect(groups.offsetRow('orders', 1).getByTestId('lag')).toHaveText('2');
  await expect(groups.unconsumedRow('orders', 0)).toContainText('2 → 5');

  // A live member: Kafka would refuse the commit, so the preview already says why.
  const member = await seed.joinGroup('billing', 'orders');
  await expect(app.page.getByTestId('group-members')).toHaveText('1');
  await groups.openReset();
  await groups.preview();
  const refusal = groups.resetDialog.getByTestId('error-notice');
  await expect(refusal).toHaveAttribute('data-error-code', 'GROUP_ACTIVE');
  await expect(refusal).toContainText('The consumer group has active members, so its offsets cannot be changed now.');
  await expect(groups.applyButton).toBeDisabled();
  await member.disconnect();

  // Past the end of both partitions: each moves to its end, flagged as clamped.
  await groups.chooseTarget('Offset', '100');
  await expect(refusal).toBeHidden();
  // The member's LeaveGroup has been answered, but let the coordinator settle the group: preview until it is allowed.
  await expect(async () => {
    await groups.preview();
    await expect(groups.previewRows).toHaveCount(2, { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await expect(groups.previewRows.nth(0)).toHaveAttribute('data-clamped', 'true');
  await expect(groups.previewRows.nth(0)).toContainText('clamped');
  await expect(groups.previewRows.nth(1)).toContainText('3');
  await expect(groups.applyButton).toBeEnabled();

  // Changing the target voids that preview; the new one is what gets applied.
  await groups.chooseTarget('Shift ±N', '-1');
  await expect(groups.applyButton).toBeDisabled();
  await groups.preview();
  await expect(groups.previewRows.nth(0)).toContainText(/2\s*1\s*−1/);
  await expect(groups.previewRows.nth(1)).toContainText(/1\s*0\s*−1/);
  await expect(groups.previewRows.nth(0)).not.toHaveAttribute('data-clamped');
  await groups.applyButton.click();
  await expect(groups.resetDialog.getByTestId('reset-applied')).toContainText('moved for 2 partitions');

  await app.page.keyboard.press('Escape');
  await expect(groups.offsetRow('orders', 0).getByTestId('committed')).toHaveText('1');
  await expect(groups.offsetRow('orders', 1).getByTestId('committed')).toHaveText('0');
  await expect(app.page.getByTestId('group-total-lag')).toHaveText('7');

  // What the group has not read yet on partition 1 opens in Browse.
  await groups.unconsumedRow('orders', 1).getByRole('link', { name: 'Browse' }).click();
  await expect(app.page.getByRole('heading', { level: 2, name: 'Browse' })).toBeVisible();
  await expect(app.page.getByTestId('browse-status')).toContainText('3 loaded');
  await expect(app.page.getByTestId('message-row')).toHaveCount(3);
  await expect(app.page.getByTestId('message-row').first()).toContainText('refund 0');
});

test('deleting a group asks first, then the list no longer has it', async ({ app, server }) => {
  const seed = new KafkaSeed(server.brokerBootstrap);
  const groups = new GroupsPage(app.page);
  await seed.createTopic('audit', 1);
  await seed.produce('audit', [{ partition: 0, value: 'one' }]);
  await seed.commit('old-readers', 'audit', { 0: 1 });

  await groups.open();
  await groups.openGroup('old-readers');
  await expect(app.page.getByTestId('unconsumed-none')).toBeVisible();
  await app.page.getByRole('button', { name: 'Delete group' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Delete group old-readers?' });
  await dialog.getByRole('button', { name: 'Delete group' }).click();
  await expect(app.page.getByRole('heading', { level: 2, name: 'Consumer groups' })).toBeVisible();
  await expect(app.page.getByText('No consumer groups yet')).toBeVisible();
  await expect(groups.row('old-readers')).toHaveCount(0);
});
