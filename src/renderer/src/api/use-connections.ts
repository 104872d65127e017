// Connection profiles and the local broker: one hook per contract method.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { z } from 'zod';
import type { profileInput } from '../../../shared/contract/connections';
import type { LocalBrokerStatus } from '../../../shared/contract/local-broker';
import { useApiClient } from './client';
import { LOCAL_CONNECTION_ID } from '../stores/ui-store';
import { connectionDataKeys, connectionKeys, localBrokerKeys } from './query-keys';
import { useStream } from './use-stream';

export type ProfileInput = z.input<typeof profileInput>;

export function useConnections() {
  const client = useApiClient();
  return useQuery({ queryKey: connectionKeys.list(), queryFn: () => client.call('connections.list', {}) });
}

/** Saving changes where a connection points, so everything read through it is stale. */
export function useSaveConnection() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (profile: ProfileInput) => client.call('connections.save', profile),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: connectionKeys.all });
      for (const key of connectionDataKeys(saved.id)) void queryClient.invalidateQueries({ queryKey: key });
    },
  });
}

export function useRemoveConnection() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => client.call('connections.remove', { id }),
    onSuccess: (_nothing, id) => {
      void queryClient.invalidateQueries({ queryKey: connectionKeys.all });
      for (const key of connectionDataKeys(id)) queryClient.removeQueries({ queryKey: key });
    },
  });
}

/** Testing writes nothing, so it invalidates nothing. */
export function useTestConnection() {
  const client = useApiClient();
  return useMutation({
    mutationFn: (target: { id: string } | { profile: ProfileInput }) => client.call('connections.test', target),
  });
}

export function useLocalBrokerStatus() {
  const client = useApiClient();
  return useQuery({ queryKey: localBrokerKeys.status(), queryFn: () => client.call('localBroker.status', {}) });
}

/** The broker's status moved (here or in another window): the built-in profile follows its address, and its data came and went. */
function localBrokerMoved(queryClient: QueryClient, status: LocalBrokerStatus): void {
  queryClient.setQueryData(localBrokerKeys.status(), status);
  void queryClient.invalidateQueries({ queryKey: connectionKeys.all });
  for (const key of connectionDataKeys(LOCAL_CONNECTION_ID)) void queryClient.invalidateQueries({ queryKey: key });
}

function useLocalBrokerAction(method: 'localBroker.start' | 'localBroker.stop') {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => client.call(method, {}),
    onSuccess: (status) => localBrokerMoved(queryClient, status),
  });
}

const keepLast = (_state: LocalBrokerStatus | null, events: LocalBrokerStatus[]) => events[events.length - 1] ?? null;

/** The status as localBroker.watch last reported it (null before the first report), applied to the cache as a start or stop is. */
export function useLocalBrokerWatch(): LocalBrokerStatus | null {
  const queryClient = useQueryClient();
  const { state } = useStream('localBroker.watch', { params: {}, initial: null, reduce: keepLast });
  useEffect(() => {
    if (state) localBrokerMoved(queryClient, state);
  }, [state, queryClient]);
  return state;
}

export const useStartLocalBroker = () => useLocalBrokerAction('localBroker.start');
export const useStopLocalBroker = () => useLocalBrokerAction('localBroker.stop');
