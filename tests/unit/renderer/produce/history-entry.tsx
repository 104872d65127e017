import type { HistoryEntry } from '../../../../src/renderer/src/stores/produce-history-store';

/** A produce-history entry: `partitions[i]` is where copy i landed, at offset i. */
export const historyEntry = (id: number, key: string | null, partitions: number[]): HistoryEntry => ({
  id,
  at: id,
  request: { connectionId: 'local', topic: 't', key: key === null ? null : { encoding: 'utf8', data: key }, value: { data: 'v' }, count: partitions.length },
  sent: partitions.map((partition, index) => ({ partition, offset: String(index) })),
  total: partitions.length,
  elapsedMs: 1,
});
