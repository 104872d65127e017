// A topic's configs; overrides first, since they are what makes this topic
// differ from the cluster's defaults.
import { Badge, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTopicConfigs } from '../../api/use-topics';
import { ErrorNotice } from '../../components/error-notice';
import { LoadingState } from '../../components/loading-state';

export function TopicConfigsTable({ connectionId, topic }: { connectionId: string; topic: string }) {
  const configs = useTopicConfigs(connectionId, topic);
  const [onlyOverrides, setOnlyOverrides] = useState(false);
  if (configs.isPending) return <LoadingState label="Loading configs…" />;
  if (configs.error) return <ErrorNotice error={configs.error} onRetry={() => void configs.refetch()} />;
  const entries = [...configs.data].filter((entry) => !onlyOverrides || !entry.isDefault).sort((a, b) => Number(a.isDefault) - Number(b.isDefault) || a.name.localeCompare(b.name));
  return (
    <>
      <Switch my="xs" label="Only overrides" checked={onlyOverrides} onChange={(e) => setOnlyOverrides(e.currentTarget.checked)} />
      <Table verticalSpacing={4} aria-label="Configs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.name} data-testid={`config-${entry.name}`}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {entry.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {entry.sensitive ? '••••••' : (entry.value ?? '—')}
                </Text>
              </Table.Td>
              <Table.Td>{entry.isDefault ? <Badge variant="outline" size="xs">default</Badge> : <Badge size="xs">override</Badge>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
