// Topics: one hook per contract method; every write invalidates the
// connection's topic keys (counts, partitions and configs all move together).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from './client';
import { topicKeys } from './query-keys';

export function useTopics(connectionId: string, includeInternal = false) {
  const client = useApiClient();
  return useQuery({
    queryKey: topicKeys.list(connectionId, includeInternal),
    queryFn: () => client.call('topics.list', { connectionId, includeInternal }),
  });
}

export function useTopicDescribe(connectionId: string, topic: string) {
  const client = useApiClient();
  return useQuery({ queryKey: topicKeys.describe(connectionId, topic), queryFn: () => client.call('topics.describe', { connectionId, topic }) });
}

export function useTopicConfigs(connectionId: string, topic: string) {
  const client = useApiClient();
  return useQuery({ queryKey: topicKeys.configs(connectionId, topic), queryFn: () => client.call('topics.configs', { connectionId, topic }) });
}

function useTopicWrite<Input>(connectionId: string, write: (input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: topicKeys.all(connectionId) }),
  });
}

export interface CreateTopicInput {
  topic: string;
  partitions: number;
  replicationFactor: number;
  configs: Record<string, string>;
}

export function useCreateTopic(connectionId: string) {
  const client = useApiClient();
  return useTopicWrite(connectionId, (input: CreateTopicInput) => client.call('topics.create', { connectionId, ...input }));
}

export function useDeleteTopic(connectionId: string) {
  const client = useApiClient();
  return useTopicWrite(connectionId, (topic: string) => client.call('topics.delete', { connectionId, topic }));
}

export function useAddPartitions(connectionId: string) {
  const client = useApiClient();
  return useTopicWrite(connectionId, (input: { topic: string; totalPartitions: number }) => client.call('topics.addPartitions', { connectionId, ...input }));
}
