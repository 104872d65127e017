import { MantineProvider } from '@mantine/core';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { hotkeyLabel, SCREENS } from '../../../../src/renderer/src/shell/screens';
import { ThemeToggle } from '../../../../src/renderer/src/shell/theme-toggle';
import { navigate, parseRoute, routeHref, useRoute, type Screen } from '../../../../src/renderer/src/shell/use-route';
import { useShortcuts } from '../../../../src/renderer/src/shell/use-shortcuts';

// Routing, shortcuts and the theme are the window's own: no backend is involved.
const renderUi = (ui: ReactNode) => render(<MantineProvider env="test">{ui}</MantineProvider>);

afterEach(() => {
  window.location.hash = '';
  localStorage.clear();
});

function RouteProbe() {
  const route = useRoute();
  return (
    <output data-testid="route" data-screen={route.screen}>
      {route.param ?? ''}
    </output>
  );
}

function ShortcutsProbe() {
  useShortcuts();
  return (
    <>
      <RouteProbe />
      <ThemeToggle />
    </>
  );
}

describe('hash routes', () => {
  it('round-trips every screen, with and without a parameter that needs escaping', () => {
    const screens: Screen[] = ['connections', 'topics', 'produce', 'groups', 'browse', 'lanes'];
    for (const screen of screens) {
      expect(parseRoute(routeHref(screen))).toEqual({ screen, param: null });
      for (const param of ['orders', 'orders.v1_x-2', 'a/b c?d=e#f', 'ünïcødé %20']) {
        expect(parseRoute(routeHref(screen, param))).toEqual({ screen, param });
      }
    }
    expect(routeHref('topics', 'a/b')).toBe('#/topics/a%2Fb');
  });

  it('sends an empty or unknown hash to Topics', () => {
    expect(parseRoute('')).toEqual({ screen: 'topics', param: null });
    expect(parseRoute('#/')).toEqual({ screen: 'topics', param: null });
    expect(parseRoute('#/nowhere/x')).toEqual({ screen: 'topics', param: 'x' });
    expect(parseRoute('#/produce/')).toEqual({ screen: 'produce', param: null });
  });

  it('useRoute follows navigation and the back button', async () => {
    renderUi(<RouteProbe />);
    expect(screen.getByTestId('route')).toHaveAttribute('data-screen', 'topics');
    act(() => navigate('groups', 'billing/eu'));
    await waitFor(() => expect(screen.getByTestId('route')).toHaveAttribute('data-screen', 'groups'));
    expect(screen.getByTestId('route')).toHaveTextContent('billing/eu');
    act(() => navigate('lanes'));
    await waitFor(() => expect(screen.getByTestId('route')).toHaveAttribute('data-screen', 'lanes'));
    expect(screen.getByTestId('route')).toHaveTextContent('');
    act(() => window.history.back());
    await waitFor(() => expect(screen.getByTestId('route')).toHaveAttribute('data-screen', 'groups'));
  });
});

describe('keyboard shortcuts', () => {
  it('Ctrl+Alt+digit switches to each screen in the navigation order', async () => {
    const user = userEvent.setup();
    renderUi(<ShortcutsProbe />);
    for (const [index, entry] of [...SCREENS.entries()].reverse()) {
      await user.keyboard(`{Control>}{Alt>}${index + 1}{/Alt}{/Control}`);
      await waitFor(() => expect(screen.getByTestId('route')).toHaveAttribute('data-screen', entry.screen));
      expect(window.location.hash).toBe(`#/${entry.screen}`);
    }
  });

  it('a digit without both Ctrl and Alt does nothing', async () => {
    const user = userEvent.setup();
    renderUi(<ShortcutsProbe />);
    await user.keyboard('{Control>}2{/Control}');
    await user.keyboard('{Alt>}2{/Alt}');
    await user.keyboard('2');
    expect(window.location.hash).toBe('');
    expect(screen.getByTestId('route')).toHaveAttribute('data-screen', 'topics');
  });

  it('labels shortcuts as each platform writes them', () => {
    expect(hotkeyLabel('mod+alt+2', false)).toBe('Ctrl+Alt+2');
    expect(hotkeyLabel('mod+alt+2', true)).toBe('⌘⌥2');
    expect(hotkeyLabel('mod+J', true)).toBe('⌘J');
  });
});

describe('theme', () => {
  it('the toggle switches between light and dark, and says which one is next', async () => {
    const user = userEvent.setup();
    renderUi(<ThemeToggle />);
    await user.click(screen.getByRole('button', { name: 'Switch to dark theme' }));
    expect(document.documentElement).toHaveAttribute('data-mantine-color-scheme', 'dark');
    expect(screen.getByRole('button', { name: 'Switch to light theme' })).toHaveTextContent('☀');
    await user.click(screen.getByRole('button', { name: 'Switch to light theme' }));
    expect(document.documentElement).toHaveAttribute('data-mantine-color-scheme', 'light');
    expect(screen.getByRole('button', { name: 'Switch to dark theme' })).toHaveTextContent('☾');
  });

  it('Ctrl+J toggles it from anywhere', async () => {
    const user = userEvent.setup();
    renderUi(<ShortcutsProbe />);
    await user.keyboard('{Control>}j{/Control}');
    expect(await screen.findByRole('button', { name: 'Switch to light theme' })).toBeInTheDocument();
    await user.keyboard('{Control>}j{/Control}');
    expect(await screen.findByRole('button', { name: 'Switch to dark theme' })).toBeInTheDocument();
  });
});
