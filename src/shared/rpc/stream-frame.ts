// How stream traffic is framed on message-based transports (Electron IPC,
// WebSocket): one frame per event, and a last frame when the stream ends.
import { z } from 'zod';
import { appErrorSchema } from './result.js';

export const streamFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event'), event: z.unknown() }),
  z.object({ type: z.literal('end'), error: appErrorSchema.optional() }),
]);

export type StreamFrame = z.infer<typeof streamFrameSchema>;
