// Which cluster the app is looking at. Each option carries its colour so a
// production profile is recognisable before it is even picked.
import { ColorSwatch, Group, Select, Text } from '@mantine/core';
import { useActiveConnection } from '../api/use-active-connection';
import { useConnections } from '../api/use-connections';
import { useUiStore } from '../stores/ui-store';

export function ConnectionSelector() {
  const { data } = useConnections();
  const active = useActiveConnection();
  const setActive = useUiStore((state) => state.setActiveConnection);
  const options = (data ?? []).map((profile) => ({ value: profile.id, label: profile.readOnly ? `${profile.name} (read-only)` : profile.name }));
  const colours = new Map((data ?? []).map((profile) => [profile.id, profile.color]));
  return (
    <Select
      aria-label="Active connection"
      data-testid="connection-selector"
      w={240}
      allowDeselect={false}
      data={options}
      value={data ? active.id : null}
      placeholder="Loading connections…"
      onChange={(value) => value && setActive(value)}
      leftSection={active.profile ? <ColorSwatch color={active.profile.color} size={14} /> : null}
      renderOption={({ option }) => (
        <Group gap="xs" wrap="nowrap">
          <ColorSwatch color={colours.get(option.value) ?? 'gray'} size={12} />
          <Text size="sm">{option.label}</Text>
        </Group>
      )}
    />
  );
}
