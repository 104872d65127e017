// Who is in the group and which partitions each member owns.
import { Code, Table, Text } from '@mantine/core';
import type { GroupDetail } from '../../api/use-groups';

export function GroupMembersTable({ members }: { members: GroupDetail['memberDetails'] }) {
  if (members.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No active members: nothing is reading with this group right now.
      </Text>
    );
  }
  return (
    <Table verticalSpacing={4} aria-label="Members">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Member</Table.Th>
          <Table.Th>Client id</Table.Th>
          <Table.Th>Host</Table.Th>
          <Table.Th>Assignment</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {members.map((member) => (
          <Table.Tr key={member.memberId}>
            <Table.Td>
              <Code>{member.memberId}</Code>
              {member.groupInstanceId ? (
                <Text size="xs" c="dimmed">
                  static: {member.groupInstanceId}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>{member.clientId}</Table.Td>
            <Table.Td>{member.host}</Table.Td>
            <Table.Td>
              {member.assignment.length === 0
                ? '—'
                : member.assignment.map((a) => `${a.topic}: ${a.partitions.length === 0 ? 'none' : [...a.partitions].sort((x, y) => x - y).join(', ')}`).join('; ')}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
