// One message: where it sits, its value and key in every view, its headers,
// and the whole record copyable as JSON.
import { Button, CopyButton, Group, Paper, Table, Tabs, Text, Title } from '@mantine/core';
import type { ConsumedRecord } from '../../../../shared/contract/common';
import { toJsonExport } from './export-records';
import { payloadSummary } from './payload-format';
import { PayloadView } from './payload-view';
import { formatTimestamp } from './record-list';

interface MessageDetailProps {
  connectionId: string;
  topic: string;
  record: ConsumedRecord;
}

export function MessageDetail({ connectionId, topic, record }: MessageDetailProps) {
  const source = (part: 'key' | 'value') => ({ connectionId, topic, partition: record.partition, offset: record.offset, part });
  return (
    <Paper withBorder p="sm" data-testid="message-detail">
      <Group justify="space-between" mb="xs">
        <Title order={5}>
          Partition {record.partition} · offset {record.offset}
        </Title>
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            {formatTimestamp(record.timestamp)} ({record.timestamp})
          </Text>
          <CopyButton value={toJsonExport(topic, [record])}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="default" onClick={copy}>
                {copied ? 'Copied' : 'Copy message'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Group>
      <Tabs defaultValue="value" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="value">Value</Tabs.Tab>
          <Tabs.Tab value="key">Key</Tabs.Tab>
          <Tabs.Tab value="headers">Headers ({record.headers.length})</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="value" pt="xs">
          <PayloadView key={`${record.partition}:${record.offset}:value`} label="Value" payload={record.value} source={source('value')} />
        </Tabs.Panel>
        <Tabs.Panel value="key" pt="xs">
          <PayloadView key={`${record.partition}:${record.offset}:key`} label="Key" payload={record.key} source={source('key')} />
        </Tabs.Panel>
        <Tabs.Panel value="headers" pt="xs">
          {record.headers.length === 0 ? (
            <Text size="sm" c="dimmed">
              No headers.
            </Text>
          ) : (
            <Table verticalSpacing={4} aria-label="Headers">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Value</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {record.headers.map((header, index) => (
                  <Table.Tr key={index}>
                    <Table.Td>{header.key}</Table.Td>
                    <Table.Td style={{ fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-all' }}>{payloadSummary(header.value, 2000)}</Table.Td>
                    <Table.Td>
                      <CopyButton value={header.value?.data ?? ''}>
                        {({ copied, copy }) => (
                          <Button size="compact-xs" variant="subtle" onClick={copy}>
                            {copied ? 'Copied' : 'Copy'}
                          </Button>
                        )}
                      </CopyButton>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}
