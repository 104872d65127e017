// A TCP proxy in front of the broker that loses one Produce response: it
// swallows the answer and drops the connection, as a network failure after
// the broker appended would. The producer must retry the same batch, and only
// the broker's duplicate detection keeps it from being stored twice.
import { createServer, connect, type Server, type Socket } from 'node:net';

const PRODUCE = 0;

export interface DroppingProxy {
  readonly port: number;
  /** Produce responses swallowed so far. */
  readonly dropped: number;
  /** Produce requests forwarded so far. */
  readonly produceRequests: number;
  close(): Promise<void>;
}

/** Splits a byte stream into size-prefixed frames. */
function frameSplitter(onFrame: (frame: Buffer) => void): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
      const size = pending.readInt32BE(0);
      onFrame(pending.subarray(0, 4 + size));
      pending = pending.subarray(4 + size);
    }
  };
}

/** Listens on a free port; forwards to `targetPort` and drops the first `dropCount` Produce responses. */
export async function startDroppingProxy(targetPort: () => number, dropCount = 1): Promise<DroppingProxy> {
  let dropped = 0;
  let produceRequests = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect({ port: targetPort(), host: '127.0.0.1' });
    sockets.add(client).add(upstream);
    const apiKeyByCorrelation = new Map<number, number>();
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', frameSplitter((frame) => {
      const apiKey = frame.readInt16BE(4);
      if (apiKey === PRODUCE) produceRequests++;
      apiKeyByCorrelation.set(frame.readInt32BE(8), apiKey);
      upstream.write(frame);
    }));
    upstream.on('data', frameSplitter((frame) => {
      const correlationId = frame.readInt32BE(4);
      if (apiKeyByCorrelation.get(correlationId) === PRODUCE && dropped < dropCount) {
        dropped++;
        closeBoth();
        return;
      }
      apiKeyByCorrelation.delete(correlationId);
      if (!client.destroyed) client.write(frame);
    }));
    for (const socket of [client, upstream]) {
      socket.on('error', closeBoth);
      socket.on('close', () => {
        sockets.delete(socket);
        closeBoth();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no TCP address');
  return {
    port: address.port,
    get dropped() {
      return dropped;
    },
    get produceRequests() {
      return produceRequests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
