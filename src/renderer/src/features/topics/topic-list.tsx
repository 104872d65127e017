// The topics of the active connection, filtered as you type.
import { Checkbox, Group, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTopics } from '../../api/use-topics';
import { EmptyNotice } from '../../components/empty-notice';
import { ErrorNotice } from '../../components/error-notice';
import { LoadingState } from '../../components/loading-state';
import { TopicTable } from './topic-table';

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
      {topics.data && topics.data.length === 0 ? <EmptyNotice title="No topics yet" description="Create one to produce to it, browse it or open lanes on it." /> : null}
      {topics.data && topics.data.length > 0 && shown.length === 0 ? <EmptyNotice title="No match" description={`No topic name contains “${search}”.`} /> : null}
      {shown.length > 0 ? <TopicTable topics={shown} /> : null}
    </>
  );
}
