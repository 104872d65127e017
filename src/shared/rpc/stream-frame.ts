// How stream traffic is framed on message-based transports (Electron IPC,
// WebSocket): one frame per event, and a last frame when the stream ends.
// Both servers keep their open streams in a framedStreams table, so the
// bookkeeping (forget a stream once it ends, cancel one or all) is written once.
import { z } from 'zod';
import type { Dispatcher } from './dispatcher.js';
import { appErrorSchema } from './result.js';

export const streamFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event'), event: z.unknown() }),
  z.object({ type: z.literal('end'), error: appErrorSchema.optional() }),
]);

export type StreamFrame = z.infer<typeof streamFrameSchema>;

export interface FramedStreams<Id> {
  readonly size: number;
  has(id: Id): boolean;
  /** Subscribes and sends its frames; `backlog` is the sink's, when the transport can tell. */
  open(id: Id, stream: string, params: unknown, send: (frame: StreamFrame) => void, backlog?: () => number): void;
  cancel(id: Id): void;
  cancelAll(): void;
}

/** One connection's open streams on `dispatcher`, by the caller's subscription id. */
export function framedStreams<Id>(dispatcher: Dispatcher): FramedStreams<Id> {
  const cancels = new Map<Id, () => void>();
  return {
    get size() {
      return cancels.size;
    },
    has: (id) => cancels.has(id),
    open(id, stream, params, send, backlog) {
      let ended = false;
      const cancel = dispatcher.subscribe(stream, params, {
        emit: (event) => send({ type: 'event', event }),
        end: (error) => {
          ended = true;
          cancels.delete(id);
          send(error ? { type: 'end', error } : { type: 'end' });
        },
        ...(backlog ? { backlog } : {}),
      });
      // A stream can end during subscribe() (bad params): nothing to keep then.
      if (!ended) cancels.set(id, cancel);
    },
    cancel(id) {
      cancels.get(id)?.();
      cancels.delete(id);
    },
    cancelAll() {
      for (const cancel of cancels.values()) cancel();
      cancels.clear();
    },
  };
}
