import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileView } from '../../../../src/shared/contract/connections';
import { ConnectionFrame } from '../../../../src/renderer/src/shell/connection-frame';
import { ConnectionSelector } from '../../../../src/renderer/src/shell/connection-selector';
import { LOCAL_CONNECTION_ID, useUiStore } from '../../../../src/renderer/src/stores/ui-store';
import { startBackend, type BackendHarness } from '../../../integration/backend/helpers';
import { renderWithProviders } from '../test-providers';

// Profiles saved in a real backend's user-data directory; nothing here needs a broker.
let h: BackendHarness;
let local: ProfileView;
let prodId: string;

beforeAll(async () => {
  h = startBackend();
  prodId = (await h.client.call('connections.save', { name: 'Production', bootstrapServers: ['prod.example:9092'], color: '#fa5252', readOnly: true })).id;
  await h.client.call('connections.save', { name: 'Staging', bootstrapServers: ['staging.example:9092'], color: '#228be6', readOnly: false });
  local = (await h.client.call('connections.list', {})).find((profile) => profile.id === LOCAL_CONNECTION_ID)!;
});
afterAll(() => h?.stop());
afterEach(() => useUiStore.getState().setActiveConnection(LOCAL_CONNECTION_ID));

function renderShell() {
  renderWithProviders(
    <>
      <ConnectionSelector />
      <ConnectionFrame />
    </>,
    h.client,
  );
  return userEvent.setup();
}

describe('<ConnectionSelector> and <ConnectionFrame>', () => {
  it('starts on the local broker, framed in its colour', async () => {
    renderShell();
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Active connection' })).toHaveValue(local.name));
    const frame = screen.getByTestId('connection-frame');
    expect(frame).toHaveAttribute('data-connection-id', LOCAL_CONNECTION_ID);
    expect(frame).toHaveAttribute('data-color', local.color);
  });

  it('lists every profile, marks read-only ones, and picking one moves the frame to its colour', async () => {
    const user = renderShell();
    const input = screen.getByRole('combobox', { name: 'Active connection' });
    await waitFor(() => expect(input).toHaveValue(local.name));
    await user.click(input);
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(expect.arrayContaining([local.name, 'Production (read-only)', 'Staging']));
    await user.click(screen.getByRole('option', { name: 'Production (read-only)' }));

    await waitFor(() => expect(screen.getByTestId('connection-frame')).toHaveAttribute('data-color', '#fa5252'));
    expect(screen.getByTestId('connection-frame')).toHaveAttribute('data-connection-id', prodId);
    expect(input).toHaveValue('Production (read-only)');
    expect(useUiStore.getState().activeConnectionId).toBe(prodId);

    await user.click(input);
    await user.click(await screen.findByRole('option', { name: 'Staging' }));
    await waitFor(() => expect(screen.getByTestId('connection-frame')).toHaveAttribute('data-color', '#228be6'));
  });

  it('falls back to the local broker when the remembered profile no longer exists', async () => {
    useUiStore.getState().setActiveConnection('removed-long-ago');
    renderShell();
    await waitFor(() => expect(screen.getByTestId('connection-frame')).toHaveAttribute('data-connection-id', LOCAL_CONNECTION_ID));
    expect(screen.getByRole('combobox', { name: 'Active connection' })).toHaveValue(local.name);
  });
});
