// The three ways a client reaches the backend, built for tests: in process,
// over Electron IPC (a fake ipcMain/ipcRenderer pair wired to the real
// mountIpcTransport and preload bridge), and over the browser-mode WebSocket server.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { mountIpcTransport, type IpcMainLike, type IpcSender } from '../../../src/main/ipc-transport.js';
import type { Dispatcher } from '../../../src/shared/rpc/dispatcher.js';
import { inProcessTransport } from '../../../src/shared/rpc/in-process-transport.js';
import { preloadBridge } from '../../../src/shared/rpc/ipc-bridge.js';
import { ipcClientTransport } from '../../../src/shared/rpc/ipc-client-transport.js';
import type { Transport } from '../../../src/shared/rpc/transport.js';
import { wsClientTransport, type WebSocketLike } from '../../../src/shared/rpc/ws-client-transport.js';
import { startWebServer, type RunningWebServer } from '../../../src/web/server.js';

export interface MountedTransport {
  transport: Transport;
  close(): Promise<void>;
}

export function inProcess(dispatcher: Dispatcher): MountedTransport {
  return { transport: inProcessTransport(dispatcher), close: async () => undefined };
}

/** ipcMain and one window's ipcRenderer, passing structured-cloned values like Electron does. */
export function fakeIpc(dispatcher: Dispatcher): MountedTransport & { destroyWindow(): void } {
  const handlers = new Map<string, (event: { sender: IpcSender }, ...args: unknown[]) => unknown>();
  const listeners = new Map<unknown, (channel: string, args: unknown[]) => void>();
  let destroyed = false;
  const onDestroyed: (() => void)[] = [];
  const sender: IpcSender = {
    id: 1,
    send: (channel, ...args) => {
      const cloned = structuredClone(args);
      queueMicrotask(() => listeners.forEach((listener) => listener(channel, cloned)));
    },
    isDestroyed: () => destroyed,
    once: (_event, listener) => void onDestroyed.push(listener),
  };
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const unmount = mountIpcTransport(ipcMain, dispatcher);
  const invoke = async (channel: string, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await handler({ sender }, ...structuredClone(args)));
  };
  // The real preload bridge, over a fake ipcRenderer.
  const bridge = preloadBridge({
    invoke,
    on: (channel, listener) =>
      void listeners.set(listener, (sent, args) => {
        if (sent === channel) listener({}, ...args);
      }),
    removeListener: (_channel, listener) => void listeners.delete(listener),
  });
  return {
    transport: ipcClientTransport(bridge),
    destroyWindow: () => {
      destroyed = true;
      onDestroyed.forEach((listener) => listener());
    },
    close: async () => unmount(),
  };
}

export function rendererStub(dir: string): string {
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Kafka Lanes</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("app")');
  return dir;
}

export function wsSocket(server: RunningWebServer, options: { token?: string; origin?: string } = {}): WebSocket {
  const token = options.token ?? server.token;
  return new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${token}`, { origin: options.origin ?? `http://127.0.0.1:${server.port}` });
}

export async function overWebSocket(dispatcher: Dispatcher, rendererDir: string): Promise<MountedTransport & { server: RunningWebServer }> {
  const server = await startWebServer({ dispatcher, rendererDir });
  const sockets: WebSocket[] = [];
  const transport = wsClientTransport(() => {
    const socket = wsSocket(server);
    sockets.push(socket);
    return socket as unknown as WebSocketLike;
  });
  return {
    transport,
    server,
    close: async () => {
      sockets.forEach((socket) => socket.close());
      await server.close();
    },
  };
}
