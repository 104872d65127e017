// Mounts the backend's dispatcher on Electron IPC over three fixed channels.
// Written against the small slice of ipcMain it needs, so tests drive it with
// a fake pair and no Electron binary.
import type { Dispatcher } from '../shared/rpc/dispatcher.js';
import { IPC_CHANNELS } from '../shared/rpc/ipc-bridge.js';
import { framedStreams, type FramedStreams } from '../shared/rpc/stream-frame.js';

export interface IpcSender {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): void;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: { sender: IpcSender }, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** Returns a function that closes every open subscription and removes the handlers. */
export function mountIpcTransport(ipcMain: IpcMainLike, dispatcher: Dispatcher): () => void {
  // sender id → that window's streams
  const open = new Map<number, FramedStreams<string>>();

  const forSender = (sender: IpcSender): FramedStreams<string> => {
    const known = open.get(sender.id);
    if (known) return known;
    const created = framedStreams<string>(dispatcher);
    open.set(sender.id, created);
    // A closed or reloaded window must not keep its lanes' consumers alive.
    sender.once('destroyed', () => {
      created.cancelAll();
      open.delete(sender.id);
    });
    return created;
  };

  // A non-string method name is answered like any unknown one (UNKNOWN_METHOD).
  ipcMain.handle(IPC_CHANNELS.invoke, (_event, method, input) => dispatcher.invoke(typeof method === 'string' ? method : '', input));

  ipcMain.handle(IPC_CHANNELS.subscribe, ({ sender }, subscriptionId, stream, params) => {
    if (typeof subscriptionId !== 'string' || subscriptionId.length === 0 || subscriptionId.length > 100) return;
    const subscriptions = forSender(sender);
    if (stream === null) return subscriptions.cancel(subscriptionId);
    if (subscriptions.has(subscriptionId)) return;
    subscriptions.open(subscriptionId, typeof stream === 'string' ? stream : '', params, (frame) => {
      if (!sender.isDestroyed()) sender.send(IPC_CHANNELS.event, subscriptionId, frame);
    });
  });

  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.invoke);
    ipcMain.removeHandler(IPC_CHANNELS.subscribe);
    for (const subscriptions of open.values()) subscriptions.cancelAll();
    open.clear();
  };
}
