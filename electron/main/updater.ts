// Automatic updates from the county's update server: the `publish` URL in electron-builder.yml
// (written into the package as app-update.yml), or the one the administrator set in 系统管理 →
// 软件更新 (updateSettingsStore.ts), with the county's own CA or the server certificate's
// fingerprint when its certificate is not publicly signed (updateTransport.ts). Only in the
// packaged app; never fatal: a township hall is often offline, and the app must work the same
// without updates. A failed check is one log line and is tried again later.
//
// An update is installed only if it carries the county's Ed25519 signature (updateSignature.ts),
// checked twice before anything runs:
//  - on Windows, inside electron-updater's download, through NsisUpdater's
//    `verifyUpdateCodeSignature` hook, ahead of the Authenticode check of `publisherName`: a
//    refused file is deleted by electron-updater and never counts as downloaded;
//  - on every platform, on `update-downloaded`, for the file at its final place (a file found
//    in the cache skips the hook; AppImage and deb have no hook at all).
// electron-updater never installs by itself (`autoInstallOnAppQuit` off): the install is ours —
// when the clerk quits (`installOnQuit`), or when the administrator presses 立即安装 and no form
// holds unsaved input (updateInstall.ts). What happens is reported as an `UpdateStatus`
// (shared/updates) for the page.
//
// No 'electron' import here, but electron-updater loads 'electron' as soon as it is imported, so
// it is loaded lazily, inside the function, and only main.ts calls this. It is loaded with
// `require` (through createRequire, which esbuild leaves alone) rather than `import()`: dynamic
// import() from inside app.asar has broken in several Electron releases, require never has.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import bundledUpdateKeys from '../../resources/update-keys.json';
import {
  EMPTY_UPDATE_SETTINGS,
  type UpdatePhase,
  type UpdateSettings,
  type UpdateStatus,
} from '../../shared/updates/bridge';
import type { Log } from './ipcApi';
import { describeUpdateFailure } from './updateProblems';
import { parseTrustedKeys, verifyUpdateFile, type TrustedUpdateKey } from './updateSignature';
import { createTrustingExecutor, trustOf } from './updateTransport';

/** What electron-updater read from latest.yml (the county's signatures among its fields). */
export interface UpdateInfoLike {
  version: string;
  releaseNotes?: unknown;
  releaseDate?: unknown;
  [field: string]: unknown;
}

/** The part of electron-updater's AppUpdater used here (a fake one, or a real NsisUpdater, in tests). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'checking-for-update', listener: () => void): unknown;
  on(event: 'update-not-available', listener: (info: UpdateInfoLike) => void): unknown;
  on(event: 'update-available', listener: (info: UpdateInfoLike) => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent?: number }) => void): unknown;
  on(event: 'update-downloaded', listener: (info: UpdateInfoLike & { downloadedFile: string }) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  /** NsisUpdater only: checks a downloaded installer before it counts as downloaded. */
  verifyUpdateCodeSignature?: (publisherNames: string[], file: string) => Promise<string | null>;
  /** AppUpdater: replaces the feed of app-update.yml (the provider is made with `httpExecutor` as it is then). */
  setFeedURL?(options: Record<string, unknown>): void;
  /** AppUpdater: app-update.yml as read from the package. */
  configOnDisk?: { value: Promise<Record<string, unknown>> };
  /** AppUpdater's HTTP client (protected in its types, a plain property at run time). */
  httpExecutor?: unknown;
}

export interface AutoUpdate {
  status(): UpdateStatus;
  /** Checks now (the administrator's 检查更新); resolves with the status once the check is over. */
  checkNow(): Promise<UpdateStatus>;
  /** Resolves when the check running now (the first one starts at once) is over. */
  whenChecked(): Promise<void>;
  /** New settings (server, trust): used from the next check on. */
  reconfigure(settings: UpdateSettings): Promise<void>;
  /** Whether a downloaded update passed the county's signature and its file is still there. */
  hasVerifiedUpdate(): boolean;
  /** The install's own phases (updateInstall.ts), shown over the download's; null: none. */
  setInstallPhase(phase: 'waitingForForms' | 'installing' | null): void;
  /** Installs the downloaded update if it passed the county's signature; `restart`: start the new version after. */
  installOnQuit(restart?: boolean): boolean;
  /** Stops the timer (tests). */
  stop(): void;
}

