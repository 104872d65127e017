// Lanes keep reading while another topic is shown; these links say where
// they are, so none is forgotten running.
import { Anchor, Group, Text } from '@mantine/core';
import type { LaneView } from '../../../../shared/contract/lanes';
import { routeHref } from '../../shell/use-route';

export function OtherTopicLanes({ lanes, topic }: { lanes: readonly LaneView[]; topic: string | null }) {
  const counts = new Map<string, number>();
  for (const lane of lanes) if (lane.topic !== topic) counts.set(lane.topic, (counts.get(lane.topic) ?? 0) + 1);
  if (counts.size === 0) return null;
  return (
    <Group gap="xs" data-testid="other-topic-lanes">
      <Text size="xs" c="dimmed">
        Also open:
      </Text>
      {[...counts].map(([name, count]) => (
        <Anchor key={name} size="xs" href={routeHref('lanes', name)}>
          {name} ({count} {count === 1 ? 'lane' : 'lanes'})
        </Anchor>
      ))}
    </Group>
  );
}
