// The dry run's answer: each partition's committed offset before and after,
// with the rows whose target fell outside the log flagged.
import { Badge, Table, Text, Tooltip } from '@mantine/core';
import type { ResetPreview } from '../../api/use-groups';
import { formatCount } from '../../lib/format';
import { offsetChange } from './reset-form-model';

export function ResetPreviewTable({ preview, caption }: { preview: ResetPreview; caption: string }) {
  return (
    <Table verticalSpacing={4} aria-label={caption} data-testid="reset-preview">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Partition</Table.Th>
          <Table.Th ta="right">Before</Table.Th>
          <Table.Th ta="right">After</Table.Th>
          <Table.Th ta="right">Change</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {preview.partitions.map((row) => (
          <Table.Tr key={row.partition} data-testid={`preview-row-${row.partition}`} data-clamped={row.clamped || undefined}>
            <Table.Td>{row.partition}</Table.Td>
            <Table.Td ta="right">{row.before === null ? <Text span c="dimmed" size="sm">none</Text> : formatCount(row.before)}</Table.Td>
            <Table.Td ta="right">{formatCount(row.after)}</Table.Td>
            <Table.Td ta="right">{offsetChange(row.before, row.after) ?? '—'}</Table.Td>
            <Table.Td>
              {row.clamped ? (
                <Tooltip label="The target was outside the partition's log, so it moves to the nearest end (first or next offset).">
                  <Badge color="orange" variant="light" size="sm">
                    clamped
                  </Badge>
                </Tooltip>
              ) : null}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
