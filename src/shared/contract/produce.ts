// Sending records: one, or N copies from a template, at an optional rate.
// produce.sendStream is the same send with progress. produce.cancel stops it
// exactly: the stream still reports what a request in flight landed, then a
// `done` saying it was cancelled, so the caller's count equals the topic's.
// Unsubscribing also stops it, but whatever was in flight goes unreported.
import { z } from 'zod';
import { int64String, nothing, onConnection, partitionIndex, payloadInput, topicName } from './common.js';
import { method, stream } from './define.js';

const produceInput = onConnection.extend({
  topic: topicName,
  key: payloadInput.nullable().default(null),
  value: payloadInput.nullable(),
  /** 'json' checks that the value (after templating) parses as JSON. */
  valueMode: z.enum(['text', 'json', 'binary']).default('text'),
  headers: z.array(z.object({ key: z.string(), value: z.string() })).default([]),
  /** An explicit partition; absent means the client's partitioner (by key hash, or spread when keyless). */
  partition: partitionIndex.optional(),
  /** Copies to send; `{{i}}`, `{{uuid}}`, `{{now}}` and `{{random}}` in key, value and headers are filled per copy. */
  count: z.number().int().min(1).max(1_000_000).default(1),
  /** Messages per second; absent means as fast as possible. */
  ratePerSecond: z.number().positive().max(1_000_000).optional(),
});

/** Chosen by the caller (a UUID) so it can name the send to produce.cancel. */
export const sendId = z.uuid();

const produceStreamParams = produceInput.extend({ sendId: sendId.optional() });

const sentRecord = z.object({ partition: partitionIndex, offset: int64String });

const produceResult = z.object({
  sent: z.array(sentRecord),
  /** When more than the reported number were sent, only the first ones are listed. */
  total: z.number().int(),
  elapsedMs: z.number(),
});

const produceEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    /** Records sent so far, of `total` asked for. */
    sent: z.number().int(),
    total: z.number().int(),
    /** Where the records since the previous event landed; the stream lists the first 1,000 in all, like produce.send. */
    landed: z.array(sentRecord),
  }),
  z.object({
    type: z.literal('done'),
    /** Records sent: all asked for, or fewer when `cancelled`. */
    total: z.number().int(),
    elapsedMs: z.number(),
    /** Stopped by produce.cancel before every copy was sent. */
    cancelled: z.boolean(),
  }),
]);

export type ProduceEvent = z.infer<typeof produceEvent>;

export const produce = {
  'produce.send': method({ input: produceInput, output: produceResult }),
  'produce.sendStream': stream({ params: produceStreamParams, event: produceEvent }),
  /** Stops the send with that id; an unknown or finished one is left alone (cancelling twice is fine). */
  'produce.cancel': method({ input: onConnection.extend({ sendId }), output: nothing }),
} as const;
