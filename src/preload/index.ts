// The renderer's only door to the backend: exactly `invoke` and `subscribe`,
// over three fixed channels. No raw ipcRenderer, no caller-chosen channel names.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const INVOKE = 'kl:invoke';
const SUBSCRIBE = 'kl:subscribe';
const EVENT = 'kl:event';

contextBridge.exposeInMainWorld('kafkaLanes', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE, method, input),
  subscribe: (stream: string, params: unknown, onEvent: (event: unknown) => void): (() => void) => {
    const subscriptionId = crypto.randomUUID();
    const listener = (_event: IpcRendererEvent, id: string, payload: unknown): void => {
      if (id === subscriptionId) onEvent(payload);
    };
    ipcRenderer.on(EVENT, listener);
    void ipcRenderer.invoke(SUBSCRIBE, subscriptionId, stream, params);
    return () => {
      ipcRenderer.removeListener(EVENT, listener);
      void ipcRenderer.invoke(SUBSCRIBE, subscriptionId, null, null);
    };
  },
});
