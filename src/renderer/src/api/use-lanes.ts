// Lanes: the list of open lanes and one mutation per control. Every control
// answers with the lane's new view, and the list is refetched after it; the
// live picture (records, assignment, lag) comes from `lanes.events` instead.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodInput } from '../../../shared/contract/define';
import type { Contract } from '../../../shared/contract/index';
import { useApiClient } from './client';
import { groupKeys, laneKeys } from './query-keys';

export type OpenLaneRequest = MethodInput<Contract, 'lanes.open'>;

/** The controls that take only a lane id (removeMember takes an optional member too). */
export type LaneControl = 'lanes.pause' | 'lanes.resume' | 'lanes.stop' | 'lanes.start' | 'lanes.close' | 'lanes.addMember' | 'lanes.replay';

export function useLanes() {
  const client = useApiClient();
  return useQuery({ queryKey: laneKeys.list(), queryFn: () => client.call('lanes.list', {}) });
}

export function useOpenLane() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: OpenLaneRequest) => client.call('lanes.open', request),
    onSuccess: (_lane, request) => {
      void queryClient.invalidateQueries({ queryKey: laneKeys.all });
      // A lane joins (and may create) its consumer group.
      void queryClient.invalidateQueries({ queryKey: groupKeys.all(request.connectionId) });
    },
  });
}

export interface LaneControlRequest {
  control: LaneControl | 'lanes.removeMember';
  laneId: string;
  member?: string;
}

export function useLaneControl(connectionId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ control, laneId, member }: LaneControlRequest): Promise<void> => {
      if (control === 'lanes.removeMember') await client.call('lanes.removeMember', { laneId, member });
      else await client.call(control, { laneId });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: laneKeys.all });
      // Members join and leave the group; replay moves its committed offsets.
      void queryClient.invalidateQueries({ queryKey: groupKeys.all(connectionId) });
    },
  });
}