export interface UpdateTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AutoUpdateOptions {
  load?: () => UpdaterLike;
  /** electron-updater's ElectronHttpExecutor class, for a server with the county's own trust. */
  loadExecutorClass?: () => typeof ElectronHttpExecutor;
  /** The keys an update may be signed with; default: resources/update-keys.json. */
  trustedKeys?: readonly TrustedUpdateKey[];
  /** The administrator's settings; default: the server built into the package. */
  settings?: UpdateSettings;
  /** The running version, for the status. */
  currentVersion?: string;
  onStatus?: (status: UpdateStatus) => void;
  timers?: UpdateTimers;
  now?: () => Date;
}

/** Check again every six hours: counter PCs run all day. */
export const RECHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** After a failed check (the link down, the server off): try again sooner. */
export const RETRY_AFTER_FAILURE_MS = 30 * 60 * 1000;

const requireHere = () => createRequire(__filename);
const loadElectronUpdater = (): UpdaterLike =>
  (requireHere()('electron-updater') as typeof import('electron-updater')).autoUpdater as unknown as UpdaterLike;
const loadExecutorClass = (): typeof ElectronHttpExecutor =>
  (requireHere()('electron-updater/out/electronHttpExecutor') as { ElectronHttpExecutor: typeof ElectronHttpExecutor })
    .ElectronHttpExecutor;

const realTimers: UpdateTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** The status when there is no updater (`problem` says why). */
export function offStatus(currentVersion: string, problem: string): UpdateStatus {
  return {
    phase: 'off',
    currentVersion,
    version: null,
    releaseNotes: null,
    releaseDate: null,
    downloadPercent: null,
    signedBy: null,
    problem,
    lastCheckedAt: null,
    nextCheckAt: null,
    serverUrl: null,
  };
}

