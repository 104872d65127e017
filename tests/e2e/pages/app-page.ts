// The window around every screen: navigation, the connection selector and
// its colour frame, the theme toggle, the command palette.
import { expect, type Locator, type Page } from '@playwright/test';

/** Follows the navigation link to a screen and waits for the screen's heading. */
export async function goToScreen(page: Page, link: string, heading = link): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: new RegExp(`^${link}`) }).click();
  await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
}

export class AppPage {
  readonly connectionSelector: Locator;
  readonly connectionFrame: Locator;
  readonly themeToggle: Locator;
  readonly readOnlyBadge: Locator;

  constructor(readonly page: Page) {
    this.connectionSelector = page.getByRole('combobox', { name: 'Active connection' });
    this.connectionFrame = page.getByTestId('connection-frame');
    this.themeToggle = page.getByTestId('theme-toggle');
    this.readOnlyBadge = page.getByTestId('read-only-badge');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.connectionFrame).toBeAttached();
  }

  goTo(screen: 'Topics' | 'Produce' | 'Connections'): Promise<void> {
    return goToScreen(this.page, screen);
  }

  /** A write control on a read-only connection: disabled, and its tooltip says why. */
  async expectReadOnly(control: Locator): Promise<void> {
    await expect(control).toBeDisabled();
    await expect(control).toHaveAttribute('title', /^Read-only connection/);
  }

  colorScheme(): Promise<string | null> {
    return this.page.locator('html').getAttribute('data-mantine-color-scheme');
  }

  async runCommand(label: string): Promise<void> {
    await this.page.keyboard.press('Control+K');
    const search = this.page.getByRole('textbox', { name: 'Command' });
    await search.fill(label);
    await this.page.getByRole('button', { name: new RegExp(label) }).first().click();
    await expect(search).toBeHidden();
  }
}
