// The Electron main process: a thin shell around the plain-Node backend. It opens one window on
// the built UI (served from `app://township/`), forwards the UI's API calls to the backend over
// one IPC channel, chosen files' bytes over another (uploads), prints documents over a third,
// and otherwise stays out of the way. Every
// decision worth testing lives in the files beside it that do not import 'electron'
// (appProtocol, navigationPolicy, mediaPermissions, windowOptions, ipcApi, appMenu, printJob, printingIpc,
// printerSettingsStore, printWindow, updateService, clientMode, clientModeSwitch); this file only wires them to Electron.
//
// Bundled by esbuild into dist/electron/main.cjs (CommonJS), so `__dirname` is dist/electron.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  session,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { IPC_API_CHANNEL, IPC_PRINTING_CHANNEL, IPC_UPLOAD_CHANNEL } from '../../shared/api/bridge';
import { IPC_UPDATES_CHANNEL, IPC_UPDATES_EVENT } from '../../shared/updates/bridge';
import { IPC_HALL_CLIENT_CHANNEL } from '../../shared/hallNetwork/clientBridge';
import type { PrinterInfo } from '../../shared/documents/printing';
import type { Backend } from '../backend/backend';
import { openReplaceableBackend } from '../backend/backendHolder';
import { plainDatabaseWarning } from '../backend/db/databaseKey';
import { desktopDatabaseKey, desktopKeyHolder } from './databaseKeychain';
import { appMenuTemplate, contextMenuTemplate } from './appMenu';
import { createKeychainProtector } from './keychain';
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, APP_START_URL, createAppRequestHandler } from './appProtocol';
import {
  createApiHandler,
  createUploadHandler,
  endWindowSession,
  SessionCarriers,
  type IpcSender,
  type Log,
} from './ipcApi';
import { isAllowedNavigation } from './navigationPolicy';
import { installPermissionHandlers } from './mediaPermissions';
import { createPrinterSettingsStore } from './printerSettingsStore';
import { openIdCardReaderSetting } from './idCardReaderSetting';
import { createPrintingHandler, createPrintRunner } from './printingIpc';
import { toPrinterInfos } from './printJob';
import { printInHiddenWindow } from './printWindow';
import { createUpdateService, isAdministratorSession } from './updateService';
import { mainWindowOptions } from './windowOptions';
import { createLanListener, type LanListener } from '../hall/lanListener';
import {
  CLIENT_MODE_FILE,
  clientWindowOptions,
  isClientNavigation,
  pinnedCertificateVerifier,
  readClientModeSync,
  type ClientMode,
  type ClientModeSetting,
} from './clientMode';
import { createHallClientHandler, removeClientMode } from './clientModeSwitch';
import { documentFontLocation } from './appLocations';

const APP_USER_MODEL_ID = 'cn.gov.township.desk';
/** How long quitting waits for the backend to finish its last writes and close the database. */
const SHUTDOWN_TIMEOUT_MS = 10_000;
/** Minutes between automatic syncs with the county hub once enrolled. */
const SYNC_INTERVAL_MINUTES = 15;

// Logs go to stderr, all of them: stdout belongs to whatever runs the process — a test runner
// uses it as its channel, and a stray line there under load broke a CI run.
const log: Log = (message, error) => {
  if (error === undefined) console.warn(`[乡镇一站通] ${message}`);
  else console.error(`[乡镇一站通] ${message}`, error);
};

/** Who sent an IPC message, as the handlers check it. */
function ipcSenderOf(event: IpcMainInvokeEvent): IpcSender {
  let frameUrl: string | null = null;
  let isMainFrame = false;
  try {
    const frame = event.senderFrame;
    frameUrl = frame?.url ?? null;
    isMainFrame = frame !== null && frame.parent === null;
  } catch {
    // The frame was disposed while the message was in flight: treated as untrusted.
  }
  return { webContentsId: event.sender.id, frameUrl, isMainFrame };
}

// Must happen before 'ready'.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.enableSandbox();
app.commandLine.appendSwitch('lang', 'zh-CN');

if (!app.requestSingleInstanceLock()) {
  // A second launch only brings the running window forward (see 'second-instance' below).
  app.quit();
} else {
  run();
}

