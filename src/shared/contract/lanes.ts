// Lanes: a consumer group made visible. Each member is a real consumer in the
// group; events arrive batched (at most one per 50 ms or per 1,000 records).
import { z } from 'zod';
import { consumedRecord, groupId, int64String, laneId, nothing, onConnection, partitionIndex, topicName } from './common.js';
import { method, stream } from './define.js';

export const laneState = z.enum(['starting', 'running', 'paused', 'stopped', 'reconnecting', 'failed']);

const laneConfig = z.object({
  topic: topicName,
  groupId: groupId.min(1),
  autoOffsetReset: z.enum(['earliest', 'latest']),
  members: z.number().int().min(1).max(16),
  autoCommit: z.boolean().default(true),
});

const laneView = laneConfig.extend({
  laneId,
  connectionId: z.string(),
  state: laneState,
  memberIds: z.array(z.string()),
});
export type LaneView = z.infer<typeof laneView>;

const memberRecord = consumedRecord.extend({ member: z.string() });

const laneEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('records'), seq: z.number().int(), records: z.array(memberRecord) }),
  z.object({
    type: z.literal('assignment'),
    seq: z.number().int(),
    generationId: z.number().int(),
    members: z.array(z.object({ member: z.string(), partitions: z.array(partitionIndex) })),
    /** When the lane first saw this generation (ms since the epoch); absent from older backends. */
    at: int64String.optional(),
    /**
     * A past generation from the lane's history, sent to a subscriber that
     * arrived later: it belongs on the timeline, but is not the current assignment.
     */
    replayed: z.boolean().optional(),
  }),
  z.object({ type: z.literal('rebalance'), seq: z.number().int(), member: z.string(), change: z.enum(['join', 'leave']), at: int64String }),
  z.object({
    type: z.literal('lag'),
    seq: z.number().int(),
    partitions: z.array(z.object({ partition: partitionIndex, committed: int64String.nullable(), highWatermark: int64String, lag: int64String })),
    total: int64String,
  }),
  z.object({ type: z.literal('state'), seq: z.number().int(), state: laneState, detail: z.string().nullable() }),
  /** The client fell behind: consumers are paused until it catches up. */
  z.object({ type: z.literal('backpressure'), seq: z.number().int(), paused: z.boolean(), bufferedRecords: z.number().int() }),
  z.object({ type: z.literal('error'), seq: z.number().int(), code: z.string(), message: z.string(), retriable: z.boolean() }),
]);
export type LaneEvent = z.infer<typeof laneEvent>;

const onLane = z.object({ laneId });

export const lanes = {
  'lanes.open': method({ input: onConnection.extend(laneConfig.shape), output: laneView }),
  'lanes.list': method({ input: z.object({}), output: z.array(laneView) }),
  'lanes.pause': method({ input: onLane, output: laneView }),
  'lanes.resume': method({ input: onLane, output: laneView }),
  /** Stops the members (they leave the group); the lane can be started again. */
  'lanes.stop': method({ input: onLane, output: laneView }),
  'lanes.start': method({ input: onLane, output: laneView }),
  'lanes.close': method({ input: onLane, output: nothing }),
  'lanes.addMember': method({ input: onLane, output: laneView }),
  'lanes.removeMember': method({ input: onLane.extend({ member: z.string().optional() }), output: laneView }),
  /** Stop, reset the group's offsets to earliest, start again. */
  'lanes.replay': method({ input: onLane, output: laneView }),
  'lanes.events': stream({ params: onLane, event: laneEvent }),
} as const;
