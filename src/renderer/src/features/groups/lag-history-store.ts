// Lag over time, sampled from the group list while the app runs. Kafka keeps
// no history of lag, so the app keeps its own: in memory, per connection and
// group, bounded in samples per group; a group that leaves the list drops its
// history. Samples are derived numbers, not a copy of the server's answer.
import { create } from 'zustand';

/** At the 5 s sampling interval: the last ten minutes. */
export const MAX_SAMPLES_PER_GROUP = 120;

export interface LagSample {
  at: number;
  /** Null while the group has no committed offsets. */
  lag: number | null;
}

type History = Record<string, Record<string, LagSample[]>>;

interface LagHistoryState {
  history: History;
  record: (connectionId: string, groups: readonly { groupId: string; totalLag: string | null }[], at: number) => void;
  clear: () => void;
}

/** Adds one sample per listed group; pure, so the bound is testable. */
export function appendSamples(history: History, connectionId: string, groups: readonly { groupId: string; totalLag: string | null }[], at: number): History {
  const previous = history[connectionId] ?? {};
  const next: Record<string, LagSample[]> = {};
  for (const group of groups) {
    const series = previous[group.groupId] ?? [];
    if (series.length > 0 && series[series.length - 1].at >= at) {
      next[group.groupId] = series;
      continue;
    }
    const lag = group.totalLag === null ? null : Number(group.totalLag);
    const kept = series.length >= MAX_SAMPLES_PER_GROUP ? series.slice(series.length - MAX_SAMPLES_PER_GROUP + 1) : series;
    next[group.groupId] = [...kept, { at, lag }];
  }
  return { ...history, [connectionId]: next };
}

export const useLagHistory = create<LagHistoryState>()((set) => ({
  history: {},
  record: (connectionId, groups, at) => set((state) => ({ history: appendSamples(state.history, connectionId, groups, at) })),
  clear: () => set({ history: {} }),
}));

const NO_SAMPLES: LagSample[] = [];

export function useLagSamples(connectionId: string, groupId: string): LagSample[] {
  return useLagHistory((state) => state.history[connectionId]?.[groupId] ?? NO_SAMPLES);
}
