// The renderer's only door to the backend: exactly `invoke` and `subscribe`,
// over three fixed channels (src/shared/rpc/ipc-bridge.ts, shared with the
// main process's mount and bundled into this sandboxed preload).
import { contextBridge, ipcRenderer } from 'electron';
import { preloadBridge } from '../shared/rpc/ipc-bridge.js';

contextBridge.exposeInMainWorld('kafkaLanes', preloadBridge(ipcRenderer));
