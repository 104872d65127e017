// One read: the stream's records, progress and end, with cancel, the text
// filter over what was loaded, export, the list and the selected message.
// Mounted afresh for each read (keyed by the screen), so a new read never
// shows the last one's records.
import { Alert, Button, Group, Menu, Stack, Text, TextInput } from '@mantine/core';
import { useDeferredValue, useMemo, useState } from 'react';
import type { ConsumedRecord } from '../../../../shared/contract/common';
import { useBrowse, type BrowseRequest } from '../../api/use-browse';
import type { FrameScheduler } from '../../api/use-stream';
import { ErrorNotice } from '../../components/error-notice';
import { formatCount } from '../../lib/format';
import { BrowseProgress } from './browse-progress';
import { exportRecords } from './export-records';
import { MessageDetail } from './message-detail';
import { filterRecords } from './record-filter';
import { RecordList, recordId } from './record-list';

const DONE_REASONS = {
  count: 'reached the record limit',
  end: 'reached the end of every partition',
  time: 'ran out of time',
} as const;

export function BrowseResults({ request, scheduler }: { request: BrowseRequest; scheduler?: FrameScheduler }) {
  const [cancelled, setCancelled] = useState(false);
  const { state, ended, error } = useBrowse(cancelled ? null : request, scheduler);
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const shown = useMemo(() => filterRecords(state.records, deferredFilter), [state.records, deferredFilter]);
  const [selected, setSelected] = useState<ConsumedRecord | null>(null);
  const running = !cancelled && !ended;

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="sm">
          <Text size="sm" data-testid="browse-status">
            {running ? 'Reading… ' : ''}
            {formatCount(state.records.length)} loaded
            {state.done ? ` — ${DONE_REASONS[state.done.reason]} in ${(state.done.elapsedMs / 1000).toFixed(1)} s` : ''}
            {cancelled && !state.done ? ' — cancelled' : ''}
          </Text>
          {running ? (
            <Button size="compact-sm" variant="light" color="red" onClick={() => setCancelled(true)}>
              Cancel
            </Button>
          ) : null}
        </Group>
        <Group gap="xs">
          <TextInput size="xs" placeholder="Filter key, value, headers" aria-label="Filter messages" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={260} />
          <Text size="xs" c="dimmed" data-testid="browse-shown">
            {formatCount(shown.length)} shown
          </Text>
          <Menu position="bottom-end">
            <Menu.Target>
              <Button size="compact-sm" variant="default" disabled={shown.length === 0}>
                Export
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{formatCount(shown.length)} shown messages</Menu.Label>
              <Menu.Item onClick={() => exportRecords(request.topic, shown, 'json')}>As JSON</Menu.Item>
              <Menu.Item onClick={() => exportRecords(request.topic, shown, 'csv')}>As CSV</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <BrowseProgress partitions={state.progress} active={running} />
      {error ? <ErrorNotice error={error} /> : null}
      {state.done && state.records.length === 0 ? (
        <Alert variant="light" color="gray">
          Nothing to read from there: the chosen partitions have no records between the start and their end.
        </Alert>
      ) : null}
      {state.records.length > 0 ? (
        <RecordList records={shown} selected={selected ? recordId(selected) : null} onSelect={setSelected} />
      ) : null}
      {selected ? <MessageDetail connectionId={request.connectionId} topic={request.topic} record={selected} /> : null}
    </Stack>
  );
}
