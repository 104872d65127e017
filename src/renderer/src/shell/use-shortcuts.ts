// The global shortcuts (the palette's own, ⌘K, is registered by Spotlight).
import { useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { SCREENS, THEME_HOTKEY } from './screens';
import { navigate } from './use-route';

export function useShortcuts(): void {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  useHotkeys([
    ...SCREENS.map((entry): [string, () => void] => [entry.hotkey, () => navigate(entry.screen)]),
    [THEME_HOTKEY, () => setColorScheme(scheme === 'dark' ? 'light' : 'dark')],
  ]);
}
