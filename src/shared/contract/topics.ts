// Topics: list, describe, create, delete, grow, configs. Writes are refused
// on read-only profiles with READ_ONLY_CONNECTION.
import { z } from 'zod';
import { int64String, nothing, onConnection, partitionIndex, topicName } from './common.js';
import { method } from './define.js';

const topicSummary = z.object({
  name: topicName,
  internal: z.boolean(),
  partitions: z.number().int(),
  replicationFactor: z.number().int(),
  /** Sum over partitions of high − low watermark. */
  messageCount: int64String,
  /** Bytes on disk, when the cluster reports log dirs; null otherwise. */
  sizeBytes: int64String.nullable(),
});
export type TopicSummary = z.infer<typeof topicSummary>;

export const partitionDetail = z.object({
  partition: partitionIndex,
  leader: z.number().int(),
  replicas: z.array(z.number().int()),
  isr: z.array(z.number().int()),
  lowWatermark: int64String,
  highWatermark: int64String,
});

const topicConfigEntry = z.object({
  name: z.string(),
  value: z.string().nullable(),
  isDefault: z.boolean(),
  readOnly: z.boolean(),
  sensitive: z.boolean(),
});

const topicDetail = topicSummary.extend({ partitionDetails: z.array(partitionDetail) });

const onTopic = onConnection.extend({ topic: topicName });

export const topics = {
  'topics.list': method({ input: onConnection.extend({ includeInternal: z.boolean().default(false) }), output: z.array(topicSummary) }),
  'topics.describe': method({ input: onTopic, output: topicDetail }),
  'topics.create': method({
    input: onTopic.extend({
      partitions: z.number().int().min(1).max(10_000),
      replicationFactor: z.number().int().min(1).max(32767),
      configs: z.record(z.string(), z.string()).default({}),
    }),
    output: nothing,
  }),
  'topics.delete': method({ input: onTopic, output: nothing }),
  /** Partitions only grow: asking for fewer than exist is refused with the reason. */
  'topics.addPartitions': method({ input: onTopic.extend({ totalPartitions: z.number().int().min(1).max(10_000) }), output: nothing }),
  'topics.configs': method({ input: onTopic, output: z.array(topicConfigEntry) }),
  /** Sets the given keys (null removes an override); other keys are left as they are. */
  'topics.setConfigs': method({ input: onTopic.extend({ set: z.record(z.string(), z.string().nullable()) }), output: nothing }),
} as const;
