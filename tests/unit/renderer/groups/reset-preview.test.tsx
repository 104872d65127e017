import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResetRequest } from '../../../../src/renderer/src/api/use-groups';
import { ResetOffsetsForm } from '../../../../src/renderer/src/features/groups/reset-offsets-form';
import { emptyResetForm, offsetChange, parseTimestamp, toResetRequest, validateResetForm } from '../../../../src/renderer/src/features/groups/reset-form-model';
import { startBackendWithBroker, until, type ClusterHarness } from '../../../integration/backend/helpers';
import { fakeClient, renderWithProviders } from '../test-providers';

const preview = {
  partitions: [
    { partition: 0, before: '10', after: '0', clamped: false },
    { partition: 1, before: null, after: '7', clamped: true },
  ],
};

describe('reset form model', () => {
  const base = emptyResetForm('orders');

  it('builds each target, all partitions when none is chosen, chosen ones sorted', () => {
    expect(toResetRequest(base, 'local', 'g')).toEqual({ connectionId: 'local', groupId: 'g', topic: 'orders', target: { to: 'earliest' } });
    expect(toResetRequest({ ...base, mode: 'latest', partitions: [3, 1] }, 'local', 'g')).toMatchObject({ partitions: [1, 3], target: { to: 'latest' } });
    expect(toResetRequest({ ...base, mode: 'offset', offset: ' 0042 ' }, 'local', 'g')?.target).toEqual({ to: 'offset', offset: '42' });
    expect(toResetRequest({ ...base, mode: 'shift', shift: '+5' }, 'local', 'g')?.target).toEqual({ to: 'shift', by: '5' });
    expect(toResetRequest({ ...base, mode: 'shift', shift: '-5' }, 'local', 'g')?.target).toEqual({ to: 'shift', by: '-5' });
    expect(toResetRequest({ ...base, mode: 'timestamp', timestamp: '1700000000000' }, 'local', 'g')?.target).toEqual({ to: 'timestamp', timestamp: '1700000000000' });
    const local = '2026-01-02T03:04:05';
    expect(toResetRequest({ ...base, mode: 'timestamp', timestamp: local }, 'local', 'g')?.target).toEqual({ to: 'timestamp', timestamp: String(new Date(local).getTime()) });
  });

  it('refuses what the backend would: no topic, a bad offset, a zero or non-numeric shift, no time', () => {
    expect(validateResetForm({ ...base, topic: '' }).topic).toBeDefined();
    expect(validateResetForm({ ...base, mode: 'offset', offset: '-1' }).offset).toBeDefined();
    expect(validateResetForm({ ...base, mode: 'shift', shift: 'ten' }).shift).toBeDefined();
    expect(validateResetForm({ ...base, mode: 'shift', shift: '-0' }).shift).toMatch(/changes nothing/);
    expect(validateResetForm({ ...base, mode: 'timestamp', timestamp: 'soon' }).timestamp).toBeDefined();
    expect(toResetRequest({ ...base, mode: 'offset', offset: 'x' }, 'local', 'g')).toBeNull();
    expect(parseTimestamp('')).toBeNull();
  });

  it('shows the change per partition, signed, and none without a committed offset', () => {
    expect(offsetChange('10', '0')).toBe('−10');
    expect(offsetChange('3', '9')).toBe('+6');
    expect(offsetChange('9007199254740993', '9007199254740993')).toBe('0');
    expect(offsetChange(null, '7')).toBeNull();
  });
});

function renderForm(handlers: Parameters<typeof fakeClient>[0]) {
  const fake = fakeClient(handlers);
  renderWithProviders(<ResetOffsetsForm connectionId="local" groupId="billing" topics={[{ name: 'orders', partitions: 2 }]} activeMembers={0} />, fake.client);
  return fake;
}

