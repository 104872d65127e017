// A lane's records, newest first, virtualized: only the rows in view exist
// in the DOM, so 50,000 records cost as much to paint as twenty. The list
// re-renders when the buffer's version moves (once per frame at most).
import { Box, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef } from 'react';
import type { LaneBuffer } from './lane-buffer';
import { LaneRecordRow } from './lane-record-row';

const ROW_HEIGHT = 26;

interface LaneRecordsProps {
  buffer: LaneBuffer;
  /** The buffer's length at the last flush: what this render shows. */
  length: number;
  /** Not read: a change of it re-renders the list when the contents move (a trim can keep the length). */
  version: number;
}

function LaneRecordsView({ buffer, length }: LaneRecordsProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // jsdom (and the first paint) has no layout yet: assume a lane-sized viewport.
    initialRect: { width: 320, height: 20 * ROW_HEIGHT },
  });
  if (length === 0) {
    return (
      <Text size="sm" c="dimmed" ta="center" py="md" data-testid="lane-records-empty">
        Waiting for records…
      </Text>
    );
  }
  return (
    <Box ref={scrollRef} style={{ flex: 1, minHeight: 0, overflowY: 'auto' }} data-testid="lane-records" aria-label="Records, newest first" role="list">
      <Box style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const record = buffer.newest(buffer.length - length + item.index);
          if (!record) return null;
          return (
            <Box key={item.key} role="listitem" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}>
              <LaneRecordRow record={record} />
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}

// The lane re-renders on every snapshot (lag, state, timeline); the list only when its records moved.
export const LaneRecords = memo(LaneRecordsView);
