// The reset-offsets form as plain values: what the user picked, its checks,
// and the contract request it becomes. A preview is only good for the exact
// request it was made for, so the request's JSON is its identity.
import type { ResetRequest, ResetTarget } from '../../api/use-groups';

export type ResetMode = ResetTarget['to'];

export interface ResetFormValues {
  topic: string;
  /** Empty: every partition of the topic. */
  partitions: number[];
  mode: ResetMode;
  /** A local date and time (datetime-local), or milliseconds since the epoch. */
  timestamp: string;
  offset: string;
  shift: string;
}

export type ResetFormErrors = Partial<Record<'topic' | 'timestamp' | 'offset' | 'shift', string>>;

export const emptyResetForm = (topic = ''): ResetFormValues => ({ topic, partitions: [], mode: 'earliest', timestamp: '', offset: '', shift: '' });

export const RESET_MODES: { value: ResetMode; label: string }[] = [
  { value: 'earliest', label: 'Earliest' },
  { value: 'latest', label: 'Latest' },
  { value: 'timestamp', label: 'Timestamp' },
  { value: 'offset', label: 'Offset' },
  { value: 'shift', label: 'Shift ±N' },
];

/** Milliseconds since the epoch, or null when the text is neither a date-time nor a number. */
export function parseTimestamp(text: string): string | null {
  const trimmed = text.trim();
  if (/^\d{1,16}$/.test(trimmed)) return String(Number(trimmed));
  if (trimmed === '') return null;
  const ms = new Date(trimmed).getTime();
  return Number.isFinite(ms) && ms >= 0 ? String(ms) : null;
}

export function validateResetForm(values: ResetFormValues): ResetFormErrors {
  const errors: ResetFormErrors = {};
  if (values.topic === '') errors.topic = 'Pick the topic whose offsets to reset.';
  if (values.mode === 'timestamp' && parseTimestamp(values.timestamp) === null) errors.timestamp = 'Enter a date and time.';
  if (values.mode === 'offset' && !/^\d{1,19}$/.test(values.offset.trim())) errors.offset = 'Enter an offset (0 or more).';
  if (values.mode === 'shift' && !/^[+-]?\d{1,18}$/.test(values.shift.trim())) errors.shift = 'Enter a whole number: negative moves back, positive skips ahead.';
  if (values.mode === 'shift' && /^[+-]?0+$/.test(values.shift.trim())) errors.shift = 'A shift of 0 changes nothing.';
  return errors;
}

export function toResetTarget(values: ResetFormValues): ResetTarget {
  switch (values.mode) {
    case 'earliest':
      return { to: 'earliest' };
    case 'latest':
      return { to: 'latest' };
    case 'timestamp':
      return { to: 'timestamp', timestamp: parseTimestamp(values.timestamp) ?? '0' };
    case 'offset':
      return { to: 'offset', offset: String(BigInt(values.offset.trim())) };
    case 'shift':
      return { to: 'shift', by: String(BigInt(values.shift.trim().replace(/^\+/, ''))) };
  }
}

/** The request, or null while the form has errors. */
export function toResetRequest(values: ResetFormValues, connectionId: string, groupId: string): ResetRequest | null {
  if (Object.keys(validateResetForm(values)).length > 0) return null;
  return {
    connectionId,
    groupId,
    topic: values.topic,
    ...(values.partitions.length > 0 ? { partitions: [...values.partitions].sort((a, b) => a - b) } : {}),
    target: toResetTarget(values),
  };
}

export const requestIdentity = (request: ResetRequest | null): string | null => (request === null ? null : JSON.stringify(request));

/** after − before, signed, as text ("+12", "−3", "0"); null when nothing was committed before. */
export function offsetChange(before: string | null, after: string): string | null {
  if (before === null) return null;
  const delta = BigInt(after) - BigInt(before);
  return delta > 0n ? `+${delta}` : delta < 0n ? `−${-delta}` : '0';
}
