// The Lanes screen against a real backend and broker: the lanes it shows and
// links are the backend's, and "Add lane" opens a real consumer group.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LanesScreen } from '../../../../src/renderer/src/features/lanes/lanes-screen';
import { useUiStore } from '../../../../src/renderer/src/stores/ui-store';
import { startBackendWithBroker, type ClusterHarness } from '../../../integration/backend/helpers';
import { recordingCalls, renderWithProviders } from '../test-providers';

let h: ClusterHarness;
let group1Lane: string;

beforeAll(async () => {
  h = await startBackendWithBroker();
  const connectionId = h.connectionId;
  await h.client.call('topics.create', { connectionId, topic: 'orders', partitions: 4, replicationFactor: 1 });
  await h.client.call('topics.create', { connectionId, topic: 'payments', partitions: 1, replicationFactor: 1 });
  const lane = { autoOffsetReset: 'earliest', members: 1, autoCommit: true } as const;
  group1Lane = (await h.client.call('lanes.open', { ...lane, connectionId, topic: 'orders', groupId: 'group_1' })).laneId;
  await h.client.call('lanes.open', { ...lane, connectionId, topic: 'payments', groupId: 'billing' });
  // A second profile on the same broker: its lane on "orders" is not this connection's.
  const prod = await h.client.call('connections.save', { name: 'Prod', bootstrapServers: [h.broker.bootstrap], color: '#445566', readOnly: false });
  await h.client.call('lanes.open', { ...lane, connectionId: prod.id, topic: 'orders', groupId: 'elsewhere' });
  useUiStore.getState().setActiveConnection(connectionId);
});
afterAll(() => h?.stop());

describe('LanesScreen', () => {
  it("shows the topic's lanes side by side, links lanes on other topics, and opens a new lane on the topic", async () => {
    const { client, calls, streams } = recordingCalls(h.client);
    renderWithProviders(<LanesScreen topic="orders" />, client);

    expect(await screen.findByRole('region', { name: 'Lane group_1' })).toBeInTheDocument();
    // Another connection's lane on the same topic name is not this connection's.
    expect(screen.queryByRole('region', { name: 'Lane elsewhere' })).toBeNull();
    expect(within(await screen.findByTestId('other-topic-lanes')).getByRole('link', { name: 'payments (1 lane)' })).toHaveAttribute('href', '#/lanes/payments');
    expect(await screen.findByTestId('lanes-topic-partitions')).toHaveTextContent('4 partitions');
    expect(streams.map((s) => s.params)).toEqual([{ laneId: group1Lane }]);

    const user = userEvent.setup();
    const form = screen.getByRole('form', { name: 'Add lane' });
    expect(within(form).getByRole('textbox', { name: 'Group id' })).toHaveValue('group_2');
    await user.click(within(form).getByRole('button', { name: 'Add lane' }));
    expect(await screen.findByRole('region', { name: 'Lane group_2' })).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'lanes.open')?.input).toEqual({
      connectionId: h.connectionId,
      topic: 'orders',
      groupId: 'group_2',
      autoOffsetReset: 'earliest',
      members: 1,
      autoCommit: true,
    });
    const opened = (await h.client.call('lanes.list', {})).find((lane) => lane.groupId === 'group_2');
    expect(opened).toMatchObject({ connectionId: h.connectionId, topic: 'orders' });
    await waitFor(() => expect(streams.map((s) => s.params)).toContainEqual({ laneId: opened!.laneId }));
  });

  it('asks for a topic first', async () => {
    renderWithProviders(<LanesScreen topic={null} />, h.client);
    expect(await screen.findByText('Pick a topic')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Add lane' })).toBeNull();
  });
});