describe('<ResetOffsetsForm> (the reset preview)', () => {
  it('keeps Apply disabled until a preview, renders before/after rows with the clamped one flagged, then applies exactly the previewed request', async () => {
    const user = userEvent.setup();
    const applied: ResetRequest[] = [];
    const { calls } = renderForm({
      'groups.previewReset': () => preview,
      'groups.reset': (input: ResetRequest) => {
        applied.push(input);
        return preview;
      },
    });
    const apply = screen.getByRole('button', { name: 'Apply reset' });
    expect(apply).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Preview' }));
    const table = await screen.findByRole('table', { name: 'Reset preview' });
    const first = within(table).getByTestId('preview-row-0');
    expect(first).toHaveTextContent('10');
    expect(first).toHaveTextContent('−10');
    expect(first).not.toHaveAttribute('data-clamped');
    const second = within(table).getByTestId('preview-row-1');
    expect(second).toHaveAttribute('data-clamped', 'true');
    expect(within(second).getByText('clamped')).toBeInTheDocument();
    expect(within(second).getByText('none')).toBeInTheDocument();
    expect(screen.getByText(/Some targets fall outside the log/)).toBeInTheDocument();
    expect(apply).toBeEnabled();

    await user.click(apply);
    expect(await screen.findByTestId('reset-applied')).toHaveTextContent('moved for 2 partitions');
    expect(applied).toEqual([{ connectionId: 'local', groupId: 'billing', topic: 'orders', target: { to: 'earliest' } }]);
    expect(calls.map((call) => call.method)).toEqual(['groups.previewReset', 'groups.reset']);
  });

  it('voids the preview when the form changes, so a different reset cannot be applied unseen', async () => {
    const user = userEvent.setup();
    renderForm({ 'groups.previewReset': () => preview });
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByRole('table', { name: 'Reset preview' });
    expect(screen.getByRole('button', { name: 'Apply reset' })).toBeEnabled();

    await user.click(screen.getByRole('radio', { name: 'Latest' }));
    expect(screen.getByRole('button', { name: 'Apply reset' })).toBeDisabled();
    expect(screen.queryByRole('table', { name: 'Reset preview' })).not.toBeInTheDocument();
  });

  it('sends a shift only when it is a number, and shows the field problem otherwise', async () => {
    const user = userEvent.setup();
    const { calls } = renderForm({ 'groups.previewReset': () => preview });
    await user.click(screen.getByRole('radio', { name: 'Shift ±N' }));
    await user.type(screen.getByRole('textbox', { name: 'Shift by' }), 'back ten');
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    expect(screen.getByText(/Enter a whole number/)).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    await user.clear(screen.getByRole('textbox', { name: 'Shift by' }));
    await user.type(screen.getByRole('textbox', { name: 'Shift by' }), '-3');
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByRole('table', { name: 'Reset preview' });
    expect(calls[0].input).toMatchObject({ target: { to: 'shift', by: '-3' } });
  });
});

describe('<ResetOffsetsForm> on a group a real lane is reading with', () => {
  let h: ClusterHarness;
  beforeAll(async () => {
    h = await startBackendWithBroker();
    await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'orders', partitions: 2, replicationFactor: 1 });
    await h.client.call('lanes.open', { connectionId: h.connectionId, topic: 'orders', groupId: 'billing', autoOffsetReset: 'earliest', members: 2, autoCommit: true });
    await until('both lane members in the group', async () => {
      const group = await h.client.call('groups.describe', { connectionId: h.connectionId, groupId: 'billing' });
      return group.memberDetails.length === 2 ? group : undefined;
    });
  });
  afterAll(() => h?.stop());

  it('shows why an active group is refused (GROUP_ACTIVE) and never enables Apply', async () => {
    const user = userEvent.setup();
    renderWithProviders(<ResetOffsetsForm connectionId={h.connectionId} groupId="billing" topics={[{ name: 'orders', partitions: 2 }]} activeMembers={2} />, h.client);
    expect(screen.getByText('billing has 2 active members')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    const alert = await screen.findByTestId('error-notice');
    expect(alert).toHaveAttribute('data-error-code', 'GROUP_ACTIVE');
    expect(alert).toHaveTextContent('The consumer group has active members, so its offsets cannot be changed now.');
    expect(alert).toHaveTextContent('Stop the group’s consumers (and lanes), then try again.');
    expect(alert).toHaveTextContent('has 2 active members');
    expect(screen.getByRole('button', { name: 'Apply reset' })).toBeDisabled();
    expect(screen.queryByRole('table', { name: 'Reset preview' })).not.toBeInTheDocument();
  });
});
