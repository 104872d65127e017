// UI-only state that should survive a reload: which connection is active.
// Server data never lives here; it stays in TanStack Query's cache.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export const LOCAL_CONNECTION_ID = 'local';

interface UiState {
  activeConnectionId: string;
  setActiveConnection: (id: string) => void;
}

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      activeConnectionId: LOCAL_CONNECTION_ID,
      setActiveConnection: (id) => set({ activeConnectionId: id }),
    }),
    { name: 'kafka-lanes.ui', storage: createJSONStorage(() => localStorage) },
  ),
);