/** latest.yml's release notes as plain text: a string (HTML allowed there) or a list by version. */
export function releaseNotesText(notes: unknown): string | null {
  let text: string;
  if (typeof notes === 'string') text = notes;
  else if (Array.isArray(notes)) {
    text = notes
      .map((entry: { version?: unknown; note?: unknown }) =>
        typeof entry?.note === 'string'
          ? `${typeof entry.version === 'string' ? `${entry.version}：` : ''}${entry.note}`
          : '',
      )
      .filter(Boolean)
      .join('\n');
  } else return null;
  const plain = text
    .replace(/<br\s*\/?>|<\/(p|li|div|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return plain === '' ? null : plain.slice(0, 4000);
}

interface Offer {
  version: string;
  releaseNotes: string | null;
  releaseDate: string | null;
  phase: Extract<UpdatePhase, 'downloading' | 'verifying' | 'ready' | 'refused'>;
  downloadPercent: number | null;
  signedBy: string | null;
  problem: string | null;
}

/**
 * Starts background update checks. Resolves in every case, with null when updates are off (no
 * trusted key, no updater) after reporting why; failures are only logged.
 */
export async function startAutoUpdate(log: Log, options: AutoUpdateOptions = {}): Promise<AutoUpdate | null> {
  const currentVersion = options.currentVersion ?? '';
  const report = options.onStatus ?? (() => {});
  const off = (problem: string) => {
    report(offStatus(currentVersion, problem));
    return null;
  };
  try {
    const trusted = options.trustedKeys ?? parseTrustedKeys(bundledUpdateKeys);
    if (trusted.length === 0) {
      log('没有配置县级更新签名公钥（resources/update-keys.json），自动更新已关闭');
      return off('本程序没有配置县级更新签名公钥，自动更新已关闭（见 docs/updates.md）');
    }
    const autoUpdater = (options.load ?? loadElectronUpdater)();
    const timers = options.timers ?? realTimers;
    const now = options.now ?? (() => new Date());
    // Download in the background; install only when asked (quit, 立即安装), and only what
    // passed the signature check: electron-updater itself never installs.
    autoUpdater.autoDownload = true;
    autoUpdater.autoInstallOnAppQuit = false;
    const builtInExecutor = autoUpdater.httpExecutor;

    let serverUrl: string | null = null;
    let offer: Offer | null = null;
    let passed: { version: string; file: string } | null = null;
    let installPhase: 'waitingForForms' | 'installing' | null = null;
    let checking: Promise<void> | null = null;
    /** Set before the check is asked for: electron-updater may report its 'error' at once. */
    let inCheck = false;
    let lastProblem: string | null = null;
    let lastCheckedAt: Date | null = null;
    let nextCheckAt: Date | null = null;
    let timer: unknown = null;
    let stopped = false;

    const status = (): UpdateStatus => ({
      phase: installPhase ?? offer?.phase ?? (inCheck ? 'checking' : 'idle'),
      currentVersion,
      version: offer?.version ?? null,
      releaseNotes: offer?.releaseNotes ?? null,
      releaseDate: offer?.releaseDate ?? null,
      downloadPercent: offer?.downloadPercent ?? null,
      signedBy: offer?.signedBy ?? null,
      problem: offer?.problem ?? lastProblem,
      lastCheckedAt: lastCheckedAt?.toISOString() ?? null,
      nextCheckAt: nextCheckAt?.toISOString() ?? null,
      serverUrl,
    });
    const changed = () => report(status());

    /** Why `file` may not be installed, as the log line says it; null when it passed. */
    const refusal = async (
      file: string,
      info: UpdateInfoLike | null,
    ): Promise<{ refused: string; reason: string } | { refused: null; keyName: string }> => {
      const verdict = await verifyUpdateFile(file, info, trusted);
      if (verdict.ok) {
        const key = trusted.find((candidate) => candidate.keyId === verdict.keyId);
        return { refused: null, keyName: key?.name || verdict.keyId };
      }
      return {
        refused: `更新包未通过县级更新签名验证，已拒绝安装（版本 ${info?.version ?? '未知'}）：${verdict.reason}`,
        reason: verdict.reason,
      };
    };
    const refuse = (version: string | undefined, reason: string) => {
      passed = null;
      offer = offer ?? { ...emptyOffer(version ?? '未知') };
      offer.phase = 'refused';
      offer.problem = `更新包未通过县级更新签名验证，已删除：${reason}`;
      offer.signedBy = null;
      changed();
    };

    let announced: UpdateInfoLike | null = null;
    autoUpdater.on('error', (error) => {
      // A check's failure is logged once, by the check; a refusal was logged as it happened.
      if (inCheck) return;
      if (/已拒绝安装|not signed by the application owner/.test(error?.message ?? '') && offer?.phase === 'refused')
        return;
      lastProblem = describeUpdateFailure(error, serverUrl);
      if (offer && offer.phase !== 'ready') offer = null;
      log(`下载更新失败（不影响使用，${RETRY_AFTER_FAILURE_MS / 60_000} 分钟后重试）：${lastProblem}`);
      schedule(RETRY_AFTER_FAILURE_MS);
      changed();
    });
    autoUpdater.on('update-not-available', () => {
      if (offer?.phase !== 'ready') offer = null;
    });
    autoUpdater.on('update-available', (info) => {
      announced = info;
      // A newer version is on its way: what was downloaded before is superseded.
      if (passed?.version !== info.version) passed = null;
      if (!passed)
        offer = {
          ...emptyOffer(info.version),
          releaseNotes: releaseNotesText(info.releaseNotes),
          releaseDate: dateText(info.releaseDate),
        };
      changed();
    });
    autoUpdater.on('download-progress', (progress) => {
      if (offer?.phase !== 'downloading' || typeof progress?.percent !== 'number') return;
      const percent = Math.floor(progress.percent);
      if (percent === offer.downloadPercent) return;
      offer.downloadPercent = percent;
      changed();
    });
    const authenticode = autoUpdater.verifyUpdateCodeSignature;
    if (typeof authenticode === 'function') {
      // electron-updater deletes a refused download and reports it as an error.
      autoUpdater.verifyUpdateCodeSignature = async (publisherNames, file) => {
        if (offer) offer.phase = 'verifying';
        const verdict = await refusal(file, announced);
        if (verdict.refused === null) return authenticode(publisherNames, file);
        log(verdict.refused);
        refuse(announced?.version, verdict.reason);
        return verdict.refused;
      };
    }
    autoUpdater.on('update-downloaded', (info) => {
      void (async () => {
        if (offer) {
          offer.phase = 'verifying';
          offer.downloadPercent = 100;
          changed();
        }
        const verdict = await refusal(info.downloadedFile, info);
        if (verdict.refused !== null) {
          await rm(info.downloadedFile, { force: true }).catch(() => {});
          log(verdict.refused);
          return refuse(info.version, verdict.reason);
        }
        passed = { version: info.version, file: info.downloadedFile };
        offer = {
          ...(offer?.version === info.version ? offer : emptyOffer(info.version)),
          releaseNotes: offer?.releaseNotes ?? releaseNotesText(info.releaseNotes),
          phase: 'ready',
          downloadPercent: 100,
          signedBy: verdict.keyName,
          problem: null,
        };
        log(`新版本 ${info.version} 已下载，已通过县级更新签名验证，退出程序时安装`);
        changed();
      })().catch((error: unknown) => log('检查更新包签名时出错，本次不安装', error));
    });

    function schedule(ms: number): void {
      if (stopped) return;
      if (timer !== null) timers.clearTimeout(timer);
      nextCheckAt = new Date(now().getTime() + ms);
      timer = timers.setTimeout(() => {
        timer = null;
        void check();
      }, ms);
    }

    function check(): Promise<void> {
      if (checking) return checking;
      inCheck = true;
      const run = (async () => {
        try {
          const result = (await autoUpdater.checkForUpdates()) as {
            downloadPromise?: Promise<unknown> | null;
          } | null;
          // A refused or broken download is reported (and logged) through the 'error' event; its
          // promise must not go unhandled as well.
          result?.downloadPromise?.catch(() => {});
          lastProblem = null;
          schedule(RECHECK_INTERVAL_MS);
        } catch (error) {
          lastProblem = describeUpdateFailure(error, serverUrl);
          log(`检查更新失败（不影响使用，${RETRY_AFTER_FAILURE_MS / 60_000} 分钟后重试）：${lastProblem}`);
          schedule(RETRY_AFTER_FAILURE_MS);
        } finally {
          inCheck = false;
          lastCheckedAt = now();
        }
      })();
      checking = run.finally(() => {
        checking = null;
        changed();
      });
      changed();
      return checking;
    }

    async function reconfigure(settings: UpdateSettings): Promise<void> {
      const onDisk = autoUpdater.configOnDisk ? await autoUpdater.configOnDisk.value.catch(() => null) : null;
      const trust = trustOf(settings);
      const executorClass = options.loadExecutorClass ?? loadExecutorClass;
      autoUpdater.httpExecutor = trust ? createTrustingExecutor(executorClass(), trust) : builtInExecutor;
      const builtInUrl = typeof onDisk?.url === 'string' ? onDisk.url : null;
      serverUrl = settings.serverUrl || builtInUrl;
      // The provider is made now, with the executor just set; app-update.yml's other fields
      // (channel, publisherName, the cache folder's name) stay as built.
      if (serverUrl && autoUpdater.setFeedURL) {
        autoUpdater.setFeedURL({ channel: 'latest', ...(onDisk ?? {}), provider: 'generic', url: serverUrl });
      }
      changed();
    }

    await reconfigure(options.settings ?? EMPTY_UPDATE_SETTINGS);
    void check();

    return {
      status,
      async checkNow() {
        await check();
        return status();
      },
      whenChecked: () => checking ?? Promise.resolve(),
      reconfigure,
      hasVerifiedUpdate: () => passed !== null && existsSync(passed.file),
      setInstallPhase(phase) {
        installPhase = phase;
        changed();
      },
      installOnQuit(restart = false) {
        if (!passed || !existsSync(passed.file)) return false;
        log(`正在安装新版本 ${passed.version}`);
        installPhase = 'installing';
        changed();
        // Silent; started again after the install only when the administrator asked (立即安装),
        // not when the clerk chose to quit.
        autoUpdater.quitAndInstall(true, restart);
        return true;
      },
      stop() {
        stopped = true;
        if (timer !== null) timers.clearTimeout(timer);
        timer = null;
      },
    };
  } catch (error) {
    log('自动更新不可用（不影响使用）', error);
    return off('自动更新不可用（详见日志）');
  }
}

function emptyOffer(version: string): Offer {
  return {
    version,
    releaseNotes: null,
    releaseDate: null,
    phase: 'downloading',
    downloadPercent: null,
    signedBy: null,
    problem: null,
  };
}

function dateText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
