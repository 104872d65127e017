import { expect, test } from './fixtures.js';

test('switching to dark mode, kept across a reload, and back with the shortcut', async ({ app }) => {
  expect(await app.colorScheme()).toBe('light');
  await app.themeToggle.click();
  await expect(app.page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await app.page.reload();
  await expect(app.page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await app.page.keyboard.press('Control+J');
  await expect(app.page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
});

test('the command palette and shortcuts move between screens', async ({ app }) => {
  await app.runCommand('Connections');
  await expect(app.page.getByRole('heading', { level: 2, name: 'Connections' })).toBeVisible();
  await app.page.keyboard.press('Control+Alt+2');
  await expect(app.page.getByRole('heading', { level: 2, name: 'Produce' })).toBeVisible();
});
