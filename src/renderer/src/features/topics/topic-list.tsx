// The topics of the active connection, filtered as you type.
import { Anchor, Checkbox, Group, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTopics } from '../../api/use-topics';
import { EmptyNotice } from '../../components/empty-notice';
import { ErrorNotice } from '../../components/error-notice';
import { LoadingState } from '../../components/loading-state';
import { formatBytes, formatCount } from '../../lib/format';
import { routeHref } from '../../shell/use-route';

export function TopicList({ connectionId }: { connectionId: string }) {
  const [search, setSearch] = useState('');
  const [includeInternal, setIncludeInternal] = useState(false);
  const topics = useTopics(connectionId, includeInternal);
  const needle = search.trim().toLowerCase();
  const shown = (topics.data ?? []).filter((topic) => topic.name.toLowerCase().includes(needle)).sort((a, b) => a.name.localeCompare(b.name));

  return (
    <>
      <Group>
        <TextInput placeholder="Search topics" aria-label="Search topics" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={320} />
        <Checkbox label="Show internal topics" checked={includeInternal} onChange={(e) => setIncludeInternal(e.currentTarget.checked)} />
        {topics.data ? (
          <Text size="sm" c="dimmed">
            {shown.length} of {topics.data.length}
          </Text>
        ) : null}
      </Group>
      {topics.isPending ? <LoadingState label="Loading topics…" /> : null}
      {topics.error ? <ErrorNotice error={topics.error} onRetry={() => void topics.refetch()} /> : null}
      {topics.data && topics.data.length === 0 ? <EmptyNotice title="No topics yet" description="Create one, or produce to a new name and the broker creates it." /> : null}
      {topics.data && topics.data.length > 0 && shown.length === 0 ? <EmptyNotice title="No match" description={`No topic name contains “${search}”.`} /> : null}
      {shown.length > 0 ? (
        <Table highlightOnHover verticalSpacing="xs" aria-label="Topics">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Topic</Table.Th>
              <Table.Th ta="right">Partitions</Table.Th>
              <Table.Th ta="right">Replication</Table.Th>
              <Table.Th ta="right">Messages</Table.Th>
              <Table.Th ta="right">Size</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((topic) => (
              <Table.Tr key={topic.name} data-testid={`topic-row-${topic.name}`}>
                <Table.Td>
                  <Anchor href={routeHref('topics', topic.name)}>{topic.name}</Anchor>
                </Table.Td>
                <Table.Td ta="right">{topic.partitions}</Table.Td>
                <Table.Td ta="right">{topic.replicationFactor}</Table.Td>
                <Table.Td ta="right">{formatCount(topic.messageCount)}</Table.Td>
                <Table.Td ta="right">{formatBytes(topic.sizeBytes)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </>
  );
}
