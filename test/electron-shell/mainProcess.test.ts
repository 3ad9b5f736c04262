// The Electron binary cannot run here, so this drives the real main bundle (electron/main/main.ts,
// bundled as build/build.mjs does) against a stand-in 'electron' module that records what the
// shell asks of Electron. The backend behind it is the real one, on a fresh data folder.
import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { IPC_API_CHANNEL, IPC_PRINTING_CHANNEL, IPC_UPLOAD_CHANNEL } from '../../shared/api/bridge';
import { databaseFileState } from '../../electron/backend/db/encryptInPlace';
import { SECURITY_HEADERS } from '../../electron/hall/securityHeaders';
import { PRINT_FAILED_TITLE, PRINT_READY_TITLE, type PrintRequest } from '../../shared/documents/printing';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type Listener = (...args: never[]) => unknown;

type PrintCallback = (success: boolean, failureReason: string) => void;

class FakeWebContents extends EventEmitter {
  static nextId = 1;
  /** What `getPrintersAsync` reports, in Electron 45's shape. */
  static printers: { name: string; displayName: string; description: string; options: Record<string, string> }[] = [];
  readonly id = FakeWebContents.nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  printCalls: { options: Record<string, unknown>; callback: PrintCallback }[] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  getPrintersAsync() {
    return Promise.resolve(FakeWebContents.printers);
  }
  print(options: Record<string, unknown>, callback: PrintCallback) {
    this.printCalls.push({ options, callback });
  }
}

/** Everything the shell did to the fake Electron. */
const recorded = {
  privilegedSchemes: [] as unknown[],
  sandboxEnabled: false,
  switches: [] as [string, string?][],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  ipcHandlers: new Map<string, Listener>(),
  permissionRequest: null as Listener | null,
  permissionCheck: null as Listener | null,
  devicePermission: null as Listener | null,
  windows: [] as FakeBrowserWindow[],
  menu: null as unknown,
  quitCalls: 0,
  exitCalls: [] as number[],
  errorBoxes: [] as string[],
  questions: [] as string[],
  questionAnswer: 1,
};

const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  userData: '',
  getPath: (name: string) => {
    assert.equal(name, 'userData');
    return app.userData;
  },
  getVersion: () => '0.0.0-test',
  getAppPath: () => repoRoot,
  requestSingleInstanceLock: () => true,
  enableSandbox: () => {
    recorded.sandboxEnabled = true;
  },
  commandLine: { appendSwitch: (name: string, value?: string) => recorded.switches.push([name, value]) },
  setAppUserModelId: () => {},
  whenReady: () => Promise.resolve(),
  quit: () => {
    recorded.quitCalls++;
  },
  exit: (code: number) => {
    recorded.exitCalls.push(code);
  },
});

class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  focused = 0;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    recorded.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isMinimized = () => false;
  restore() {}
  show() {}
  maximize() {}
  focus() {
    this.focused++;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.emit('closed');
    this.webContents.emit('destroyed');
  }
  static getAllWindows = () => recorded.windows;
}

/** Stands in for safeStorage as DPAPI would be: available, wrapping reversibly. */
const safeStorage = {
  isAsyncEncryptionAvailable: async () => true,
  encryptStringAsync: async (plainText: string) => Buffer.from(`dpapi:${plainText}`, 'utf8'),
  async decryptStringAsync(encrypted: Buffer) {
    const text = encrypted.toString('utf8');
    if (!text.startsWith('dpapi:')) throw new Error('not this account');
    return { result: text.slice('dpapi:'.length), shouldReEncrypt: false };
  },
};

const fakeElectron = {
  app,
  safeStorage,
  BrowserWindow: FakeBrowserWindow,
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privilegedSchemes.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
      recorded.protocolHandlers.set(scheme, handler),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: Listener) => (recorded.permissionRequest = handler),
      setPermissionCheckHandler: (handler: Listener) => (recorded.permissionCheck = handler),
      setDevicePermissionHandler: (handler: Listener) => (recorded.devicePermission = handler),
    },
  },
  ipcMain: { handle: (channel: string, handler: Listener) => recorded.ipcHandlers.set(channel, handler) },
  Menu: {
    buildFromTemplate: (template: unknown) => ({ template, popup() {} }),
    setApplicationMenu: (menu: unknown) => (recorded.menu = menu),
  },
  dialog: {
    showErrorBox: (title: string, body: string) => recorded.errorBoxes.push(`${title}: ${body}`),
    showMessageBox: () => Promise.resolve({ response: 0 }),
    /** The button the user picks in a question the window asks (0: the first). */
    showMessageBoxSync: (_window: unknown, options: { message: string }) => {
      recorded.questions.push(options.message);
      return recorded.questionAnswer;
    },
  },
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** Polls until `condition` holds (the backend opens and closes asynchronously; CI machines are slow). */
async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await settle();
  }
}

