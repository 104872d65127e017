// The Electron IPC wire, defined once: the three fixed channels and the bridge
// the preload exposes over them. The main process's mount, the preload and the
// tests' fake ipcRenderer all use these, so the two ends cannot drift apart.
// Pure (no Electron import): the preload bundle inlines it.
import type { PreloadBridge } from './ipc-client-transport.js';

export const IPC_CHANNELS = { invoke: 'kl:invoke', subscribe: 'kl:subscribe', event: 'kl:event' } as const;

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The slice of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): void;
  removeListener(channel: string, listener: IpcListener): void;
}

/** Exactly `invoke` and `subscribe`: no raw ipcRenderer, no caller-chosen channel names. */
export function preloadBridge(ipcRenderer: IpcRendererLike): PreloadBridge {
  return {
    invoke: (method, input) => ipcRenderer.invoke(IPC_CHANNELS.invoke, method, input),
    /** `onFrame` receives `{type:'event', event}` frames and one final `{type:'end', error?}`. */
    subscribe: (stream, params, onFrame) => {
      const subscriptionId = crypto.randomUUID();
      const listener: IpcListener = (_event, id, frame) => {
        if (id === subscriptionId) onFrame(frame);
      };
      ipcRenderer.on(IPC_CHANNELS.event, listener);
      void ipcRenderer.invoke(IPC_CHANNELS.subscribe, subscriptionId, stream, params);
      return () => {
        ipcRenderer.removeListener(IPC_CHANNELS.event, listener);
        void ipcRenderer.invoke(IPC_CHANNELS.subscribe, subscriptionId, null, null);
      };
    },
  };
}
