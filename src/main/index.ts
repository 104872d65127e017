// Electron main process: one hardened window and the backend mounted over IPC.
// Everything Kafka happens in src/backend; this file stays thin because the
// Electron binary is not available on every machine the project is built and
// tested on (the IPC mount itself is tested without Electron).
import { app, BrowserWindow, ipcMain, shell } from 'electron';
import { join } from 'node:path';
import { createBackend, type Backend } from '../backend/create-backend.js';
import { mountIpcTransport } from './ipc-transport.js';

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Kafka Lanes',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    },
  });
  const devServer = process.env['ELECTRON_RENDERER_URL'];
  if (devServer) void window.loadURL(devServer);
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  return window;
}

// No page in this app may open windows, navigate away or embed webviews;
// https links go to the user's browser instead.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

if (!app.requestSingleInstanceLock()) {
  // A second copy would fight the first over the local broker's port and data.
  app.quit();
} else {
  let backend: Backend | null = null;
  let unmount: (() => void) | null = null;

  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());

  void app.whenReady().then(() => {
    backend = createBackend({ userDataDir: app.getPath('userData'), autoStartLocalBroker: true });
    unmount = mountIpcTransport(ipcMain, backend.dispatcher);
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  // Quit waits for the backend: every lane's consumers leave their groups
  // (LeaveGroup) and the local broker shuts down cleanly.
  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed || !backend) return;
    event.preventDefault();
    unmount?.();
    void backend.dispose().finally(() => {
      disposed = true;
      app.quit();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
