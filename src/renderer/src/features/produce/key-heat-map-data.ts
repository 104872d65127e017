// Where keys landed, from the produce history: one row per key, one column per
// partition, the cell counting records. A key made only from {{i}} is expanded
// per copy (the backend lists sent records in copy order); other placeholders
// are random per copy, so such a key stays one row under its template.
import type { HistoryEntry } from '../../stores/produce-history-store';

export interface HeatCell {
  x: string;
  y: string;
  value: number | null;
}

const OTHER_PLACEHOLDER = /\{\{\s*(uuid|now|random)\s*\}\}/;
const INDEX_PLACEHOLDER = /\{\{\s*i\s*\}\}/g;

function keyOf(entry: HistoryEntry, copy: number): string {
  const key = entry.request.key;
  if (key === null || key === undefined) return '(no key)';
  if (OTHER_PLACEHOLDER.test(key.data)) return key.data;
  return key.data.replace(INDEX_PLACEHOLDER, String(copy));
}

export interface KeyHeatMap {
  cells: HeatCell[];
  keys: string[];
  partitions: string[];
}

export function keyHeatMap(entries: HistoryEntry[], partitionCount: number, maxKeys = 24): KeyHeatMap {
  const counts = new Map<string, Map<number, number>>();
  let highest = partitionCount - 1;
  // Oldest first, so the most recently used keys end up at the end of the insertion order.
  for (const entry of [...entries].reverse()) {
    entry.sent.forEach((record, copy) => {
      const key = keyOf(entry, copy);
      const row = counts.get(key) ?? new Map<number, number>();
      counts.delete(key);
      counts.set(key, row);
      row.set(record.partition, (row.get(record.partition) ?? 0) + 1);
      highest = Math.max(highest, record.partition);
    });
  }
  const keys = [...counts.keys()].slice(-maxKeys).reverse();
  const partitions = Array.from({ length: highest + 1 }, (_, index) => String(index));
  const cells = keys.flatMap((key) => partitions.map((partition) => ({ x: partition, y: key, value: counts.get(key)?.get(Number(partition)) ?? null })));
  return { cells, keys, partitions };
}
