// One record in a lane: which member read it, from which partition and
// offset, and a one-line preview of its key and value.
import { Badge, Group, Text } from '@mantine/core';
import type { LaneRow } from './lane-buffer';
import { memberColor } from './member-colors';

export function LaneRecordRow({ record }: { record: LaneRow }) {
  return (
    <Group
      gap={6}
      wrap="nowrap"
      px={6}
      h="100%"
      data-testid="lane-record"
      data-member={record.member}
      data-partition={record.partition}
      data-offset={record.offset}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Badge size="xs" variant="filled" color={memberColor(record.member)} style={{ flexShrink: 0 }} title={record.member}>
        {record.member.replace(/^member-/, 'm')}
      </Badge>
      <Text size="xs" ff="monospace" c="dimmed" style={{ flexShrink: 0 }} title={`partition ${record.partition}, offset ${record.offset}`}>
        p{record.partition}@{record.offset}
      </Text>
      {record.key !== null ? (
        <Text size="xs" ff="monospace" c="dimmed" truncate maw={80} title={record.key}>
          {record.key}
        </Text>
      ) : null}
      <Text size="xs" ff="monospace" truncate style={{ flex: 1, minWidth: 0 }} data-testid="lane-record-value">
        {record.value}
      </Text>
    </Group>
  );
}
