import { Button, Group, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useActiveConnection } from '../../api/use-active-connection';
import { writeControl } from '../../api/use-read-only';
import { navigate } from '../../shell/use-route';
import { CreateTopicModal } from './create-topic-modal';
import { TopicDetail } from './topic-detail';
import { TopicList } from './topic-list';

export function TopicsScreen({ selectedTopic }: { selectedTopic: string | null }) {
  const { id: connectionId, readOnly } = useActiveConnection();
  const [creating, setCreating] = useState(false);
  if (selectedTopic !== null) return <TopicDetail key={`${connectionId}/${selectedTopic}`} connectionId={connectionId} topic={selectedTopic} />;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Topics</Title>
        <Button onClick={() => setCreating(true)} {...writeControl(readOnly)}>
          Create topic
        </Button>
      </Group>
      <TopicList key={connectionId} connectionId={connectionId} />
      <CreateTopicModal
        connectionId={connectionId}
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(topic) => {
          setCreating(false);
          navigate('topics', topic);
        }}
      />
    </Stack>
  );
}
