import type { Locator, Page } from '@playwright/test';

export class ProducePage {
  readonly sentRecords: Locator;
  readonly historyRows: Locator;
  readonly heatMap: Locator;

  constructor(readonly page: Page) {
    this.sentRecords = page.getByTestId('sent-record');
    this.historyRows = page.getByTestId('history-row');
    this.heatMap = page.getByTestId('partition-heat-map');
  }

  async send(message: { topic: string; key?: string; value: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Produce' });
    await form.getByRole('combobox', { name: 'Topic' }).fill(message.topic);
    await this.page.keyboard.press('Escape');
    await form.getByRole('textbox', { name: 'Key', exact: true }).fill(message.key ?? '');
    await form.getByRole('textbox', { name: 'Value' }).fill(message.value);
    await form.getByRole('button', { name: 'Send' }).click();
  }
}
