// The topic rows, virtualized: a cluster can have thousands of topics, and
// only the rows in view (plus a few) are in the DOM.
import { Anchor, Table } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { TopicSummary } from '../../../../shared/contract/topics';
import { formatBytes, formatCount } from '../../lib/format';
import { routeHref } from '../../shell/use-route';

const ROW_HEIGHT = 37;

export function TopicTable({ topics }: { topics: TopicSummary[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: topics.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <div ref={scrollRef} style={{ maxHeight: 'calc(100vh - 220px)', overflow: 'auto' }}>
      <Table highlightOnHover stickyHeader verticalSpacing="xs" aria-label="Topics" aria-rowcount={topics.length + 1}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Topic</Table.Th>
            <Table.Th ta="right">Partitions</Table.Th>
            <Table.Th ta="right">Replication</Table.Th>
            <Table.Th ta="right">Messages</Table.Th>
            <Table.Th ta="right">Size</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {before > 0 ? <tr style={{ height: before }} aria-hidden /> : null}
          {items.map((item) => {
            const topic = topics[item.index]!;
            return (
              <Table.Tr key={topic.name} data-testid={`topic-row-${topic.name}`} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                <Table.Td>
                  <Anchor href={routeHref('topics', topic.name)}>{topic.name}</Anchor>
                </Table.Td>
                <Table.Td ta="right">{topic.partitions}</Table.Td>
                <Table.Td ta="right">{topic.replicationFactor}</Table.Td>
                <Table.Td ta="right">{formatCount(topic.messageCount)}</Table.Td>
                <Table.Td ta="right">{formatBytes(topic.sizeBytes)}</Table.Td>
              </Table.Tr>
            );
          })}
          {after > 0 ? <tr style={{ height: after }} aria-hidden /> : null}
        </Table.Tbody>
      </Table>
    </div>
  );
}
