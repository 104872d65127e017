// The lane's numbers at a glance: state, records in this run, lag, and the
// two warnings that explain a gap: records trimmed from the view, and the
// backend holding the consumers because this window fell behind.
import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { LaneView } from '../../../../shared/contract/lanes';
import { formatCount } from '../../lib/format';
import type { LaneSnapshot } from './lane-feed';

const STATE_COLORS: Record<LaneView['state'], string> = {
  starting: 'blue',
  running: 'green',
  paused: 'yellow',
  stopped: 'gray',
  reconnecting: 'orange',
  failed: 'red',
};

export function LaneStatus({ snapshot, fallbackState }: { snapshot: LaneSnapshot; fallbackState: LaneView['state'] }) {
  const state = snapshot.state ?? fallbackState;
  const { records, lag } = snapshot;
  const lagByPartition = lag?.partitions.map((p) => `p${p.partition}: ${formatCount(p.lag)}`).join(' · ') ?? '';
  return (
    <Group gap={6} wrap="wrap">
      <Tooltip label={snapshot.stateDetail ?? state} disabled={snapshot.stateDetail === null}>
        <Badge color={STATE_COLORS[state]} variant="light" data-testid="lane-state" data-state={state}>
          {state}
        </Badge>
      </Tooltip>
      <Text size="xs" data-testid="lane-record-count" data-count={records.received}>
        {formatCount(records.received)} {records.received === 1 ? 'record' : 'records'}
      </Text>
      <Tooltip label={lagByPartition || 'Lag is measured every second'}>
        <Text size="xs" c="dimmed" data-testid="lane-lag" data-lag={lag?.total ?? ''}>
          lag {lag ? formatCount(lag.total) : '…'}
        </Text>
      </Tooltip>
      {records.trimmed > 0 ? (
        <Tooltip label="The lane keeps the newest 50,000 records on screen; older ones were dropped from view (not from Kafka).">
          <Badge size="xs" color="gray" variant="outline" data-testid="lane-trimmed">
            {formatCount(records.trimmed)} trimmed
          </Badge>
        </Tooltip>
      ) : null}
      {snapshot.backpressure || snapshot.backpressureEpisodes > 0 ? (
        <Tooltip label="The window fell behind, so the backend paused the lane's consumers until it caught up. No record is lost.">
          <Badge size="xs" color={snapshot.backpressure ? 'orange' : 'gray'} variant="outline" data-testid="lane-backpressure" data-active={String(snapshot.backpressure)}>
            {snapshot.backpressure ? 'backpressure' : `backpressure ×${snapshot.backpressureEpisodes}`}
          </Badge>
        </Tooltip>
      ) : null}
    </Group>
  );
}
