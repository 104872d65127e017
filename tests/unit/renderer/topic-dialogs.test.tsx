// The topic dialogs against a real backend and broker: the refusal shown is
// the cluster's own, and each write is checked in the topic it changed.
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AddPartitionsModal } from '../../../src/renderer/src/features/topics/add-partitions-modal';
import { CreateTopicModal } from '../../../src/renderer/src/features/topics/create-topic-modal';
import { DeleteTopicModal } from '../../../src/renderer/src/features/topics/delete-topic-modal';
import { topicNameProblem } from '../../../src/renderer/src/features/topics/topic-name';
import { startBackendWithBroker, type ClusterHarness } from '../../integration/backend/helpers';
import { recordingCalls, renderWithProviders } from './test-providers';

let h: ClusterHarness;

beforeAll(async () => {
  h = await startBackendWithBroker();
  for (const [topic, partitions] of [['orders', 1], ['grown', 4], ['retired', 1]] as const) {
    await h.client.call('topics.create', { connectionId: h.connectionId, topic, partitions, replicationFactor: 1 });
  }
});
afterAll(() => h?.stop());

describe('topic dialogs', () => {
  it('checks topic names the way Kafka does', () => {
    expect(topicNameProblem('orders.v1_x-2')).toBeNull();
    expect(topicNameProblem('..')).not.toBeNull();
    expect(topicNameProblem('has space')).toBe('Only letters, digits, “.”, “_” and “-”.');
    expect(topicNameProblem('x'.repeat(250))).toBe('At most 249 characters.');
  });

  it('creates with the chosen retention, and shows the cluster’s refusal as a sentence', async () => {
    const user = userEvent.setup();
    const onCreated = vi.fn();
    const { client, calls } = recordingCalls(h.client);
    renderWithProviders(<CreateTopicModal connectionId={h.connectionId} opened onClose={vi.fn()} onCreated={onCreated} />, client);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'orders');
    await user.click(screen.getAllByLabelText('Retention')[0]!);
    await user.click(await screen.findByRole('option', { name: '7 days' }));
    // "orders" exists already: the broker refuses.
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('A topic with that name already exists.');
    expect(onCreated).not.toHaveBeenCalled();

    await h.client.call('topics.delete', { connectionId: h.connectionId, topic: 'orders' });
    await user.click(screen.getByRole('button', { name: 'Create' }));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith('orders'));
    expect(calls[1]?.input).toEqual({ connectionId: h.connectionId, topic: 'orders', partitions: 1, replicationFactor: 1, configs: { 'retention.ms': '604800000' } });
    const configs = await h.client.call('topics.configs', { connectionId: h.connectionId, topic: 'orders' });
    expect(configs.find((entry) => entry.name === 'retention.ms')?.value).toBe('604800000');
  });

  it('explains that partitions only grow and will not shrink the topic', async () => {
    const user = userEvent.setup();
    const { client, calls } = recordingCalls(h.client);
    const onClose = vi.fn();
    renderWithProviders(<AddPartitionsModal connectionId={h.connectionId} topic="grown" current={4} opened onClose={onClose} />, client);
    expect(screen.getByText(/Kafka cannot remove partitions/)).toBeInTheDocument();
    expect(screen.getByText(/ordering per key holds only among records sent after the change/)).toBeInTheDocument();
    const total = screen.getByRole('textbox', { name: 'Total partitions' });
    await user.clear(total);
    await user.type(total, '3');
    expect(screen.getByRole('button', { name: 'Grow' })).toBeDisabled();
    expect(screen.getByText('Enter more than 4.')).toBeInTheDocument();
    await user.clear(total);
    await user.type(total, '6');
    await user.click(screen.getByRole('button', { name: 'Grow to 6' }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls).toEqual([{ method: 'topics.addPartitions', input: { connectionId: h.connectionId, topic: 'grown', totalPartitions: 6 } }]);
    expect((await h.client.call('topics.describe', { connectionId: h.connectionId, topic: 'grown' })).partitions).toBe(6);
  });

  it('deletes only after the topic’s name is typed', async () => {
    const user = userEvent.setup();
    const onDeleted = vi.fn();
    const { client, calls } = recordingCalls(h.client);
    renderWithProviders(<DeleteTopicModal connectionId={h.connectionId} topic="retired" opened onClose={vi.fn()} onDeleted={onDeleted} />, client);
    const remove = screen.getByRole('button', { name: 'Delete topic' });
    await user.type(screen.getByRole('textbox', { name: /Type “retired” to confirm/ }), 'retire');
    expect(remove).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: /Type “retired” to confirm/ }), 'd');
    await user.click(remove);
    await vi.waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(calls).toEqual([{ method: 'topics.delete', input: { connectionId: h.connectionId, topic: 'retired' } }]);
    expect((await h.client.call('topics.list', { connectionId: h.connectionId })).map((topic) => topic.name)).not.toContain('retired');
  });
});
