// Browser mode's HTTP server: the built renderer at /, the contract over a
// WebSocket at /ws, on 127.0.0.1 only, and only for holders of this start's
// token (see request-guard.ts).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Dispatcher } from '../shared/rpc/dispatcher.js';
import { checkRequest, TOKEN_COOKIE, tokenFromRequest } from './request-guard.js';
import { sendRefusal, sendStaticFile } from './static-files.js';
import { serveWebSocket } from './ws-connection.js';

export interface WebServerOptions {
  dispatcher: Dispatcher;
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default: 32 random bytes, hex. */
  token?: string;
  log?: (message: string) => void;
}

export interface RunningWebServer {
  readonly port: number;
  readonly token: string;
  /** The address to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const log = options.log ?? (() => undefined);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let port = 0;

  const server: Server = createServer((request, response) => {
    const verdict = checkRequest(request, { port, token, websocket: false });
    if (!verdict.allowed) {
      log(`refused ${request.method} ${request.url?.split('?')[0]}: ${verdict.reason}`);
      return sendRefusal(response, 403);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendRefusal(response, 404);
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    // The page is opened with ?token=…; the cookie lets its own assets and
    // WebSocket through without the token in every URL.
    const cookie: Record<string, string> = tokenFromRequest(request).query ? { 'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` } : {};
    sendStaticFile(response, options.rendererDir, path === '/' ? 'index.html' : path, cookie);
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const verdict = path === '/ws' ? checkRequest(request, { port, token, websocket: true }) : { allowed: false, reason: 'not /ws' };
    if (!verdict.allowed) {
      log(`refused WebSocket: ${verdict.reason}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => serveWebSocket(ws, options.dispatcher));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: HOST, port: options.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://${HOST}:${port}/?token=${token}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
