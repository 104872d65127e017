// Adds a lane to the picked topic: the group it reads as, where a group
// without committed offsets starts, how many members, and auto-commit.
// On a read-only connection auto-commit is off and cannot be switched on:
// the backend refuses a lane that would commit there.
import { Button, Group, NumberInput, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { OpenLaneRequest } from '../../api/use-lanes';
import { useReadOnly } from '../../api/use-read-only';
import { emptyOpenLaneForm, MAX_LANE_MEMBERS, suggestGroupId, toOpenLaneRequest, validateOpenLaneForm, type OpenLaneFormValues } from './open-lane-form-model';

/** Why auto-commit is off on a read-only connection, and what else the backend asks of the lane. */
export const READ_ONLY_LANE_NOTE = 'Read-only connection: off, and use a new group id (joining an existing group would rebalance it).';

interface OpenLaneFormProps {
  connectionId: string;
  topic: string;
  /** Group ids of the topic's open lanes, so the suggested one is new. */
  takenGroupIds: readonly string[];
  opening: boolean;
  onOpen: (request: OpenLaneRequest) => Promise<unknown>;
}

export function OpenLaneForm({ connectionId, topic, takenGroupIds, opening, onOpen }: OpenLaneFormProps) {
  const readOnly = useReadOnly(connectionId);
  const [draft, setDraft] = useState<OpenLaneFormValues>(() => emptyOpenLaneForm(takenGroupIds));
  // Until the user types a group id, it follows the lanes as they load and open.
  const [groupEdited, setGroupEdited] = useState(false);
  const [openedHere, setOpenedHere] = useState<string[]>([]);
  const [showErrors, setShowErrors] = useState(false);
  const shownDraft = readOnly ? { ...draft, autoCommit: false } : draft;
  const values = groupEdited ? shownDraft : { ...shownDraft, groupId: suggestGroupId([...takenGroupIds, ...openedHere]) };
  const errors = validateOpenLaneForm(values);
  const shown = showErrors ? errors : {};
  const set = <K extends keyof OpenLaneFormValues>(key: K, value: OpenLaneFormValues[K]) => setDraft({ ...values, [key]: value });

  const submit = async () => {
    setShowErrors(true);
    if (Object.keys(errors).length > 0) return;
    const request = toOpenLaneRequest(values, connectionId, topic);
    try {
      await onOpen(request);
    } catch {
      return; // the screen shows the error; keep the values for another try
    }
    setShowErrors(false);
    setOpenedHere((previous) => [...previous, request.groupId]);
    setGroupEdited(false);
  };

  return (
    <form
      aria-label="Add lane"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          w={180}
          label="Group id"
          value={values.groupId}
          error={shown.groupId}
          onChange={(e) => {
            setGroupEdited(true);
            set('groupId', e.currentTarget.value);
          }}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="lane-offset-reset-label">
            Offset reset
          </Text>
          <SegmentedControl
            aria-labelledby="lane-offset-reset-label"
            value={values.autoOffsetReset}
            onChange={(value) => set('autoOffsetReset', value as OpenLaneFormValues['autoOffsetReset'])}
            data={[
              { value: 'earliest', label: 'Earliest' },
              { value: 'latest', label: 'Latest' },
            ]}
          />
        </Stack>
        <NumberInput
          w={100}
          label="Members"
          min={1}
          max={MAX_LANE_MEMBERS}
          clampBehavior="none"
          allowDecimal={false}
          value={values.members}
          error={shown.members}
          onChange={(value) => set('members', typeof value === 'number' ? value : Number.NaN)}
        />
        <Stack gap={4} pt={30}>
          <Switch
            label="Auto-commit"
            checked={values.autoCommit}
            disabled={readOnly}
            description={readOnly ? READ_ONLY_LANE_NOTE : undefined}
            onChange={(e) => set('autoCommit', e.currentTarget.checked)}
          />
        </Stack>
        <Stack pt={25}>
          <Button type="submit" loading={opening}>
            Add lane
          </Button>
        </Stack>
      </Group>
    </form>
  );
}
