// The window: header (connection, palette, theme), navigation, the screen.
import { AppShell, Badge, Button, Group, Kbd, NavLink, Stack, Text, Title } from '@mantine/core';
import { spotlight } from '@mantine/spotlight';
import { useActiveConnection } from '../api/use-active-connection';
import { BrowseScreen } from '../features/browse/browse-screen';
import { ConnectionsScreen } from '../features/connections/connections-screen';
import { GroupsScreen } from '../features/groups/groups-screen';
import { LagSampler } from '../features/groups/lag-sampler';
import { LanesScreen } from '../features/lanes/lanes-screen';
import { ProduceScreen } from '../features/produce/produce-screen';
import { TopicsScreen } from '../features/topics/topics-screen';
import { CommandPalette } from './command-palette';
import { ConnectionFrame } from './connection-frame';
import { ConnectionSelector } from './connection-selector';
import { hotkeyLabel, isMacPlatform, PALETTE_HOTKEY, SCREENS } from './screens';
import { ThemeToggle } from './theme-toggle';
import { routeHref, useRoute, type Route } from './use-route';
import { useShortcuts } from './use-shortcuts';

function ScreenOutlet({ route }: { route: Route }) {
  switch (route.screen) {
    case 'connections':
      return <ConnectionsScreen />;
    case 'produce':
      return <ProduceScreen />;
    case 'topics':
      return <TopicsScreen selectedTopic={route.param} />;
    case 'groups':
      return <GroupsScreen selectedGroup={route.param} />;
    case 'browse':
      return <BrowseScreen key={route.param ?? ''} param={route.param} />;
    case 'lanes':
      return <LanesScreen topic={route.param} />;
  }
}

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
