// Building blocks shared by the contract's namespaces: identifiers, offsets
// as decimal strings (JSON has no 64-bit integers), and lossless byte payloads.
import { z } from 'zod';

/** A Kafka offset or millisecond timestamp: a decimal string, bigint inside the backend. */
export const int64String = z.string().regex(/^-?\d{1,19}$/, 'expected a whole number as a decimal string');

export const connectionId = z.string().min(1).max(200);
export const topicName = z.string().min(1).max(249);
export const groupId = z.string().max(1000);
export const laneId = z.string().min(1).max(100);
export const partitionIndex = z.number().int().min(0).max(1_000_000);

/**
 * Bytes crossing the contract: UTF-8 text when the bytes are valid UTF-8,
 * otherwise base64; always with the true size. `truncated` marks a preview
 * cut to the preview limit; the full value is fetched with `browse.value`.
 */
export const payload = z.object({
  encoding: z.enum(['utf8', 'base64']),
  data: z.string(),
  size: z.number().int().min(0),
  truncated: z.boolean(),
});
export type Payload = z.infer<typeof payload>;

export const header = z.object({ key: z.string(), value: payload.nullable() });

/** What a user types as a record's bytes: text, or base64 for binary. */
export const payloadInput = z.object({ encoding: z.enum(['utf8', 'base64']).default('utf8'), data: z.string() });

export const consumedRecord = z.object({
  partition: partitionIndex,
  offset: int64String,
  timestamp: int64String,
  key: payload.nullable(),
  value: payload.nullable(),
  headers: z.array(header),
});
export type ConsumedRecord = z.infer<typeof consumedRecord>;

export const empty = z.object({}).strict();
export const nothing = z.null();

/** Every cluster-scoped call names the connection profile it runs against. */
export const onConnection = z.object({ connectionId });
