import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CommandPalette } from '../../../../src/renderer/src/shell/command-palette';
import { ConnectionFrame } from '../../../../src/renderer/src/shell/connection-frame';
import { ThemeToggle } from '../../../../src/renderer/src/shell/theme-toggle';
import { LOCAL_CONNECTION_ID, useUiStore } from '../../../../src/renderer/src/stores/ui-store';
import { startBackend, type BackendHarness } from '../../../integration/backend/helpers';
import { renderWithProviders } from '../test-providers';

// A real backend (no broker needed: profiles are saved in its user-data directory).
let h: BackendHarness;
let stagingId: string;

beforeAll(async () => {
  h = startBackend();
  stagingId = (await h.client.call('connections.save', { name: 'Staging', bootstrapServers: ['staging.example:9092'], color: '#e8590c', readOnly: false })).id;
});
afterAll(() => h?.stop());
afterEach(() => {
  window.location.hash = '';
  useUiStore.getState().setActiveConnection(LOCAL_CONNECTION_ID);
});

function renderPalette() {
  renderWithProviders(
    <>
      <CommandPalette />
      <ConnectionFrame />
      <ThemeToggle />
    </>,
    h.client,
  );
  return userEvent.setup();
}

// The palette highlights the typed text in <mark>, which drops the space from the
// accessible name ("Use <mark>Staging</mark>" reads "UseStaging"), hence \s* in names.
async function openPalette(user: ReturnType<typeof userEvent.setup>) {
  await user.keyboard('{Control>}k{/Control}');
  const search = await screen.findByRole('textbox', { name: 'Command' });
  // The query is cleared when the closing transition ends, and env="test" has no transitions.
  await user.clear(search);
  return search;
}

describe('<CommandPalette>', () => {
  it('is closed until Ctrl+K opens it, with every screen and its shortcut', async () => {
    const user = renderPalette();
    expect(screen.queryByRole('textbox', { name: 'Command' })).toBeNull();
    await openPalette(user);
    for (const [label, shortcut] of [
      ['Topics', 'Ctrl+Alt+1'],
      ['Produce', 'Ctrl+Alt+2'],
      ['Lanes', 'Ctrl+Alt+6'],
    ]) {
      const action = screen.getByRole('button', { name: new RegExp(`^${label}`) });
      expect(action).toHaveTextContent(shortcut!);
    }
  });

  it('filters as you type; choosing a screen navigates to it and closes the palette', async () => {
    const user = renderPalette();
    const search = await openPalette(user);
    await user.type(search, 'prod');
    expect(screen.queryByRole('button', { name: /^Topics/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: /^Produce/ }));
    await waitFor(() => expect(window.location.hash).toBe('#/produce'));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Command' })).toBeNull());
  });

  it('says when nothing matches', async () => {
    const user = renderPalette();
    await user.type(await openPalette(user), 'zzzz-nothing');
    expect(screen.getByText('No matching command')).toBeInTheDocument();
  });

  it('switches to a saved connection, and the window frame takes its colour', async () => {
    const user = renderPalette();
    const frame = await screen.findByTestId('connection-frame');
    expect(frame).toHaveAttribute('data-connection-id', LOCAL_CONNECTION_ID);
    await user.type(await openPalette(user), 'staging');
    const use = await screen.findByRole('button', { name: /^Use\s*Staging/ });
    expect(use).toHaveTextContent('staging.example:9092');
    await user.click(use);
    await waitFor(() => expect(screen.getByTestId('connection-frame')).toHaveAttribute('data-connection-id', stagingId));
    expect(screen.getByTestId('connection-frame')).toHaveAttribute('data-color', '#e8590c');
    expect(useUiStore.getState().activeConnectionId).toBe(stagingId);
  });

  it('toggles the theme', async () => {
    const user = renderPalette();
    expect(screen.getByRole('button', { name: 'Switch to dark theme' })).toBeInTheDocument();
    await user.type(await openPalette(user), 'theme');
    await user.click(screen.getByRole('button', { name: /^Use\s*dark\s*theme/ }));
    expect(await screen.findByRole('button', { name: 'Switch to light theme' })).toBeInTheDocument();
    await user.type(await openPalette(user), 'theme');
    expect(within(document.body).getByRole('button', { name: /^Use\s*light\s*theme/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Use\s*light\s*theme/ }));
    expect(await screen.findByRole('button', { name: 'Switch to dark theme' })).toBeInTheDocument();
  });
});
