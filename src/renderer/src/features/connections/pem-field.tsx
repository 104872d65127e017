// A PEM certificate or key: pasted, or read from a file in the browser (the
// file never leaves this page except as the saved profile's text).
import { Button, Checkbox, FileButton, Group, Stack, Text, Textarea } from '@mantine/core';
import type { PemValue } from './connection-form-model';

interface PemFieldProps {
  label: string;
  value: PemValue;
  error?: string;
  onChange: (value: PemValue) => void;
}

export function PemField({ label, value, error, onChange }: PemFieldProps) {
  const readFile = async (file: File | null) => {
    if (file) onChange({ ...value, text: await file.text(), remove: false });
  };
  return (
    <Stack gap={4}>
      <Textarea
        label={label}
        description={value.saved ? 'Saved. Paste or pick a file to replace it.' : 'Paste PEM text or pick a file.'}
        placeholder="-----BEGIN CERTIFICATE-----"
        autosize
        minRows={2}
        maxRows={6}
        value={value.text}
        error={error}
        onChange={(event) => onChange({ ...value, text: event.currentTarget.value })}
        styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
      />
      <Group gap="sm">
        <FileButton onChange={(file) => void readFile(file)} accept=".pem,.crt,.cer,.key,text/plain">
          {(props) => (
            <Button {...props} size="compact-xs" variant="light">
              Pick file…
            </Button>
          )}
        </FileButton>
        {value.saved ? (
          <Checkbox size="xs" label="Remove the saved one" checked={value.remove} onChange={(event) => onChange({ ...value, remove: event.currentTarget.checked })} />
        ) : null}
        {value.text !== '' ? (
          <Text size="xs" c="dimmed">
            {value.text.length.toLocaleString()} characters
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}
