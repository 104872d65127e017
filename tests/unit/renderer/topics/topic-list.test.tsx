import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TopicList } from '../../../../src/renderer/src/features/topics/topic-list';
import { startBackendWithBroker, type ClusterHarness } from '../../../integration/backend/helpers';
import { fakeElementSize } from '../frames-and-layout';
import { renderWithProviders } from '../test-providers';

// jsdom has no layout; the virtualized table reads its viewport from these.
fakeElementSize({ clientHeight: 600, clientWidth: 800 });
let h: ClusterHarness;

beforeAll(async () => {
  h = await startBackendWithBroker();
  for (const [topic, partitions] of [['orders', 4], ['orders-dlq', 1], ['payments', 2]] as const) {
    await h.client.call('topics.create', { connectionId: h.connectionId, topic, partitions, replicationFactor: 1 });
  }
  await h.client.call('produce.send', { connectionId: h.connectionId, topic: 'payments', key: null, value: { data: 'paid' }, count: 3 });
});
afterAll(() => h?.stop());

const shownTopics = () => within(screen.getByRole('table', { name: 'Topics' })).getAllByRole('link').map((link) => link.textContent);

describe('<TopicList> against a real broker', () => {
  it('lists the topics by name with partitions and message counts, each linking to its detail', async () => {
    renderWithProviders(<TopicList connectionId={h.connectionId} />, h.client);
    expect(await screen.findByText('3 of 3')).toBeInTheDocument();
    expect(shownTopics()).toEqual(['orders', 'orders-dlq', 'payments']);
    const payments = screen.getByTestId('topic-row-payments');
    expect(within(payments).getAllByRole('cell').slice(1, 4).map((cell) => cell.textContent)).toEqual(['2', '1', '3']);
    expect(within(payments).getByRole('link', { name: 'payments' })).toHaveAttribute('href', '#/topics/payments');
  });

  it('filters by name as you type, ignoring case, and says when nothing matches', async () => {
    const user = userEvent.setup();
    renderWithProviders(<TopicList connectionId={h.connectionId} />, h.client);
    await screen.findByText('3 of 3');
    const search = screen.getByRole('textbox', { name: 'Search topics' });
    await user.type(search, 'ORD');
    expect(screen.getByText('2 of 3')).toBeInTheDocument();
    expect(shownTopics()).toEqual(['orders', 'orders-dlq']);
    await user.type(search, 'ers-');
    expect(shownTopics()).toEqual(['orders-dlq']);
    await user.clear(search);
    await user.type(search, 'zzz');
    expect(screen.getByText('0 of 3')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Topics' })).toBeNull();
    expect(screen.getByTestId('empty-notice')).toHaveTextContent('No match');
    expect(screen.getByTestId('empty-notice')).toHaveTextContent('No topic name contains “zzz”.');
    await user.clear(search);
    await waitFor(() => expect(shownTopics()).toHaveLength(3));
  });

  it('says there are no topics yet on an empty cluster', async () => {
    const empty = await startBackendWithBroker();
    try {
      renderWithProviders(<TopicList connectionId={empty.connectionId} />, empty.client);
      expect(await screen.findByText('No topics yet')).toBeInTheDocument();
      expect(screen.getByText('0 of 0')).toBeInTheDocument();
    } finally {
      await empty.stop();
    }
  });

  it('says why when the cluster cannot be reached', async () => {
    const saved = await h.client.call('connections.save', { name: 'Nowhere', bootstrapServers: ['127.0.0.1:1'], color: '#000000', readOnly: false });
    renderWithProviders(<TopicList connectionId={saved.id} />, h.client);
    const notice = await screen.findByTestId('error-notice', undefined, { timeout: 30_000 });
    expect(notice).toHaveAttribute('data-error-code', 'BROKER_UNREACHABLE');
    expect(notice).toHaveTextContent('The cluster could not be reached.');
  });
});
