// The browse form as plain values and the browse.read request they make.
import type { BrowseRequest } from '../../api/use-browse';
import { localTimeParts } from '../../lib/format';
import { parseTimestamp } from '../groups/reset-form-model';
import type { BrowseLink } from './browse-link';

export type StartMode = 'earliest' | 'latest' | 'offset' | 'timestamp';

export interface BrowseFormValues {
  topic: string;
  start: StartMode;
  /** For latest−N: how many records back from the end of each partition. */
  minus: number;
  offset: string;
  timestamp: string;
  /** Empty: every partition. */
  partitions: number[];
  maxRecords: number;
}

export type BrowseFormErrors = Partial<Record<'topic' | 'minus' | 'offset' | 'timestamp' | 'maxRecords', string>>;

export const START_MODES: { value: StartMode; label: string }[] = [
  { value: 'earliest', label: 'Earliest' },
  { value: 'latest', label: 'Latest − N' },
  { value: 'offset', label: 'Offset' },
  { value: 'timestamp', label: 'Timestamp' },
];

/** The most one read may ask for (the contract's cap on browse.read's maxRecords). */
export const MAX_RECORDS_LIMIT = 100_000;
/** How long one read may take before it stops with what it has. */
export const BROWSE_WAIT_MS = 30_000;

/** Milliseconds as the datetime-local input shows them, in the user's time zone. */
export function toDateTimeInput(ms: string): string {
  const time = localTimeParts(Number(ms));
  return time ? `${time.date}T${time.clock}` : '';
}

export function browseFormFromLink(link: BrowseLink | null): BrowseFormValues {
  const start = link?.start ?? { from: 'earliest' as const };
  return {
    topic: link?.topic ?? '',
    start: start.from,
    minus: start.from === 'latest' ? start.minus : 100,
    offset: start.from === 'offset' ? start.offset : '',
    timestamp: start.from === 'timestamp' ? toDateTimeInput(start.timestamp) : '',
    partitions: link?.partitions ?? [],
    maxRecords: link?.maxRecords ?? 500,
  };
}

/** The link that reads the same again: the request's topic, partitions, start and limit. */
export function toBrowseLink(request: BrowseRequest): BrowseLink {
  return {
    topic: request.topic,
    ...(request.partitions ? { partitions: request.partitions } : {}),
    start: request.start,
    ...(request.maxRecords !== undefined ? { maxRecords: request.maxRecords } : {}),
  };
}

export function validateBrowseForm(values: BrowseFormValues): BrowseFormErrors {
  const errors: BrowseFormErrors = {};
  if (values.topic === '') errors.topic = 'Pick a topic to read.';
  if (values.start === 'latest' && !(Number.isInteger(values.minus) && values.minus >= 0 && values.minus <= 1_000_000)) errors.minus = 'Enter 0 to 1,000,000.';
  if (values.start === 'offset' && !/^\d{1,19}$/.test(values.offset.trim())) errors.offset = 'Enter an offset (0 or more).';
  if (values.start === 'timestamp' && parseTimestamp(values.timestamp) === null) errors.timestamp = 'Enter a date and time.';
  if (!(Number.isInteger(values.maxRecords) && values.maxRecords >= 1 && values.maxRecords <= MAX_RECORDS_LIMIT)) errors.maxRecords = `Read 1 to ${MAX_RECORDS_LIMIT.toLocaleString('en')} records.`;
  return errors;
}

export function toBrowseRequest(values: BrowseFormValues, connectionId: string): BrowseRequest | null {
  if (Object.keys(validateBrowseForm(values)).length > 0) return null;
  const start: BrowseRequest['start'] =
    values.start === 'earliest'
      ? { from: 'earliest' }
      : values.start === 'latest'
        ? { from: 'latest', minus: values.minus }
        : values.start === 'offset'
          ? { from: 'offset', offset: String(BigInt(values.offset.trim())) }
          : { from: 'timestamp', timestamp: parseTimestamp(values.timestamp) ?? '0' };
  return {
    connectionId,
    topic: values.topic,
    start,
    ...(values.partitions.length > 0 ? { partitions: [...values.partitions].sort((a, b) => a - b) } : {}),
    maxRecords: values.maxRecords,
    maxWaitMs: BROWSE_WAIT_MS,
  };
}

/** The read a link asks for, exactly (a timestamp keeps its milliseconds). */
export function requestFromLink(link: BrowseLink & { start: BrowseRequest['start'] }, connectionId: string): BrowseRequest {
  return {
    connectionId,
    topic: link.topic,
    start: link.start,
    ...(link.partitions ? { partitions: link.partitions } : {}),
    maxRecords: Math.min(Math.max(link.maxRecords ?? 500, 1), MAX_RECORDS_LIMIT),
    maxWaitMs: BROWSE_WAIT_MS,
  };
}
