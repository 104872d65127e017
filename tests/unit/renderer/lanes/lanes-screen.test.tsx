import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LanesScreen } from '../../../../src/renderer/src/features/lanes/lanes-screen';
import type { LaneView } from '../../../../src/shared/contract/lanes';
import { fakeClient, renderWithProviders } from '../test-providers';

const topic = (name: string, partitions: number) => ({ name, internal: false, partitions, replicationFactor: 1, messageCount: '0', sizeBytes: null });
const laneOn = (laneId: string, topicName: string, groupId: string, connectionId = 'local'): LaneView => ({
  laneId,
  connectionId,
  topic: topicName,
  groupId,
  autoOffsetReset: 'earliest',
  members: 1,
  autoCommit: true,
  state: 'running',
  memberIds: ['member-1'],
});

describe('LanesScreen', () => {
  it("shows the topic's lanes side by side, links lanes on other topics, and opens a new lane on the topic", async () => {
    const open: LaneView[] = [laneOn('l1', 'orders', 'group_1'), laneOn('l2', 'payments', 'billing'), laneOn('l3', 'orders', 'elsewhere', 'prod')];
    const { client, calls, streams } = fakeClient({
      'connections.list': () => [],
      'topics.list': () => [topic('orders', 4), topic('payments', 1)],
      'lanes.list': () => open,
      'lanes.open': (input: { groupId: string; topic: string }) => {
        const lane = laneOn('l4', input.topic, input.groupId);
        open.push(lane);
        return lane;
      },
    });
    renderWithProviders(<LanesScreen topic="orders" />, client);

    expect(await screen.findByRole('region', { name: 'Lane group_1' })).toBeInTheDocument();
    // Another connection's lane on the same topic name is not this connection's.
    expect(screen.queryByRole('region', { name: 'Lane elsewhere' })).toBeNull();
    expect(within(screen.getByTestId('other-topic-lanes')).getByRole('link', { name: 'payments (1 lane)' })).toHaveAttribute('href', '#/lanes/payments');
    expect(await screen.findByTestId('lanes-topic-partitions')).toHaveTextContent('4 partitions');
    expect(streams.map((s) => s.params)).toEqual([{ laneId: 'l1' }]);

    const user = userEvent.setup();
    const form = screen.getByRole('form', { name: 'Add lane' });
    expect(within(form).getByRole('textbox', { name: 'Group id' })).toHaveValue('group_2');
    await user.click(within(form).getByRole('button', { name: 'Add lane' }));
    expect(await screen.findByRole('region', { name: 'Lane group_2' })).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'lanes.open')?.input).toEqual({
      connectionId: 'local',
      topic: 'orders',
      groupId: 'group_2',
      autoOffsetReset: 'earliest',
      members: 1,
      autoCommit: true,
    });
    await waitFor(() => expect(streams.map((s) => s.params)).toContainEqual({ laneId: 'l4' }));
  });

  it('asks for a topic first', async () => {
    const { client } = fakeClient({ 'connections.list': () => [], 'topics.list': () => [topic('orders', 1)], 'lanes.list': () => [] });
    renderWithProviders(<LanesScreen topic={null} />, client);
    expect(await screen.findByText('Pick a topic')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Add lane' })).toBeNull();
  });
});
