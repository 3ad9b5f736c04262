// The sandboxed preload: bundled by esbuild into one CommonJS file (dist/electron/preload.cjs)
// that requires nothing but 'electron'. It exposes one object to the page, holding `call`,
// which forwards a procedure name and its input to the main process, `printing`, which
// forwards this machine's print operations, `upload`, which hands a chosen file's bytes to the
// backend's staging, `updates`, the program's own updates (status, 立即安装, the answer to
// "any unsaved input?"), and `hallClient`, 连接到大厅主机 at first run. The session token never comes here: it lives in the main process (see
// electron/main/ipcApi.ts).
import { contextBridge, ipcRenderer } from 'electron';
import { DESKTOP_BRIDGE_KEY, IPC_API_CHANNEL, IPC_PRINTING_CHANNEL, IPC_UPLOAD_CHANNEL } from '../../shared/api/bridge';
import { IPC_HALL_CLIENT_CHANNEL } from '../../shared/hallNetwork/clientBridge';
import { IPC_UPDATES_CHANNEL, IPC_UPDATES_EVENT } from '../../shared/updates/bridge';
import { createDesktopBridge, createDesktopHallClient } from './desktopBridge';
import { createDesktopUpdates } from './desktopUpdates';

contextBridge.exposeInMainWorld(
  DESKTOP_BRIDGE_KEY,
  createDesktopBridge(
    (procedure, input) => ipcRenderer.invoke(IPC_API_CHANNEL, procedure, input),
    (operation, argument) => ipcRenderer.invoke(IPC_PRINTING_CHANNEL, operation, argument),
    (bytes) => ipcRenderer.invoke(IPC_UPLOAD_CHANNEL, bytes),
    createDesktopUpdates(
      (operation, argument) => ipcRenderer.invoke(IPC_UPDATES_CHANNEL, operation, argument),
      (listener) => ipcRenderer.on(IPC_UPDATES_EVENT, (_event, payload: unknown) => listener(payload)),
    ),
    createDesktopHallClient((operation, argument) => ipcRenderer.invoke(IPC_HALL_CLIENT_CHANNEL, operation, argument)),
  ),
);
