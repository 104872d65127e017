import type { Locator, Page } from '@playwright/test';

export class ProducePage {
  readonly sentRecords: Locator;
  readonly historyRows: Locator;
  readonly heatMap: Locator;
  /** "Sent X of N" while copies go out, and after a cancel. */
  readonly progress: Locator;

  constructor(readonly page: Page) {
    this.sentRecords = page.getByTestId('sent-record');
    this.historyRows = page.getByTestId('history-row');
    this.heatMap = page.getByTestId('partition-heat-map');
    this.progress = page.getByTestId('send-progress');
  }

  async send(message: { topic: string; key?: string; value: string; copies?: number; ratePerSecond?: number }): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Produce' });
    await form.getByRole('combobox', { name: 'Topic' }).fill(message.topic);
    await this.page.keyboard.press('Escape');
    await form.getByRole('textbox', { name: 'Key', exact: true }).fill(message.key ?? '');
    await form.getByRole('textbox', { name: 'Value' }).fill(message.value);
    if (message.copies !== undefined) await form.getByRole('textbox', { name: 'Copies' }).fill(String(message.copies));
    if (message.ratePerSecond !== undefined) await form.getByRole('textbox', { name: 'Rate (per second)' }).fill(String(message.ratePerSecond));
    await form.getByRole('button', { name: 'Send' }).click();
  }

  /** How many the progress says were sent so far. */
  async sentSoFar(): Promise<number> {
    const text = (await this.progress.textContent()) ?? '';
    const match = /sent ([\d,]+) of/i.exec(text);
    return match ? Number(match[1].replace(/,/g, '')) : 0;
  }

  async cancel(): Promise<void> {
    await this.progress.getByRole('button', { name: 'Cancel' }).click();
  }
}
