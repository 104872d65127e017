// Consumer groups: list, describe, reset offsets (always previewable), delete.
// Resets follow kafka-consumer-groups --reset-offsets and are refused while
// the group has members.
import { z } from 'zod';
import { groupId, int64String, nothing, onConnection, partitionIndex, topicName } from './common.js';
import { method } from './define.js';

export const groupState = z.enum(['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Unknown']);

const groupSummary = z.object({
  groupId,
  state: groupState,
  protocolType: z.string(),
  members: z.number().int(),
  /** Null when the group has no committed offsets. */
  totalLag: int64String.nullable(),
});

const groupMember = z.object({
  memberId: z.string(),
  clientId: z.string(),
  host: z.string(),
  groupInstanceId: z.string().nullable(),
  assignment: z.array(z.object({ topic: topicName, partitions: z.array(partitionIndex) })),
});

const groupPartitionOffset = z.object({
  topic: topicName,
  partition: partitionIndex,
  committed: int64String.nullable(),
  /** Null for a partition the group committed on a topic that no longer exists. */
  highWatermark: int64String.nullable(),
  lag: int64String.nullable(),
  /** The member id the partition is assigned to, if any. */
  member: z.string().nullable(),
});

const groupDetail = groupSummary.extend({
  protocol: z.string(),
  memberDetails: z.array(groupMember),
  offsets: z.array(groupPartitionOffset),
});

const resetTarget = z.discriminatedUnion('to', [
  z.object({ to: z.literal('earliest') }),
  z.object({ to: z.literal('latest') }),
  z.object({ to: z.literal('timestamp'), timestamp: int64String }),
  z.object({ to: z.literal('offset'), offset: int64String }),
  z.object({ to: z.literal('shift'), by: int64String }),
]);

const resetInput = onConnection.extend({
  groupId,
  topic: topicName,
  /** Absent: every partition of the topic. */
  partitions: z.array(partitionIndex).optional(),
  target: resetTarget,
});

const resetPreview = z.object({
  partitions: z.array(
    z.object({
      partition: partitionIndex,
      before: int64String.nullable(),
      after: int64String,
      /** The target was outside [log start, log end] and moved to the nearer bound (the tool warns the same way). */
      clamped: z.boolean(),
    }),
  ),
});

export const groups = {
  'groups.list': method({ input: onConnection, output: z.array(groupSummary) }),
  'groups.describe': method({ input: onConnection.extend({ groupId }), output: groupDetail }),
  /** The dry run: what a reset would change, per partition; nothing is written. */
  'groups.previewReset': method({ input: resetInput, output: resetPreview }),
  'groups.reset': method({ input: resetInput, output: resetPreview }),
  'groups.delete': method({ input: onConnection.extend({ groupId }), output: nothing }),
} as const;
