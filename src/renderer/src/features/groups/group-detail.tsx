// One group: state and protocol, members with their assignment, committed
// offsets and lag per partition, what it has not read yet; reset and delete.
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useGroupDescribe } from '../../api/use-groups';
import { useReadOnly, writeControl } from '../../api/use-read-only';
import { ErrorNotice } from '../../components/error-notice';
import { LoadingState } from '../../components/loading-state';
import { formatCount } from '../../lib/format';
import { navigate, routeHref } from '../../shell/use-route';
import { DeleteGroupModal } from './delete-group-modal';
import { GroupMembersTable } from './group-members-table';
import { GroupOffsetsTable } from './group-offsets-table';
import { GroupStateBadge } from './group-state-badge';
import { LagSparkline } from './lag-sparkline';
import { ResetOffsetsModal } from './reset-offsets-modal';
import { UnconsumedView } from './unconsumed-view';

export function GroupDetailView({ connectionId, groupId }: { connectionId: string; groupId: string }) {
  const group = useGroupDescribe(connectionId, groupId);
  const readOnly = useReadOnly(connectionId);
  const [resetting, setResetting] = useState(false);
  const [deleting, setDeleting] = useState(false);

  return (
    <Stack>
      <Anchor href={routeHref('groups')} size="sm">
        ← All groups
      </Anchor>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2}>{groupId}</Title>
          {group.data ? <GroupStateBadge state={group.data.state} /> : null}
        </Group>
        <Group gap="xs">
          <Button variant="light" color="orange" onClick={() => setResetting(true)} {...writeControl(readOnly, !group.data)}>
            Reset offsets
          </Button>
          <Button variant="light" color="red" onClick={() => setDeleting(true)} {...writeControl(readOnly)}>
            Delete group
          </Button>
        </Group>
      </Group>
      {group.isPending ? <LoadingState label="Describing the group…" /> : null}
      {group.error ? <ErrorNotice error={group.error} onRetry={() => void group.refetch()} /> : null}
      {group.data ? (
        <>
          <Group gap="xl">
            <Text size="sm">
              Members: <b data-testid="group-members">{group.data.members}</b>
            </Text>
            <Text size="sm">
              Total lag: <b data-testid="group-total-lag">{group.data.totalLag === null ? '—' : formatCount(group.data.totalLag)}</b>
            </Text>
            <Text size="sm">
              Protocol: {group.data.protocolType || '—'}
              {group.data.protocol ? ` / ${group.data.protocol}` : ''}
            </Text>
            <LagSparkline connectionId={connectionId} groupId={groupId} />
          </Group>
          <Paper withBorder p="sm">
            <Title order={4} mb="xs">
              Members
            </Title>
            <GroupMembersTable members={group.data.memberDetails} />
          </Paper>
          <Paper withBorder p="sm">
            <Title order={4} mb="xs">
              Offsets and lag
            </Title>
            <GroupOffsetsTable offsets={group.data.offsets} />
          </Paper>
          <Paper withBorder p="sm">
            <Title order={4} mb="xs">
              Not consumed yet
            </Title>
            <UnconsumedView offsets={group.data.offsets} />
          </Paper>
          <ResetOffsetsModal connectionId={connectionId} group={group.data} opened={resetting} onClose={() => setResetting(false)} />
        </>
      ) : null}
      <DeleteGroupModal connectionId={connectionId} groupId={groupId} opened={deleting} onClose={() => setDeleting(false)} onDeleted={() => navigate('groups')} />
    </Stack>
  );
}
