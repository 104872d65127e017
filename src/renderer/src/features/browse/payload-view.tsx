// One key or value in every view people ask for: text, JSON indented, hex
// and base64, each copyable. A truncated preview offers the whole payload.
import { Alert, Button, Code, CopyButton, Group, ScrollArea, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Payload } from '../../../../shared/contract/common';
import { useFullValue, type FullValueTarget } from '../../api/use-browse';
import { ErrorNotice } from '../../components/error-notice';
import { formatBytes } from '../../lib/format';
import { HEX_LIMIT_BYTES, payloadBytes, prettyJson, toBase64, toHexDump } from './payload-format';

type View = 'text' | 'json' | 'hex' | 'base64';

function render(payload: Payload, view: View): string {
  switch (view) {
    case 'json':
      return prettyJson(payload) ?? payload.data;
    case 'hex':
      return toHexDump(payloadBytes(payload));
    case 'base64':
      return toBase64(payload);
    case 'text':
      return payload.encoding === 'utf8' ? payload.data : '(binary: see hex or base64)';
  }
}

interface PayloadViewProps {
  label: string;
  payload: Payload | null;
  /** Where to fetch the whole payload from when the preview was cut. */
  source: FullValueTarget;
}

export function PayloadView({ label, payload, source }: PayloadViewProps) {
  const [wantFull, setWantFull] = useState(false);
  const full = useFullValue(source, wantFull && payload?.truncated === true);
  const shown = full.data ?? payload;
  const json = prettyJson(shown);
  const [chosen, setChosen] = useState<View | null>(null);
  if (shown === null) {
    return (
      <Text size="sm" c="dimmed">
        {label} is null.
      </Text>
    );
  }
  const defaultView: View = json !== null ? 'json' : shown.encoding === 'utf8' ? 'text' : 'hex';
  const view = chosen === 'json' && json === null ? defaultView : (chosen ?? defaultView);
  const text = render(shown, view);
  const views = [
    { value: 'text', label: 'Text' },
    { value: 'json', label: 'JSON', disabled: json === null },
    { value: 'hex', label: 'Hex' },
    { value: 'base64', label: 'Base64' },
  ];

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <SegmentedControl size="xs" data={views} value={view} onChange={(next) => setChosen(next as View)} aria-label={`${label} view`} />
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            {formatBytes(String(shown.size))}
            {shown.encoding === 'base64' ? ' · binary' : ''}
          </Text>
          <CopyButton value={text}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="light" onClick={copy}>
                {copied ? 'Copied' : `Copy ${view === 'json' ? 'JSON' : view}`}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Group>
      {shown.truncated ? (
        <Alert color="blue" variant="light" p="xs">
          <Group justify="space-between">
            <Text size="sm">
              Showing a preview of {formatBytes(String(shown.size))} ({formatBytes(String(shown.data.length))} loaded).
            </Text>
            <Button size="compact-sm" onClick={() => setWantFull(true)} loading={full.isFetching}>
              Load full {label.toLowerCase()}
            </Button>
          </Group>
        </Alert>
      ) : null}
      {full.error ? <ErrorNotice error={full.error} /> : null}
      {view === 'hex' && shown.size > HEX_LIMIT_BYTES ? (
        <Text size="xs" c="dimmed">
          Hex shows the first {formatBytes(String(HEX_LIMIT_BYTES))}.
        </Text>
      ) : null}
      <ScrollArea.Autosize mah={360}>
        <Code block data-testid={`${label.toLowerCase()}-${view}`} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {text}
        </Code>
      </ScrollArea.Autosize>
    </Stack>
  );
}
