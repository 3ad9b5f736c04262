// Automatic updates install only what the county signed. The Electron binary is not here, so
// electron-updater's real NsisUpdater runs with stand-ins for what needs Electron — the app
// (version, paths, quit), the HTTP client (Node's https instead of Electron's net), Windows'
// Authenticode check (PowerShell) and the installer launch — against a local HTTPS server with a
// self-signed certificate serving a good, a tampered and an unsigned release. Everything else
// is the real download, the real sha512 check, and our hook and verification.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request as httpsRequest, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { signRelease } from '../../build/signUpdate';
import { NsisUpdater } from 'electron-updater';
// electron-updater's own HTTP client, whose Electron-specific request this test replaces.
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import { startAutoUpdate, type UpdaterLike } from '../../electron/main/updater';
import { SIGNATURES_FIELD, type TrustedUpdateKey } from '../../electron/main/updateSignature';
import { createSelfSignedCertificate, type GeneratedCertificate } from '../../hub/certificate';
import { describeInstaller, releaseFolder, type ReleaseFolder } from './updateRelease';

/** Log lines, and a way to wait for one (states, never fixed times). */
function logRecorder() {
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  return {
    lines,
    log: (message: string) => {
      lines.push(message);
      for (const waiter of waiters.filter((w) => w.pattern.test(message))) waiter.resolve();
    },
    waitFor: (pattern: RegExp) =>
      lines.some((line) => pattern.test(line))
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ pattern, resolve })),
  };
}

function fakeUpdater(check: () => Promise<unknown> = async () => null) {
  const emitter = new EventEmitter();
  const installs: [boolean | undefined, boolean | undefined][] = [];
  const updater = Object.assign(emitter, {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    checkForUpdates: check,
    quitAndInstall: (silent?: boolean, forceRun?: boolean) => void installs.push([silent, forceRun]),
  });
  return { updater: updater as unknown as UpdaterLike & EventEmitter, installs };
}

