// Mounts the backend's dispatcher on Electron IPC over three fixed channels.
// Written against the small slice of ipcMain it needs, so tests drive it with
// a fake pair and no Electron binary.
import type { Dispatcher } from '../shared/rpc/dispatcher.js';
import type { StreamFrame } from '../shared/rpc/stream-frame.js';

export const IPC_CHANNELS = { invoke: 'kl:invoke', subscribe: 'kl:subscribe', event: 'kl:event' } as const;

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
  // sender id → subscription id → cancel
  const open = new Map<number, Map<string, () => void>>();

  const forSender = (sender: IpcSender): Map<string, () => void> => {
    let subscriptions = open.get(sender.id);
    if (!subscriptions) {
      subscriptions = new Map();
      open.set(sender.id, subscriptions);
      // A closed or reloaded window must not keep its lanes' consumers alive.
      sender.once('destroyed', () => {
        for (const cancel of subscriptions!.values()) cancel();
        open.delete(sender.id);
      });
    }
    return subscriptions;
  };

  ipcMain.handle(IPC_CHANNELS.invoke, (_event, method, input) =>
    typeof method === 'string' ? dispatcher.invoke(method, input) : dispatcher.invoke('', input),
  );

  ipcMain.handle(IPC_CHANNELS.subscribe, ({ sender }, subscriptionId, stream, params) => {
    if (typeof subscriptionId !== 'string' || subscriptionId.length === 0 || subscriptionId.length > 100) return;
    const subscriptions = forSender(sender);
    if (stream === null) {
      subscriptions.get(subscriptionId)?.();
      subscriptions.delete(subscriptionId);
      return;
    }
    if (subscriptions.has(subscriptionId)) return;
    let ended = false;
    const deliver = (frame: StreamFrame) => {
      if (!sender.isDestroyed()) sender.send(IPC_CHANNELS.event, subscriptionId, frame);
    };
    const cancel = dispatcher.subscribe(typeof stream === 'string' ? stream : '', params, {
      emit: (event) => deliver({ type: 'event', event }),
      end: (error) => {
        ended = true;
        subscriptions.delete(subscriptionId);
        deliver(error ? { type: 'end', error } : { type: 'end' });
      },
    });
    if (!ended) subscriptions.set(subscriptionId, cancel);
  });

  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.invoke);
    ipcMain.removeHandler(IPC_CHANNELS.subscribe);
    for (const subscriptions of open.values()) for (const cancel of subscriptions.values()) cancel();
    open.clear();
  };
}
