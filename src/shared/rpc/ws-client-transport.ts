// The renderer's transport in browser mode: one WebSocket carrying numbered
// calls and subscriptions. If the socket drops, pending calls fail with a
// retriable TRANSPORT_ERROR, open streams end with it, and the next call
// opens a fresh socket.
import { appError, type AppError } from '../app-error.js';
import type { Result } from './result.js';
import type { Transport } from './transport.js';
import { serverMessageSchema, type ClientMessage } from './ws-messages.js';

/** The part of the WebSocket API (browser or the `ws` package) this needs. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

const OPEN = 1;

interface Subscription {
  onEvent(event: unknown): void;
  onEnd?(error?: AppError): void;
}

export function wsClientTransport(openSocket: () => WebSocketLike): Transport {
  let socket: WebSocketLike | null = null;
  let ready: Promise<WebSocketLike> | null = null;
  let nextId = 1;
  const calls = new Map<number, (result: Result<unknown>) => void>();
  const streams = new Map<number, Subscription>();

  const lost = (): AppError => appError('TRANSPORT_ERROR', 'Lost the connection to the Kafka Lanes server.', { retriable: true });

  function connect(): Promise<WebSocketLike> {
    if (ready) return ready;
    const current = openSocket();
    socket = current;
    ready = new Promise((resolve, reject) => {
      current.addEventListener('open', () => resolve(current));
      current.addEventListener('error', () => reject(new Error('websocket error')));
      current.addEventListener('close', () => {
        reject(new Error('websocket closed'));
        if (socket !== current) return;
        socket = null;
        ready = null;
        for (const settle of calls.values()) settle({ ok: false, error: lost() });
        calls.clear();
        for (const stream of streams.values()) stream.onEnd?.(lost());
        streams.clear();
      });
      current.addEventListener('message', ({ data }) => receive(data));
    });
    ready.catch(() => undefined);
    return ready;
  }

  function receive(data: unknown): void {
    let parsed;
    try {
      parsed = serverMessageSchema.safeParse(JSON.parse(String(data)));
    } catch {
      return;
    }
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.t === 'result') {
      calls.get(message.id)?.(message.result as Result<unknown>);
      calls.delete(message.id);
    } else if (message.t === 'frame') {
      const stream = streams.get(message.id);
      if (!stream) return;
      if (message.frame.type === 'event') stream.onEvent(message.frame.event);
      else {
        streams.delete(message.id);
        stream.onEnd?.(message.frame.error);
      }
    } else if (message.id !== null) {
      const { error } = message;
      calls.get(message.id)?.({ ok: false, error });
      calls.delete(message.id);
      streams.get(message.id)?.onEnd?.(error);
      streams.delete(message.id);
    }
  }

  async function send(message: ClientMessage): Promise<void> {
    const open = await connect();
    if (open.readyState !== OPEN) throw new Error('websocket not open');
    open.send(JSON.stringify(message));
  }

  return {
    invoke(method, input) {
      const id = nextId++;
      return new Promise((resolve) => {
        calls.set(id, resolve);
        send({ t: 'invoke', id, method, input }).catch(() => {
          calls.delete(id);
          resolve({ ok: false, error: lost() });
        });
      });
    },
    subscribe(stream, params, onEvent, onEnd) {
      const id = nextId++;
      streams.set(id, { onEvent, onEnd });
      send({ t: 'subscribe', id, stream, params }).catch(() => {
        if (streams.delete(id)) onEnd?.(lost());
      });
      return () => {
        if (!streams.delete(id)) return;
        if (socket?.readyState === OPEN) socket.send(JSON.stringify({ t: 'unsubscribe', id } satisfies ClientMessage));
      };
    },
  };
}
