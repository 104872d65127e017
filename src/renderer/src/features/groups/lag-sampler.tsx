// Mounted once for the whole window: polls the active connection's group list
// and records each answer's lag into the history behind the sparklines. The
// group list screen shares the same query, so it refreshes at the same pace.
import { useEffect } from 'react';
import { useActiveConnection } from '../../api/use-active-connection';
import { GROUP_SAMPLE_INTERVAL_MS, useGroups } from '../../api/use-groups';
import { useLagHistory } from './lag-history-store';

export function LagSampler() {
  const { id: connectionId } = useActiveConnection();
  const groups = useGroups(connectionId, { refetchInterval: GROUP_SAMPLE_INTERVAL_MS });
  const record = useLagHistory((state) => state.record);
  const { data, dataUpdatedAt } = groups;
  useEffect(() => {
    if (data) record(connectionId, data, dataUpdatedAt);
  }, [connectionId, data, dataUpdatedAt, record]);
  return null;
}
