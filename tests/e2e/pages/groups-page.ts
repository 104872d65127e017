// The consumer groups screens: the list, one group's detail, and the
// reset-offsets dialog with its preview.
import { expect, type Locator, type Page } from '@playwright/test';
import { goToScreen } from './app-page.js';

export class GroupsPage {
  readonly resetDialog: Locator;
  readonly previewRows: Locator;

  constructor(readonly page: Page) {
    this.resetDialog = page.getByRole('dialog', { name: /^Reset offsets of/ });
    this.previewRows = this.resetDialog.getByRole('table', { name: 'Reset preview' }).locator('tbody tr');
  }

  open(): Promise<void> {
    return goToScreen(this.page, 'Groups', 'Consumer groups');
  }

  row(groupId: string): Locator {
    return this.page.getByTestId(`group-row-${groupId}`);
  }

  async openGroup(groupId: string): Promise<void> {
    await this.row(groupId).getByRole('link', { name: groupId }).click();
    await expect(this.page.getByRole('heading', { level: 2, name: groupId })).toBeVisible();
  }

  offsetRow(topic: string, partition: number): Locator {
    return this.page.getByTestId(`offset-row-${topic}-${partition}`);
  }

  unconsumedRow(topic: string, partition: number): Locator {
    return this.page.getByTestId(`unconsumed-${topic}-${partition}`);
  }

  async openReset(): Promise<void> {
    await this.page.getByRole('button', { name: 'Reset offsets' }).click();
    await expect(this.resetDialog).toBeVisible();
  }

  async chooseTarget(label: 'Earliest' | 'Latest' | 'Timestamp' | 'Offset' | 'Shift ±N', value?: string): Promise<void> {
    await this.resetDialog.getByText(label, { exact: true }).click();
    if (value === undefined) return;
    const field = { Timestamp: /^Date and time/, Offset: 'Offset', 'Shift ±N': 'Shift by' }[label as 'Offset'];
    await this.resetDialog.getByRole('textbox', { name: field }).fill(value);
  }

  async preview(): Promise<void> {
    await this.resetDialog.getByRole('button', { name: 'Preview' }).click();
  }

  get applyButton(): Locator {
    return this.resetDialog.getByRole('button', { name: 'Apply reset' });
  }
}
