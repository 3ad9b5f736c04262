// The administrator's whole path, outside Electron: the update server set in 软件更新 (with the
// county's CA), the update found, downloaded and checked by electron-updater's real NsisUpdater
// over HTTPS, 新版本可用 reported to the page, and 立即安装 waiting while a form holds unsaved
// input and installing once it is saved. The page's side is the preload's real code
// (createDesktopUpdates) over the main process's real handler (createUpdateService); only the
// IPC between them and the window are stand-ins (events are cloned, as IPC clones them).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import { signRelease } from '../../build/signUpdate';
import { FORMS_POLL_MS, WAITING_FOR_FORMS_MESSAGE } from '../../electron/main/updateInstall';
import { NOT_ADMINISTRATOR_MESSAGE, createUpdateService } from '../../electron/main/updateService';
import { UPDATE_SETTINGS_FILE } from '../../electron/main/updateSettingsStore';
import { createDesktopUpdates } from '../../electron/preload/desktopUpdates';
import type { UpdateStatus } from '../../shared/updates/bridge';
import { createCountyCa, type CountyCa } from '../updates/countyCa';
import { logRecorder, manualTimers } from '../updates/updateTestKit';
import { releaseFolder, type ReleaseFolder } from './updateRelease';
import { nsisUpdater, serveUpdateFolder } from './updaterServer';

let release: ReleaseFolder;
let county: CountyCa;
const cleanups: (() => Promise<unknown>)[] = [];
before(async () => {
  release = await releaseFolder('0.2.0');
  await signRelease({ installer: release.installer, keyFile: release.keyFile, keysFile: release.keysFile });
  county = await createCountyCa();
});
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await release?.remove();
});

