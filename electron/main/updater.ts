// Automatic updates from the county's update server (the `publish` URL in electron-builder.yml,
// written into the package as app-update.yml). Only in the packaged app; never fatal: a township
// hall is often offline, and the app must work the same without updates.
//
// No 'electron' import here, but electron-updater loads 'electron' as soon as it is imported, so
// it is loaded lazily, inside the function, and only main.ts calls this. It is loaded with
// `require` (through createRequire, which esbuild leaves alone) rather than `import()`: dynamic
// import() from inside app.asar has broken in several Electron releases, require never has.
import { createRequire } from 'node:module';
import type { Log } from './ipcApi';

/** The part of electron-updater's AppUpdater used here (a fake one in tests). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  checkForUpdates(): Promise<unknown>;
}

/** Check again every six hours: counter PCs run all day. */
export const RECHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

const loadElectronUpdater = (): UpdaterLike =>
  (createRequire(__filename)('electron-updater') as typeof import('electron-updater')).autoUpdater;

/** Starts background update checks. Resolves in every case; failures are only logged. */
export async function startAutoUpdate(log: Log, load: () => UpdaterLike = loadElectronUpdater): Promise<void> {
  try {
    const autoUpdater = load();
    // Download in the background; install when the clerk quits the app (never mid-task).
    autoUpdater.autoDownload = true;
    autoUpdater.autoInstallOnAppQuit = true;
    autoUpdater.on('error', (error) => log('自动更新失败（不影响使用）', error));
    autoUpdater.on('update-downloaded', (info) => log(`新版本 ${info.version} 已下载，退出程序时安装`));
    const check = async () => {
      try {
        await autoUpdater.checkForUpdates();
      } catch (error) {
        log('检查更新失败（不影响使用）', error);
      }
    };
    await check();
    setInterval(() => void check(), RECHECK_INTERVAL_MS).unref();
  } catch (error) {
    log('自动更新不可用（不影响使用）', error);
  }
}
