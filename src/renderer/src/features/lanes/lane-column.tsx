// One lane as a column: who it reads as, its controls and numbers, which
// member owns what, its rebalances, and its records as they arrive.
import { Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import type { LaneView } from '../../../../shared/contract/lanes';
import { useReadOnly } from '../../api/use-read-only';
import { useLaneControl, type LaneControlRequest } from '../../api/use-lanes';
import { ErrorNotice } from '../../components/error-notice';
import type { FrameScheduler } from '../../api/use-stream';
import { LaneAssignment } from './lane-assignment';
import { LaneControls } from './lane-controls';
import { LaneRecords } from './lane-records';
import { LaneStatus } from './lane-status';
import { LaneTimeline } from './lane-timeline';
import { useLaneFeed } from './use-lane-feed';

export const LANE_WIDTH = 360;

export function LaneColumn({ lane, scheduler }: { lane: LaneView; scheduler?: FrameScheduler }) {
  const { snapshot, feed, streamError, newRun } = useLaneFeed(lane.laneId, { scheduler });
  const control = useLaneControl(lane.connectionId);
  const readOnly = useReadOnly(lane.connectionId);

  const { mutate } = control;
  const onControl = useCallback(
    (name: LaneControlRequest['control']) => {
      // A start or replay is a new run: the list shows what that run reads.
      if (name === 'lanes.start' || name === 'lanes.replay') newRun();
      mutate({ control: name, laneId: lane.laneId });
    },
    [newRun, mutate, lane.laneId],
  );

  const laneError = snapshot.error;
  return (
    <Paper
      withBorder
      p="xs"
      w={LANE_WIDTH}
      role="region"
      aria-label={`Lane ${lane.groupId}`}
      data-testid={`lane-${lane.groupId}`}
      data-lane-id={lane.laneId}
      style={{ flexShrink: 0, display: 'flex', flexDirection: 'column', height: '100%', minHeight: 480 }}
    >
      <Stack gap={6} style={{ flexShrink: 0 }}>
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Title order={4} style={{ overflowWrap: 'anywhere' }}>
            {lane.groupId}
          </Title>
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {lane.autoOffsetReset} · {lane.autoCommit ? 'auto-commit' : 'no commit'}
          </Text>
        </Group>
        <LaneStatus snapshot={snapshot} fallbackState={lane.state} />
        <LaneControls state={snapshot.state ?? lane.state} memberCount={lane.memberIds.length} busy={control.isPending} readOnly={readOnly} onControl={onControl} />
        {control.error ? <ErrorNotice error={control.error} title="The lane refused that" /> : null}
        {laneError ? <ErrorNotice error={laneError} /> : null}
        {streamError ? <ErrorNotice error={streamError} title="The lane's updates stopped" /> : null}
        <LaneAssignment memberIds={lane.memberIds} generationId={snapshot.generationId} assignment={snapshot.assignment} recordsPerMember={snapshot.recordsPerMember} />
        <LaneTimeline timeline={snapshot.timeline} />
        <Divider />
      </Stack>
      <LaneRecords buffer={feed.buffer} length={snapshot.records.length} version={snapshot.records.version} />
    </Paper>
  );
}
