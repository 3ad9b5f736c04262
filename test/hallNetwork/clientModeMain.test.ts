// Client mode as the real main bundle (electron/main/main.ts) runs it, against a stand-in
// 'electron' module (as test/electron-shell/mainProcess.test.ts drives the local mode): with
// client-mode.json in the user-data folder the app opens no database, shows the hall's address in
// a window without the preload, lets that window go nowhere else, and hands Electron a certificate
// check that accepts exactly the pinned certificate — fed here the one a real LAN listener serves.
// And the way in and out: the first-run page's 连接到大厅主机 over IPC, the menu's 断开大厅主机.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ensureLanCertificate } from '../../electron/hall/lanCertificate';
import { CERTIFICATE_ACCEPT, CERTIFICATE_REJECT, CLIENT_MODE_FILE } from '../../electron/main/clientMode';
import { IPC_HALL_CLIENT_CHANNEL } from '../../shared/hallNetwork/clientBridge';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type MenuItem = { label?: string; click?: () => void; submenu?: MenuItem[] };

/** A menu item by its label, anywhere in the menu. */
function menuItem(items: MenuItem[] | undefined, label: string): MenuItem | undefined {
  for (const item of items ?? []) {
    if (item.label === label) return item;
    const inner = menuItem(item.submenu, label);
    if (inner) return inner;
  }
  return undefined;
}

type VerifyProc = (request: { hostname: string; certificate: { data: string } }, callback: (n: number) => void) => void;

/** A stand-in electron module recording what the shell asks of it; one per run of the bundle. */
function fakeElectron(userData: string) {
  const recorded = {
    windows: [] as FakeWindow[],
    verifyProc: null as VerifyProc | null,
    ipcChannels: [] as string[],
    ipcHandlers: new Map<string, (...args: unknown[]) => Promise<unknown>>(),
    errorBoxes: [] as string[],
    exitCalls: [] as number[],
    relaunchCalls: 0,
    /** Relaunch and exit in the order asked. */
    restarts: [] as string[],
    menu: null as null | { template: MenuItem[] },
    questions: [] as string[],
    /** The button picked in a question (showMessageBox): 0 the first. */
    questionAnswer: 0,
  };
  class FakeContents extends EventEmitter {
    static nextId = 1;
    readonly id = FakeContents.nextId++;
    setWindowOpenHandler() {}
    getPrintersAsync = () => Promise.resolve([]);
    send() {}
  }
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    getPath: () => userData,
    getVersion: () => '0.0.0-test',
    getAppPath: () => repoRoot,
    requestSingleInstanceLock: () => true,
    enableSandbox: () => {},
    commandLine: { appendSwitch: () => {} },
    setAppUserModelId: () => {},
    whenReady: () => Promise.resolve(),
    quit: () => {},
    exit: (code: number) => {
      recorded.exitCalls.push(code);
      recorded.restarts.push(`exit(${code})`);
    },
    relaunch: () => {
      recorded.relaunchCalls++;
      recorded.restarts.push('relaunch');
    },
  });
  class FakeWindow extends EventEmitter {
    readonly webContents = new FakeContents();
    loadedUrl: string | null = null;
    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      super();
      recorded.windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    isMinimized = () => false;
    isDestroyed = () => false;
    static getAllWindows = () => recorded.windows;
  }
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    safeStorage: { isAsyncEncryptionAvailable: async () => false },
    protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
        setDevicePermissionHandler: () => {},
        setCertificateVerifyProc: (proc: VerifyProc) => (recorded.verifyProc = proc),
      },
    },
    ipcMain: {
      handle: (channel: string, handler: (...args: unknown[]) => Promise<unknown>) => {
        recorded.ipcChannels.push(channel);
        recorded.ipcHandlers.set(channel, handler);
      },
    },
    Menu: {
      buildFromTemplate: (template: MenuItem[]) => ({ template, popup() {} }),
      setApplicationMenu: (menu: { template: MenuItem[] }) => (recorded.menu = menu),
    },
    dialog: {
      showErrorBox: (title: string, body: string) => recorded.errorBoxes.push(`${title}: ${body}`),
      showMessageBox: (...args: unknown[]) => {
        recorded.questions.push((args.at(-1) as { message: string }).message);
        return Promise.resolve({ response: recorded.questionAnswer });
      },
      showMessageBoxSync: () => 1,
    },
  };
  return { electron, recorded };
}

/** Runs the main bundle (a fresh copy of it) once against `electron`. */
async function runBundle(bundleFile: string, electron: unknown): Promise<void> {
  const copy = bundleFile.replace(/\.cjs$/, `-${Date.now()}-${Math.random().toString(36).slice(2)}.cjs`);
  await copyFile(bundleFile, copy);
  const internals = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = internals._load;
  internals._load = function (request: string, ...rest: unknown[]) {
    if (request === 'electron') return electron;
    return load.call(this, request, ...rest);
  };
  try {
    createRequire(import.meta.url)(copy);
  } finally {
    internals._load = load;
  }
}

