// Per topic and partition: the committed offset, the high watermark, the lag
// and the member that owns it.
import { Code, Table, Text } from '@mantine/core';
import type { GroupDetail } from '../../api/use-groups';
import { formatCount } from '../../lib/format';

const dash = (value: string | null) => (value === null ? '—' : formatCount(value));

export function GroupOffsetsTable({ offsets }: { offsets: GroupDetail['offsets'] }) {
  if (offsets.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        The group has no committed offsets and no assignment yet.
      </Text>
    );
  }
  return (
    <Table verticalSpacing={4} aria-label="Committed offsets">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Topic</Table.Th>
          <Table.Th ta="right">Partition</Table.Th>
          <Table.Th ta="right">Committed</Table.Th>
          <Table.Th ta="right">High watermark</Table.Th>
          <Table.Th ta="right">Lag</Table.Th>
          <Table.Th>Member</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {offsets.map((row) => (
          <Table.Tr key={`${row.topic}/${row.partition}`} data-testid={`offset-row-${row.topic}-${row.partition}`}>
            <Table.Td>{row.topic}</Table.Td>
            <Table.Td ta="right">{row.partition}</Table.Td>
            <Table.Td ta="right" data-testid="committed">
              {dash(row.committed)}
            </Table.Td>
            <Table.Td ta="right">{row.highWatermark === null ? 'topic deleted' : formatCount(row.highWatermark)}</Table.Td>
            <Table.Td ta="right" data-testid="lag">
              {dash(row.lag)}
            </Table.Td>
            <Table.Td>{row.member ? <Code>{row.member}</Code> : <Text span size="sm" c="dimmed">unassigned</Text>}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
