// Everything sent in this window, newest first; any entry can be sent again.
import { Button, Group, Table, Text } from '@mantine/core';
import type { ProduceRequest } from '../../api/use-produce';
import { useReadOnlyCheck, writeControl } from '../../api/use-read-only';
import { EmptyNotice } from '../../components/empty-notice';
import { useProduceHistory, type HistoryEntry } from '../../stores/produce-history-store';

const preview = (text: string | undefined) => (text === undefined ? '∅' : text.length > 60 ? `${text.slice(0, 60)}…` : text);

function landed(entry: HistoryEntry): string {
  if (entry.stopped) return `${entry.total.toLocaleString()} of ${(entry.request.count ?? 1).toLocaleString()} · ${entry.stopped}${entry.countMayBeShort ? ' (maybe more)' : ''}`;
  if (entry.total > 1) return `${entry.total.toLocaleString()} records`;
  return entry.sent[0] ? `partition ${entry.sent[0].partition} · offset ${entry.sent[0].offset}` : '—';
}

export function ProduceHistory({ onResend, sending }: { onResend: (request: ProduceRequest) => void; sending: boolean }) {
  const entries = useProduceHistory((state) => state.entries);
  const clear = useProduceHistory((state) => state.clear);
  const isReadOnly = useReadOnlyCheck();
  if (entries.length === 0) return <EmptyNotice title="Nothing sent yet" description="Messages you send appear here and can be sent again." />;
  return (
    <>
      <Group justify="space-between">
        <Text fw={500}>History</Text>
        <Button size="compact-xs" variant="subtle" onClick={clear}>
          Clear
        </Button>
      </Group>
      <Table verticalSpacing={4} aria-label="Sent messages">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Topic</Table.Th>
            <Table.Th>Key</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th>Landed</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id} data-testid="history-row">
              <Table.Td>{new Date(entry.at).toLocaleTimeString()}</Table.Td>
              <Table.Td>{entry.request.topic}</Table.Td>
              <Table.Td ff="monospace">{entry.request.key ? preview(entry.request.key.data) : 'null'}</Table.Td>
              <Table.Td ff="monospace">{preview(entry.request.value?.data)}</Table.Td>
              <Table.Td>{landed(entry)}</Table.Td>
              <Table.Td>
                {/* An entry goes again to the connection it was sent on, so that connection decides. */}
                <Button size="compact-xs" variant="light" {...writeControl(isReadOnly(entry.request.connectionId), sending)} onClick={() => onResend(entry.request)}>
                  Send again
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
