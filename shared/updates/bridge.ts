// Updates of the desktop app from the county's update server, as the main process reports them
// to the page and the administrator sets them (系统管理 → 软件更新). Only the desktop app has an
// updater; in the hall's browser windows `DesktopBridge.updates` is absent and nothing is shown.
// Pure (no Node, no DOM, no zod: the sandboxed preload bundles it); the settings' schema is in settings.ts.
/** `ipcRenderer.invoke(IPC_UPDATES_CHANNEL, operation, argument)`; operation one of `UpdatesOperation`. */
export const IPC_UPDATES_CHANNEL = 'township-desk:updates';
/** Main process → page: `UpdatesEvent`. */
export const IPC_UPDATES_EVENT = 'township-desk:updates-event';

export const UPDATES_OPERATIONS = ['status', 'check', 'install', 'getSettings', 'setSettings', 'answerForms'] as const;
export type UpdatesOperation = (typeof UPDATES_OPERATIONS)[number];

/**
 * Where an update stands:
 * - off: no updater here (not the packaged app, or no county key configured) — `problem` says why;
 * - idle: nothing newer found (or not checked yet); `problem` holds the last check's failure, if any;
 * - checking, downloading (with `downloadPercent`), verifying (the county's signature);
 * - ready: downloaded and the county's signature checked — 新版本可用, 立即安装;
 * - waitingForForms: 立即安装 was asked while a form held unsaved input: installs once none does;
 * - installing: the app is closing to install;
 * - refused: the download did not pass the county's signature and was deleted — `problem` says why.
 */
export const UPDATE_PHASES = [
  'off',
  'idle',
  'checking',
  'downloading',
  'verifying',
  'ready',
  'waitingForForms',
  'installing',
  'refused',
] as const;
export type UpdatePhase = (typeof UPDATE_PHASES)[number];

export interface UpdateStatus {
  phase: UpdatePhase;
  currentVersion: string;
  /** The version offered by the server (from downloading on; refused too). */
  version: string | null;
  /** As latest.yml gives them, as plain text (not covered by the county's signature). */
  releaseNotes: string | null;
  releaseDate: string | null;
  downloadPercent: number | null;
  /** Name of the county key whose signature the downloaded file passed (ready and after). */
  signedBy: string | null;
  /** A Chinese sentence: why off, why refused, or why the last check failed. */
  problem: string | null;
  /** ISO times. */
  lastCheckedAt: string | null;
  nextCheckAt: string | null;
  /** The update server in use (the administrator's, or the one built into the package). */
  serverUrl: string | null;
}

/** Whether the administrator should be told 新版本可用. */
export function isNewVersionAvailable(status: UpdateStatus | null): boolean {
  return status !== null && (status.phase === 'ready' || status.phase === 'waitingForForms');
}

export type InstallAnswer =
  | { outcome: 'installing' }
  /** A form holds unsaved input: the install waits for it (message in Chinese). */
  | { outcome: 'waiting'; message: string }
  | { outcome: 'nothing'; message: string };

/** Main process → page. */
export type UpdatesEvent =
  | { kind: 'status'; status: UpdateStatus }
  /** "Does any form on this page hold unsaved input?" — answered with `answerForms`. */
  | { kind: 'askForms'; id: number };

/** The administrator's settings (validated by `updateSettings` in settings.ts). */
export interface UpdateSettings {
  /** '' = the server built into the package (app-update.yml). */
  serverUrl: string;
  /** '' = none; else the SHA-256 fingerprint (`AB:CD:…`) of the server's own certificate, which alone is then trusted. */
  certificateFingerprint: string;
  /** '' = none; else the county's CA certificate (PEM): the server's certificate must chain to it. */
  caCertificatePem: string;
}

export const EMPTY_UPDATE_SETTINGS: UpdateSettings = {
  serverUrl: '',
  certificateFingerprint: '',
  caCertificatePem: '',
};

/** What the desktop bridge offers the page about updates (the desktop app only). */
export interface DesktopUpdates {
  status(): Promise<UpdateStatus>;
  /** Called with every change of the status; returns the unsubscribe. */
  onStatus(listener: (status: UpdateStatus) => void): () => void;
  /** Checks the server now (the administrator's 检查更新). */
  check(): Promise<UpdateStatus>;
  /** 立即安装: installs now, or waits while a form holds unsaved input. */
  install(): Promise<InstallAnswer>;
  getSettings(): Promise<UpdateSettings>;
  setSettings(settings: UpdateSettings): Promise<UpdateSettings>;
  /** The page's way to answer the main process's "any unsaved input?" (its form guard). */
  answerFormQuestions(isDirty: () => boolean): void;
}
