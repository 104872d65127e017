// Which member owns which partitions in the current generation, with the
// records each member read in this run (they add up to the lane's total).
import { Badge, Group, Stack, Text } from '@mantine/core';
import { formatCount } from '../../lib/format';
import { memberColor } from './member-colors';

interface LaneAssignmentProps {
  memberIds: readonly string[];
  generationId: number | null;
  assignment: readonly { member: string; partitions: readonly number[] }[];
  recordsPerMember: Readonly<Record<string, number>>;
}

export function LaneAssignment({ memberIds, generationId, assignment, recordsPerMember }: LaneAssignmentProps) {
  const owned = new Map(assignment.map((entry) => [entry.member, entry.partitions]));
  const members = [...memberIds, ...assignment.map((entry) => entry.member).filter((member) => !memberIds.includes(member))];
  return (
    <Stack gap={2} data-testid="lane-assignment" data-generation={generationId ?? ''}>
      <Text size="xs" c="dimmed">
        {generationId === null ? 'No assignment yet' : `Generation ${generationId}`}
      </Text>
      {members.map((member) => {
        const partitions = owned.get(member);
        return (
          <Group key={member} gap={6} wrap="nowrap" data-testid="lane-assignment-member" data-member={member} data-partitions={partitions?.join(',') ?? ''}>
            <Badge size="xs" variant="filled" color={memberColor(member)} style={{ flexShrink: 0 }}>
              {member}
            </Badge>
            <Text size="xs" style={{ flex: 1 }} truncate>
              {partitions === undefined ? 'not assigned' : partitions.length === 0 ? 'no partitions' : `partitions ${partitions.join(', ')}`}
            </Text>
            <Text size="xs" c="dimmed" data-testid="lane-member-count">
              {formatCount(recordsPerMember[member] ?? 0)}
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}
