// Compose and send: topic, key, value, headers, where it goes, how many and
// how fast. Errors show next to their field once the user tries to send.
import { Autocomplete, Button, Group, NumberInput, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useReadOnly, writeControl } from '../../api/use-read-only';
import { useTopics } from '../../api/use-topics';
import { HeadersEditor } from './headers-editor';
import { placementHint, toProduceRequest, validateProduceForm, type PartitionMode, type ProduceFormValues } from './produce-form-model';
import { ValueEditor } from './value-editor';
import type { ProduceRequest } from '../../api/use-produce';

interface ProduceFormProps {
  connectionId: string;
  values: ProduceFormValues;
  onChange: (values: ProduceFormValues) => void;
  onSend: (request: ProduceRequest) => void;
  sending: boolean;
}

export function ProduceForm({ connectionId, values, onChange, onSend, sending }: ProduceFormProps) {
  const topics = useTopics(connectionId);
  const readOnly = useReadOnly(connectionId);
  const [showErrors, setShowErrors] = useState(false);
  const partitionCount = topics.data?.find((topic) => topic.name === values.topic.trim())?.partitions ?? null;
  const errors = validateProduceForm(values, partitionCount);
  const shown = showErrors ? errors : {};
  const set = <K extends keyof ProduceFormValues>(key: K, value: ProduceFormValues[K]) => onChange({ ...values, [key]: value });

  const submit = () => {
    if (readOnly) return;
    setShowErrors(true);
    if (Object.keys(errors).length === 0) onSend(toProduceRequest(values, connectionId));
  };

  return (
    <form
      aria-label="Produce"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <Autocomplete
          label="Topic"
          description={topics.data && partitionCount === null && values.topic.trim() !== '' ? 'No topic by that name: create it on Topics first (a send to a missing topic is refused).' : undefined}
          data={(topics.data ?? []).map((topic) => topic.name)}
          value={values.topic}
          error={shown.topic}
          onChange={(topic) => set('topic', topic)}
        />
        <Group align="flex-end" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label="Key"
            disabled={!values.withKey}
            placeholder={values.withKey ? 'user-{{i}}' : 'null'}
            value={values.key}
            error={shown.key}
            onChange={(e) => set('key', e.currentTarget.value)}
          />
          <Switch mb={8} label="Key" aria-label="Send a key" checked={values.withKey} onChange={(e) => set('withKey', e.currentTarget.checked)} />
        </Group>
        <ValueEditor
          value={values.value}
          mode={values.valueMode}
          error={shown.value}
          onChange={(value) => set('value', value)}
          onModeChange={(mode) => set('valueMode', mode)}
        />
        <HeadersEditor headers={values.headers} error={shown.headers} onChange={(headers) => set('headers', headers)} />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Partition
          </Text>
          <Group>
            <SegmentedControl
              size="xs"
              aria-label="Partition choice"
              value={values.partitionMode}
              onChange={(mode) => set('partitionMode', mode as PartitionMode)}
              data={[
                { value: 'auto', label: 'Auto' },
                { value: 'key', label: 'By key' },
                { value: 'explicit', label: 'Explicit' },
              ]}
            />
            {values.partitionMode === 'explicit' ? (
              <NumberInput
                size="xs"
                w={100}
                aria-label="Partition"
                min={0}
                clampBehavior="none"
                allowDecimal={false}
                value={values.partition}
                error={shown.partition}
                onChange={(value) => set('partition', Number(value))}
              />
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            {placementHint(values)}
          </Text>
        </Stack>
        <Group grow align="flex-start">
          <NumberInput
            label="Copies"
            description="{{i}} {{uuid}} {{now}} {{random}} are filled per copy"
            min={1}
            max={1_000_000}
            allowDecimal={false}
            thousandSeparator=","
            value={values.count}
            error={shown.count}
            onChange={(value) => set('count', Number(value))}
          />
          <NumberInput
            label="Rate (per second)"
            description="Empty: as fast as possible"
            min={0}
            disabled={values.count <= 1}
            value={values.ratePerSecond ?? ''}
            error={shown.ratePerSecond}
            onChange={(value) => set('ratePerSecond', value === '' ? null : Number(value))}
          />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={sending} {...writeControl(readOnly)}>
            {values.count > 1 ? `Send ${values.count.toLocaleString()}` : 'Send'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