/** Polls until `done` (whenReady's callback runs on later turns; CI machines are slow). */
async function waitFor(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!done()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Time for a data folder to appear if one were being made: this checks an absence, so it must wait a little. */
const ABSENCE_WAIT_MS = 300;

describe('the desktop app in client mode (main bundle, stand-in electron)', () => {
  let workDir: string;
  let bundleFile: string;
  let server: tls.Server;
  let hallUrl: string;
  let hallPem: string;
  let otherPem: string;
  let fingerprint: string;

  before(async () => {
    // Inside the repository so that the bundle finds node_modules (.tmp/ is git-ignored).
    await mkdir(path.join(repoRoot, '.tmp'), { recursive: true });
    workDir = await mkdtemp(path.join(repoRoot, '.tmp', 'client-mode-'));
    bundleFile = path.join(workDir, 'electron', 'main.cjs');
    await build({
      absWorkingDir: repoRoot,
      entryPoints: ['electron/main/main.ts'],
      outfile: bundleFile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['electron', 'better-sqlite3-multiple-ciphers', 'electron-updater', 'pdfkit', 'fontkit', 'wawoff2'],
      logLevel: 'silent',
    });
    // The hall: a TLS listener on 127.0.0.2 with a LAN certificate; and another certificate for
    // the same address, as a machine in the middle would show.
    const hall = await ensureLanCertificate(path.join(workDir, 'hall'), ['127.0.0.2']);
    otherPem = (await ensureLanCertificate(path.join(workDir, 'other'), ['127.0.0.2'])).certPem;
    hallPem = hall.certPem;
    fingerprint = hall.info.fingerprint;
    server = tls.createServer({ cert: hall.certPem, key: hall.keyPem }, (socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
    hallUrl = `https://127.0.0.2:${(server.address() as AddressInfo).port}/`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(workDir, { recursive: true, force: true });
  });

  test('opens the hall’s address, keeps no database, and trusts exactly the pinned certificate', async () => {
    const userData = path.join(workDir, 'userData');
    await mkdir(userData, { recursive: true });
    // The fingerprint as an administrator might copy it: lower case, no colons.
    await writeFile(
      path.join(userData, CLIENT_MODE_FILE),
      JSON.stringify({ hallUrl, fingerprint: fingerprint.replace(/:/g, '').toLowerCase() }),
    );
    const { electron, recorded } = fakeElectron(userData);
    await runBundle(bundleFile, electron);
    await waitFor(() => recorded.windows.length > 0 || recorded.errorBoxes.length > 0, 'the window');

    assert.deepEqual(recorded.errorBoxes, []);
    assert.equal(recorded.windows.length, 1);
    const [win] = recorded.windows;
    assert.equal(win!.loadedUrl, hallUrl);
    const prefs = win!.options.webPreferences ?? {};
    assert.equal(prefs.preload, undefined, 'no IPC bridge to a backend that is not there');
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.contextIsolation, true);
    assert.deepEqual(recorded.ipcChannels, [], 'no IPC handlers');
    // No database, no data folder: the user-data folder holds the setting only.
    await new Promise((resolve) => setTimeout(resolve, ABSENCE_WAIT_MS));
    assert.deepEqual(await readdir(userData), [CLIENT_MODE_FILE]);

    // The certificate check Electron is given: the hall's own certificate as it comes off the wire.
    const served = await new Promise<string>((resolve, reject) => {
      const socket = tls.connect(
        { host: '127.0.0.2', port: Number(new URL(hallUrl).port), rejectUnauthorized: false },
        () => {
          const raw = socket.getPeerCertificate().raw;
          socket.destroy();
          resolve(
            `-----BEGIN CERTIFICATE-----\n${raw.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`,
          );
        },
      );
      socket.once('error', reject);
    });
    assert.ok(recorded.verifyProc, 'setCertificateVerifyProc was called');
    const verdict = (data: string) =>
      new Promise<number>((resolve) => recorded.verifyProc!({ hostname: '127.0.0.2', certificate: { data } }, resolve));
    assert.equal(await verdict(served), CERTIFICATE_ACCEPT);
    assert.equal(await verdict(hallPem), CERTIFICATE_ACCEPT);
    assert.equal(await verdict(otherPem), CERTIFICATE_REJECT);

    // The window goes to the hall's pages and nowhere else.
    const contents = win!.webContents;
    for (const [url, blocked] of [
      [`${hallUrl}#/counter`, false],
      ['https://evil.example/', true],
      [hallUrl.replace('https:', 'http:'), true],
    ] as const) {
      let prevented = false;
      contents.emit('will-navigate', { url, preventDefault: () => (prevented = true) });
      assert.equal(prevented, blocked, url);
    }
  });

  test('a wrong setting stops the app with the field named, never falling back to a database', async () => {
    const userData = path.join(workDir, 'userData-wrong');
    await mkdir(userData, { recursive: true });
    await writeFile(
      path.join(userData, CLIENT_MODE_FILE),
      JSON.stringify({ hallUrl: hallUrl.replace('https:', 'http:'), fingerprint }),
    );
    const { electron, recorded } = fakeElectron(userData);
    await runBundle(bundleFile, electron);
    await waitFor(() => recorded.exitCalls.length > 0, 'the app to stop');
    assert.deepEqual(recorded.exitCalls, [1]);
    assert.equal(recorded.windows.length, 0);
    assert.match(recorded.errorBoxes.join('\n'), /无法以客户端模式启动: 大厅地址（hallUrl）：应为 https:\/\//);
    await new Promise((resolve) => setTimeout(resolve, ABSENCE_WAIT_MS));
    assert.deepEqual(await readdir(userData), [CLIENT_MODE_FILE]);
  });

  test('first run: 连接到大厅主机 checks the certificate, saves the setting and restarts into client mode', async () => {
    const userData = path.join(workDir, 'userData-first-run');
    await mkdir(userData, { recursive: true });
    const { electron, recorded } = fakeElectron(userData);
    await runBundle(bundleFile, electron);
    await waitFor(() => recorded.ipcHandlers.has(IPC_HALL_CLIENT_CHANNEL) && recorded.windows.length > 0, 'the window');
    const handler = recorded.ipcHandlers.get(IPC_HALL_CLIENT_CHANNEL)!;
    const sender = recorded.windows[0]!.webContents;
    const page = { sender, senderFrame: { url: 'app://township/index.html', parent: null } };
    const typed = { hallUrl, fingerprint: fingerprint.replace(/:/g, '').toLowerCase() };
    // The app's own database: no way out of a client mode it is not in.
    assert.ok(menuItem(recorded.menu?.template, '退出'));
    assert.equal(menuItem(recorded.menu?.template, '断开大厅主机，改用本机数据…'), undefined);

    // Only the app's own page may ask.
    await assert.rejects(
      handler({ sender, senderFrame: { url: 'https://evil.example/', parent: null } }, 'connect', typed),
      /不受信任的页面/,
    );
    assert.deepEqual(await handler(page, 'check', typed), { outcome: 'match', fingerprint });
    // A wrong fingerprint saves nothing and names the field.
    const refused = (await handler(page, 'connect', { hallUrl, fingerprint: 'AB:CD' })) as {
      outcome: string;
      field: string;
    };
    assert.deepEqual([refused.outcome, refused.field], ['invalid', 'fingerprint']);
    assert.equal(existsSync(path.join(userData, CLIENT_MODE_FILE)), false);
    assert.equal(recorded.relaunchCalls, 0);

    assert.deepEqual(await handler(page, 'connect', typed), { outcome: 'restarting' });
    await waitFor(() => recorded.exitCalls.length > 0, 'the restart');
    assert.deepEqual(recorded.restarts, ['relaunch', 'exit(0)']);
    assert.deepEqual(JSON.parse(await readFile(path.join(userData, CLIENT_MODE_FILE), 'utf8')), {
      hallUrl,
      fingerprint,
    });
    assert.deepEqual(recorded.errorBoxes, []);
  });

  test('client mode: 断开大厅主机，改用本机数据… asks, then removes the setting and restarts', async () => {
    const userData = path.join(workDir, 'userData-leave');
    await mkdir(userData, { recursive: true });
    await writeFile(path.join(userData, CLIENT_MODE_FILE), JSON.stringify({ hallUrl, fingerprint }));
    const { electron, recorded } = fakeElectron(userData);
    await runBundle(bundleFile, electron);
    await waitFor(() => recorded.windows.length > 0, 'the window');
    const item = menuItem(recorded.menu?.template, '断开大厅主机，改用本机数据…');
    assert.ok(item?.click, 'the menu has the item');

    // 取消: nothing changes.
    recorded.questionAnswer = 1;
    item.click();
    await waitFor(() => recorded.questions.length === 1, 'the question');
    await new Promise((resolve) => setTimeout(resolve, ABSENCE_WAIT_MS));
    assert.equal(existsSync(path.join(userData, CLIENT_MODE_FILE)), true);
    assert.equal(recorded.relaunchCalls, 0);

    recorded.questionAnswer = 0;
    item.click();
    await waitFor(() => recorded.exitCalls.length > 0, 'the restart');
    assert.deepEqual(recorded.questions, ['断开大厅主机，改用本机数据？', '断开大厅主机，改用本机数据？']);
    assert.deepEqual(recorded.restarts, ['relaunch', 'exit(0)']);
    assert.equal(existsSync(path.join(userData, CLIENT_MODE_FILE)), false);
  });
});
