// Loaded messages as a file: JSON keeps every field and each payload's
// encoding; CSV has one row per message (RFC 4180 quoting) with the headers
// as a JSON object in one column. CSV is for spreadsheets, so a text cell
// that a spreadsheet would run as a formula gets a leading apostrophe; the
// JSON export is the lossless one.
import type { ConsumedRecord, Payload } from '../../../../shared/contract/common';

export type ExportFormat = 'json' | 'csv';

interface ExportedRecord {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: string | null;
  keyEncoding: Payload['encoding'] | null;
  value: string | null;
  valueEncoding: Payload['encoding'] | null;
  headers: { key: string; value: string | null; encoding: Payload['encoding'] | null }[];
  /** Present when a preview was cut: the export holds its first 1 MiB only. */
  truncated?: true;
}

function exported(topic: string, record: ConsumedRecord): ExportedRecord {
  const truncated = record.key?.truncated || record.value?.truncated;
  return {
    topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    key: record.key?.data ?? null,
    keyEncoding: record.key?.encoding ?? null,
    value: record.value?.data ?? null,
    valueEncoding: record.value?.encoding ?? null,
    headers: record.headers.map((h) => ({ key: h.key, value: h.value?.data ?? null, encoding: h.value?.encoding ?? null })),
    ...(truncated ? { truncated: true as const } : {}),
  };
}

export function toJsonExport(topic: string, records: readonly ConsumedRecord[]): string {
  return `${JSON.stringify(records.map((record) => exported(topic, record)), null, 2)}\n`;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** A message value like `=HYPERLINK(…)` must not run when the export is opened in a spreadsheet. */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** A field quoted when it holds a comma, quote or line break; quotes doubled; formulas defused. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : defuseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = ['topic', 'partition', 'offset', 'timestamp', 'key', 'value', 'headers'] as const;

export function toCsvExport(topic: string, records: readonly ConsumedRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const record of records) {
    const headers = record.headers.length === 0 ? '' : JSON.stringify(Object.fromEntries(record.headers.map((h) => [h.key, h.value?.data ?? null])));
    lines.push([topic, record.partition, record.offset, record.timestamp, record.key?.data ?? null, record.value?.data ?? null, headers].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function exportFileName(topic: string, format: ExportFormat, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return `${topic}-${stamp}.${format}`;
}

/** Saves text as a file through the browser's (or Electron's) download. */
export function downloadText(fileName: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function exportRecords(topic: string, records: readonly ConsumedRecord[], format: ExportFormat, now = new Date()): void {
  const text = format === 'json' ? toJsonExport(topic, records) : toCsvExport(topic, records);
  downloadText(exportFileName(topic, format, now), text, format === 'json' ? 'application/json' : 'text/csv');
}
