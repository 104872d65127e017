// Cancel pressed while a request is on its way to the broker, against a real
// backend and broker on the real clock: the screen waits for the backend's
// final count, so the history says exactly what the topic holds, including
// the records that request landed after Cancel was pressed.
import { screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useProduceHistory } from '../../../../src/renderer/src/stores/produce-history-store';
import { startBackendWithBroker, type ClusterHarness } from '../../../integration/backend/helpers';
import { fillValueAndCopies, openProduceScreen, resetProduceScreen } from './open-produce-screen';

let h: ClusterHarness;

beforeAll(async () => {
  h = await startBackendWithBroker();
  await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'flood', partitions: 3, replicationFactor: 1 });
});
afterAll(() => h?.stop());
afterEach(resetProduceScreen);

const countOf = (text: string | null) => Number(/sent ([\d,]+) of/i.exec(text ?? '')![1]!.replace(/,/g, ''));

describe('Cancel while a request is in flight', () => {
  it('records the final count the backend reports, which equals what the topic holds', async () => {
    const user = openProduceScreen(h, 'flood');
    await fillValueAndCopies(user, 'v{{i}}', 1_000_000);

    // No rate: requests follow one another, so one is always on its way when Cancel is pressed.
    await user.click(screen.getByRole('button', { name: 'Send 1,000,000' }));
    const progress = await screen.findByTestId('send-progress');
    await within(progress).findByText(/^Sent [1-9][\d,]* of 1,000,000$/);
    const shownAtCancel = countOf(progress.textContent);
    await user.click(within(progress).getByRole('button', { name: 'Cancel' }));

    await within(progress).findByText(/^Cancelled: sent [\d,]+ of 1,000,000$/);
    const final = countOf(progress.textContent);
    expect(final).toBeGreaterThanOrEqual(shownAtCancel);
    expect(final).toBeLessThan(1_000_000);
    const [row] = within(screen.getByRole('table', { name: 'Sent messages' })).getAllByTestId('history-row');
    expect(row).toHaveTextContent(`${final.toLocaleString()} of 1,000,000 · cancelled`);
    expect(row).not.toHaveTextContent('maybe more');
    expect(useProduceHistory.getState().entries[0]).toMatchObject({ total: final, stopped: 'cancelled' });
    expect(screen.queryByTestId('count-may-be-short')).toBeNull();
    // The send had ended before the final count came, so the topic holds that and no more.
    expect(Number((await h.client.call('topics.describe', { connectionId: h.connectionId, topic: 'flood' })).messageCount)).toBe(final);
  });
});
