// Connections: the local broker, the saved profiles, and the form to add or
// edit one. Removing asks first; the built-in profile cannot be removed.
import { Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { ProfileView } from '../../../../shared/contract/connections';
import { useActiveConnection } from '../../api/use-active-connection';
import { useConnections, useRemoveConnection } from '../../api/use-connections';
import { ErrorNotice } from '../../components/error-notice';
import { LoadingState } from '../../components/loading-state';
import { useUiStore } from '../../stores/ui-store';
import { ConnectionForm } from './connection-form';
import { ConnectionRow } from './connection-row';
import { LocalBrokerCard } from './local-broker-card';

type Editing = { mode: 'new' } | { mode: 'edit'; profile: ProfileView } | null;

export function ConnectionsScreen() {
  const connections = useConnections();
  const active = useActiveConnection();
  const setActive = useUiStore((state) => state.setActiveConnection);
  const remove = useRemoveConnection();
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<ProfileView | null>(null);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Connections</Title>
        <Button onClick={() => setEditing({ mode: 'new' })}>Add connection</Button>
      </Group>
      <LocalBrokerCard />
      {connections.isPending ? <LoadingState label="Loading connections…" /> : null}
      {connections.error ? <ErrorNotice error={connections.error} onRetry={() => void connections.refetch()} /> : null}
      {connections.data ? (
        <Table verticalSpacing="xs" highlightOnHover aria-label="Connections">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Bootstrap servers</Table.Th>
              <Table.Th>Security</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {connections.data.map((profile) => (
              <ConnectionRow
                key={profile.id}
                profile={profile}
                active={profile.id === active.id}
                onUse={() => setActive(profile.id)}
                onEdit={() => setEditing({ mode: 'edit', profile })}
                onRemove={() => setRemoving(profile)}
              />
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.mode === 'edit' ? `Edit ${editing.profile.name}` : 'Add connection'} size="lg">
        {editing ? (
          <ConnectionForm
            profile={editing.mode === 'edit' ? editing.profile : undefined}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setEditing(null);
              notifications.show({ color: 'green', message: `Saved ${saved.name}.` });
            }}
          />
        ) : null}
      </Modal>
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={`Remove ${removing?.name ?? ''}?`}>
        <Stack>
          <Text size="sm">The profile and its saved secrets are deleted from this computer. The cluster itself is not touched.</Text>
          {remove.error ? <ErrorNotice error={remove.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              Keep
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => removing && remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
            >
              Remove
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
