import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { OpenLaneForm } from '../../../../src/renderer/src/features/lanes/open-lane-form';
import { emptyOpenLaneForm, suggestGroupId, toOpenLaneRequest, validateOpenLaneForm } from '../../../../src/renderer/src/features/lanes/open-lane-form-model';
import { failure, fakeClient, renderWithProviders } from '../test-providers';

describe('open-lane form model', () => {
  it('suggests the first group_N no lane of the topic uses', () => {
    expect(suggestGroupId([])).toBe('group_1');
    expect(suggestGroupId(['group_1', 'group_3'])).toBe('group_2');
    expect(emptyOpenLaneForm(['group_1'])).toEqual({ groupId: 'group_2', autoOffsetReset: 'earliest', members: 1, autoCommit: true });
  });

  it('needs a group id and 1 to 16 members', () => {
    const base = emptyOpenLaneForm();
    expect(validateOpenLaneForm(base)).toEqual({});
    expect(validateOpenLaneForm({ ...base, groupId: '  ' }).groupId).toBeDefined();
    expect(validateOpenLaneForm({ ...base, members: 0 }).members).toBe('A lane has 1 to 16 members.');
    expect(validateOpenLaneForm({ ...base, members: 17 }).members).toBeDefined();
    expect(validateOpenLaneForm({ ...base, members: Number.NaN }).members).toBeDefined();
    expect(validateOpenLaneForm({ ...base, members: 16 })).toEqual({});
  });

  it('builds the lanes.open request with a trimmed group id', () => {
    expect(toOpenLaneRequest({ groupId: ' g ', autoOffsetReset: 'latest', members: 3, autoCommit: false }, 'local', 'orders')).toEqual({
      connectionId: 'local',
      topic: 'orders',
      groupId: 'g',
      autoOffsetReset: 'latest',
      members: 3,
      autoCommit: false,
    });
  });
});

describe('OpenLaneForm', () => {
  it('opens a lane with what was entered, then suggests the next group id', async () => {
    const onOpen = vi.fn(async () => undefined);
    renderWithProviders(<OpenLaneForm connectionId="local" topic="orders" takenGroupIds={['group_1']} opening={false} onOpen={onOpen} />, fakeClient().client);
    const user = userEvent.setup();
    const groupId = screen.getByRole('textbox', { name: 'Group id' });
    expect(groupId).toHaveValue('group_2');
    await user.click(screen.getByRole('radio', { name: 'Latest' }));
    const members = screen.getByRole('textbox', { name: 'Members' });
    await user.clear(members);
    await user.type(members, '2');
    await user.click(screen.getByRole('switch', { name: 'Auto-commit' }));
    await user.click(screen.getByRole('button', { name: 'Add lane' }));
    expect(onOpen).toHaveBeenCalledWith({ connectionId: 'local', topic: 'orders', groupId: 'group_2', autoOffsetReset: 'latest', members: 2, autoCommit: false });
    expect(groupId).toHaveValue('group_3');
  });

  it('shows what is wrong and sends nothing', async () => {
    const onOpen = vi.fn(async () => undefined);
    renderWithProviders(<OpenLaneForm connectionId="local" topic="orders" takenGroupIds={[]} opening={false} onOpen={onOpen} />, fakeClient().client);
    const user = userEvent.setup();
    await user.clear(screen.getByRole('textbox', { name: 'Group id' }));
    await user.clear(screen.getByRole('textbox', { name: 'Members' }));
    await user.type(screen.getByRole('textbox', { name: 'Members' }), '20');
    await user.click(screen.getByRole('button', { name: 'Add lane' }));
    expect(onOpen).not.toHaveBeenCalled();
    expect(screen.getByText('Name the consumer group the lane reads as.')).toBeInTheDocument();
    expect(screen.getByText('A lane has 1 to 16 members.')).toBeInTheDocument();
  });

  it('keeps the values when the backend refuses', async () => {
    const onOpen = vi.fn(async () => {
      throw failure('GROUP_ACTIVE', 'busy');
    });
    renderWithProviders(<OpenLaneForm connectionId="local" topic="orders" takenGroupIds={[]} opening={false} onOpen={onOpen} />, fakeClient().client);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add lane' }));
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('textbox', { name: 'Group id' })).toHaveValue('group_1');
  });
});
