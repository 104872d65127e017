// Sending copies from the Produce screen against a real backend and broker:
// "sent X of N" and Cancel while they go out, and a cancelled send recorded in
// the history (and the heat map) with the backend's final count. The backend runs
// on a stepped clock, so the send sits in its rate wait until the test lets it go on.
import { screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useProduceHistory } from '../../../../src/renderer/src/stores/produce-history-store';
import { startBackendWithBroker, type ClusterHarness } from '../../../integration/backend/helpers';
import { SteppedClock } from '../../../integration/backend/stepped-clock';
import { fillValueAndCopies, openProduceScreen, resetProduceScreen } from './open-produce-screen';
import { readTopic } from './read-topic';

const clock = new SteppedClock();
let h: ClusterHarness;

beforeAll(async () => {
  h = await startBackendWithBroker({ backend: { clock } });
  await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'progress', partitions: 2, replicationFactor: 1 });
});
afterAll(() => h?.stop());
afterEach(() => {
  resetProduceScreen();
  clock.held = false;
});

describe('Sending copies with progress and Cancel', () => {
  it('shows "sent X of N" with a progress bar, cancels, and records the partial send; Send again re-sends the whole batch', async () => {
    const user = openProduceScreen(h, 'progress');
    await user.type(screen.getByRole('textbox', { name: 'Key' }), 'k-{{{{i}}');
    await fillValueAndCopies(user, 'v{{i}}', 1_000);
    await user.type(screen.getByRole('textbox', { name: 'Rate (per second)' }), '10');

    // 10 per second: one record, then a rate wait the test releases by hand.
    clock.held = true;
    await user.click(screen.getByRole('button', { name: 'Send 1,000' }));
    const progress = await screen.findByTestId('send-progress');
    expect(await within(progress).findByText('Sent 1 of 1,000')).toBeInTheDocument();
    clock.release();
    expect(await within(progress).findByText('Sent 2 of 1,000')).toBeInTheDocument();
    clock.release();
    expect(await within(progress).findByText('Sent 3 of 1,000')).toBeInTheDocument();
    expect(within(progress).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '0.3');
    expect(screen.getByText('Nothing sent yet')).toBeInTheDocument();

    // Cancel asks the backend, which wakes the wait and answers with its final count.
    await user.click(within(progress).getByRole('button', { name: 'Cancel' }));
    expect(within(progress).queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(await within(progress).findByText('Cancelled: sent 3 of 1,000')).toBeInTheDocument();
    expect(clock.sleeping()).toBe(0);

    const table = screen.getByRole('table', { name: 'Sent messages' });
    const [row] = within(table).getAllByTestId('history-row');
    expect(row).toHaveTextContent('3 of 1,000 · cancelled');
    expect(useProduceHistory.getState().entries[0]).toMatchObject({ total: 3, stopped: 'cancelled' });
    expect(useProduceHistory.getState().entries[0]!.sent).toHaveLength(3);
    // The heat map counts the three that were sent, one row per key.
    const map = screen.getByTestId('partition-heat-map');
    for (const key of ['k-0', 'k-1', 'k-2']) expect(within(map).getAllByText(key).length).toBeGreaterThan(0);
    expect(within(map).queryByText('k-3')).toBeNull();
    // The topic holds exactly what the history says.
    expect((await readTopic(h.client, h.connectionId, 'progress')).map((r) => r.value?.data)).toEqual(expect.arrayContaining(['v0', 'v1', 'v2']));
    expect(await readTopic(h.client, h.connectionId, 'progress')).toHaveLength(3);

    // Send again re-sends the recorded request: all 1,000 this time (the clock no longer holds it).
    clock.held = false;
    await user.click(within(row!).getByRole('button', { name: 'Send again' }));
    // One record per request at this rate: a thousand round trips to the broker.
    // The deadline is generous: on a loaded two-core machine these round trips took over 20 s.
    await waitFor(() => expect(within(table).getAllByTestId('history-row')).toHaveLength(2), { timeout: 45_000 });
    expect(within(table).getAllByTestId('history-row')[0]).toHaveTextContent('1,000 records');
    expect(screen.queryByTestId('send-progress')).toBeNull();
    expect(screen.getByTestId('send-result')).toHaveTextContent('Sent 1,000 to progress');
    expect(Number((await h.client.call('topics.describe', { connectionId: h.connectionId, topic: 'progress' })).messageCount)).toBe(1_003);
  });
});
