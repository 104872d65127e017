// The screens in the navigation, with their shortcut. Ctrl+digit alone is taken
// by browsers (switch tab), so screens use Ctrl+Alt+digit, as web editors do.
import type { Screen } from './use-route';

export interface ScreenEntry {
  screen: Screen;
  label: string;
  description: string;
  hotkey: string;
}

export const SCREENS: readonly ScreenEntry[] = [
  { screen: 'topics', label: 'Topics', description: 'List, inspect, create, grow and delete topics', hotkey: 'mod+alt+1' },
  { screen: 'produce', label: 'Produce', description: 'Send messages and see where they land', hotkey: 'mod+alt+2' },
  { screen: 'connections', label: 'Connections', description: 'Clusters, credentials and the local broker', hotkey: 'mod+alt+3' },
  { screen: 'groups', label: 'Groups', description: 'Consumer groups: lag, members, reset offsets, delete', hotkey: 'mod+alt+4' },
  { screen: 'browse', label: 'Browse', description: 'Read a topic without a group, filter and export', hotkey: 'mod+alt+5' },
  { screen: 'lanes', label: 'Lanes', description: 'Consumer groups side by side, reading live', hotkey: 'mod+alt+6' },
];

export const THEME_HOTKEY = 'mod+J';
export const PALETTE_HOTKEY = 'mod+K';

/** "mod+1" as the user's keyboard shows it. */
export function hotkeyLabel(hotkey: string, isMac: boolean): string {
  return hotkey
    .replace('mod', isMac ? '⌘' : 'Ctrl')
    .replace('alt', isMac ? '⌥' : 'Alt')
    .replace(/\+/g, isMac ? '' : '+');
}

export const isMacPlatform = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
