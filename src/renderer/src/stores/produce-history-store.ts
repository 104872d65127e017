// The messages sent in this window, newest first, so any of them can be sent
// again. Kept in memory only: it is a scratchpad, not server state.
import { create } from 'zustand';
import type { ProduceRequest } from '../api/use-produce';

export interface HistoryEntry {
  id: number;
  at: number;
  request: ProduceRequest;
  /** Where the listed records landed (the first ones of a large batch). */
  sent: { partition: number; offset: string }[];
  /** Records actually sent: fewer than asked for when the send was stopped. */
  total: number;
  elapsedMs: number;
  /** Set when the send stopped before every copy was sent. */
  stopped?: 'cancelled' | 'failed';
  /** Cancelled without the backend's final count: the topic may hold more than `total`. */
  countMayBeShort?: boolean;
}

const MAX_ENTRIES = 200;

interface ProduceHistoryState {
  entries: HistoryEntry[];
  add: (entry: Omit<HistoryEntry, 'id' | 'at'>) => void;
  clear: () => void;
}

let nextId = 1;

export const useProduceHistory = create<ProduceHistoryState>()((set) => ({
  entries: [],
  add: (entry) => set((state) => ({ entries: [{ ...entry, id: nextId++, at: Date.now() }, ...state.entries].slice(0, MAX_ENTRIES) })),
  clear: () => set({ entries: [] }),
}));
