// The lane's rebalances, newest first: members joining and leaving, and each
// generation the group settled on.
import { ScrollArea, Stack, Text } from '@mantine/core';
import { memo } from 'react';
import { localTimeParts } from '../../lib/format';
import type { TimelineEntry } from './lane-feed';
import { memberColor } from './member-colors';

export function formatClock(at: number): string {
  const time = localTimeParts(at);
  return time ? `${time.clock}.${time.millis}` : '';
}

function describe(entry: TimelineEntry): string {
  if (entry.kind === 'generation') return `generation ${entry.generationId}`;
  return `${entry.member} ${entry.kind === 'join' ? 'joined' : 'left'}`;
}

function LaneTimelineView({ timeline }: { timeline: readonly TimelineEntry[] }) {
  return (
    <ScrollArea.Autosize mah={96} type="auto" aria-label="Rebalances">
      <Stack gap={0} data-testid="lane-timeline">
        {timeline.length === 0 ? (
          <Text size="xs" c="dimmed">
            No rebalances yet
          </Text>
        ) : (
          timeline.map((entry) => (
            <Text key={entry.id} size="xs" data-testid="lane-timeline-entry" data-kind={entry.kind}>
              <Text span size="xs" ff="monospace" c="dimmed">
                {formatClock(entry.at)}
              </Text>{' '}
              <Text span size="xs" c={entry.member ? memberColor(entry.member) : undefined} fw={entry.kind === 'generation' ? 500 : undefined}>
                {describe(entry)}
              </Text>
            </Text>
          ))
        )}
      </Stack>
    </ScrollArea.Autosize>
  );
}

// The lane re-renders every frame while records arrive; the timeline only changes on a rebalance.
export const LaneTimeline = memo(LaneTimelineView);
