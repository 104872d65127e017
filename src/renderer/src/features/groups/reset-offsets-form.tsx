// Reset a group's committed offsets: pick the topic, partitions and target,
// preview what would change (a dry run), then apply exactly what was
// previewed. Any change to the form voids the preview, so "Apply" always
// writes the offsets the user saw.
import { Alert, Button, Group, MultiSelect, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { usePreviewReset, useResetOffsets } from '../../api/use-groups';
import { ErrorNotice } from '../../components/error-notice';
import { emptyResetForm, RESET_MODES, requestIdentity, toResetRequest, validateResetForm, type ResetFormValues, type ResetMode } from './reset-form-model';
import { ResetPreviewTable } from './reset-preview-table';

export interface ResetTopicOption {
  name: string;
  partitions: number;
}

interface ResetOffsetsFormProps {
  connectionId: string;
  groupId: string;
  topics: ResetTopicOption[];
  /** Members the group had when last described; the backend checks again. */
  activeMembers: number;
  initialTopic?: string;
  onApplied?: () => void;
}

export function ResetOffsetsForm({ connectionId, groupId, topics, activeMembers, initialTopic, onApplied }: ResetOffsetsFormProps) {
  const [values, setValues] = useState<ResetFormValues>(() => emptyResetForm(initialTopic ?? topics[0]?.name ?? ''));
  const [touched, setTouched] = useState(false);
  const preview = usePreviewReset();
  const apply = useResetOffsets();

  const errors = validateResetForm(values);
  const request = toResetRequest(values, connectionId, groupId);
  const identity = requestIdentity(request);
  // The request the shown preview was made for.
  const previewedFor = requestIdentity(preview.variables ?? null);
  const previewCurrent = preview.data !== undefined && previewedFor !== null && previewedFor === identity && !preview.isPending;
  const partitionCount = topics.find((topic) => topic.name === values.topic)?.partitions ?? 0;

  const change = (patch: Partial<ResetFormValues>) => {
    setValues((previous) => ({ ...previous, ...patch }));
    apply.reset();
  };
  const runPreview = () => {
    setTouched(true);
    if (!request) return;
    apply.reset();
    preview.mutate(request);
  };
  const runApply = () => {
    if (!request || !previewCurrent) return;
    apply.mutate(request, { onSuccess: () => onApplied?.() });
  };

  return (
    <Stack gap="sm">
      {activeMembers > 0 ? (
        <Alert color="yellow" variant="light" title={`${groupId} has ${activeMembers === 1 ? '1 active member' : `${activeMembers} active members`}`}>
          Kafka refuses to move a group&rsquo;s offsets while it has members. Stop its consumers (and any lane reading with this group), then preview again.
        </Alert>
      ) : null}
      <Group grow align="flex-start">
        <Select
          label="Topic"
          data={topics.map((topic) => topic.name)}
          value={values.topic || null}
          onChange={(topic) => change({ topic: topic ?? '', partitions: [] })}
          error={touched ? errors.topic : undefined}
          searchable
        />
        <MultiSelect
          label="Partitions"
          placeholder={values.partitions.length === 0 ? 'All partitions' : undefined}
          data={Array.from({ length: partitionCount }, (_, partition) => String(partition))}
          value={values.partitions.map(String)}
          onChange={(chosen) => change({ partitions: chosen.map(Number) })}
          clearable
        />
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="reset-target-label">
          Reset to
        </Text>
        <SegmentedControl aria-labelledby="reset-target-label" data={RESET_MODES} value={values.mode} onChange={(mode) => change({ mode: mode as ResetMode })} />
      </Stack>
      {values.mode === 'timestamp' ? (
        <TextInput
          label="Date and time (your time zone)"
          description="Each partition moves to its first record at or after this time; where none is that late, to the end."
          type="datetime-local"
          step={1}
          value={values.timestamp}
          onChange={(e) => change({ timestamp: e.currentTarget.value })}
          error={touched ? errors.timestamp : undefined}
        />
      ) : null}
      {values.mode === 'offset' ? (
        <TextInput
          label="Offset"
          description="Used for every chosen partition; outside a partition's log it moves to the nearest end."
          value={values.offset}
          onChange={(e) => change({ offset: e.currentTarget.value })}
          error={touched ? errors.offset : undefined}
        />
      ) : null}
      {values.mode === 'shift' ? (
        <TextInput
          label="Shift by"
          description="From each partition's committed offset: −10 reads the last ten again, +10 skips ten."
          placeholder="-10"
          value={values.shift}
          onChange={(e) => change({ shift: e.currentTarget.value })}
          error={touched ? errors.shift : undefined}
        />
      ) : null}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {previewCurrent ? 'Applying writes exactly the “after” column.' : 'Preview first: nothing changes until you apply the previewed offsets.'}
        </Text>
        <Group gap="xs">
          <Button variant="default" onClick={runPreview} loading={preview.isPending}>
            Preview
          </Button>
          <Button color="orange" onClick={runApply} disabled={!previewCurrent || apply.isSuccess} loading={apply.isPending}>
            Apply reset
          </Button>
        </Group>
      </Group>
      {preview.error && previewedFor === identity ? <ErrorNotice error={preview.error} /> : null}
      {apply.error ? <ErrorNotice error={apply.error} /> : null}
      {apply.data ? (
        <Alert color="green" variant="light" title="Offsets reset" data-testid="reset-applied">
          The group&rsquo;s committed offsets on {values.topic} moved for {apply.data.partitions.length} partition{apply.data.partitions.length === 1 ? '' : 's'}.
        </Alert>
      ) : null}
      {previewCurrent && preview.data && !apply.data ? (
        <>
          {preview.data.partitions.some((row) => row.clamped) ? (
            <Text size="sm" c="orange">
              Some targets fall outside the log; those partitions move to its nearest end.
            </Text>
          ) : null}
          <Text size="sm" fw={500}>
            Dry run: nothing has been written yet
          </Text>
          <ResetPreviewTable preview={preview.data} caption="Reset preview" />
        </>
      ) : null}
      {apply.data ? <ResetPreviewTable preview={apply.data} caption="Applied reset" /> : null}
    </Stack>
  );
}