describe('the main process, driven through a stand-in electron module', () => {
  let workDir: string;
  let originalLoad: unknown;

  before(async () => {
    // Inside the repository so that the bundle finds node_modules/better-sqlite3-multiple-ciphers (.tmp/ is git-ignored).
    await mkdir(path.join(repoRoot, '.tmp'), { recursive: true });
    workDir = await mkdtemp(path.join(repoRoot, '.tmp', 'electron-shell-'));
    const bundleFile = path.join(workDir, 'electron', 'main.cjs');
    await build({
      absWorkingDir: repoRoot,
      entryPoints: ['electron/main/main.ts'],
      outfile: bundleFile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      // The externals of build/build.mjs: pdfkit (and the font packages) read their own data
      // files at run time, which a bundled copy cannot find.
      external: ['electron', 'better-sqlite3-multiple-ciphers', 'electron-updater', 'pdfkit', 'fontkit', 'wawoff2'],
      logLevel: 'silent',
    });
    await mkdir(path.join(workDir, 'renderer'), { recursive: true });
    await writeFile(path.join(workDir, 'renderer', 'index.html'), '<!doctype html><title>乡镇一站通</title>');
    await writeFile(path.join(workDir, 'secret.txt'), 'top secret');
    app.userData = path.join(workDir, 'userData');

    const moduleInternals = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    originalLoad = moduleInternals._load;
    const load = moduleInternals._load;
    moduleInternals._load = function (request: string, ...rest: unknown[]) {
      if (request === 'electron') return fakeElectron;
      return load.call(this, request, ...rest);
    };
    createRequire(import.meta.url)(bundleFile);
    await settle();
  });

  after(async () => {
    (Module as unknown as { _load: unknown })._load = originalLoad;
    await rm(workDir, { recursive: true, force: true });
  });

  test('registers app:// as a privileged, standard, secure scheme, before ready', () => {
    assert.deepEqual(recorded.privilegedSchemes, [
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    assert.equal(recorded.sandboxEnabled, true);
  });

  test('opens one sandboxed, context-isolated window on app://township/index.html', () => {
    assert.equal(recorded.windows.length, 1);
    const [win] = recorded.windows;
    assert.ok(win);
    assert.equal(win.loadedUrl, 'app://township/index.html');
    const prefs = win.options.webPreferences as Record<string, unknown>;
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.preload, path.join(workDir, 'electron', 'preload.cjs'));
    assert.equal(prefs.devTools, true, 'not packaged: developer tools available');
    assert.ok(recorded.menu);
  });

  test('creates the data folder under userData and opens the backend there, its database encrypted under a key the OS keychain wraps', async () => {
    await waitFor(
      () =>
        stat(path.join(app.userData, 'data')).then(
          (s) => s.isDirectory(),
          () => false,
        ),
      'the data folder',
    );
    const database = path.join(app.userData, 'data', 'township.sqlite');
    await waitFor(async () => (await databaseFileState(database)) === 'encrypted', 'the encrypted database');
    const wrapped = await readFile(path.join(app.userData, 'database-key.keychain'), 'utf8');
    assert.match(wrapped, /^[A-Za-z0-9+/=]+\n$/, 'only the wrapped key is kept');
    assert.deepEqual(recorded.errorBoxes, []);
  });

  test('grants the camera (video alone) to app://township and denies every other permission and page', () => {
    const ask = (permission: string, details?: unknown) => {
      let granted: boolean | null = null;
      (recorded.permissionRequest as (...a: unknown[]) => void)(
        {},
        permission,
        (ok: boolean) => (granted = ok),
        details,
      );
      return granted;
    };
    const check = (permission: string, origin: string, details?: unknown) =>
      (recorded.permissionCheck as (...a: unknown[]) => boolean)({}, permission, origin, details);
    assert.equal(ask('media', { securityOrigin: 'app://township/', mediaTypes: ['video'] }), true);
    assert.equal(ask('media', { securityOrigin: 'app://township/', mediaTypes: ['video', 'audio'] }), false);
    assert.equal(ask('media', { securityOrigin: 'https://evil.example/', mediaTypes: ['video'] }), false);
    assert.equal(ask('media'), false);
    assert.equal(ask('geolocation', { requestingUrl: 'app://township/index.html' }), false);
    assert.equal(check('media', 'app://township', { mediaType: 'video' }), true);
    assert.equal(check('media', 'app://township', { mediaType: 'audio' }), false);
    assert.equal(check('clipboard-read', 'app://township', {}), false);
    assert.equal((recorded.devicePermission as (...a: unknown[]) => boolean)({}), false);
  });

  test('serves the UI with the security headers, and nothing outside it', async () => {
    const handler = recorded.protocolHandlers.get('app');
    assert.ok(handler);
    const page = await handler(new Request('app://township/index.html'));
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('Content-Security-Policy'), SECURITY_HEADERS['Content-Security-Policy']);
    assert.match(await page.text(), /乡镇一站通/);
    const escape = await handler(new Request('app://township/..%2fsecret.txt'));
    assert.notEqual(escape.status, 200);
    assert.doesNotMatch(await escape.text(), /top secret/);
  });

  test('blocks new windows, foreign navigation, redirects and <webview>', () => {
    const contents = recorded.windows[0]?.webContents;
    assert.ok(contents?.windowOpenHandler);
    assert.deepEqual(contents.windowOpenHandler({ url: 'https://evil.example/' }), { action: 'deny' });
    assert.deepEqual(contents.windowOpenHandler({ url: 'app://township/index.html' }), { action: 'deny' });

    for (const eventName of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const [url, blocked] of [
        ['https://evil.example/', true],
        ['file:///etc/passwd', true],
        ['app://township/residents', false],
      ] as const) {
        let prevented = false;
        contents.emit(eventName, { url, preventDefault: () => (prevented = true) });
        assert.equal(prevented, blocked, `${eventName} ${url}`);
      }
    }
    let webviewPrevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) }, {}, {});
    assert.equal(webviewPrevented, true);
  });

  test('asks in Chinese before a page with unsaved input is closed; 继续填写 keeps it open', () => {
    const contents = recorded.windows[0]?.webContents;
    assert.ok(contents);
    for (const [answer, closes] of [
      [1, false],
      [0, true],
    ] as const) {
      recorded.questionAnswer = answer;
      let unloadAllowed = false;
      contents.emit('will-prevent-unload', { preventDefault: () => (unloadAllowed = true) });
      assert.equal(unloadAllowed, closes);
    }
    assert.deepEqual(recorded.questions, ['有未保存的内容，确定离开吗？', '有未保存的内容，确定离开吗？']);
  });

  test('answers API calls from the app page only, through the real backend', async () => {
    const handler = recorded.ipcHandlers.get(IPC_API_CHANNEL) as (...a: unknown[]) => Promise<unknown>;
    assert.ok(handler);
    const sender = recorded.windows[0]?.webContents;
    const trusted = { sender, senderFrame: { url: 'app://township/index.html', parent: null } };
    const status = (await handler(trusted, 'system.status', {})) as { ok: boolean; result?: { needsSetup?: boolean } };
    assert.equal(status.ok, true, JSON.stringify(status));
    assert.equal(status.result?.needsSetup, true);

    const foreign = { sender, senderFrame: { url: 'https://evil.example/', parent: null } };
    assert.deepEqual(
      ((await handler(foreign, 'system.status', {})) as { error: { code: string } }).error.code,
      'FORBIDDEN',
    );
    const iframe = { sender, senderFrame: { url: 'app://township/index.html', parent: {} } };
    assert.deepEqual(
      ((await handler(iframe, 'system.status', {})) as { error: { code: string } }).error.code,
      'FORBIDDEN',
    );
    const gone = { sender, senderFrame: null };
    assert.deepEqual(
      ((await handler(gone, 'system.status', {})) as { error: { code: string } }).error.code,
      'FORBIDDEN',
    );
  });

  test('takes a file through the upload channel for the window’s session, staged encrypted, then used by a procedure', async () => {
    const api = recorded.ipcHandlers.get(IPC_API_CHANNEL) as (...a: unknown[]) => Promise<unknown>;
    const upload = recorded.ipcHandlers.get(IPC_UPLOAD_CHANNEL) as (...a: unknown[]) => Promise<unknown>;
    assert.ok(upload, 'the upload channel is registered');
    const sender = recorded.windows[0]?.webContents;
    const trusted = { sender, senderFrame: { url: 'app://township/index.html', parent: null } };
    type Answer = {
      ok: boolean;
      result?: { uploadId: string; sizeBytes: number };
      error?: { code: string; fieldErrors?: Record<string, string> };
    };
    const file = Buffer.from('乡镇一站通回执文件（不是县级平台的）PLAIN-MARKER');

    // Before anyone signs in the window uploads nothing.
    const anonymous = (await upload(
      trusted,
      file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength),
    )) as Answer;
    assert.equal(anonymous.error?.code, 'UNAUTHENTICATED');

    const setup = (await api(trusted, 'system.setupAdministrator', {
      townshipName: '青石镇',
      username: 'admin',
      displayName: '王管理',
      password: 'Admin2026',
    })) as Answer;
    assert.equal(setup.ok, true, JSON.stringify(setup));
    const staged = (await upload(
      trusted,
      file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength),
    )) as Answer;
    assert.equal(staged.ok, true, JSON.stringify(staged));
    assert.equal(staged.result?.sizeBytes, file.byteLength);
    const uploadId = staged.result!.uploadId;
    const onDisk = await readFile(path.join(app.userData, 'data', 'uploads', uploadId));
    assert.equal(onDisk.subarray(0, 4).toString('latin1'), 'TDR1');
    assert.ok(!onDisk.includes(Buffer.from('PLAIN-MARKER')), 'encrypted at rest, as the hall host stages it');

    // The same procedure shape as over HTTP: the file named by its uploadId, taken once.
    const imported = (await api(trusted, 'sync.importFile', { fileName: '回执.tdsync', uploadId })) as Answer;
    assert.equal(imported.error?.code, 'CONFLICT', JSON.stringify(imported));
    assert.deepEqual(await readdir(path.join(app.userData, 'data', 'uploads')), []);
    const again = (await api(trusted, 'sync.importFile', { fileName: '回执.tdsync', uploadId })) as Answer;
    assert.equal(again.error?.fieldErrors?.uploadId, '回执文件：上传已过期，请重新选择文件');

    const foreign = { sender, senderFrame: { url: 'https://evil.example/', parent: null } };
    assert.equal(((await upload(foreign, new ArrayBuffer(4))) as Answer).error?.code, 'FORBIDDEN');
  });

  describe('printing', () => {
    const printingCall = (operation: string, argument?: unknown) => {
      const handler = recorded.ipcHandlers.get(IPC_PRINTING_CHANNEL) as (...a: unknown[]) => Promise<unknown>;
      const sender = recorded.windows[0]?.webContents;
      return handler({ sender, senderFrame: { url: 'app://township/index.html', parent: null } }, operation, argument);
    };
    const receipt: PrintRequest = {
      fileUrl: '/files/abcdefghijklmnop0123/收据.pdf',
      documentType: 'receipt',
      paper: { pageSize: 'receipt80', widthMm: 80, heightMm: 123.5 },
      copies: 2,
      showDialog: false,
    };

    /** Starts a print and returns it with the hidden window it opened. */
    async function startPrint() {
      const windowsBefore = recorded.windows.length;
      const outcome = printingCall('print', receipt);
      await waitFor(() => recorded.windows.length === windowsBefore + 1, 'the print window');
      const win = recorded.windows[windowsBefore];
      assert.ok(win);
      return { outcome, win };
    }

    before(async () => {
      FakeWebContents.printers = [
        { name: 'XP-80C', displayName: '芯烨 XP-80C', description: '', options: {} },
        { name: 'HP_LaserJet', displayName: 'HP LaserJet', description: '', options: { 'printer-is-default': 'true' } },
      ];
      await printingCall('setSettings', { byDocumentType: { receipt: { deviceName: 'XP-80C', silent: true } } });
    });

    test('registers the printing channel; printers and this machine’s settings come back', async () => {
      assert.ok(recorded.ipcHandlers.get(IPC_PRINTING_CHANNEL));
      assert.deepEqual(await printingCall('listPrinters'), [
        { name: 'XP-80C', displayName: '芯烨 XP-80C', isDefault: false },
        { name: 'HP_LaserJet', displayName: 'HP LaserJet', isDefault: true },
      ]);
      assert.deepEqual(await printingCall('getSettings'), {
        byDocumentType: { receipt: { deviceName: 'XP-80C', silent: true } },
      });
      await stat(path.join(app.userData, 'printer-settings.json'));
    });

    test('prints in a hidden window on the print page, at the paper’s size, then closes it', async () => {
      const { outcome, win } = await startPrint();
      assert.equal(win.options.show, false);
      const prefs = win.options.webPreferences as Record<string, unknown>;
      assert.equal(prefs.sandbox, true);
      assert.equal(prefs.contextIsolation, true);
      assert.equal(prefs.nodeIntegration, false);
      assert.equal(prefs.preload, undefined, 'the print page gets no bridge');
      assert.equal(
        win.loadedUrl,
        `app://township/index.html#/print?file=${encodeURIComponent('/files/abcdefghijklmnop0123/收据.pdf')}`,
      );
      assert.ok(win.webContents.windowOpenHandler, 'hardened like every webContents');

      win.emit('page-title-updated', {}, PRINT_READY_TITLE, true);
      await waitFor(() => win.webContents.printCalls.length === 1, 'webContents.print');
      const [call] = win.webContents.printCalls;
      assert.ok(call);
      assert.deepEqual(call.options.pageSize, { width: 80000, height: 123500 });
      assert.equal(call.options.copies, 2);
      assert.equal(call.options.silent, true);
      assert.equal(call.options.deviceName, 'XP-80C');
      assert.deepEqual(call.options.margins, { marginType: 'none' });
      assert.equal(win.destroyed, false);

      call.callback(true, '');
      assert.deepEqual(await outcome, { ok: true, deviceName: 'XP-80C', silent: true });
      assert.equal(win.destroyed, true);
    });

    test('a print page that cannot read the file: a failed outcome, nothing printed', async () => {
      const { outcome, win } = await startPrint();
      win.emit('page-title-updated', {}, `${PRINT_FAILED_TITLE}：文件已过期，请重新打印`, true);
      assert.deepEqual(await outcome, { ok: false, reason: 'failed', message: '打印失败：文件已过期，请重新打印' });
      assert.equal(win.webContents.printCalls.length, 0);
      assert.equal(win.destroyed, true);
    });

    test('print requests from other pages are refused', async () => {
      const handler = recorded.ipcHandlers.get(IPC_PRINTING_CHANNEL) as (...a: unknown[]) => Promise<unknown>;
      const sender = recorded.windows[0]?.webContents;
      const windowsBefore = recorded.windows.length;
      await assert.rejects(
        handler({ sender, senderFrame: { url: 'https://evil.example/', parent: null } }, 'print', receipt),
      );
      assert.equal(recorded.windows.length, windowsBefore);
    });
  });

  test('a second launch focuses the existing window', () => {
    const win = recorded.windows[0];
    assert.ok(win);
    const before = win.focused;
    app.emit('second-instance', {}, [], '');
    assert.equal(win.focused, before + 1);
  });

  test('quitting closes the backend first, then quits for real', async () => {
    recorded.windows[0]?.webContents.emit('destroyed');
    let prevented = false;
    const quitsBefore = recorded.quitCalls;
    app.emit('will-quit', { preventDefault: () => (prevented = true) });
    assert.equal(prevented, true, 'the first will-quit waits for the backend');
    await waitFor(() => recorded.quitCalls > quitsBefore, 'the second app.quit()');
    assert.equal(recorded.quitCalls, quitsBefore + 1, 'then quits again');
    let preventedAgain = false;
    app.emit('will-quit', { preventDefault: () => (preventedAgain = true) });
    assert.equal(preventedAgain, false, 'the second will-quit goes through');
    assert.deepEqual(recorded.exitCalls, []);
  });
});
