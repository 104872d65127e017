// topics.*: list, describe, create, delete, grow, configs. Offsets leave as decimal strings.
import type { Contract } from '../../shared/contract/index.js';
import type { MethodHandlers } from '../../shared/rpc/dispatcher.js';
import type { TopicService, TopicSummary } from '../topics/topic-service.js';

export type TopicHandlers = Pick<
  MethodHandlers<Contract>,
  'topics.list' | 'topics.describe' | 'topics.create' | 'topics.delete' | 'topics.addPartitions' | 'topics.configs' | 'topics.setConfigs'
>;

const summaryDto = (t: TopicSummary) => ({
  name: t.name,
  internal: t.internal,
  partitions: t.partitions,
  replicationFactor: t.replicationFactor,
  messageCount: t.messageCount.toString(),
  sizeBytes: t.sizeBytes === null ? null : t.sizeBytes.toString(),
});

export function topicHandlers(topics: TopicService): TopicHandlers {
  return {
    'topics.list': async (input) => (await topics.list(input.connectionId, input.includeInternal)).map(summaryDto),
    'topics.describe': async (input) => {
      const detail = await topics.describe(input.connectionId, input.topic);
      return {
        ...summaryDto(detail),
        partitionDetails: detail.partitionDetails.map((p) => ({
          partition: p.partition,
          leader: p.leader,
          replicas: p.replicas,
          isr: p.isr,
          lowWatermark: p.low.toString(),
          highWatermark: p.high.toString(),
        })),
      };
    },
    'topics.create': async (input) => {
      await topics.create(input.connectionId, { name: input.topic, partitions: input.partitions, replicationFactor: input.replicationFactor, configs: input.configs });
      return null;
    },
    'topics.delete': async (input) => {
      await topics.delete(input.connectionId, input.topic);
      return null;
    },
    'topics.addPartitions': async (input) => {
      await topics.addPartitions(input.connectionId, input.topic, input.totalPartitions);
      return null;
    },
    'topics.configs': async (input) =>
      (await topics.configs(input.connectionId, input.topic)).map((e) => ({ name: e.name, value: e.value, isDefault: e.isDefault, readOnly: e.readOnly, sensitive: e.sensitive })),
    'topics.setConfigs': async (input) => {
      await topics.setConfigs(input.connectionId, input.topic, input.set);
      return null;
    },
  };
}
