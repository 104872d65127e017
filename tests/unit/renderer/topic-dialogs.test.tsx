import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AddPartitionsModal } from '../../../src/renderer/src/features/topics/add-partitions-modal';
import { CreateTopicModal } from '../../../src/renderer/src/features/topics/create-topic-modal';
import { DeleteTopicModal } from '../../../src/renderer/src/features/topics/delete-topic-modal';
import { topicNameProblem } from '../../../src/renderer/src/features/topics/topic-name';
import { failure, fakeClient, renderWithProviders } from './test-providers';

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
    let first = true;
    const { client, calls } = fakeClient({
      'topics.create': () => {
        if (first) {
          first = false;
          throw failure('TOPIC_ALREADY_EXISTS', 'Topic "orders" already exists.');
        }
        return null;
      },
    });
    renderWithProviders(<CreateTopicModal connectionId="local" opened onClose={vi.fn()} onCreated={onCreated} />, client);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'orders');
    await user.click(screen.getAllByLabelText('Retention')[0]!);
    await user.click(await screen.findByRole('option', { name: '7 days' }));
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('A topic with that name already exists.');
    expect(onCreated).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Create' }));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith('orders'));
    expect(calls[1]?.input).toEqual({ connectionId: 'local', topic: 'orders', partitions: 1, replicationFactor: 1, configs: { 'retention.ms': '604800000' } });
  });

  it('explains that partitions only grow and will not shrink the topic', async () => {
    const user = userEvent.setup();
    const { client, calls } = fakeClient({ 'topics.addPartitions': () => null });
    const onClose = vi.fn();
    renderWithProviders(<AddPartitionsModal connectionId="local" topic="orders" current={4} opened onClose={onClose} />, client);
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
    expect(calls).toEqual([{ method: 'topics.addPartitions', input: { connectionId: 'local', topic: 'orders', totalPartitions: 6 } }]);
  });

  it('deletes only after the topic’s name is typed', async () => {
    const user = userEvent.setup();
    const onDeleted = vi.fn();
    const { client, calls } = fakeClient({ 'topics.delete': () => null });
    renderWithProviders(<DeleteTopicModal connectionId="local" topic="orders" opened onClose={vi.fn()} onDeleted={onDeleted} />, client);
    const remove = screen.getByRole('button', { name: 'Delete topic' });
    await user.type(screen.getByRole('textbox', { name: /Type “orders” to confirm/ }), 'order');
    expect(remove).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: /Type “orders” to confirm/ }), 's');
    await user.click(remove);
    await vi.waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(calls).toEqual([{ method: 'topics.delete', input: { connectionId: 'local', topic: 'orders' } }]);
  });
});
