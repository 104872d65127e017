// Sending records. A send moves the topic's watermarks, so the topic keys
// of that connection (message counts, partition offsets) go stale.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MethodInput } from '../../../shared/contract/define';
import type { Contract } from '../../../shared/contract/index';
import { useApiClient } from './client';
import { topicKeys } from './query-keys';

export type ProduceRequest = MethodInput<Contract, 'produce.send'>;

export function useProduce() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ProduceRequest) => client.call('produce.send', request),
    onSuccess: (_result, request) => queryClient.invalidateQueries({ queryKey: topicKeys.all(request.connectionId) }),
  });
}
