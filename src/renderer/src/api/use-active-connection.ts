// The connection every screen works on: the one picked in the header, or the
// built-in local broker when nothing (or a since-removed profile) was picked.
import type { ProfileView } from '../../../shared/contract/connections';
import { LOCAL_CONNECTION_ID, useUiStore } from '../stores/ui-store';
import { useConnections } from './use-connections';

export interface ActiveConnection {
  id: string;
  profile: ProfileView | null;
  readOnly: boolean;
}

export function useActiveConnection(): ActiveConnection {
  const chosen = useUiStore((state) => state.activeConnectionId);
  const { data } = useConnections();
  const profile = data?.find((candidate) => candidate.id === chosen) ?? null;
  if (data && !profile) {
    const local = data.find((candidate) => candidate.id === LOCAL_CONNECTION_ID) ?? null;
    return { id: LOCAL_CONNECTION_ID, profile: local, readOnly: local?.readOnly ?? false };
  }
  return { id: chosen, profile, readOnly: profile?.readOnly ?? false };
}
