// The Browse screen: the read form, the loaded messages, their filter,
// detail and export.
import type { Download, Locator, Page } from '@playwright/test';
import { goToScreen } from './app-page.js';

export class BrowsePage {
  readonly status: Locator;
  readonly rows: Locator;
  readonly shown: Locator;
  readonly detail: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByTestId('browse-status');
    this.rows = page.getByTestId('message-row');
    this.shown = page.getByTestId('browse-shown');
    this.detail = page.getByTestId('message-detail');
  }

  open(): Promise<void> {
    return goToScreen(this.page, 'Browse');
  }

  async read(options: { topic: string; start?: 'Earliest' | 'Latest − N'; minus?: number }): Promise<void> {
    const topic = this.page.getByRole('combobox', { name: 'Topic' });
    await topic.click();
    await this.page.getByRole('option', { name: options.topic, exact: true }).click();
    if (options.start) await this.page.getByText(options.start, { exact: true }).click();
    if (options.minus !== undefined) await this.page.getByRole('textbox', { name: 'N records back from the end' }).fill(String(options.minus));
    await this.page.getByRole('button', { name: 'Read', exact: true }).click();
  }

  async filter(text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Filter messages' }).fill(text);
  }

  async export(format: 'JSON' | 'CSV'): Promise<Download> {
    await this.page.getByRole('button', { name: 'Export' }).click();
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('menuitem', { name: `As ${format}` }).click();
    return download;
  }
}
