// The global shortcuts (the palette's own, ⌘K, is registered by Spotlight).
import { useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useHotkeys, type HotkeyItem } from '@mantine/hooks';
import { SCREENS, THEME_HOTKEY } from './screens';
import { navigate } from './use-route';

export function useShortcuts(): void {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  useHotkeys([
    // Matched by physical key: with Alt held, macOS reports "¡" rather than "1" as the key.
    ...SCREENS.map((entry): HotkeyItem => [entry.hotkey.replace(/(\d)$/, 'digit$1'), () => navigate(entry.screen), { usePhysicalKeys: true }]),
    [THEME_HOTKEY, () => setColorScheme(scheme === 'dark' ? 'light' : 'dark')],
  ]);
}
