// The produce form's values, their validation and the request they send.
// Placeholders ({{i}}, {{uuid}}, {{now}}, {{random}}) are filled by the
// backend per copy; JSON is checked with sample values in their place.
import type { ProduceRequest } from '../../api/use-produce';

export type PartitionMode = 'auto' | 'key' | 'explicit';
export type ValueMode = 'text' | 'json';

export interface HeaderRow {
  key: string;
  value: string;
}

export interface ProduceFormValues {
  topic: string;
  key: string;
  /** Off: the record has a null key (not an empty one). */
  withKey: boolean;
  value: string;
  valueMode: ValueMode;
  headers: HeaderRow[];
  partitionMode: PartitionMode;
  partition: number;
  count: number;
  /** Messages per second; null sends as fast as possible. */
  ratePerSecond: number | null;
}

export type ProduceFormErrors = Partial<Record<'topic' | 'key' | 'value' | 'headers' | 'partition' | 'count' | 'ratePerSecond', string>>;

export function emptyProduceForm(topic = ''): ProduceFormValues {
  return { topic, key: '', withKey: true, value: '', valueMode: 'text', headers: [], partitionMode: 'auto', partition: 0, count: 1, ratePerSecond: null };
}

const PLACEHOLDER = /\{\{\s*(i|uuid|now|random)\s*\}\}/g;

/** The text with each placeholder replaced by a sample of what the backend puts there. */
export function withSampleValues(text: string): string {
  return text.replace(PLACEHOLDER, (_, name: string) => (name === 'uuid' ? '00000000-0000-4000-8000-000000000000' : name === 'now' ? '1700000000000' : '0'));
}

export function hasPlaceholders(text: string): boolean {
  return new RegExp(PLACEHOLDER.source).test(text);
}

/** Null when the text is JSON (after samples fill the placeholders), otherwise why not. */
export function jsonProblem(text: string): string | null {
  if (text.trim() === '') return 'JSON mode needs a value (an empty value is not JSON).';
  try {
    JSON.parse(withSampleValues(text));
    return null;
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}`;
  }
}

/** Pretty-prints JSON; a value with placeholders is left alone (formatting would quote them). */
export function formatJson(text: string): string | null {
  if (hasPlaceholders(text)) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}

export function validateProduceForm(values: ProduceFormValues, partitionCount: number | null): ProduceFormErrors {
  const errors: ProduceFormErrors = {};
  if (values.topic.trim() === '') errors.topic = 'Pick a topic.';
  if (values.valueMode === 'json') {
    const problem = jsonProblem(values.value);
    if (problem) errors.value = problem;
  }
  if (values.partitionMode === 'key' && (!values.withKey || values.key === '')) errors.key = 'Placing by key needs a key.';
  if (values.partitionMode === 'explicit') {
    if (!Number.isInteger(values.partition) || values.partition < 0) errors.partition = 'A partition is a whole number from 0.';
    else if (partitionCount !== null && values.partition >= partitionCount)
      errors.partition = `The topic has partitions 0 to ${partitionCount - 1}.`;
  }
  if (values.headers.some((header) => header.key.trim() === '' && header.value !== '')) errors.headers = 'Every header needs a name.';
  if (!Number.isInteger(values.count) || values.count < 1 || values.count > 1_000_000) errors.count = 'Send between 1 and 1,000,000 copies.';
  if (values.ratePerSecond !== null && !(values.ratePerSecond > 0 && values.ratePerSecond <= 1_000_000)) errors.ratePerSecond = 'A rate above 0, up to 1,000,000 per second.';
  return errors;
}

/** The request for values that validate. */
export function toProduceRequest(values: ProduceFormValues, connectionId: string): ProduceRequest {
  return {
    connectionId,
    topic: values.topic.trim(),
    key: values.withKey ? { encoding: 'utf8', data: values.key } : null,
    value: { encoding: 'utf8', data: values.value },
    valueMode: values.valueMode,
    headers: values.headers.filter((header) => header.key.trim() !== ''),
    ...(values.partitionMode === 'explicit' ? { partition: values.partition } : {}),
    count: values.count,
    ...(values.ratePerSecond !== null && values.count > 1 ? { ratePerSecond: values.ratePerSecond } : {}),
  };
}

/** What the partitioner will do, in words, for the hint under the choice. */
export function placementHint(values: ProduceFormValues): string {
  if (values.partitionMode === 'explicit') return `Every copy goes to partition ${values.partition}.`;
  if (values.withKey && values.key !== '')
    return hasPlaceholders(values.key) ? 'Each copy’s key is hashed (murmur2) to pick its partition.' : 'The key is hashed (murmur2): the same key always lands in the same partition.';
  return values.partitionMode === 'key' ? 'Enter a key to place by key.' : 'No key: records are spread across partitions.';
}
