// The Lanes screen: pick a topic, add lanes, send from the bar above them,
// and read each lane's state, assignment and records.
import { expect, type Locator, type Page } from '@playwright/test';
import { goToScreen } from './app-page.js';
import type { TopicsPage } from './topics-page.js';

export interface LaneOptions {
  groupId: string;
  reset?: 'Earliest' | 'Latest';
  members?: number;
}

/** Creates the topic on the Topics screen, waits for its detail, and opens it in Lanes. */
export async function lanesOnNewTopic(topics: TopicsPage, name: string, partitions: number): Promise<LanesPage> {
  await topics.createTopic(name, partitions);
  await topics.expectDetail(name, partitions);
  const lanes = new LanesPage(topics.page);
  await lanes.open(name);
  return lanes;
}

export class LanesPage {
  readonly addLaneForm: Locator;
  readonly sendForm: Locator;

  constructor(readonly page: Page) {
    this.addLaneForm = page.getByRole('form', { name: 'Add lane' });
    this.sendForm = page.getByRole('form', { name: 'Send to topic' });
  }

  async open(topic: string): Promise<void> {
    await goToScreen(this.page, 'Lanes');
    const picker = this.page.getByRole('combobox', { name: 'Topic', exact: true }).or(this.page.getByRole('textbox', { name: 'Topic', exact: true }));
    await picker.click();
    await this.page.getByRole('option', { name: topic, exact: true }).click();
    await expect(this.addLaneForm).toBeVisible();
  }

  /** The send bar's button ("Send" or "Send N"). */
  sendButton(): Locator {
    return this.sendForm.getByRole('button', { name: /^Send/ });
  }

  laneControl(groupId: string, label: string): Locator {
    return this.lane(groupId).getByRole('toolbar', { name: 'Lane controls' }).getByRole('button', { name: label, exact: true });
  }

  lane(groupId: string): Locator {
    return this.page.getByRole('region', { name: `Lane ${groupId}` });
  }

  records(groupId: string): Locator {
    return this.lane(groupId).getByTestId('lane-record');
  }

  /** Records of the lane whose value is exactly `value`. */
  recordsWithValue(groupId: string, value: string): Locator {
    return this.records(groupId).filter({ has: this.page.getByTestId('lane-record-value').getByText(value, { exact: true }) });
  }

  recordCount(groupId: string): Locator {
    return this.lane(groupId).getByTestId('lane-record-count');
  }

  state(groupId: string): Locator {
    return this.lane(groupId).getByTestId('lane-state');
  }

  assignmentMembers(groupId: string): Locator {
    return this.lane(groupId).getByTestId('lane-assignment-member');
  }

  assignment(groupId: string): Locator {
    return this.lane(groupId).getByTestId('lane-assignment');
  }

  /** The lane's current generation, once it has one. */
  async generation(groupId: string): Promise<string> {
    await expect(this.assignment(groupId)).not.toHaveAttribute('data-generation', '');
    return (await this.assignment(groupId).getAttribute('data-generation'))!;
  }

  /** The lane's rebalance timeline, newest first: joins, leaves and generations, each with its time. */
  timeline(groupId: string): Locator {
    return this.lane(groupId).getByTestId('lane-timeline-entry');
  }

  /** Adds a lane and waits until every member has joined and fetched (so "latest" is set). */
  async addLane({ groupId, reset = 'Earliest', members = 1 }: LaneOptions): Promise<void> {
    await this.addLaneForm.getByRole('textbox', { name: 'Group id' }).fill(groupId);
    await this.addLaneForm.getByText(reset, { exact: true }).click();
    await this.addLaneForm.getByRole('textbox', { name: 'Members' }).fill(String(members));
    await this.addLaneForm.getByRole('button', { name: 'Add lane' }).click();
    await this.expectState(groupId, 'running');
  }

  async expectState(groupId: string, state: string): Promise<void> {
    await expect(this.state(groupId)).toHaveAttribute('data-state', state, { timeout: 30_000 });
  }

  /** Sends from the bar above the lanes; `{{i}}` in key or value numbers the copies from 0. */
  async send(value: string, options: { key?: string; copies?: number } = {}): Promise<void> {
    await this.sendForm.getByRole('textbox', { name: 'Key' }).fill(options.key ?? '');
    await this.sendForm.getByRole('textbox', { name: 'Value' }).fill(value);
    await this.sendForm.getByRole('textbox', { name: 'Copies' }).fill(String(options.copies ?? 1));
    const result = this.page.getByTestId('lane-produce-result');
    const before = (await result.count()) > 0 ? Number(await result.getAttribute('data-sends')) : 0;
    await this.sendButton().click();
    // The result line counts the sends the broker acknowledged.
    await expect(result).toHaveAttribute('data-sends', String(before + 1), { timeout: 15_000 });
  }

  async control(groupId: string, label: 'Pause' | 'Resume' | 'Stop' | 'Start' | 'Add member' | 'Remove member' | 'Replay from earliest' | 'Close'): Promise<void> {
    await this.laneControl(groupId, label).click();
  }
}
