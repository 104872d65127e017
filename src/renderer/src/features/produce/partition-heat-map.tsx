// Which partition each key landed in, over everything sent to this topic in
// this window: the same key is always in one column unless the partition
// count changed.
import { MatrixChart } from '@mantine/charts';
import { Paper, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { HistoryEntry } from '../../stores/produce-history-store';
import { keyHeatMap } from './key-heat-map-data';

export function PartitionHeatMap({ entries, partitionCount }: { entries: HistoryEntry[]; partitionCount: number }) {
  const map = useMemo(() => keyHeatMap(entries, partitionCount), [entries, partitionCount]);
  return (
    <Paper withBorder p="sm" data-testid="partition-heat-map">
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          Where keys land
        </Text>
        {map.keys.length === 0 ? (
          <Text size="sm" c="dimmed">
            Send to this topic and each key shows up here, in the partition it landed in.
          </Text>
        ) : (
          <MatrixChart
            data={map.cells}
            xLabels={map.partitions}
            yLabels={map.keys}
            withXLabels
            withYLabels
            xLabelsPosition="top"
            xLabelsRotation={0}
            xLabelsHeight={24}
            yLabelsWidth={120}
            cellSize={22}
            withTooltip
            getTooltipLabel={(cell) => `${cell.y} → partition ${cell.x}: ${cell.value ?? 0}`}
          />
        )}
      </Stack>
    </Paper>
  );
}
