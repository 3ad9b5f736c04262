// The sandboxed preload: bundled by esbuild into one CommonJS file (dist/electron/preload.cjs)
// that requires nothing but 'electron'. It exposes one object to the page, holding `call`,
// which forwards a procedure name and its input to the main process, `printing`, which
// forwards this machine's print operations, and `upload`, which hands a chosen file's bytes to
// the backend's staging. The session token never comes here: it lives in the main process (see
// electron/main/ipcApi.ts).
import { contextBridge, ipcRenderer } from 'electron';
import { DESKTOP_BRIDGE_KEY, IPC_API_CHANNEL, IPC_PRINTING_CHANNEL, IPC_UPLOAD_CHANNEL } from '../../shared/api/bridge';
import { createDesktopBridge } from './desktopBridge';

contextBridge.exposeInMainWorld(
  DESKTOP_BRIDGE_KEY,
  createDesktopBridge(
    (procedure, input) => ipcRenderer.invoke(IPC_API_CHANNEL, procedure, input),
    (operation, argument) => ipcRenderer.invoke(IPC_PRINTING_CHANNEL, operation, argument),
    (bytes) => ipcRenderer.invoke(IPC_UPLOAD_CHANNEL, bytes),
  ),
);
