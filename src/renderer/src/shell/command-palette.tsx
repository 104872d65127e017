// ⌘K / Ctrl+K: go to a screen, switch connection, or toggle the theme,
// all from the keyboard.
import { useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { Spotlight, type SpotlightActionGroupData } from '@mantine/spotlight';
import { useConnections } from '../api/use-connections';
import { useUiStore } from '../stores/ui-store';
import { hotkeyLabel, isMacPlatform, PALETTE_HOTKEY, SCREENS, THEME_HOTKEY } from './screens';
import { navigate } from './use-route';

export function CommandPalette() {
  const { data: profiles } = useConnections();
  const setActive = useUiStore((state) => state.setActiveConnection);
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const isMac = isMacPlatform();

  const actions: SpotlightActionGroupData[] = [
    {
      group: 'Go to',
      actions: SCREENS.map((entry) => ({
        id: `go-${entry.screen}`,
        label: entry.label,
        description: entry.description,
        rightSection: hotkeyLabel(entry.hotkey, isMac),
        onClick: () => navigate(entry.screen),
      })),
    },
    {
      group: 'Switch connection',
      actions: (profiles ?? []).map((profile) => ({
        id: `connection-${profile.id}`,
        label: `Use ${profile.name}`,
        description: profile.bootstrapServers.join(', '),
        keywords: ['connection', 'cluster'],
        onClick: () => setActive(profile.id),
      })),
    },
    {
      group: 'Appearance',
      actions: [
        {
          id: 'toggle-theme',
          label: scheme === 'dark' ? 'Use light theme' : 'Use dark theme',
          rightSection: hotkeyLabel(THEME_HOTKEY, isMac),
          keywords: ['dark', 'light', 'theme'],
          onClick: () => setColorScheme(scheme === 'dark' ? 'light' : 'dark'),
        },
        { id: 'auto-theme', label: 'Follow the system theme', keywords: ['dark', 'light', 'theme', 'auto'], onClick: () => setColorScheme('auto') },
      ],
    },
  ];

  return (
    <Spotlight
      actions={actions}
      shortcut={PALETTE_HOTKEY}
      nothingFound="No matching command"
      highlightQuery
      searchProps={{ placeholder: 'Type a command…', 'aria-label': 'Command' }}
    />
  );
}
