// The WebSocket protocol of browser mode: JSON text messages, one per call,
// result or stream frame. Both ends validate every message with these schemas.
import { z } from 'zod';
import { appErrorSchema, resultSchema } from './result.js';
import { streamFrameSchema } from './stream-frame.js';

const callId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const clientMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('invoke'), id: callId, method: z.string().max(200), input: z.unknown() }),
  z.object({ t: z.literal('subscribe'), id: callId, stream: z.string().max(200), params: z.unknown() }),
  z.object({ t: z.literal('unsubscribe'), id: callId }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export const serverMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('result'), id: callId, result: resultSchema }),
  z.object({ t: z.literal('frame'), id: callId, frame: streamFrameSchema }),
  /** A message the server could not accept at all (not JSON, unknown shape). */
  z.object({ t: z.literal('rejected'), id: callId.nullable(), error: appErrorSchema }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
