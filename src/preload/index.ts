// The renderer's only door to the backend: exactly `invoke` and `subscribe`,
// over three fixed channels. No raw ipcRenderer, no caller-chosen channel names.
// The channel names match src/main/ipc-transport.ts; they are repeated here
// because a sandboxed preload is bundled on its own.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const INVOKE = 'kl:invoke';
const SUBSCRIBE = 'kl:subscribe';
const EVENT = 'kl:event';

contextBridge.exposeInMainWorld('kafkaLanes', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE, method, input),
  /** `onFrame` receives `{type:'event', event}` frames and one final `{type:'end', error?}`. */
  subscribe: (stream: string, params: unknown, onFrame: (frame: unknown) => void): (() => void) => {
    const subscriptionId = crypto.randomUUID();
    const listener = (_event: IpcRendererEvent, id: string, frame: unknown): void => {
      if (id === subscriptionId) onFrame(frame);
    };
    ipcRenderer.on(EVENT, listener);
    void ipcRenderer.invoke(SUBSCRIBE, subscriptionId, stream, params);
    return () => {
      ipcRenderer.removeListener(EVENT, listener);
      void ipcRenderer.invoke(SUBSCRIBE, subscriptionId, null, null);
    };
  },
});
