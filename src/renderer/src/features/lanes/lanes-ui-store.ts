// UI state of the Lanes screen: the topic last shown per connection, so the
// navigation link (#/lanes, no topic) comes back to the lanes the user left.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

interface LanesUiState {
  lastTopic: Record<string, string>;
  rememberTopic: (connectionId: string, topic: string) => void;
}

export const useLanesUiStore = create<LanesUiState>()(
  persist(
    (set) => ({
      lastTopic: {},
      rememberTopic: (connectionId, topic) => set((state) => ({ lastTopic: { ...state.lastTopic, [connectionId]: topic } })),
    }),
    { name: 'kafka-lanes.lanes-ui', storage: createJSONStorage(() => localStorage) },
  ),
);
