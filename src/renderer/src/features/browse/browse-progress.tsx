// How far each partition's read has come, from its start position to the
// high watermark the browse began with.
import { Group, Progress, SimpleGrid, Text } from '@mantine/core';
import type { PartitionProgress } from '../../api/use-browse';
import { formatCount } from '../../lib/format';

export function progressPercent(p: PartitionProgress): number {
  const total = BigInt(p.end) - BigInt(p.start);
  if (total <= 0n) return 100;
  const done = BigInt(p.position) - BigInt(p.start);
  return Number((done * 1000n) / total) / 10;
}

export function BrowseProgress({ partitions, active }: { partitions: readonly PartitionProgress[]; active: boolean }) {
  if (partitions.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs" verticalSpacing={4} data-testid="browse-progress">
      {partitions.map((p) => {
        const percent = progressPercent(p);
        return (
          <div key={p.partition} data-testid={`progress-${p.partition}`}>
            <Group justify="space-between" gap={4}>
              <Text size="xs">Partition {p.partition}</Text>
              <Text size="xs" c="dimmed">
                {formatCount(p.position)} / {formatCount(p.end)}
              </Text>
            </Group>
            <Progress value={percent} animated={active && percent < 100} aria-label={`Partition ${p.partition} read ${percent}%`} size="sm" />
          </div>
        );
      })}
    </SimpleGrid>
  );
}
