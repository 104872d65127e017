// The connection's consumer groups with state, members, total lag and a lag
// sparkline; the list is refreshed by the window's lag sampler.
import { Anchor, Group, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { GROUP_SAMPLE_INTERVAL_MS, useGroups } from '../../api/use-groups';
import { EmptyNotice } from '../../components/empty-notice';
import { ErrorNotice } from '../../components/error-notice';
import { LoadingState } from '../../components/loading-state';
import { formatCount } from '../../lib/format';
import { groupHref } from './group-link';
import { GroupStateBadge } from './group-state-badge';
import { LagSparkline } from './lag-sparkline';

export function GroupList({ connectionId }: { connectionId: string }) {
  const [search, setSearch] = useState('');
  const groups = useGroups(connectionId, { refetchInterval: GROUP_SAMPLE_INTERVAL_MS });
  const needle = search.trim().toLowerCase();
  const shown = (groups.data ?? []).filter((group) => group.groupId.toLowerCase().includes(needle)).sort((a, b) => a.groupId.localeCompare(b.groupId));

  return (
    <>
      <Group>
        <TextInput placeholder="Search groups" aria-label="Search groups" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={320} />
        {groups.data ? (
          <Text size="sm" c="dimmed">
            {shown.length} of {groups.data.length} · lag sampled every {GROUP_SAMPLE_INTERVAL_MS / 1000} s
          </Text>
        ) : null}
      </Group>
      {groups.isPending ? <LoadingState label="Loading consumer groups…" /> : null}
      {groups.error ? <ErrorNotice error={groups.error} onRetry={() => void groups.refetch()} /> : null}
      {groups.data && groups.data.length === 0 ? (
        <EmptyNotice title="No consumer groups yet" description="A group appears once a consumer (or a lane) joins it or commits an offset." />
      ) : null}
      {groups.data && groups.data.length > 0 && shown.length === 0 ? <EmptyNotice title="No match" description={`No group id contains “${search}”.`} /> : null}
      {shown.length > 0 ? (
        <Table highlightOnHover verticalSpacing="xs" aria-label="Consumer groups">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Group</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th ta="right">Members</Table.Th>
              <Table.Th ta="right">Lag</Table.Th>
              <Table.Th>Lag over time</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((group) => (
              <Table.Tr key={group.groupId} data-testid={`group-row-${group.groupId}`}>
                <Table.Td>
                  <Anchor href={groupHref(group.groupId)}>{group.groupId === '' ? '(empty id)' : group.groupId}</Anchor>
                </Table.Td>
                <Table.Td>
                  <GroupStateBadge state={group.state} />
                </Table.Td>
                <Table.Td ta="right">{group.members}</Table.Td>
                <Table.Td ta="right" data-testid="group-lag">
                  {group.totalLag === null ? '—' : formatCount(group.totalLag)}
                </Table.Td>
                <Table.Td>
                  <LagSparkline connectionId={connectionId} groupId={group.groupId} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </>
  );
}
