// One topic: its partitions (leader, replicas, ISR, watermarks) and configs,
// with grow and delete.
import { Anchor, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useReadOnly, writeControl } from '../../api/use-read-only';
import { useTopicDescribe } from '../../api/use-topics';
import { ErrorNotice } from '../../components/error-notice';
import { LoadingState } from '../../components/loading-state';
import { formatBytes, formatCount } from '../../lib/format';
import { navigate, routeHref } from '../../shell/use-route';
import { AddPartitionsModal } from './add-partitions-modal';
import { DeleteTopicModal } from './delete-topic-modal';
import { PartitionsTable } from './partitions-table';
import { TopicConfigsTable } from './topic-configs-table';

export function TopicDetail({ connectionId, topic }: { connectionId: string; topic: string }) {
  const detail = useTopicDescribe(connectionId, topic);
  const readOnly = useReadOnly(connectionId);
  const [dialog, setDialog] = useState<'grow' | 'delete' | null>(null);
  return (
    <Stack>
      <Anchor href={routeHref('topics')} size="sm">
        ← All topics
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>{topic}</Title>
        <Group gap="xs">
          <Button variant="default" onClick={() => navigate('produce', topic)}>
            Produce
          </Button>
          <Button variant="default" onClick={() => setDialog('grow')} {...writeControl(readOnly, !detail.data)}>
            Add partitions
          </Button>
          <Button color="red" variant="light" onClick={() => setDialog('delete')} {...writeControl(readOnly)}>
            Delete
          </Button>
        </Group>
      </Group>
      {detail.isPending ? <LoadingState label="Loading topic…" /> : null}
      {detail.error ? <ErrorNotice error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {detail.data ? (
        <>
          <Text size="sm" c="dimmed" data-testid="topic-summary">
            {detail.data.partitions} partitions · replication {detail.data.replicationFactor} · {formatCount(detail.data.messageCount)} messages ·{' '}
            {formatBytes(detail.data.sizeBytes)}
          </Text>
          <Tabs defaultValue="partitions" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="partitions">Partitions</Tabs.Tab>
              <Tabs.Tab value="configs">Configs</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="partitions">
              <PartitionsTable partitions={detail.data.partitionDetails} />
            </Tabs.Panel>
            <Tabs.Panel value="configs">
              <TopicConfigsTable connectionId={connectionId} topic={topic} />
            </Tabs.Panel>
          </Tabs>
          {dialog === 'grow' ? (
            <AddPartitionsModal connectionId={connectionId} topic={topic} current={detail.data.partitions} opened onClose={() => setDialog(null)} />
          ) : null}
        </>
      ) : null}
      <DeleteTopicModal
        connectionId={connectionId}
        topic={topic}
        opened={dialog === 'delete'}
        onClose={() => setDialog(null)}
        onDeleted={() => {
          setDialog(null);
          navigate('topics');
        }}
      />
    </Stack>
  );
}
