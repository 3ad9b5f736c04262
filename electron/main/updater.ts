// Automatic updates from the county's update server (the `publish` URL in electron-builder.yml,
// written into the package as app-update.yml). Only in the packaged app; never fatal: a township
// hall is often offline, and the app must work the same without updates.
//
// An update is installed only if it carries the county's Ed25519 signature (updateSignature.ts),
// checked twice before anything runs:
//  - on Windows, inside electron-updater's download, through NsisUpdater's
//    `verifyUpdateCodeSignature` hook, ahead of the Authenticode check of `publisherName`: a
//    refused file is deleted by electron-updater and never counts as downloaded;
//  - on every platform, on `update-downloaded`, for the file at its final place (a file found
//    in the cache skips the hook; AppImage and deb have no hook at all).
// electron-updater never installs by itself (`autoInstallOnAppQuit` off): main.ts asks
// `installOnQuit()` when the clerk quits, which installs only a file that passed.
//
// No 'electron' import here, but electron-updater loads 'electron' as soon as it is imported, so
// it is loaded lazily, inside the function, and only main.ts calls this. It is loaded with
// `require` (through createRequire, which esbuild leaves alone) rather than `import()`: dynamic
// import() from inside app.asar has broken in several Electron releases, require never has.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import bundledUpdateKeys from '../../resources/update-keys.json';
import type { Log } from './ipcApi';
import { parseTrustedKeys, verifyUpdateFile, type TrustedUpdateKey } from './updateSignature';

/** What electron-updater read from latest.yml (the county's signatures among its fields). */
export interface UpdateInfoLike {
  version: string;
  [field: string]: unknown;
}

/** The part of electron-updater's AppUpdater used here (a fake one, or a real NsisUpdater, in tests). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'update-available', listener: (info: UpdateInfoLike) => void): unknown;
  on(event: 'update-downloaded', listener: (info: UpdateInfoLike & { downloadedFile: string }) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  /** NsisUpdater only: checks a downloaded installer before it counts as downloaded. */
  verifyUpdateCodeSignature?: (publisherNames: string[], file: string) => Promise<string | null>;
}

export interface AutoUpdate {
  /** Called as the app quits: installs the downloaded update if it passed the county's signature. */
  installOnQuit(): boolean;
}

export interface AutoUpdateOptions {
  load?: () => UpdaterLike;
  /** The keys an update may be signed with; default: resources/update-keys.json. */
  trustedKeys?: readonly TrustedUpdateKey[];
}

/** Check again every six hours: counter PCs run all day. */
export const RECHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

const loadElectronUpdater = (): UpdaterLike =>
  (createRequire(__filename)('electron-updater') as typeof import('electron-updater')).autoUpdater;

/**
 * Starts background update checks. Resolves in every case, with null when updates are off (no
 * trusted key, no updater); failures are only logged.
 */
export async function startAutoUpdate(log: Log, options: AutoUpdateOptions = {}): Promise<AutoUpdate | null> {
  try {
    const trusted = options.trustedKeys ?? parseTrustedKeys(bundledUpdateKeys);
    if (trusted.length === 0) {
      log('没有配置县级更新签名公钥（resources/update-keys.json），自动更新已关闭');
      return null;
    }
    const autoUpdater = (options.load ?? loadElectronUpdater)();
    // Download in the background; install when the clerk quits the app (never mid-task), and
    // only what passed the signature check: electron-updater itself never installs.
    autoUpdater.autoDownload = true;
    autoUpdater.autoInstallOnAppQuit = false;

    let announced: UpdateInfoLike | null = null;
    let passed: { version: string; file: string } | null = null;
    /** Why `file` may not be installed, as the log line says it; null when it passed. */
    const refusal = async (file: string, info: UpdateInfoLike | null): Promise<string | null> => {
      const verdict = await verifyUpdateFile(file, info, trusted);
      if (verdict.ok) return null;
      return `更新包未通过县级更新签名验证，已拒绝安装（版本 ${info?.version ?? '未知'}）：${verdict.reason}`;
    };

    autoUpdater.on('error', (error) => log('自动更新失败（不影响使用）', error));
    autoUpdater.on('update-available', (info) => {
      announced = info;
      passed = null; // a newer version is on its way: what was downloaded before is superseded
    });
    const authenticode = autoUpdater.verifyUpdateCodeSignature;
    if (typeof authenticode === 'function') {
      // electron-updater deletes a refused download and reports it as an error.
      autoUpdater.verifyUpdateCodeSignature = async (publisherNames, file) => {
        const refused = await refusal(file, announced);
        if (!refused) return authenticode(publisherNames, file);
        log(refused);
        return refused;
      };
    }
    autoUpdater.on('update-downloaded', (info) => {
      void (async () => {
        const refused = await refusal(info.downloadedFile, info);
        if (refused) {
          await rm(info.downloadedFile, { force: true }).catch(() => {});
          return log(refused);
        }
        passed = { version: info.version, file: info.downloadedFile };
        log(`新版本 ${info.version} 已下载，已通过县级更新签名验证，退出程序时安装`);
      })().catch((error: unknown) => log('检查更新包签名时出错，本次不安装', error));
    });

    const check = async () => {
      try {
        const result = (await autoUpdater.checkForUpdates()) as { downloadPromise?: Promise<unknown> | null } | null;
        // A refused or broken download is reported (and logged) through the 'error' event; its
        // promise must not go unhandled as well.
        result?.downloadPromise?.catch(() => {});
      } catch (error) {
        log('检查更新失败（不影响使用）', error);
      }
    };
    await check();
    setInterval(() => void check(), RECHECK_INTERVAL_MS).unref();
    return {
      installOnQuit() {
        if (!passed || !existsSync(passed.file)) return false;
        log(`正在安装新版本 ${passed.version}`);
        // Silent, and the app is not started again: the clerk chose to quit.
        autoUpdater.quitAndInstall(true, false);
        return true;
      },
    };
  } catch (error) {
    log('自动更新不可用（不影响使用）', error);
    return null;
  }
}
