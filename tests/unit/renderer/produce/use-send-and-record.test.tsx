import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeError } from '../../../../src/renderer/src/api/error-sentences';
import type { ProduceRequest } from '../../../../src/renderer/src/api/use-produce';
import { ProduceHistory } from '../../../../src/renderer/src/features/produce/produce-history';
import { useSendAndRecord } from '../../../../src/renderer/src/features/produce/use-send-and-record';
import { useProduceHistory } from '../../../../src/renderer/src/stores/produce-history-store';
import { startBackendWithBroker, type ClusterHarness } from '../../../integration/backend/helpers';
import { renderWithProviders } from '../test-providers';
import { readTopic } from './read-topic';

let h: ClusterHarness;

beforeAll(async () => {
  h = await startBackendWithBroker();
  for (const topic of ['paced', 'single']) await h.client.call('topics.create', { connectionId: h.connectionId, topic, partitions: 2, replicationFactor: 1 });
});
afterAll(() => h?.stop());
afterEach(() => useProduceHistory.getState().clear());

/** The hook as a screen uses it: a send button, its progress, its outcome, and the history it records into. */
function Sender({ request }: { request: ProduceRequest }) {
  const sender = useSendAndRecord();
  return (
    <>
      <button type="button" onClick={() => sender.send(request)}>
        Go
      </button>
      <output data-testid="status">{sender.isPending ? 'sending' : sender.error ? `failed: ${describeError(sender.error).code}` : sender.result ? `sent ${sender.result.total}` : 'idle'}</output>
      {sender.result ? <output data-testid="elapsed">{sender.result.elapsedMs}</output> : null}
      <ProduceHistory onResend={sender.send} sending={sender.isPending} />
    </>
  );
}

describe('useSendAndRecord against a real broker', () => {
  it('sends exactly N templated copies at the given rate, shows it is sending meanwhile, then records one history entry', async () => {
    const request: ProduceRequest = { connectionId: h.connectionId, topic: 'paced', key: { data: 'k-{{i}}' }, value: { data: 'copy {{i}}' }, count: 12, ratePerSecond: 40 };
    renderWithProviders(<Sender request={request} />, h.client);
    expect(screen.getByTestId('status')).toHaveTextContent('idle');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Go' }));

    // 12 copies at 40 per second take at least a quarter of a second: long enough to be seen sending.
    expect(await screen.findByText('sending')).toBeInTheDocument();
    expect(await screen.findByText('sent 12', undefined, { timeout: 10_000 })).toBeInTheDocument();
    expect(Number(screen.getByTestId('elapsed').textContent)).toBeGreaterThanOrEqual(250);

    // One entry for the whole batch, summarised as a count.
    const rows = screen.getAllByTestId('history-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('12 records');
    expect(useProduceHistory.getState().entries[0]).toMatchObject({ total: 12, request });
    expect(useProduceHistory.getState().entries[0]!.sent).toHaveLength(12);

    const records = await readTopic(h.client, h.connectionId, 'paced');
    expect(records.map((record) => record.value?.data).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `copy ${i}`).sort());
    for (const record of records) expect(record.key?.data).toBe(record.value?.data.replace('copy ', 'k-'));
  });

  it('"Send again" re-sends the recorded batch, and is not offered while a send is under way', async () => {
    const request: ProduceRequest = { connectionId: h.connectionId, topic: 'single', key: null, value: { data: 'again {{i}}' }, count: 4, ratePerSecond: 10 };
    const user = userEvent.setup();
    renderWithProviders(<Sender request={request} />, h.client);
    await user.click(screen.getByRole('button', { name: 'Go' }));
    expect(await screen.findByText('sent 4', undefined, { timeout: 10_000 })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send again' }));
    // 4 copies at 10 per second take at least 300 ms: the button stays disabled meanwhile.
    expect(await screen.findByText('sending')).toBeInTheDocument();
    for (const button of screen.getAllByRole('button', { name: 'Send again' })) expect(button).toBeDisabled();
    expect(await screen.findByText('sent 4', undefined, { timeout: 10_000 })).toBeInTheDocument();
    const rows = screen.getAllByTestId('history-row');
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toHaveTextContent('4 records');
    expect(screen.getAllByRole('button', { name: 'Send again' })[0]).toBeEnabled();
    const values = (await readTopic(h.client, h.connectionId, 'single')).map((record) => record.value?.data).sort();
    expect(values).toEqual(['again 0', 'again 0', 'again 1', 'again 1', 'again 2', 'again 2', 'again 3', 'again 3']);
  });

  it('reports a refused send with its error and records nothing', async () => {
    const request: ProduceRequest = { connectionId: h.connectionId, topic: 'paced', key: null, value: { data: 'x' }, partition: 9, count: 1 };
    renderWithProviders(<Sender request={request} />, h.client);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Go' }));
    expect(await screen.findByText('failed: PARTITION_NOT_FOUND')).toBeInTheDocument();
    expect(screen.getByText('Nothing sent yet')).toBeInTheDocument();
    expect(useProduceHistory.getState().entries).toEqual([]);
  });
});
