// Connection profiles and the local broker: one hook per contract method.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { profileInput } from '../../../shared/contract/connections';
import { useApiClient } from './client';
import { clusterKeys, connectionKeys, groupKeys, localBrokerKeys, topicKeys } from './query-keys';

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
      for (const key of [topicKeys.all(saved.id), groupKeys.all(saved.id), clusterKeys.all(saved.id)]) void queryClient.invalidateQueries({ queryKey: key });
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
      for (const key of [topicKeys.all(id), groupKeys.all(id), clusterKeys.all(id)]) queryClient.removeQueries({ queryKey: key });
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

function useLocalBrokerAction(method: 'localBroker.start' | 'localBroker.stop') {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => client.call(method, {}),
    onSuccess: (status) => {
      queryClient.setQueryData(localBrokerKeys.status(), status);
      // The built-in profile follows the broker's address, and its data came and went.
      void queryClient.invalidateQueries({ queryKey: connectionKeys.all });
      for (const key of [topicKeys.all('local'), groupKeys.all('local'), clusterKeys.all('local')]) void queryClient.invalidateQueries({ queryKey: key });
    },
  });
}

export const useStartLocalBroker = () => useLocalBrokerAction('localBroker.start');
export const useStopLocalBroker = () => useLocalBrokerAction('localBroker.stop');

export function useClusterDescribe(connectionId: string | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: clusterKeys.describe(connectionId ?? ''),
    queryFn: () => client.call('cluster.describe', { connectionId: connectionId ?? '' }),
    enabled: connectionId !== null,
  });
}
