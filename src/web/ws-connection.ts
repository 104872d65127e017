// One browser tab's WebSocket: parses each message against the protocol
// schema, forwards it to the dispatcher and sends results and stream frames
// back. A malformed message is answered with `rejected` and nothing else
// happens; the server keeps running. Closing the socket cancels its streams.
import type { WebSocket } from 'ws';
import { appError } from '../shared/app-error.js';
import { describeZodError, type Dispatcher } from '../shared/rpc/dispatcher.js';
import { framedStreams } from '../shared/rpc/stream-frame.js';
import { clientMessageSchema, type ServerMessage } from '../shared/rpc/ws-messages.js';

const MAX_STREAMS_PER_SOCKET = 256;

export function serveWebSocket(socket: WebSocket, dispatcher: Dispatcher): void {
  const streams = framedStreams<number>(dispatcher);

  const send = (message: ServerMessage) => {
    if (socket.readyState !== socket.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch (error) {
      // A backend bug (a bigint in an answer): tell the caller instead of dying.
      const detail = error instanceof Error ? error.message : String(error);
      text = JSON.stringify({ t: 'rejected', id: message.id, error: appError('INTERNAL_ERROR', `The answer could not be encoded: ${detail}`) } satisfies ServerMessage);
    }
    socket.send(text);
  };
  const reject = (id: number | null, message: string) => send({ t: 'rejected', id, error: appError('INVALID_MESSAGE', message) });

  socket.on('message', (data, isBinary) => {
    if (isBinary) return reject(null, 'Binary messages are not part of the protocol.');
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      return reject(null, 'The message is not JSON.');
    }
    const parsed = clientMessageSchema.safeParse(json);
    if (!parsed.success) {
      const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : null;
      return reject(id, `The message does not follow the protocol: ${describeZodError(parsed.error)}`);
    }
    const message = parsed.data;
    if (message.t === 'invoke') {
      void dispatcher.invoke(message.method, message.input).then((result) => send({ t: 'result', id: message.id, result }));
    } else if (message.t === 'subscribe') {
      if (streams.has(message.id)) return reject(message.id, 'That subscription id is already open.');
      if (streams.size >= MAX_STREAMS_PER_SOCKET) return reject(message.id, 'Too many open subscriptions on this connection.');
      streams.open(message.id, message.stream, message.params, (frame) => send({ t: 'frame', id: message.id, frame }), () => socket.bufferedAmount);
    } else {
      streams.cancel(message.id);
    }
  });

  socket.on('close', () => streams.cancelAll());
  socket.on('error', () => undefined);
}
