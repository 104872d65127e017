import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { HeaderRow } from './produce-form-model';

interface HeadersEditorProps {
  headers: HeaderRow[];
  error?: string;
  onChange: (headers: HeaderRow[]) => void;
}

export function HeadersEditor({ headers, error, onChange }: HeadersEditorProps) {
  const update = (index: number, patch: Partial<HeaderRow>) => onChange(headers.map((header, i) => (i === index ? { ...header, ...patch } : header)));
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          Headers
        </Text>
        <Button size="compact-xs" variant="light" onClick={() => onChange([...headers, { key: '', value: '' }])}>
          Add header
        </Button>
      </Group>
      {headers.map((header, index) => (
        <Group key={index} gap="xs" wrap="nowrap">
          <TextInput size="xs" placeholder="name" aria-label={`Header ${index + 1} name`} value={header.key} onChange={(e) => update(index, { key: e.currentTarget.value })} />
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            placeholder="value"
            aria-label={`Header ${index + 1} value`}
            value={header.value}
            onChange={(e) => update(index, { value: e.currentTarget.value })}
          />
          <ActionIcon variant="subtle" color="gray" aria-label={`Remove header ${index + 1}`} onClick={() => onChange(headers.filter((_, i) => i !== index))}>
            ×
          </ActionIcon>
        </Group>
      ))}
      {error ? (
        <Text size="xs" c="red">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
