import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useProduce, type ProduceRequest } from '../../../../src/renderer/src/api/use-produce';
import { TopicDetail } from '../../../../src/renderer/src/features/topics/topic-detail';
import { startBackendWithBroker, type ClusterHarness } from '../../../integration/backend/helpers';
import { renderWithProviders } from '../test-providers';

let h: ClusterHarness;

beforeAll(async () => {
  h = await startBackendWithBroker();
  await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'orders', partitions: 3, replicationFactor: 1, configs: { 'retention.ms': '3600000', 'cleanup.policy': 'delete' } });
  await h.client.call('produce.send', { connectionId: h.connectionId, topic: 'orders', key: null, value: { data: 'p0 {{i}}' }, partition: 0, count: 5 });
  await h.client.call('produce.send', { connectionId: h.connectionId, topic: 'orders', key: null, value: { data: 'p2 {{i}}' }, partition: 2, count: 2 });
});
afterAll(() => h?.stop());
afterEach(() => {
  window.location.hash = '';
});

function ProduceButton({ request }: { request: ProduceRequest }) {
  const produce = useProduce();
  return (
    <button type="button" onClick={() => produce.mutate(request)}>
      Send 3 to partition 1
    </button>
  );
}

const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((cell) => cell.textContent);

describe('<TopicDetail> against a real broker', () => {
  it('shows the summary and, per partition, leader, replicas, ISR and the watermarks moved by what was produced', async () => {
    renderWithProviders(<TopicDetail connectionId={h.connectionId} topic="orders" />, h.client);
    expect(screen.getByRole('status')).toHaveTextContent('Loading topic…');
    expect(await screen.findByTestId('topic-summary')).toHaveTextContent(/^3 partitions · replication 1 · 7 messages ·/);
    expect(screen.getByRole('heading', { name: 'orders' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Partitions' });
    const rows = within(table).getAllByRole('row').slice(1);
    // The test broker is node 1: it leads every partition and is the only replica in sync.
    expect(rows.map(cells)).toEqual([
      ['0', '1', '1', '1', '0', '5', '5'],
      ['1', '1', '1', '1', '0', '0', '0'],
      ['2', '1', '1', '1', '0', '2', '2'],
    ]);
  });

  it('lists the configs, overrides first, and can show only the overrides', async () => {
    const user = userEvent.setup();
    renderWithProviders(<TopicDetail connectionId={h.connectionId} topic="orders" />, h.client);
    await user.click(await screen.findByRole('tab', { name: 'Configs' }));
    const table = await screen.findByRole('table', { name: 'Configs' });
    const retention = within(table).getByTestId('config-retention.ms');
    expect(cells(retention)).toEqual(['retention.ms', '3600000', 'override']);
    expect(within(table).getByTestId('config-cleanup.policy')).toHaveTextContent('override');
    const defaults = within(table).getAllByText('default');
    expect(defaults.length).toBeGreaterThan(3);
    const names = within(table).getAllByRole('row').slice(1).map((row) => cells(row)[2]);
    expect(names.indexOf('default')).toBe(names.lastIndexOf('override') + 1);
    expect(within(table).getByTestId('config-max.message.bytes')).toHaveTextContent('default');

    await user.click(screen.getByRole('switch', { name: 'Only overrides' }));
    const shown = within(screen.getByRole('table', { name: 'Configs' })).getAllByRole('row').slice(1);
    expect(shown.map((row) => cells(row)[0]).sort()).toEqual(['cleanup.policy', 'retention.ms']);
  });

  it('a send from the app moves the shown watermarks without a reload', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <>
        <ProduceButton request={{ connectionId: h.connectionId, topic: 'orders', key: null, value: { data: 'late' }, partition: 1, count: 3 }} />
        <TopicDetail connectionId={h.connectionId} topic="orders" />
      </>,
      h.client,
    );
    const table = await screen.findByRole('table', { name: 'Partitions' });
    const before = cells(within(table).getAllByRole('row')[2]!);
    await user.click(screen.getByRole('button', { name: 'Send 3 to partition 1' }));
    const high = Number(before[5]) + 3;
    await waitFor(() => expect(cells(within(table).getAllByRole('row')[2]!)).toEqual(['1', '1', '1', '1', '0', String(high), String(high)]));
    expect(screen.getByTestId('topic-summary')).toHaveTextContent(`${7 + high} messages`);
  });

  it('says the topic does not exist, as a sentence, and offers to try again', async () => {
    renderWithProviders(<TopicDetail connectionId={h.connectionId} topic="no-such-topic" />, h.client);
    const notice = await screen.findByTestId('error-notice');
    expect(notice).toHaveAttribute('data-error-code', 'TOPIC_NOT_FOUND');
    expect(notice).toHaveTextContent('The topic does not exist (any more).');
    expect(notice).toHaveTextContent('no-such-topic');
    expect(within(notice).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add partitions' })).toBeDisabled();
  });

  it('Produce opens the Produce screen on this topic', async () => {
    renderWithProviders(<TopicDetail connectionId={h.connectionId} topic="orders" />, h.client);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Produce' }));
    await waitFor(() => expect(window.location.hash).toBe('#/produce/orders'));
    expect(screen.getByRole('link', { name: '← All topics' })).toHaveAttribute('href', '#/topics');
  });
});
