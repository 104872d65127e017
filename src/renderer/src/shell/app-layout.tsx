// The window: header (connection, palette, theme), navigation, the screen.
import { AppShell, Badge, Button, Group, Kbd, NavLink, Stack, Text, Title } from '@mantine/core';
import { spotlight } from '@mantine/spotlight';
import { useActiveConnection } from '../api/use-active-connection';
import { LagSampler } from '../features/groups/lag-sampler';
import { CommandPalette } from './command-palette';
import { ConnectionFrame } from './connection-frame';
import { ConnectionSelector } from './connection-selector';
import { ScreenOutlet } from './screen-outlet';
import { hotkeyLabel, isMacPlatform, PALETTE_HOTKEY, SCREENS } from './screens';
import { ThemeToggle } from './theme-toggle';
import { routeHref, useRoute } from './use-route';
import { useShortcuts } from './use-shortcuts';

export function AppLayout() {
  const route = useRoute();
  const active = useActiveConnection();
  const isMac = isMacPlatform();
  useShortcuts();
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
      <ConnectionFrame />
      <CommandPalette />
      <LagSampler />
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Title order={4}>Kafka Lanes</Title>
            <ConnectionSelector />
            {active.readOnly ? (
              <Badge color="orange" variant="light" data-testid="read-only-badge">
                Read-only
              </Badge>
            ) : null}
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" onClick={() => spotlight.open()} rightSection={<Kbd size="xs">{hotkeyLabel(PALETTE_HOTKEY, isMac)}</Kbd>}>
              Commands
            </Button>
            <ThemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Screens">
        <Stack gap={2}>
          {SCREENS.map((entry) => (
            <NavLink
              key={entry.screen}
              href={routeHref(entry.screen)}
              label={entry.label}
              active={route.screen === entry.screen}
              aria-current={route.screen === entry.screen ? 'page' : undefined}
              rightSection={<Text size="xs" c="dimmed">{hotkeyLabel(entry.hotkey, isMac)}</Text>}
            />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <ScreenOutlet route={route} />
      </AppShell.Main>
    </AppShell>
  );
}