test('新版本可用 reaches the administrator; 立即安装 waits for the unsaved form, then installs and restarts', async () => {
  const server = await serveUpdateFolder(
    { cert: county.serverCertificatePem, key: county.serverKeyPem },
    new Map<string, string | Buffer>([
      ['/latest.yml', await readFile(release.description, 'utf8')],
      [`/${release.installerName}`, release.bytes],
    ]),
  );
  cleanups.push(() => server.close());
  const installed = await nsisUpdater('0.1.0', 'https://updates.example.invalid/township-desk/');
  cleanups.push(() => installed.remove());
  const userData = await mkdtemp(path.join(os.tmpdir(), 'township-userdata-'));
  cleanups.push(() => rm(userData, { recursive: true, force: true }));

  const { log, lines } = logRecorder();
  const clock = manualTimers();
  const sender = { webContentsId: 7, frameUrl: 'app://township/index.html#/system/updates', isMainFrame: true };
  let administrator = true;
  let formDirty = true;
  let deliver: (payload: unknown) => void = () => {};
  const service = createUpdateService({
    userData,
    currentVersion: '0.1.0',
    log,
    timers: clock.timers,
    mainWindow: () => ({ id: sender.webContentsId, send: (event) => deliver(structuredClone(event)) }),
    isAdministrator: async () => administrator,
    // As main.ts: app.quit() → the window closes → will-quit closes the database → installOnQuit.
    quit: () => void service.installOnQuit(),
    updater: {
      load: () => installed.updater,
      loadExecutorClass: () => ElectronHttpExecutor,
      trustedKeys: await release.trustedKeys(),
    },
  });
  const page = createDesktopUpdates(
    // As Electron hands a main-process rejection to the page.
    (operation, argument) =>
      service.handle(sender, operation, structuredClone(argument)).catch((error: Error) => {
        throw new Error(`Error invoking remote method 'township-desk:updates': Error: ${error.message}`);
      }),
    (listener) => {
      deliver = listener;
    },
  );
  // The page's form guard answers (renderer/updates/desktopUpdates.ts passes hasUnsavedInput).
  page.answerFormQuestions(() => formDirty);
  const seen: UpdateStatus[] = [];
  const waiters: { phase: string; resolve: () => void }[] = [];
  page.onStatus((status) => {
    seen.push(status);
    for (const waiter of waiters.filter((w) => w.phase === status.phase)) waiter.resolve();
  });
  const phase = (wanted: UpdateStatus['phase']) =>
    seen.some((s) => s.phase === wanted)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ phase: wanted, resolve }));

  // Not started yet (as in a development build): off, and nothing to install.
  assert.equal((await page.status()).phase, 'off');

  // The administrator sets the county's server and CA; a clerk cannot, a bad address is named.
  const settings = { serverUrl: server.url, certificateFingerprint: '', caCertificatePem: county.caPem };
  administrator = false;
  await assert.rejects(page.setSettings(settings), { message: NOT_ADMINISTRATOR_MESSAGE });
  await assert.rejects(page.install(), { message: NOT_ADMINISTRATOR_MESSAGE });
  administrator = true;
  await assert.rejects(page.setSettings({ ...settings, serverUrl: 'http://10.1.2.3/updates/' }), {
    message: /^更新服务器地址必须是 https:\/\/ 开头的完整网址/,
  });
  await assert.rejects(page.setSettings({ ...settings, caCertificatePem: 'not a certificate' }), {
    message: /^CA 证书应为 PEM 格式/,
  });
  assert.deepEqual(await page.setSettings(settings), { ...settings, caCertificatePem: county.caPem.trim() });
  assert.deepEqual(await page.getSettings(), { ...settings, caCertificatePem: county.caPem.trim() });
  assert.match(await readFile(path.join(userData, UPDATE_SETTINGS_FILE), 'utf8'), /127\.0\.0\.1/);

  // The packaged app starts its updater with those settings.
  await service.start();
  await phase('ready');
  const ready = (await page.status()) as UpdateStatus;
  assert.equal(ready.phase, 'ready');
  assert.equal(ready.version, '0.2.0');
  assert.equal(ready.signedBy, '某县信息中心（测试）');
  assert.equal(ready.serverUrl, server.url);
  assert.ok(
    seen.some((s) => s.phase === 'downloading'),
    'the page saw the download',
  );

  // 立即安装 while a form holds unsaved input: nothing is installed, the page is told why.
  assert.deepEqual(await page.install(), { outcome: 'waiting', message: WAITING_FOR_FORMS_MESSAGE });
  assert.equal((await page.status()).phase, 'waitingForForms');
  assert.deepEqual(installed.installs, []);
  assert.ok(lines.includes(WAITING_FOR_FORMS_MESSAGE));
  // Asked again a while later: still unsaved, still waiting.
  clock.fire(FORMS_POLL_MS);
  await new Promise<void>((resolve) => {
    const poll = () => (clock.delays().includes(FORMS_POLL_MS) ? resolve() : setImmediate(poll));
    poll();
  });
  assert.deepEqual(installed.installs, []);

  // The clerk saves: the next question finds nothing unsaved, the app closes and installs, restarting.
  formDirty = false;
  clock.fire(FORMS_POLL_MS);
  await phase('installing');
  assert.deepEqual(installed.installs, [[true, true]]);
  assert.ok(lines.includes('正在安装新版本 0.2.0'), lines.join('\n'));
});

test('the settings file: a damaged one is ignored (the built-in server), never fatal', async () => {
  const userData = await mkdtemp(path.join(os.tmpdir(), 'township-userdata-'));
  cleanups.push(() => rm(userData, { recursive: true, force: true }));
  await writeFile(path.join(userData, UPDATE_SETTINGS_FILE), '{"serverUrl": "ftp://x"');
  const { log, lines } = logRecorder();
  const service = createUpdateService({
    userData,
    currentVersion: '0.1.0',
    log,
    mainWindow: () => null,
    isAdministrator: async () => true,
    quit: () => {},
  });
  const sender = { webContentsId: 1, frameUrl: 'app://township/index.html', isMainFrame: true };
  assert.deepEqual(await service.handle(sender, 'getSettings', undefined), {
    serverUrl: '',
    certificateFingerprint: '',
    caCertificatePem: '',
  });
  assert.match(lines.join('\n'), /更新设置文件无效，按安装包中的更新服务器处理/);
  // Nothing verified: 立即安装 has nothing to install.
  assert.deepEqual(await service.handle(sender, 'install', undefined), {
    outcome: 'nothing',
    message: '没有已下载并通过县级更新签名验证的新版本。',
  });
  // A page that is not the app's own is refused, whatever it asks.
  await assert.rejects(service.handle({ ...sender, frameUrl: 'https://evil.example/' }, 'status', undefined), {
    message: '请求来源不受信任。',
  });
  await assert.rejects(service.handle(sender, 'format', undefined), { message: '未知的更新操作。' });
});
