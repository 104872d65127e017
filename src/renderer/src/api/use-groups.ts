// Consumer groups: one hook per contract method. A reset or a delete changes
// committed offsets, lag and the group list, so both invalidate every group
// query of the connection.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodInput, MethodOutput } from '../../../shared/contract/define';
import type { Contract } from '../../../shared/contract/index';
import { useApiClient } from './client';
import { groupKeys } from './query-keys';

export type GroupSummary = MethodOutput<Contract, 'groups.list'>[number];
export type GroupDetail = MethodOutput<Contract, 'groups.describe'>;
export type ResetRequest = MethodInput<Contract, 'groups.reset'>;
export type ResetTarget = ResetRequest['target'];
export type ResetPreview = MethodOutput<Contract, 'groups.previewReset'>;

/** How often the group list (and with it the lag sparklines) is sampled. */
export const GROUP_SAMPLE_INTERVAL_MS = 5_000;

export function useGroups(connectionId: string, options: { refetchInterval?: number } = {}) {
  const client = useApiClient();
  return useQuery({
    queryKey: groupKeys.list(connectionId),
    queryFn: () => client.call('groups.list', { connectionId }),
    refetchInterval: options.refetchInterval,
    refetchIntervalInBackground: options.refetchInterval !== undefined,
  });
}

export function useGroupDescribe(connectionId: string, groupId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: groupKeys.describe(connectionId, groupId),
    queryFn: () => client.call('groups.describe', { connectionId, groupId }),
    refetchInterval: GROUP_SAMPLE_INTERVAL_MS,
  });
}

/** The dry run writes nothing, so it is a mutation only in that the user triggers it. */
export function usePreviewReset() {
  const client = useApiClient();
  return useMutation({ mutationFn: (request: ResetRequest) => client.call('groups.previewReset', request) });
}

export function useResetOffsets() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ResetRequest) => client.call('groups.reset', request),
    onSuccess: (_result, request) => queryClient.invalidateQueries({ queryKey: groupKeys.all(request.connectionId) }),
  });
}

export function useDeleteGroup(connectionId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (groupId: string) => client.call('groups.delete', { connectionId, groupId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: groupKeys.all(connectionId) }),
  });
}
