import { Table } from '@mantine/core';
import type { z } from 'zod';
import type { partitionDetail } from '../../../../shared/contract/topics';
import { formatCount } from '../../lib/format';

type Partition = z.infer<typeof partitionDetail>;

export function PartitionsTable({ partitions }: { partitions: Partition[] }) {
  return (
    <Table verticalSpacing={4} aria-label="Partitions" data-testid="partitions-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Partition</Table.Th>
          <Table.Th>Leader</Table.Th>
          <Table.Th>Replicas</Table.Th>
          <Table.Th>In sync</Table.Th>
          <Table.Th ta="right">Low watermark</Table.Th>
          <Table.Th ta="right">High watermark</Table.Th>
          <Table.Th ta="right">Messages</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {partitions.map((p) => (
          <Table.Tr key={p.partition}>
            <Table.Td>{p.partition}</Table.Td>
            <Table.Td>{p.leader}</Table.Td>
            <Table.Td>{p.replicas.join(', ')}</Table.Td>
            <Table.Td>{p.isr.join(', ')}</Table.Td>
            <Table.Td ta="right">{formatCount(p.lowWatermark)}</Table.Td>
            <Table.Td ta="right">{formatCount(p.highWatermark)}</Table.Td>
            <Table.Td ta="right">{formatCount((BigInt(p.highWatermark) - BigInt(p.lowWatermark)).toString())}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
