// Where to read: topic, start position, partitions and how many records.
import { Button, Group, MultiSelect, NumberInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTopics } from '../../api/use-topics';
import { MAX_RECORDS_LIMIT, START_MODES, validateBrowseForm, type BrowseFormValues, type StartMode } from './browse-form-model';

interface BrowseFormProps {
  connectionId: string;
  values: BrowseFormValues;
  onChange: (values: BrowseFormValues) => void;
  onRead: () => void;
  touched: boolean;
}

export function BrowseForm({ connectionId, values, onChange, onRead, touched }: BrowseFormProps) {
  const topics = useTopics(connectionId);
  const errors = touched ? validateBrowseForm(values) : {};
  const partitionCount = topics.data?.find((topic) => topic.name === values.topic)?.partitions ?? 0;
  const change = (patch: Partial<BrowseFormValues>) => onChange({ ...values, ...patch });
  const topicNames = (topics.data ?? []).map((topic) => topic.name).sort((a, b) => a.localeCompare(b));
  if (values.topic !== '' && !topicNames.includes(values.topic)) topicNames.unshift(values.topic);

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onRead();
      }}
    >
      <Stack gap="sm">
        <Group align="flex-start" grow>
          <Select label="Topic" data={topicNames} value={values.topic || null} onChange={(topic) => change({ topic: topic ?? '', partitions: [] })} error={errors.topic} searchable />
          <MultiSelect
            label="Partitions"
            placeholder={values.partitions.length === 0 ? 'All partitions' : undefined}
            data={Array.from({ length: Math.max(partitionCount, ...values.partitions.map((p) => p + 1)) }, (_, partition) => String(partition))}
            value={values.partitions.map(String)}
            onChange={(chosen) => change({ partitions: chosen.map(Number) })}
            clearable
          />
          <NumberInput
            label="Max records"
            min={1}
            max={MAX_RECORDS_LIMIT}
            value={values.maxRecords}
            onChange={(value) => change({ maxRecords: typeof value === 'number' ? value : Number(value) })}
            error={errors.maxRecords}
            thousandSeparator=","
          />
        </Group>
        <Group align="flex-end">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="browse-start-label">
              Start at
            </Text>
            <SegmentedControl aria-labelledby="browse-start-label" data={START_MODES} value={values.start} onChange={(start) => change({ start: start as StartMode })} />
          </Stack>
          {values.start === 'latest' ? (
            <NumberInput
              label="N records back from the end"
              min={0}
              max={1_000_000}
              value={values.minus}
              onChange={(value) => change({ minus: typeof value === 'number' ? value : Number(value) })}
              error={errors.minus}
              w={220}
            />
          ) : null}
          {values.start === 'offset' ? (
            <TextInput label="Offset (in each partition)" value={values.offset} onChange={(e) => change({ offset: e.currentTarget.value })} error={errors.offset} w={220} />
          ) : null}
          {values.start === 'timestamp' ? (
            <TextInput
              label="From (your time zone)"
              type="datetime-local"
              step={1}
              value={values.timestamp}
              onChange={(e) => change({ timestamp: e.currentTarget.value })}
              error={errors.timestamp}
              w={240}
            />
          ) : null}
          <Button type="submit">Read</Button>
        </Group>
      </Stack>
    </form>
  );
}