let release: ReleaseFolder;
let trusted: TrustedUpdateKey[];
/** The updaters' data and cache folders, removed at the end (a test still reads its cache). */
const folders: string[] = [];
before(async () => {
  release = await releaseFolder('0.2.0');
  await signRelease({ installer: release.installer, keyFile: release.keyFile, keysFile: release.keysFile });
  trusted = await release.trustedKeys();
});
after(async () => {
  await release?.remove();
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('the updater without a download (stand-in updater)', () => {
  test('with no trusted key, updates are off: nothing is loaded or checked', async () => {
    const { log, lines } = logRecorder();
    let loaded = false;
    const started = await startAutoUpdate(log, {
      trustedKeys: [],
      load: () => {
        loaded = true;
        return fakeUpdater().updater;
      },
    });
    assert.equal(started, null);
    assert.equal(loaded, false);
    assert.match(lines.join('\n'), /没有配置县级更新签名公钥.*自动更新已关闭/);
  });

  test('downloads in the background; electron-updater never installs on its own', async () => {
    const { updater } = fakeUpdater();
    await startAutoUpdate(() => {}, { load: () => updater, trustedKeys: trusted });
    assert.equal(updater.autoDownload, true);
    assert.equal(updater.autoInstallOnAppQuit, false);
  });

  test('never fatal: an unreachable server, an error event, or a missing updater is only logged', async () => {
    const { log, lines } = logRecorder();
    const { updater } = fakeUpdater(() => Promise.reject(new Error('ENOTFOUND update.example.invalid')));
    await startAutoUpdate(log, { load: () => updater, trustedKeys: trusted });
    updater.emit('error', new Error('bad signature'));
    const missing = await startAutoUpdate(log, {
      trustedKeys: trusted,
      load: () => {
        throw new Error('electron-updater not found');
      },
    });
    assert.equal(missing, null);
    assert.deepEqual(lines, [
      '检查更新失败（不影响使用）',
      '自动更新失败（不影响使用）',
      '自动更新不可用（不影响使用）',
    ]);
  });

  // AppImage and deb have no hook inside the download: the downloaded file is checked on
  // update-downloaded, and only a file that passed is installed when the clerk quits.
  test('without a download hook: a signed file is installed on quit, a tampered one deleted and never installed', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'update-downloaded-'));
    try {
      const info = await signedInfo(release);
      const good = path.join(folder, release.installerName);
      await copyFile(release.installer, good);
      const { log, waitFor, lines } = logRecorder();
      const { updater, installs } = fakeUpdater();
      const started = await startAutoUpdate(log, { load: () => updater, trustedKeys: trusted });
      assert.ok(started);
      assert.equal(started.installOnQuit(), false, 'nothing downloaded yet');

      const tampered = path.join(folder, `tampered-${release.installerName}`);
      const bytes = Buffer.from(release.bytes);
      bytes[1000]! ^= 0x01;
      await writeFile(tampered, bytes);
      updater.emit('update-available', info);
      updater.emit('update-downloaded', { ...info, downloadedFile: tampered });
      await waitFor(/已拒绝安装/);
      assert.match(lines.at(-1)!, /更新包未通过县级更新签名验证，已拒绝安装（版本 0\.2\.0）：.*SHA-512 摘要不符/);
      await assert.rejects(readFile(tampered), { code: 'ENOENT' });
      assert.equal(started.installOnQuit(), false);
      assert.deepEqual(installs, []);

      updater.emit('update-downloaded', { ...info, downloadedFile: good });
      await waitFor(/已通过县级更新签名验证/);
      assert.equal(started.installOnQuit(), true);
      assert.deepEqual(installs, [[true, false]]);
      // A newer version announced: the one downloaded before is no longer what gets installed.
      updater.emit('update-available', { ...info, version: '0.3.0' });
      assert.equal(started.installOnQuit(), false);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

/** What electron-updater hands over from the signed latest.yml (the NsisUpdater tests below parse the real file). */
async function signedInfo(folder: ReleaseFolder): Promise<{ version: string; [field: string]: unknown }> {
  const line = (await readFile(folder.description, 'utf8')).split('\n').find((l) => l.startsWith(SIGNATURES_FIELD))!;
  return { version: folder.version, [SIGNATURES_FIELD]: JSON.parse(line.slice(SIGNATURES_FIELD.length + 1)) };
}

// ---------------------------------------------------------------------------------------------
// electron-updater's NsisUpdater over HTTPS.
// ---------------------------------------------------------------------------------------------

/** electron-updater's HTTP client with Node's https in place of Electron's net (same download code). */
class NodeHttpsExecutor extends ElectronHttpExecutor {
  constructor(private readonly ca: string) {
    super();
  }
  override createRequest(options: Record<string, unknown>, callback: (response: unknown) => void) {
    const { redirect: _redirect, ...nodeOptions } = options;
    return httpsRequest({ ...nodeOptions, ca: [this.ca] }, callback) as never;
  }
}

interface Served {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** The county's update folder: latest.yml (for every platform's channel name) and the installer. */
async function serveRelease(
  certificate: GeneratedCertificate,
  description: string,
  installer: Buffer,
): Promise<Served> {
  const requests: string[] = [];
  const server: Server = createServer({ cert: certificate.certificatePem, key: certificate.keyPem }, (req, res) => {
    const pathname = new URL(req.url ?? '/', 'https://updates.invalid').pathname;
    requests.push(pathname);
    if (/^\/latest(-linux)?\.yml$/.test(pathname)) return void res.end(description);
    if (pathname === `/${release.installerName}`) return void res.end(installer);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface Outcome {
  lines: string[];
  downloaded: boolean;
  error: Error | null;
  installs: unknown[];
  authenticode: string[][];
  installOnQuit: () => boolean;
  /** Installers left anywhere in the updater's cache. */
  cached: string[];
  requests: string[];
}

/** Installed version 0.1.0 checks the server, downloads, verifies; resolves when it has decided. */
async function runUpdate(certificate: GeneratedCertificate, description: string, installer: Buffer): Promise<Outcome> {
  const served = await serveRelease(certificate, description, installer);
  const folder = await mkdtemp(path.join(os.tmpdir(), 'township-updater-'));
  folders.push(folder);
  try {
    const appUpdateConfig = path.join(folder, 'app-update.yml');
    // What electron-builder writes into the package with `publisherName` set (electron-builder.yml).
    await writeFile(
      appUpdateConfig,
      [
        'provider: generic',
        `url: ${served.url}`,
        'channel: latest',
        'publisherName:',
        '  - CN=某县信息化管理部门',
        'updaterCacheDirName: township-desk-updater',
        '',
      ].join('\n'),
    );
    await mkdir(path.join(folder, 'userData'));
    const app = {
      version: '0.1.0',
      name: 'township-desk',
      isPackaged: true,
      appUpdateConfigPath: appUpdateConfig,
      userDataPath: path.join(folder, 'userData'),
      baseCachePath: path.join(folder, 'cache'),
      whenReady: () => Promise.resolve(),
      relaunch: () => {},
      quit: () => {},
      onQuit: () => {},
    };
    const updater = new NsisUpdater(null, app);
    Object.assign(updater, { httpExecutor: new NodeHttpsExecutor(certificate.certificatePem) });
    updater.logger = null;
    // Windows' Authenticode check (PowerShell) stands in as "signed by the publisher".
    const authenticode: string[][] = [];
    updater.verifyUpdateCodeSignature = async (publisherNames) => {
      authenticode.push(publisherNames);
      return null;
    };
    const installs: unknown[] = [];
    updater.quitAndInstall = (...args: unknown[]) => void installs.push(args);

    const { log, lines, waitFor } = logRecorder();
    let downloaded = false;
    let error: Error | null = null;
    const decided = new Promise<void>((resolve) => {
      updater.on('update-downloaded', () => {
        downloaded = true;
        void waitFor(/已通过县级更新签名验证|已拒绝安装/).then(resolve);
      });
      updater.on('error', (e) => {
        error = e;
        resolve();
      });
    });
    const started = await startAutoUpdate(log, { load: () => updater as unknown as UpdaterLike, trustedKeys: trusted });
    assert.ok(started);
    await decided;
    const cacheDir = path.join(folder, 'cache');
    const cached = (await readdir(cacheDir, { recursive: true }).catch(() => [] as string[])).filter((f) =>
      f.endsWith('.exe'),
    );
    return {
      lines,
      downloaded,
      error,
      installs,
      authenticode,
      installOnQuit: started.installOnQuit,
      cached,
      requests: served.requests,
    };
  } finally {
    await served.close();
  }
}

describe("electron-updater's NsisUpdater against a local HTTPS update server", () => {
  let certificate: GeneratedCertificate;
  before(async () => {
    certificate = await createSelfSignedCertificate({ commonName: '某县更新服务器', altNames: ['127.0.0.1'] });
  });

  test('a release signed by the county is downloaded, passes both checks and is installed on quit', async () => {
    const outcome = await runUpdate(certificate, await readFile(release.description, 'utf8'), release.bytes);
    assert.equal(outcome.error, null, String(outcome.error));
    assert.equal(outcome.downloaded, true);
    assert.ok(outcome.requests.includes(`/${release.installerName}`));
    assert.deepEqual(outcome.authenticode, [['CN=某县信息化管理部门']], 'Authenticode still checked after ours');
    assert.match(outcome.lines.join('\n'), /新版本 0\.2\.0 已下载，已通过县级更新签名验证，退出程序时安装/);
    assert.deepEqual(outcome.cached, [`township-desk-updater/pending/${release.installerName}`]);
    assert.equal(outcome.installOnQuit(), true);
    assert.deepEqual(outcome.installs, [[true, false]]);
  });

  test('a tampered installer (the server also fixed up sha512 and size) is refused, deleted, never installed', async () => {
    const bytes = Buffer.from(release.bytes);
    bytes[150_000]! ^= 0xff;
    // The attacker controls the server: latest.yml describes the new bytes, but cannot sign them.
    const signatures = (await readFile(release.description, 'utf8'))
      .split('\n')
      .find((line) => line.startsWith(`${SIGNATURES_FIELD}:`));
    assert.ok(signatures);
    const description = `${describeInstaller('0.2.0', release.installerName, bytes)}${signatures}\n`;
    const outcome = await runUpdate(certificate, description, bytes);
    assertRefused(outcome, /SHA-512 摘要不符/);
  });

  test('an unsigned release (a plain latest.yml) is refused, deleted, never installed', async () => {
    const outcome = await runUpdate(certificate, release.unsignedDescription, release.bytes);
    assertRefused(outcome, /没有县级更新签名，这个更新包未经签名/);
  });
});

function assertRefused(outcome: Outcome, reason: RegExp): void {
  assert.ok(outcome.requests.includes(`/${release.installerName}`), 'it was downloaded, then refused');
  assert.equal(outcome.downloaded, false, 'electron-updater never reports it downloaded');
  assert.match(String(outcome.error?.message), /not signed by the application owner/);
  const refusal = outcome.lines.find((line) =>
    line.startsWith('更新包未通过县级更新签名验证，已拒绝安装（版本 0.2.0）'),
  );
  assert.ok(refusal, outcome.lines.join('\n'));
  assert.match(refusal, reason);
  assert.deepEqual(outcome.authenticode, [], 'refused before the Authenticode check');
  assert.deepEqual(outcome.cached, [], 'nothing left in the cache');
  assert.equal(outcome.installOnQuit(), false);
  assert.deepEqual(outcome.installs, []);
}
