// Reading a topic without a group: bounded by count and time, cancellable,
// with progress per partition; records arrive merged in timestamp order.
import { z } from 'zod';
import { consumedRecord, int64String, onConnection, partitionIndex, payload, topicName } from './common.js';
import { method, stream } from './define.js';

const browseStart = z.discriminatedUnion('from', [
  z.object({ from: z.literal('earliest') }),
  z.object({ from: z.literal('latest'), minus: z.number().int().min(0).max(1_000_000) }),
  z.object({ from: z.literal('offset'), offset: int64String }),
  z.object({ from: z.literal('timestamp'), timestamp: int64String }),
]);

const browseParams = onConnection.extend({
  topic: topicName,
  partitions: z.array(partitionIndex).optional(),
  start: browseStart,
  maxRecords: z.number().int().min(1).max(100_000).default(500),
  maxWaitMs: z.number().int().min(100).max(120_000).default(10_000),
});

const browseEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('records'), records: z.array(consumedRecord) }),
  z.object({
    type: z.literal('progress'),
    partitions: z.array(z.object({ partition: partitionIndex, start: int64String, position: int64String, end: int64String })),
  }),
  z.object({ type: z.literal('done'), reason: z.enum(['count', 'end', 'time']), records: z.number().int(), elapsedMs: z.number() }),
]);

export type BrowseParams = z.output<typeof browseParams>;
export type BrowseEvent = z.infer<typeof browseEvent>;

export const browse = {
  'browse.read': stream({ params: browseParams, event: browseEvent }),
  /** The whole key or value of one record, when the preview was truncated. */
  'browse.value': method({
    input: onConnection.extend({ topic: topicName, partition: partitionIndex, offset: int64String, part: z.enum(['key', 'value']) }),
    output: payload.nullable(),
  }),
} as const;
