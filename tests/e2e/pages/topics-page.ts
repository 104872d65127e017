import { expect, type Locator, type Page } from '@playwright/test';

export class TopicsPage {
  readonly partitionRows: Locator;
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.partitionRows = page.getByTestId('partitions-table').locator('tbody tr');
    this.summary = page.getByTestId('topic-summary');
  }

  row(topic: string): Locator {
    return this.page.getByTestId(`topic-row-${topic}`);
  }

  /** Creates the topic from the list; the app then shows its detail. */
  async createTopic(name: string, partitions: number): Promise<void> {
    await this.page.getByRole('button', { name: 'Create topic' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Create topic' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
    await dialog.getByRole('textbox', { name: 'Partitions' }).fill(String(partitions));
    await dialog.getByRole('button', { name: 'Create' }).click();
  }

  async expectDetail(name: string, partitions: number): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 2, name })).toBeVisible();
    await expect(this.partitionRows).toHaveCount(partitions);
    await expect(this.summary).toContainText(`${partitions} partitions`);
  }

  /** Opens the topic's detail from the list and waits for its summary to say it holds `count` messages. */
  async expectMessageCount(name: string, count: number): Promise<void> {
    await this.row(name).getByRole('link', { name, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 2, name })).toBeVisible();
    await expect(this.summary).toContainText(` ${count.toLocaleString('en-US')} messages `);
  }

  async addPartitions(total: number): Promise<void> {
    await this.page.getByRole('button', { name: 'Add partitions' }).click();
    const dialog = this.page.getByRole('dialog', { name: /^Add partitions/ });
    await expect(dialog).toContainText('Partitions only grow');
    await dialog.getByRole('textbox', { name: 'Total partitions' }).fill(String(total));
    await dialog.getByRole('button', { name: `Grow to ${total}` }).click();
    await expect(dialog).toBeHidden();
  }

  async deleteTopic(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Delete' }).click();
    const dialog = this.page.getByRole('dialog', { name: `Delete ${name}?` });
    const confirm = dialog.getByRole('button', { name: 'Delete topic' });
    await expect(confirm).toBeDisabled();
    await dialog.getByRole('textbox').fill(name);
    await confirm.click();
  }
}
