// The text filter runs over the records already loaded, in the renderer: a
// case-insensitive substring of the key, the value, or any header's name or
// value (binary payloads are matched on their base64 text).
import type { ConsumedRecord, Payload } from '../../../../shared/contract/common';

const contains = (payload: Payload | null, needle: string) => payload !== null && payload.data.toLowerCase().includes(needle);

export function recordMatches(record: ConsumedRecord, needle: string): boolean {
  if (needle === '') return true;
  return contains(record.key, needle) || contains(record.value, needle) || record.headers.some((h) => h.key.toLowerCase().includes(needle) || contains(h.value, needle));
}

export function filterRecords(records: readonly ConsumedRecord[], text: string): readonly ConsumedRecord[] {
  const needle = text.trim().toLowerCase();
  return needle === '' ? records : records.filter((record) => recordMatches(record, needle));
}
