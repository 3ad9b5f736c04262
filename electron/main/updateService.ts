// The desktop app's updates as main.ts wires them: the administrator's settings (this PC's
// userData), the updater (updater.ts), the install that waits for unsaved forms
// (updateInstall.ts), and the page's side — one IPC channel of operations (IPC_UPDATES_CHANNEL)
// and status events to the window (IPC_UPDATES_EVENT). Plain logic (no 'electron' import:
// main.ts passes the window and the session check in), tested in test/updates/updateService.test.ts.
// Like the other IPC handlers it trusts no renderer: the sender is checked, and everything but
// reading the status and answering the forms question is for a signed-in administrator only.
import type { SessionInfo } from '../../shared/auth/api';
import {
  UPDATES_OPERATIONS,
  type InstallAnswer,
  type UpdateSettings,
  type UpdateStatus,
  type UpdatesOperation,
} from '../../shared/updates/bridge';
import type { IpcSender, Log } from './ipcApi';
import { isTrustedIpcSender } from './navigationPolicy';
import { createFormsQuestions, createInstallGate, type FormsWindow } from './updateInstall';
import { checkUpdateSettings, createUpdateSettingsStore, type UpdateSettingsStore } from './updateSettingsStore';
import { offStatus, startAutoUpdate, type AutoUpdate, type AutoUpdateOptions, type UpdateTimers } from './updater';

export interface UpdateServiceOptions {
  /** Electron's userData folder (update-settings.json). */
  userData: string;
  currentVersion: string;
  log: Log;
  /** The app's window, or null (none open). */
  mainWindow(): FormsWindow | null;
  /** Whether the window's session is a signed-in administrator's (screen not locked). */
  isAdministrator(sender: IpcSender): Promise<boolean>;
  /** Closes the app (app.quit()); `installOnQuit` then installs. */
  quit(): void;
  timers?: UpdateTimers;
  /** For tests: options passed on to startAutoUpdate (a stand-in updater, keys …). */
  updater?: Omit<AutoUpdateOptions, 'settings' | 'currentVersion' | 'onStatus' | 'timers'>;
  store?: UpdateSettingsStore;
}

export interface UpdateService {
  /** The body of `ipcMain.handle(IPC_UPDATES_CHANNEL, …)`: resolves with the answer, or rejects with a Chinese sentence. */
  handle(sender: IpcSender, operation: unknown, argument: unknown): Promise<unknown>;
  /** Starts the updater (the packaged app only); resolves once it is set up (the first check runs on). */
  start(): Promise<AutoUpdate | null>;
  status(): UpdateStatus;
  /** On quit, after the database is closed: installs a verified update (restarting it when 立即安装 asked). */
  installOnQuit(): boolean;
}

export const NOT_ADMINISTRATOR_MESSAGE = '只有系统管理员可以管理软件更新，请用系统管理员账号登录。';

/** The session answer of `auth.session` is a signed-in administrator's, screen not locked. */
export function isAdministratorSession(value: unknown): boolean {
  const session = value as Partial<SessionInfo> | null;
  return !!session && session.locked === false && !!session.user?.roles?.includes('administrator');
}

function isUpdatesOperation(value: unknown): value is UpdatesOperation {
  return typeof value === 'string' && (UPDATES_OPERATIONS as readonly string[]).includes(value);
}

const defaultTimers: UpdateTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export function createUpdateService(options: UpdateServiceOptions): UpdateService {
  const { log } = options;
  const timers = options.timers ?? defaultTimers;
  const store = options.store ?? createUpdateSettingsStore(options.userData, log);
  let autoUpdate: AutoUpdate | null = null;
  let current: UpdateStatus = offStatus(options.currentVersion, '开发版本（未打包）不自动更新');

  const publish = (status: UpdateStatus) => {
    current = status;
    try {
      options.mainWindow()?.send({ kind: 'status', status });
    } catch {
      // The window is closing: it will ask for the status when it opens again.
    }
  };

  const forms = createFormsQuestions({ timers });
  const gate = createInstallGate({
    hasVerifiedUpdate: () => autoUpdate?.hasVerifiedUpdate() ?? false,
    askForms: () => {
      const window = options.mainWindow();
      return forms.ask(window ? [window] : []);
    },
    quitToInstall: () => options.quit(),
    setPhase: (phase) => autoUpdate?.setInstallPhase(phase),
    log,
    timers,
  });

  async function handle(sender: IpcSender, operation: unknown, argument: unknown): Promise<unknown> {
    if (!isTrustedIpcSender(sender)) {
      log(`拒绝来自不受信任页面的更新请求：${String(sender.frameUrl)}`);
      throw new Error('请求来源不受信任。');
    }
    if (!isUpdatesOperation(operation)) throw new Error('未知的更新操作。');
    if (operation === 'answerForms') return forms.answer(sender.webContentsId, argument);
    if (operation === 'status') return current;
    if (!(await options.isAdministrator(sender).catch(() => false))) throw new Error(NOT_ADMINISTRATOR_MESSAGE);
    switch (operation) {
      case 'check':
        return autoUpdate ? autoUpdate.checkNow() : current;
      case 'install':
        return gate.requestInstall() satisfies Promise<InstallAnswer>;
      case 'getSettings':
        return store.read();
      case 'setSettings': {
        const settings: UpdateSettings = checkUpdateSettings(argument); // throws the field's problem, in Chinese
        try {
          await store.write(settings);
        } catch (error) {
          log('保存更新设置失败', error);
          throw new Error('保存更新设置失败，请稍后再试；如果反复出现，请联系管理员。', { cause: error });
        }
        log(
          `系统管理员修改了更新设置：服务器 ${settings.serverUrl || '（安装包内置）'}，` +
            `证书指纹 ${settings.certificateFingerprint || '（无）'}，CA 证书${settings.caCertificatePem ? '已设置' : '（无）'}`,
        );
        await autoUpdate?.reconfigure(settings);
        return settings;
      }
    }
  }

  return {
    handle,
    async start() {
      const settings = await store.read();
      autoUpdate = await startAutoUpdate(log, {
        ...options.updater,
        settings,
        currentVersion: options.currentVersion,
        onStatus: publish,
        timers,
      });
      return autoUpdate;
    },
    status: () => current,
    installOnQuit: () => autoUpdate?.installOnQuit(gate.requested) ?? false,
  };
}
