// Light and dark follow the OS until the user picks one here (or with the
// shortcut); "auto" goes back to following the OS.
import { ActionIcon, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { hotkeyLabel, isMacPlatform, THEME_HOTKEY } from './screens';

export function ThemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light');
  const next = computed === 'dark' ? 'light' : 'dark';
  return (
    <Tooltip label={`Switch to ${next} theme (${hotkeyLabel(THEME_HOTKEY, isMacPlatform())})`}>
      <ActionIcon variant="default" size="lg" aria-label={`Switch to ${next} theme`} onClick={() => setColorScheme(next)} data-testid="theme-toggle">
        {computed === 'dark' ? '☀' : '☾'}
      </ActionIcon>
    </Tooltip>
  );
}
