// The record's value: text, or JSON checked as you type and formatted on
// request.
import { Button, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { formatJson, type ValueMode } from './produce-form-model';

interface ValueEditorProps {
  value: string;
  mode: ValueMode;
  error?: string;
  onChange: (value: string) => void;
  onModeChange: (mode: ValueMode) => void;
}

export function ValueEditor({ value, mode, error, onChange, onModeChange }: ValueEditorProps) {
  const formatted = mode === 'json' ? formatJson(value) : null;
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          Value
        </Text>
        <Group gap="xs">
          {mode === 'json' ? (
            <Button size="compact-xs" variant="light" disabled={formatted === null || formatted === value} onClick={() => formatted !== null && onChange(formatted)}>
              Format
            </Button>
          ) : null}
          <SegmentedControl
            size="xs"
            aria-label="Value format"
            value={mode}
            onChange={(next) => onModeChange(next as ValueMode)}
            data={[
              { value: 'text', label: 'Text' },
              { value: 'json', label: 'JSON' },
            ]}
          />
        </Group>
      </Group>
      <Textarea
        aria-label="Value"
        autosize
        minRows={4}
        maxRows={16}
        value={value}
        error={error}
        placeholder={mode === 'json' ? '{"hello": "world", "n": {{i}}}' : 'say hello~!!!!'}
        onChange={(e) => onChange(e.currentTarget.value)}
        styles={{ input: { fontFamily: 'monospace' } }}
      />
    </Stack>
  );
}
