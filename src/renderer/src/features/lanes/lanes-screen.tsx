// The lanes of one topic side by side. The topic is in the URL (#/lanes/<topic>)
// so a reload comes back to it; the lanes themselves live in the backend
// (lanes.list) and keep reading while this screen is closed.
import { Anchor, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useApiClient } from '../../api/client';
import { useActiveConnection } from '../../api/use-active-connection';
import { useLanes, useOpenLane } from '../../api/use-lanes';
import { useTopics } from '../../api/use-topics';
import { EmptyNotice } from '../../components/empty-notice';
import { ErrorNotice } from '../../components/error-notice';
import { LoadingState } from '../../components/loading-state';
import { navigate, routeHref } from '../../shell/use-route';
import { LaneColumn } from './lane-column';
import { laneFeedRegistry } from './lane-feed-registry';
import { useLanesUiStore } from './lanes-ui-store';
import { LaneProduceBar } from './lane-produce-bar';
import { OpenLaneForm } from './open-lane-form';
import { OtherTopicLanes } from './other-topic-lanes';

export function LanesScreen({ topic }: { topic: string | null }) {
  const { id: connectionId, readOnly } = useActiveConnection();
  const topics = useTopics(connectionId);
  const lanes = useLanes();
  const openLane = useOpenLane();
  const client = useApiClient();
  const lastTopic = useLanesUiStore((state) => state.lastTopic[connectionId]);
  const rememberTopic = useLanesUiStore((state) => state.rememberTopic);
  useEffect(() => {
    if (topic !== null) rememberTopic(connectionId, topic);
    else if (lastTopic !== undefined) window.location.replace(routeHref('lanes', lastTopic));
  }, [connectionId, topic, lastTopic, rememberTopic]);
  // Lanes closed (here or elsewhere) stop feeding; open ones keep reading off-screen.
  useEffect(() => {
    if (lanes.data) laneFeedRegistry(client).retainOnly(new Set(lanes.data.map((lane) => lane.laneId)));
  }, [client, lanes.data]);
  const connectionLanes = (lanes.data ?? []).filter((lane) => lane.connectionId === connectionId);
  const topicLanes = connectionLanes.filter((lane) => lane.topic === topic);
  const topicNames = (topics.data ?? []).map((candidate) => candidate.name);
  const partitions = topics.data?.find((candidate) => candidate.name === topic)?.partitions;

  return (
    <Stack gap="sm" h="calc(100dvh - var(--app-shell-header-height, 60px) - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Lanes</Title>
        <Group gap="xs" align="flex-end">
          <Select
            w={260}
            label="Topic"
            placeholder={topics.isPending ? 'Loading topics…' : 'Pick a topic'}
            searchable
            allowDeselect={false}
            nothingFoundMessage="No such topic"
            data={topic !== null && !topicNames.includes(topic) ? [topic, ...topicNames] : topicNames}
            value={topic}
            onChange={(next) => navigate('lanes', next ?? undefined)}
          />
          {partitions !== undefined ? (
            <Text size="sm" c="dimmed" pb={6} data-testid="lanes-topic-partitions">
              {partitions} {partitions === 1 ? 'partition' : 'partitions'}
            </Text>
          ) : null}
        </Group>
      </Group>
      <OtherTopicLanes lanes={connectionLanes} topic={topic} />
      {topics.error ? <ErrorNotice error={topics.error} title="Topics could not be listed" onRetry={() => void topics.refetch()} /> : null}
      {topic === null ? (
        topics.data && topics.data.length === 0 ? (
          <EmptyNotice title="No topics yet" description={<Anchor href={routeHref('topics')}>Create a topic first, then open lanes on it.</Anchor>} />
        ) : (
          <EmptyNotice title="Pick a topic" description="Lanes are consumer groups reading one topic side by side: pick the topic, then add a lane per group." />
        )
      ) : (
        <>
          <OpenLaneForm
            key={`${connectionId}/${topic}`}
            connectionId={connectionId}
            topic={topic}
            takenGroupIds={topicLanes.map((lane) => lane.groupId)}
            opening={openLane.isPending}
            onOpen={async (request) => {
              const lane = await openLane.mutateAsync(request);
              // Subscribe now, not when the refetched list mounts the lane: its members are joining.
              laneFeedRegistry(client).feed(lane.laneId);
            }}
          />
          {openLane.error ? <ErrorNotice error={openLane.error} title="The lane did not open" /> : null}
          <LaneProduceBar connectionId={connectionId} topic={topic} readOnly={readOnly} />
          {lanes.isPending ? <LoadingState label="Loading lanes…" /> : null}
          {lanes.error ? <ErrorNotice error={lanes.error} title="Lanes could not be listed" onRetry={() => void lanes.refetch()} /> : null}
          {lanes.data && topicLanes.length === 0 ? (
            <EmptyNotice title="No lanes on this topic" description="Add a lane above: each one is a consumer group, with its members reading side by side." />
          ) : (
            <Group gap="sm" wrap="nowrap" align="stretch" style={{ flex: 1, minHeight: 0, overflowX: 'auto' }} data-testid="lanes-row">
              {topicLanes.map((lane) => (
                <LaneColumn key={lane.laneId} lane={lane} />
              ))}
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
