// Write controls follow the connection they write to: on a read-only profile
// they are disabled and say why; on a writable one (the same broker) they are
// offered. Real backend and broker; the backend's refusal itself is covered by
// the integration tests.
import { screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { READ_ONLY_HINT } from '../../../src/renderer/src/api/use-read-only';
import { GroupDetailView } from '../../../src/renderer/src/features/groups/group-detail';
import { OpenLaneForm, READ_ONLY_LANE_NOTE } from '../../../src/renderer/src/features/lanes/open-lane-form';
import { ProduceForm } from '../../../src/renderer/src/features/produce/produce-form';
import { ProduceHistory } from '../../../src/renderer/src/features/produce/produce-history';
import { useProduceHistory } from '../../../src/renderer/src/stores/produce-history-store';
import { historyEntry } from './produce/history-entry';
import { emptyProduceForm } from '../../../src/renderer/src/features/produce/produce-form-model';
import { TopicDetail } from '../../../src/renderer/src/features/topics/topic-detail';
import { startBackendWithBroker, type ClusterHarness } from '../../integration/backend/helpers';
import { renderWithProviders } from './test-providers';

let h: ClusterHarness;
let readOnlyId: string;

beforeAll(async () => {
  h = await startBackendWithBroker();
  readOnlyId = (await h.client.call('connections.save', { name: 'Production', bootstrapServers: [h.broker.bootstrap], color: '#aa2222', readOnly: true })).id;
  await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'orders', partitions: 2, replicationFactor: 1 });
  await h.client.call('groups.reset', { connectionId: h.connectionId, groupId: 'billing', topic: 'orders', target: { to: 'earliest' } });
});
afterAll(() => h?.stop());

const button = (name: string | RegExp) => screen.getByRole('button', { name });
/** Read-only: waits for the connection list, then the control is disabled and says why. Writable: offered, with no hint. */
const expectWriteControl = async (name: string | RegExp, readOnly: boolean) => {
  if (readOnly) {
    await waitFor(() => expect(button(name)).toHaveAttribute('title', READ_ONLY_HINT));
    expect(button(name)).toBeDisabled();
  } else {
    expect(button(name)).toBeEnabled();
    expect(button(name)).not.toHaveAttribute('title');
  }
};

describe.each([
  { connection: 'read-only', readOnly: true },
  { connection: 'writable', readOnly: false },
])('write controls on a $connection connection', ({ readOnly }) => {
  const id = () => (readOnly ? readOnlyId : h.connectionId);

  it('topic detail: Add partitions and Delete', async () => {
    renderWithProviders(<TopicDetail connectionId={id()} topic="orders" />, h.client);
    await screen.findByTestId('topic-summary');
    await expectWriteControl('Add partitions', readOnly);
    await expectWriteControl('Delete', readOnly);
    // Reading is never gated.
    expect(button('Produce')).toBeEnabled();
  });

  it('group detail: Reset offsets and Delete group', async () => {
    renderWithProviders(<GroupDetailView connectionId={id()} groupId="billing" />, h.client);
    await screen.findByTestId('group-members');
    await expectWriteControl('Reset offsets', readOnly);
    await expectWriteControl('Delete group', readOnly);
  });

  it('produce form: Send', async () => {
    const onSend = vi.fn();
    renderWithProviders(<ProduceForm connectionId={id()} values={{ ...emptyProduceForm('orders'), value: 'hi' }} onChange={vi.fn()} onSend={onSend} sending={false} />, h.client);
    await expectWriteControl('Send', readOnly);
  });

  it('produce history: Send again, which sends to the connection the entry was sent on', async () => {
    const entry = historyEntry(1, null, [0]);
    useProduceHistory.setState({ entries: [{ ...entry, request: { ...entry.request, connectionId: id() } }] });
    try {
      renderWithProviders(<ProduceHistory onResend={vi.fn()} sending={false} />, h.client);
      await expectWriteControl('Send again', readOnly);
    } finally {
      useProduceHistory.getState().clear();
    }
  });

  it('open-lane form: auto-commit is forced off, with the reason, only when read-only', async () => {
    renderWithProviders(<OpenLaneForm connectionId={id()} topic="orders" takenGroupIds={[]} opening={false} onOpen={vi.fn(async () => undefined)} />, h.client);
    const autoCommit = screen.getByRole('switch', { name: 'Auto-commit' });
    if (readOnly) {
      await waitFor(() => expect(autoCommit).toBeDisabled());
      expect(autoCommit).not.toBeChecked();
      expect(screen.getByText(READ_ONLY_LANE_NOTE)).toBeInTheDocument();
    } else {
      await waitFor(() => expect(autoCommit).toBeChecked());
      expect(autoCommit).toBeEnabled();
      expect(screen.queryByText(READ_ONLY_LANE_NOTE)).toBeNull();
    }
  });
});
