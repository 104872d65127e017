// The "add a lane" form's values, their validation and the request they make.
import type { OpenLaneRequest } from '../../api/use-lanes';

export interface OpenLaneFormValues {
  groupId: string;
  autoOffsetReset: 'earliest' | 'latest';
  members: number;
  autoCommit: boolean;
}

export type OpenLaneFormErrors = Partial<Record<keyof OpenLaneFormValues, string>>;

export const MAX_LANE_MEMBERS = 16;

/** Suggests the first `group_N` that no open lane of the topic uses. */
export function suggestGroupId(taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`group_${n}`)) return `group_${n}`;
}

export function emptyOpenLaneForm(taken: readonly string[] = []): OpenLaneFormValues {
  return { groupId: suggestGroupId(taken), autoOffsetReset: 'earliest', members: 1, autoCommit: true };
}

export function validateOpenLaneForm(values: OpenLaneFormValues): OpenLaneFormErrors {
  const errors: OpenLaneFormErrors = {};
  const groupId = values.groupId.trim();
  if (groupId === '') errors.groupId = 'Name the consumer group the lane reads as.';
  else if (groupId.length > 255) errors.groupId = 'Use at most 255 characters.';
  if (!Number.isInteger(values.members) || values.members < 1 || values.members > MAX_LANE_MEMBERS) {
    errors.members = `A lane has 1 to ${MAX_LANE_MEMBERS} members.`;
  }
  return errors;
}

export function toOpenLaneRequest(values: OpenLaneFormValues, connectionId: string, topic: string): OpenLaneRequest {
  return {
    connectionId,
    topic,
    groupId: values.groupId.trim(),
    autoOffsetReset: values.autoOffsetReset,
    members: values.members,
    autoCommit: values.autoCommit,
  };
}
