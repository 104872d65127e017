import { expect, type Locator, type Page } from '@playwright/test';

export class ConnectionsPage {
  readonly localBrokerState: Locator;
  readonly localBrokerBootstrap: Locator;

  constructor(readonly page: Page) {
    this.localBrokerState = page.getByTestId('local-broker-state');
    this.localBrokerBootstrap = page.getByTestId('local-broker-bootstrap');
  }

  row(name: string): Locator {
    return this.page.getByTestId(`connection-row-${name}`);
  }

  async addConnection(profile: { name: string; bootstrap: string; readOnly: boolean }): Promise<void> {
    await this.page.getByRole('button', { name: 'Add connection' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Add connection' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(profile.name);
    await dialog.getByRole('textbox', { name: /Bootstrap servers/ }).fill(profile.bootstrap);
    if (profile.readOnly) await dialog.getByRole('switch', { name: /Read-only/ }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.row(profile.name)).toBeVisible();
  }

  async use(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name: 'Use' }).click();
  }
}
