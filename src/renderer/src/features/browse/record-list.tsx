// The loaded messages, virtualized: only the rows in view are in the DOM, so
// 100,000 records scroll as smoothly as 100.
import { Box, Text, UnstyledButton } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { ConsumedRecord } from '../../../../shared/contract/common';
import { localTimeParts } from '../../lib/format';
import { payloadSummary } from './payload-format';

const ROW_HEIGHT = 30;
const COLUMNS = '56px 96px 215px minmax(80px, 1fr) minmax(120px, 3fr)';

export const recordId = (record: ConsumedRecord): string => `${record.partition}:${record.offset}`;

export function formatTimestamp(ms: string): string {
  const time = localTimeParts(Number(ms));
  return time ? `${time.date} ${time.clock}.${time.millis}` : ms;
}

interface RecordListProps {
  records: readonly ConsumedRecord[];
  selected: string | null;
  onSelect: (record: ConsumedRecord) => void;
  height?: number;
}

const cell = { overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' } as const;

export function RecordList({ records, selected, onSelect, height = 420 }: RecordListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: records.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Until the element is measured (and in tests, where nothing is), assume the list's own size.
    initialRect: { width: 1000, height },
  });

  return (
    <Box style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' }}>
      <Box
        px="xs"
        py={4}
        style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 8, borderBottom: '1px solid var(--mantine-color-default-border)' }}
        fz="xs"
        fw={600}
        c="dimmed"
      >
        <span>Part.</span>
        <span>Offset</span>
        <span>Timestamp</span>
        <span>Key</span>
        <span>Value</span>
      </Box>
      <div ref={scrollRef} style={{ height, overflow: 'auto' }} data-testid="message-list" aria-label="Messages" role="list">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const record = records[item.index];
            const id = recordId(record);
            const isSelected = id === selected;
            return (
              <UnstyledButton
                key={id}
                role="listitem"
                aria-current={isSelected || undefined}
                data-testid="message-row"
                onClick={() => onSelect(record)}
                px="xs"
                fz="sm"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  width: '100%',
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: COLUMNS,
                  gap: 8,
                  alignItems: 'center',
                  background: isSelected ? 'var(--mantine-primary-color-light)' : undefined,
                  fontFamily: 'var(--mantine-font-family-monospace)',
                }}
              >
                <span>{record.partition}</span>
                <span style={cell}>{record.offset}</span>
                <span style={cell}>{formatTimestamp(record.timestamp)}</span>
                <span style={cell}>{record.key === null ? <Text span c="dimmed" inherit>null</Text> : payloadSummary(record.key, 80)}</span>
                <span style={cell}>{record.value === null ? <Text span c="dimmed" inherit>null</Text> : payloadSummary(record.value)}</span>
              </UnstyledButton>
            );
          })}
        </div>
      </div>
    </Box>
  );
}
