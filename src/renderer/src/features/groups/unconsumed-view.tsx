// What the group has not read yet: for each partition with lag, the records
// from its committed offset up to the high watermark, each range one click
// away from Browse (which reads it without joining the group).
import { Button, Group, Progress, Stack, Table, Text } from '@mantine/core';
import type { GroupDetail } from '../../api/use-groups';
import { formatCount } from '../../lib/format';
import { MAX_RECORDS_LIMIT } from '../browse/browse-form-model';
import { browseHref } from '../browse/browse-link';

export interface UnconsumedRange {
  topic: string;
  partition: number;
  from: string;
  to: string;
  count: bigint;
}

export function unconsumedRanges(offsets: GroupDetail['offsets']): UnconsumedRange[] {
  const ranges: UnconsumedRange[] = [];
  for (const row of offsets) {
    if (row.committed === null || row.highWatermark === null) continue;
    const count = BigInt(row.highWatermark) - BigInt(row.committed);
    if (count > 0n) ranges.push({ topic: row.topic, partition: row.partition, from: row.committed, to: row.highWatermark, count });
  }
  return ranges;
}

export function UnconsumedView({ offsets }: { offsets: GroupDetail['offsets'] }) {
  const ranges = unconsumedRanges(offsets);
  const uncommitted = offsets.filter((row) => row.committed === null && row.highWatermark !== null && row.highWatermark !== '0');
  const largest = ranges.reduce((max, range) => (range.count > max ? range.count : max), 1n);
  return (
    <Stack gap="xs">
      {ranges.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="unconsumed-none">
          The group has read everything up to each partition&rsquo;s high watermark{uncommitted.length > 0 ? ' (where it has committed)' : ''}.
        </Text>
      ) : (
        <Table verticalSpacing={4} aria-label="Not consumed yet">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Topic / partition</Table.Th>
              <Table.Th>From committed → to high watermark</Table.Th>
              <Table.Th ta="right">Records</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ranges.map((range) => (
              <Table.Tr key={`${range.topic}/${range.partition}`} data-testid={`unconsumed-${range.topic}-${range.partition}`}>
                <Table.Td>
                  {range.topic} / {range.partition}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm">
                      {formatCount(range.from)} → {formatCount(range.to)}
                    </Text>
                    <Progress w={120} value={Number((range.count * 100n) / largest)} color="orange" aria-label={`Share of the largest backlog`} />
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{formatCount(range.count.toString())}</Table.Td>
                <Table.Td>
                  <Button
                    component="a"
                    size="compact-xs"
                    variant="light"
                    href={browseHref({
                      topic: range.topic,
                      partitions: [range.partition],
                      start: { from: 'offset', offset: range.from },
                      maxRecords: Number(range.count > BigInt(MAX_RECORDS_LIMIT) ? BigInt(MAX_RECORDS_LIMIT) : range.count),
                    })}
                  >
                    Browse
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {uncommitted.length > 0 ? (
        <Text size="xs" c="dimmed">
          {uncommitted.length} partition{uncommitted.length === 1 ? ' has' : 's have'} no committed offset; where the group starts there depends on its consumers&rsquo; auto.offset.reset.
        </Text>
      ) : null}
    </Stack>
  );
}