function run(): void {
  const rendererDir = path.join(__dirname, '..', 'renderer');
  const preloadPath = path.join(__dirname, 'preload.cjs');
  const dataDir = path.join(app.getPath('userData'), 'data');
  const devTools = !app.isPackaged;

  // The backend runs here, in the main process. That does not freeze the window: sqlite3 does
  // its file I/O on libuv's thread pool, so queries never block the event loop that serves IPC
  // and window events. Long CPU-bound work (large PDFs, sync batches) may move the backend into
  // an Electron utilityProcess later; the IPC contract (procedure, input → ApiResult) would not
  // change.
  let backendPromise: Promise<Backend> | null = null;
  const backend = (): Promise<Backend> => backendPromise ?? Promise.reject(new Error('后台尚未启动'));
  const carriers = new SessionCarriers();
  const handleApiCall = createApiHandler({ backend, carriers, log });
  const handleUpload = createUploadHandler({ backend, carriers, log });
  const pendingSignOuts = new Set<Promise<void>>();
  let mainWindow: BrowserWindow | null = null;

  // Printing: the settings are this machine's (userData), the printers those the OS reports.
  const printerSettingsStore = createPrinterSettingsStore(app.getPath('userData'), { log });
  const listPrinters = async (): Promise<PrinterInfo[]> =>
    mainWindow && !mainWindow.isDestroyed() ? toPrinterInfos(await mainWindow.webContents.getPrintersAsync()) : [];
  const handlePrinting = createPrintingHandler({
    listPrinters,
    store: printerSettingsStore,
    runPrint: createPrintRunner({
      listPrinters,
      readSettings: () => printerSettingsStore.read(),
      printPlanned: (fileUrl, plan) =>
        printInHiddenWindow({ openWindow: (options) => new BrowserWindow(options), devTools, log }, fileUrl, plan),
    }),
    log,
  });

  // Updates (updateService.ts): status to the window, 立即安装 only for an administrator and only
  // once no form holds unsaved input; the install itself runs on quit, after the database is closed.
  const updates = createUpdateService({
    userData: app.getPath('userData'),
    currentVersion: app.getVersion(),
    log,
    mainWindow: () =>
      mainWindow && !mainWindow.isDestroyed()
        ? { id: mainWindow.webContents.id, send: (event) => mainWindow?.webContents.send(IPC_UPDATES_EVENT, event) }
        : null,
    isAdministrator: async (sender) => {
      const answer = await (await backend()).dispatch('auth.session', {}, carriers.get(sender.webContentsId));
      return answer.ok && isAdministratorSession(answer.result);
    },
    quit: () => app.quit(),
  });

  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  // Every webContents (the window, and anything Chromium might create) gets the same guards.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  function hardenWebContents(contents: WebContents): void {
    const id = contents.id;
    contents.setWindowOpenHandler(({ url }) => {
      log(`拒绝打开新窗口：${url}`);
      return { action: 'deny' };
    });
    const guard = (event: { url: string; preventDefault(): void }) => {
      if (!isAllowedNavigation(event.url) && !(client && isClientNavigation(client, event.url))) {
        log(`拒绝跳转：${event.url}`);
        event.preventDefault();
      }
    };
    contents.on('will-navigate', guard);
    contents.on('will-frame-navigate', guard);
    contents.on('will-redirect', guard);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('context-menu', (_event, params) => {
      const template = contextMenuTemplate(params);
      if (template.length > 0) Menu.buildFromTemplate(template).popup();
    });
    // The window's session token is dropped with the window (and the session ended).
    contents.once('destroyed', () => {
      const pending = endWindowSession({ backend, carriers, log }, id);
      pendingSignOuts.add(pending);
      void pending.finally(() => pendingSignOuts.delete(pending));
    });
  }

  // Client mode (clientMode.ts): the window shows a hall's pages, trusting its pinned certificate;
  // no database, no backend here. Set by client-mode.json in the user-data folder.
  let client: ClientMode | null = null;
  function startClientMode(setting: Exclude<ClientModeSetting, { mode: 'local' }>): void {
    if (setting.mode === 'invalid') {
      dialog.showErrorBox(
        '乡镇一站通无法以客户端模式启动',
        `${setting.message}\n\n设置文件：${path.join(app.getPath('userData'), CLIENT_MODE_FILE)}\n请改正或删除该文件（删除后以本机数据库运行）。`,
      );
      app.exit(1);
      return;
    }
    client = setting.client;
    const verify = pinnedCertificateVerifier(client, log);
    session.defaultSession.setCertificateVerifyProc((request, callback) => callback(verify(request)));
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(appMenuTemplate({ devTools, onAbout: showAbout, onLeaveHall: () => void leaveHall() })),
    );
    log(`客户端模式：连接大厅主机 ${client.hallUrl}（证书指纹 ${client.fingerprint}）`);
    createWindow();
  }

  // 大厅网络 (electron/hall/lanListener.ts): the administrator may open this app's data to the
  // other windows of the hall; the backend drives it, and it serves the backend once open.
  let lan: LanListener | null = null;
  let openedBackend: Backend | null = null;

  function createWindow(): void {
    const options = mainWindowOptions({ preloadPath, devTools });
    const win = new BrowserWindow(client ? clientWindowOptions(options) : options);
    mainWindow = win;
    win.once('ready-to-show', () => {
      win.maximize();
      win.show();
    });
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    // The page asks before unsaved input is thrown away (beforeunload); Electron shows no question
    // of its own and would just keep the window open, so the window asks, in Chinese.
    win.webContents.on('will-prevent-unload', (event) => {
      const choice = dialog.showMessageBoxSync(win, {
        type: 'question',
        buttons: ['离开', '继续填写'],
        defaultId: 1,
        cancelId: 1,
        title: '乡镇一站通',
        message: '有未保存的内容，确定离开吗？',
        detail: '刚才填写的内容还没有保存，离开后将不会保留。',
      });
      if (choice === 0) event.preventDefault();
    });
    win.loadURL(client?.hallUrl ?? APP_START_URL).catch((error: unknown) => log('界面加载失败', error));
  }

  function showAbout(): void {
    const options = {
      type: 'info' as const,
      title: '关于乡镇一站通',
      message: `乡镇一站通 ${app.getVersion()}`,
      detail: '乡镇便民服务窗口与人民调解登记。',
      buttons: ['确定'],
    };
    void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
  }

  app.on('window-all-closed', () => app.quit());

  /** Window sign-outs finished, the LAN listener and the database closed. */
  async function closeData(): Promise<void> {
    await Promise.allSettled([...pendingSignOuts]);
    const opened = await backendPromise?.catch(() => null);
    await lan?.close();
    await opened?.close();
  }

  /**
   * Into client mode or out of it (clientModeSwitch.ts): the data closed first, then a new start
   * of the app. app.exit rather than app.quit: a quit would ask the page about unsaved input, and
   * the switch is what the clerk just asked for.
   */
  function restartApp(): void {
    void Promise.race([closeData(), new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_TIMEOUT_MS).unref())])
      .catch((error: unknown) => log('关闭数据库时出错', error))
      .finally(() => {
        app.relaunch();
        app.exit(0);
      });
  }

  const handleHallClient = createHallClientHandler({
    userDataDir: app.getPath('userData'),
    isFirstRun: async (sender) => {
      const answer = await (await backend()).dispatch('system.status', {}, carriers.get(sender.webContentsId));
      return answer.ok && (answer.result as { needsSetup?: unknown }).needsSetup === true;
    },
    restart: restartApp,
    log,
  });

  /** The menu's 断开大厅主机，改用本机数据… in client mode: asked, then the setting removed and a restart. */
  async function leaveHall(): Promise<void> {
    const options = {
      type: 'question' as const,
      buttons: ['断开并重新启动', '取消'],
      defaultId: 1,
      cancelId: 1,
      title: '乡镇一站通',
      message: '断开大厅主机，改用本机数据？',
      detail: `本机将不再连接大厅主机 ${client?.hallUrl ?? ''}，重新启动后使用本机自己的数据库（首次使用时需设置管理员、从备份恢复或重新连接大厅主机）。大厅主机上的数据不受影响。`,
    };
    const { response } = await (mainWindow
      ? dialog.showMessageBox(mainWindow, options)
      : dialog.showMessageBox(options));
    if (response !== 0) return;
    try {
      await removeClientMode(app.getPath('userData'));
    } catch (error) {
      log('删除大厅连接设置失败', error);
      dialog.showErrorBox('无法断开大厅主机', `删除 ${CLIENT_MODE_FILE} 失败：${(error as Error).message}`);
      return;
    }
    log('已断开大厅主机，重新启动后使用本机数据库');
    restartApp();
  }

  // On quit: let window sign-outs finish, then close the database cleanly, then really quit
  // (installing a downloaded update, if it passed the county's signature).
  let shutdownStarted = false;
  let shutdownDone = false;
  app.on('will-quit', (event) => {
    if (shutdownDone) return;
    event.preventDefault();
    if (shutdownStarted) return;
    shutdownStarted = true;
    const closeAll = closeData();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_TIMEOUT_MS).unref());
    void Promise.race([closeAll, timeout])
      .catch((error: unknown) => log('关闭数据库时出错', error))
      .finally(() => {
        shutdownDone = true;
        updates.installOnQuit();
        app.quit();
      });
  });

  app
    .whenReady()
    .then(() => {
      // The camera (video only, for 拍照 with the 高拍仪) for the app's own page — in client mode
      // the hall's pinned origin — and no other permission for any page (mediaPermissions.ts).
      installPermissionHandlers(session.defaultSession, () => (client ? [client.origin] : [APP_ORIGIN]), log);

      const clientSetting = readClientModeSync(app.getPath('userData'));
      if (clientSetting.mode !== 'local') return startClientMode(clientSetting);

      protocol.handle(
        APP_SCHEME,
        createAppRequestHandler({
          rendererDir,
          log,
          // Only the app's own windows reach app://; a session's links are dropped when it ends.
          openFile: async (urlPath) => (await backend()).openFile(urlPath, 'desktopApp'),
        }),
      );
      Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ devTools, onAbout: showAbout })));

      // The OS keychain wraps the database key (made on first start) and the sync keys, so the
      // app opens its encrypted data and syncs after a restart without asking anyone for a secret;
      // without a keychain that really protects, the database stays plain and the log says so.
      backendPromise = mkdir(dataDir, { recursive: true })
        .then(() => createKeychainProtector(safeStorage).catch(() => null))
        .then(async (keyProtector) => {
          const database = await desktopDatabaseKey(dataDir, keyProtector);
          if (database.key === null) log(plainDatabaseWarning(dataDir, database.reason));
          lan = createLanListener({
            dataDir,
            staticDir: rendererDir,
            backend: () => {
              if (!openedBackend) throw new Error('后台尚未启动');
              return openedBackend;
            },
            log: (line) => log(line),
          });
          // Held, so that a restore at first run (从备份恢复) can replace it under the open window.
          openedBackend = await openReplaceableBackend({
            hallNetwork: lan,
            dataDir,
            databaseKey: database.key,
            sync: { keyProtector, intervalMinutes: SYNC_INTERVAL_MINUTES },
            backupSchedule: true,
            // The reader on this PC, opened in the main process (the page never touches the device).
            idCardReader: await openIdCardReaderSetting(app.getPath('userData'), log),
            keys: desktopKeyHolder(dataDir, keyProtector, database.key),
            fonts: documentFontLocation({
              isPackaged: app.isPackaged,
              resourcesPath: process.resourcesPath,
              appPath: app.getAppPath(),
            }),
          });
          // The setting kept in the data folder: LAN access the administrator left on opens again.
          await lan.applySaved();
          return openedBackend;
        });
      backendPromise.catch((error: unknown) => {
        log('后台启动失败', error);
        dialog.showErrorBox(
          '乡镇一站通无法启动',
          `无法打开数据文件夹 ${dataDir}。\n\n${error instanceof Error ? error.message : String(error)}\n\n请联系管理员。`,
        );
        app.exit(1);
      });

      ipcMain.handle(IPC_API_CHANNEL, (event, procedure: unknown, input: unknown) =>
        handleApiCall(ipcSenderOf(event), procedure, input),
      );
      ipcMain.handle(IPC_PRINTING_CHANNEL, (event, operation: unknown, argument: unknown) =>
        handlePrinting(ipcSenderOf(event), operation, argument),
      );
      ipcMain.handle(IPC_UPLOAD_CHANNEL, (event, bytes: unknown) => handleUpload(ipcSenderOf(event), bytes));
      ipcMain.handle(IPC_UPDATES_CHANNEL, (event, operation: unknown, argument: unknown) =>
        updates.handle(ipcSenderOf(event), operation, argument),
      );
      ipcMain.handle(IPC_HALL_CLIENT_CHANNEL, (event, operation: unknown, argument: unknown) =>
        handleHallClient(ipcSenderOf(event), operation, argument),
      );

      createWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) createWindow();
      });

      if (app.isPackaged) void updates.start();
    })
    .catch((error: unknown) => {
      log('启动失败', error);
      dialog.showErrorBox('乡镇一站通无法启动', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
