// One profile in the list: its colour, where it points, how it authenticates,
// and what can be done with it.
import { Badge, Button, ColorSwatch, Group, Table, Text } from '@mantine/core';
import type { ProfileView } from '../../../../shared/contract/connections';
import { useTestConnection } from '../../api/use-connections';
import { ErrorNotice } from '../../components/error-notice';
import { ConnectionTestResult } from './connection-test-result';

interface ConnectionRowProps {
  profile: ProfileView;
  active: boolean;
  onUse: () => void;
  onEdit: () => void;
  onRemove: () => void;
}

export function ConnectionRow({ profile, active, onUse, onEdit, onRemove }: ConnectionRowProps) {
  const test = useTestConnection();
  return (
    <>
      <Table.Tr data-testid={`connection-row-${profile.name}`}>
        <Table.Td>
          <Group gap="xs" wrap="nowrap">
            <ColorSwatch color={profile.color} size={14} />
            <Text fw={500}>{profile.name}</Text>
            {active ? <Badge size="xs">active</Badge> : null}
            {profile.builtIn ? <Badge size="xs" variant="outline">built in</Badge> : null}
            {profile.readOnly ? <Badge size="xs" color="orange" variant="light">read-only</Badge> : null}
          </Group>
        </Table.Td>
        <Table.Td>
          <Text size="sm" ff="monospace">
            {profile.bootstrapServers.join(', ')}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">
            {[profile.tls?.enabled ? 'TLS' : null, profile.sasl ? `SASL ${profile.sasl.mechanism.toUpperCase()} as ${profile.sasl.username}` : null].filter(Boolean).join(' · ') || 'Plaintext'}
          </Text>
        </Table.Td>
        <Table.Td>
          <Group gap={4} justify="flex-end" wrap="nowrap">
            <Button size="compact-xs" variant="light" onClick={onUse} disabled={active}>
              Use
            </Button>
            <Button size="compact-xs" variant="default" onClick={() => test.mutate({ id: profile.id })} loading={test.isPending}>
              Test
            </Button>
            {profile.builtIn ? null : (
              <>
                <Button size="compact-xs" variant="default" onClick={onEdit}>
                  Edit
                </Button>
                <Button size="compact-xs" variant="subtle" color="red" onClick={onRemove}>
                  Remove
                </Button>
              </>
            )}
          </Group>
        </Table.Td>
      </Table.Tr>
      {test.data || test.error ? (
        <Table.Tr>
          <Table.Td colSpan={4}>{test.data ? <ConnectionTestResult result={test.data} /> : <ErrorNotice error={test.error} />}</Table.Td>
        </Table.Tr>
      ) : null}
    </>
  );
}
