import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { GroupDetail } from '../../../../src/renderer/src/api/use-groups';
import { GroupList } from '../../../../src/renderer/src/features/groups/group-list';
import { GroupOffsetsTable } from '../../../../src/renderer/src/features/groups/group-offsets-table';
import { useLagHistory } from '../../../../src/renderer/src/features/groups/lag-history-store';
import { UnconsumedView } from '../../../../src/renderer/src/features/groups/unconsumed-view';
import { failure, fakeClient, renderWithProviders } from '../test-providers';

const offsets: GroupDetail['offsets'] = [
  { topic: 'orders', partition: 0, committed: '3', highWatermark: '10', lag: '7', member: 'm-1' },
  { topic: 'orders', partition: 1, committed: '10', highWatermark: '10', lag: '0', member: null },
  { topic: 'orders', partition: 2, committed: null, highWatermark: '4', lag: null, member: null },
];

describe('<GroupList>', () => {
  afterEach(() => useLagHistory.getState().clear());

  it('lists groups with state, members and lag, and draws a sparkline once two samples exist', async () => {
    const { client } = fakeClient({
      'groups.list': () => [
        { groupId: 'billing', state: 'Stable', protocolType: 'consumer', members: 2, totalLag: '1234' },
        { groupId: 'fresh', state: 'Empty', protocolType: 'consumer', members: 0, totalLag: null },
      ],
    });
    renderWithProviders(<GroupList connectionId="local" />, client);
    const row = await screen.findByTestId('group-row-billing');
    expect(row).toHaveTextContent('Stable');
    expect(within(row).getByTestId('group-lag')).toHaveTextContent('1,234');
    expect(within(screen.getByTestId('group-row-fresh')).getByTestId('group-lag')).toHaveTextContent('—');
    expect(within(row).getByText('sampling…')).toBeInTheDocument();

    act(() => {
      useLagHistory.getState().record('local', [{ groupId: 'billing', totalLag: '1300' }], 1);
      useLagHistory.getState().record('local', [{ groupId: 'billing', totalLag: '1234' }], 2);
    });
    expect(within(row).getByTestId('lag-sparkline')).toBeInTheDocument();
  });

  it('says what happened when the list cannot be read', async () => {
    const { client } = fakeClient({
      'groups.list': () => {
        throw failure('BROKER_UNREACHABLE', 'No broker answered at 127.0.0.1:1.');
      },
    });
    renderWithProviders(<GroupList connectionId="local" />, client);
    expect(await screen.findByTestId('error-notice')).toHaveTextContent('The cluster could not be reached.');
  });
});

describe('<GroupOffsetsTable> and <UnconsumedView>', () => {
  it('shows committed, high watermark, lag and owner per partition', () => {
    renderWithProviders(<GroupOffsetsTable offsets={offsets} />, fakeClient().client);
    const first = screen.getByTestId('offset-row-orders-0');
    expect(within(first).getByTestId('committed')).toHaveTextContent('3');
    expect(within(first).getByTestId('lag')).toHaveTextContent('7');
    expect(first).toHaveTextContent('m-1');
    expect(within(screen.getByTestId('offset-row-orders-2')).getByTestId('committed')).toHaveTextContent('—');
  });

  it('lists only partitions behind, each linking to Browse at its committed offset, and notes uncommitted ones', () => {
    renderWithProviders(<UnconsumedView offsets={offsets} />, fakeClient().client);
    const behind = screen.getByTestId('unconsumed-orders-0');
    expect(behind).toHaveTextContent('3 → 10');
    expect(within(behind).getByRole('link', { name: 'Browse' })).toHaveAttribute('href', `#/browse/${encodeURIComponent('orders?partitions=0&from=offset&offset=3&max=7')}`);
    expect(screen.queryByTestId('unconsumed-orders-1')).not.toBeInTheDocument();
    expect(screen.getByText(/1 partition has no committed offset/)).toBeInTheDocument();
  });
});
