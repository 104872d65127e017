import { Stack, Title } from '@mantine/core';
import { useActiveConnection } from '../../api/use-active-connection';
import { GroupDetailView } from './group-detail';
import { GroupList } from './group-list';

export function GroupsScreen({ selectedGroup }: { selectedGroup: string | null }) {
  const { id: connectionId } = useActiveConnection();
  if (selectedGroup !== null) return <GroupDetailView key={`${connectionId}/${selectedGroup}`} connectionId={connectionId} groupId={selectedGroup} />;
  return (
    <Stack>
      <Title order={2}>Consumer groups</Title>
      <GroupList key={connectionId} connectionId={connectionId} />
    </Stack>
  );
}
