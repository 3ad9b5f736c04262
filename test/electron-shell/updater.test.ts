// Automatic updates install only what the county signed, from the server the administrator set.
// The Electron binary is not here, so electron-updater's real NsisUpdater runs with stand-ins for
// what needs Electron — the app (version, paths, quit), Windows' Authenticode check (PowerShell)
// and the installer launch — against a local HTTPS server serving the county's update folder
// (latest.yml signed by `npm run sign-update`'s code, and the installer). Its HTTP client is the
// program's own (updateTransport.ts: Node's https with the county's CA or a pinned certificate
// fingerprint), as the packaged app uses it when the administrator gives either; everything else
// is electron-updater's real check, download and sha512 check, and our hook and verification.
// What stays Electron-only: Electron's net (used when no CA or fingerprint is set), the app
// adapter, Authenticode, and running the installer.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import { signRelease } from '../../build/signUpdate';
import {
  RETRY_AFTER_FAILURE_MS,
  startAutoUpdate,
  type AutoUpdate,
  type UpdaterLike,
} from '../../electron/main/updater';
import { SIGNATURES_FIELD, type TrustedUpdateKey } from '../../electron/main/updateSignature';
import { EMPTY_UPDATE_SETTINGS, type UpdateSettings, type UpdateStatus } from '../../shared/updates/bridge';
import { certificateFingerprint, createSelfSignedCertificate } from '../../hub/certificate';
import { createCountyCa, type CountyCa } from '../updates/countyCa';
import { logRecorder, manualTimers } from '../updates/updateTestKit';
import { nsisUpdater, serveUpdateFolder } from './updaterServer';
import { describeInstaller, releaseFolder, type ReleaseFolder } from './updateRelease';

/** The package's built-in server: nothing answers there, so every request that arrives came through the setting. */
const PACKAGED_URL = 'https://updates.example.invalid/township-desk/';
const RELEASE_NOTES = '新增：大厅网络；修复：补打回执时的页边距';

function fakeUpdater(check: (updater: EventEmitter) => Promise<unknown> = async () => null) {
  const emitter = new EventEmitter();
  const installs: [boolean | undefined, boolean | undefined][] = [];
  const updater = Object.assign(emitter, {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    checkForUpdates: () => check(emitter),
    quitAndInstall: (silent?: boolean, forceRun?: boolean) => void installs.push([silent, forceRun]),
  });
  return { updater: updater as unknown as UpdaterLike & EventEmitter, installs };
}

/** Every status reported, and a way to wait for one. */
function statusRecorder() {
  const seen: UpdateStatus[] = [];
  const waiters: { test: (status: UpdateStatus) => boolean; resolve: (status: UpdateStatus) => void }[] = [];
  return {
    seen,
    onStatus: (status: UpdateStatus) => {
      seen.push(status);
      for (const waiter of waiters.filter((w) => w.test(status))) waiter.resolve(status);
    },
    until: (test: (status: UpdateStatus) => boolean) => {
      const found = seen.find(test);
      return found ? Promise.resolve(found) : new Promise<UpdateStatus>((resolve) => waiters.push({ test, resolve }));
    },
  };
}

let release: ReleaseFolder;
let trusted: TrustedUpdateKey[];
let county: CountyCa;
const cleanups: (() => Promise<unknown>)[] = [];
before(async () => {
  release = await releaseFolder('0.2.0');
  // Release notes, as electron-builder writes them into latest.yml when the build has them.
  await writeFile(
    release.description,
    `${await readFile(release.description, 'utf8')}releaseNotes: '${RELEASE_NOTES}'\n`,
  );
  await signRelease({ installer: release.installer, keyFile: release.keyFile, keysFile: release.keysFile });
  trusted = await release.trustedKeys();
  county = await createCountyCa();
});
after(async () => {
  await release?.remove();
  for (const cleanup of cleanups) await cleanup();
});

describe('the updater without a download (stand-in updater)', () => {
  test('with no trusted key, updates are off: nothing is loaded or checked, and the status says why', async () => {
    const { log, lines } = logRecorder();
    const statuses = statusRecorder();
    let loaded = false;
    const started = await startAutoUpdate(log, {
      trustedKeys: [],
      currentVersion: '0.1.0',
      onStatus: statuses.onStatus,
      load: () => {
        loaded = true;
        return fakeUpdater().updater;
      },
    });
    assert.equal(started, null);
    assert.equal(loaded, false);
    assert.match(lines.join('\n'), /没有配置县级更新签名公钥.*自动更新已关闭/);
    assert.equal(statuses.seen.at(-1)?.phase, 'off');
    assert.match(statuses.seen.at(-1)?.problem ?? '', /没有配置县级更新签名公钥/);
  });

  test('downloads in the background; electron-updater never installs on its own', async () => {
    const { updater } = fakeUpdater();
    const started = await startAutoUpdate(() => {}, {
      load: () => updater,
      trustedKeys: trusted,
      timers: manualTimers().timers,
    });
    assert.equal(updater.autoDownload, true);
    assert.equal(updater.autoInstallOnAppQuit, false);
    started?.stop();
  });

  test('never fatal: a failed check is one log line (not one per event) and is tried again later', async () => {
    const { log, lines } = logRecorder();
    const clock = manualTimers();
    // As electron-updater does: the 'error' event, then the check's promise rejects.
    const { updater } = fakeUpdater(async (emitter) => {
      const error = Object.assign(new Error('getaddrinfo ENOTFOUND updates.county'), { code: 'ENOTFOUND' });
      emitter.emit('error', error);
      throw error;
    });
    const started = await startAutoUpdate(log, { load: () => updater, trustedKeys: trusted, timers: clock.timers });
    assert.ok(started);
    await started.whenChecked();
    assert.deepEqual(lines, [
      '检查更新失败（不影响使用，30 分钟后重试）：无法连接更新服务器（getaddrinfo ENOTFOUND updates.county）',
    ]);
    assert.deepEqual(clock.delays(), [RETRY_AFTER_FAILURE_MS]);
    assert.equal(started.status().phase, 'idle');
    assert.match(started.status().problem ?? '', /无法连接更新服务器/);

    const missing = await startAutoUpdate(log, {
      trustedKeys: trusted,
      load: () => {
        throw new Error('electron-updater not found');
      },
    });
    assert.equal(missing, null);
    assert.equal(lines.at(-1), '自动更新不可用（不影响使用）');
    started.stop();
  });

  // AppImage and deb have no hook inside the download: the downloaded file is checked on
  // update-downloaded, and only a file that passed is installed when the clerk quits.
  test('without a download hook: a signed file is installed on quit, a tampered one deleted and never installed', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'update-downloaded-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const info = await signedInfo(release);
    const good = path.join(folder, release.installerName);
    await copyFile(release.installer, good);
    const { log, waitFor, lines } = logRecorder();
    const { updater, installs } = fakeUpdater();
    const started = await startAutoUpdate(log, {
      load: () => updater,
      trustedKeys: trusted,
      timers: manualTimers().timers,
    });
    assert.ok(started);
    assert.equal(started.installOnQuit(), false, 'nothing downloaded yet');

    const tampered = path.join(folder, `tampered-${release.installerName}`);
    const bytes = Buffer.from(release.bytes);
    bytes[1000]! ^= 0x01;
    await writeFile(tampered, bytes);
    updater.emit('update-available', info);
    assert.equal(started.status().phase, 'downloading');
    updater.emit('update-downloaded', { ...info, downloadedFile: tampered });
    await waitFor(/已拒绝安装/);
    assert.match(lines.at(-1)!, /更新包未通过县级更新签名验证，已拒绝安装（版本 0\.2\.0）：.*SHA-512 摘要不符/);
    await assert.rejects(readFile(tampered), { code: 'ENOENT' });
    assert.equal(started.status().phase, 'refused');
    assert.equal(started.installOnQuit(), false);
    assert.deepEqual(installs, []);

    updater.emit('update-downloaded', { ...info, downloadedFile: good });
    await waitFor(/已通过县级更新签名验证/);
    assert.equal(started.status().phase, 'ready');
    assert.equal(started.installOnQuit(), true);
    assert.deepEqual(installs, [[true, false]]);
    // A newer version announced: the one downloaded before is no longer what gets installed.
    updater.emit('update-available', { ...info, version: '0.3.0' });
    assert.equal(started.installOnQuit(), false);
  });
});

/** What electron-updater hands over from the signed latest.yml (the NsisUpdater tests below parse the real file). */
async function signedInfo(folder: ReleaseFolder): Promise<{ version: string; [field: string]: unknown }> {
  const line = (await readFile(folder.description, 'utf8')).split('\n').find((l) => l.startsWith(SIGNATURES_FIELD))!;
  return { version: folder.version, [SIGNATURES_FIELD]: JSON.parse(line.slice(SIGNATURES_FIELD.length + 1)) };
}

function signaturesLine(text: string): string {
  const line = text.split('\n').find((l) => l.startsWith(`${SIGNATURES_FIELD}:`));
  assert.ok(line);
  return line;
}

// ---------------------------------------------------------------------------------------------
// electron-updater's NsisUpdater over HTTPS, from the server the administrator set.
// ---------------------------------------------------------------------------------------------

interface Run {
  started: AutoUpdate;
  status: UpdateStatus;
  lines: string[];
  requests: string[];
  authenticode: string[][];
  installs: unknown[];
  cached: string[];
  /** The updater's own 'error' event (electron-updater reports a refused download there). */
  updaterError: Error | null;
}

const decided = (status: UpdateStatus) =>
  status.phase === 'ready' || status.phase === 'refused' || (status.phase === 'idle' && status.problem !== null);

/** Installed version 0.1.0 checks the server in `settings`, downloads, verifies; resolves when it has decided. */
async function runUpdate(
  tls: { cert: string; key: string },
  description: string,
  installer: Buffer,
  settings: (serverUrl: string) => UpdateSettings,
): Promise<Run> {
  const server = await serveUpdateFolder(
    tls,
    new Map<string, string | Buffer>([
      ['/latest.yml', description],
      [`/${release.installerName}`, installer],
    ]),
  );
  cleanups.push(() => server.close());
  const installed = await nsisUpdater('0.1.0', PACKAGED_URL);
  cleanups.push(() => installed.remove());
  let updaterError: Error | null = null;
  const errorSeen = new Promise<void>((resolve) =>
    (installed.updater as unknown as EventEmitter).on('error', (error: Error) => {
      updaterError = error;
      resolve();
    }),
  );
  const { log, lines } = logRecorder();
  const statuses = statusRecorder();
  const started = await startAutoUpdate(log, {
    load: () => installed.updater,
    loadExecutorClass: () => ElectronHttpExecutor,
    trustedKeys: trusted,
    settings: settings(server.url),
    currentVersion: '0.1.0',
    onStatus: statuses.onStatus,
    timers: manualTimers().timers,
  });
  assert.ok(started);
  const status = await statuses.until(decided);
  // A refusal inside the download: electron-updater deletes the file, then reports the error.
  if (status.phase === 'refused' && installed.authenticode.length === 0) await errorSeen;
  return {
    started,
    status,
    lines,
    requests: server.requests,
    authenticode: installed.authenticode,
    installs: installed.installs,
    cached: await installed.cached(),
    get updaterError() {
      return updaterError;
    },
  };
}

const countyTls = () => ({ cert: county.serverCertificatePem, key: county.serverKeyPem });
const withCountyCa = (serverUrl: string): UpdateSettings => ({
  ...EMPTY_UPDATE_SETTINGS,
  serverUrl,
  caCertificatePem: county.caPem,
});

describe("electron-updater's NsisUpdater against the county's HTTPS update folder", () => {
  test('a release signed by the county, from the administrator’s server with the county’s CA: found, downloaded, both checks passed, installed on quit', async () => {
    const run = await runUpdate(countyTls(), await readFile(release.description, 'utf8'), release.bytes, withCountyCa);
    assert.equal(run.status.phase, 'ready', JSON.stringify(run.status));
    assert.equal(run.updaterError, null, String(run.updaterError));
    assert.ok(
      run.requests.some((p) => /^\/latest(-linux)?\.yml$/.test(p)),
      'latest.yml from the set server',
    );
    assert.ok(run.requests.includes(`/${release.installerName}`));
    assert.deepEqual(run.authenticode, [['CN=某县信息化管理部门']], 'Authenticode still checked after ours');
    assert.deepEqual(
      { ...run.status, lastCheckedAt: null, nextCheckAt: null },
      {
        phase: 'ready',
        currentVersion: '0.1.0',
        version: '0.2.0',
        releaseNotes: RELEASE_NOTES,
        releaseDate: '2026-12-01T08:00:00.000Z',
        downloadPercent: 100,
        signedBy: '某县信息中心（测试）',
        problem: null,
        lastCheckedAt: null,
        nextCheckAt: null,
        serverUrl: run.status.serverUrl,
      },
    );
    assert.match(run.status.serverUrl ?? '', /^https:\/\/127\.0\.0\.1:\d+\/$/);
    assert.match(run.lines.join('\n'), /新版本 0\.2\.0 已下载，已通过县级更新签名验证，退出程序时安装/);
    assert.deepEqual(run.cached, [`township-desk-updater/pending/${release.installerName}`]);
    assert.equal(run.started.installOnQuit(), true);
    assert.deepEqual(run.installs, [[true, false]]);
    run.started.stop();
  });

  test('a tampered installer (the server also fixed up sha512 and size) is refused, deleted, never installed', async () => {
    const bytes = Buffer.from(release.bytes);
    bytes[150_000]! ^= 0xff;
    // The attacker controls the server: latest.yml describes the new bytes, but cannot sign them.
    const signatures = signaturesLine(await readFile(release.description, 'utf8'));
    const run = await runUpdate(
      countyTls(),
      `${describeInstaller('0.2.0', release.installerName, bytes)}${signatures}\n`,
      bytes,
      withCountyCa,
    );
    assertRefused(run, /SHA-512 摘要不符/);
  });

  test('an unsigned release (a plain latest.yml) is refused, deleted, never installed', async () => {
    const run = await runUpdate(countyTls(), release.unsignedDescription, release.bytes, withCountyCa);
    assertRefused(run, /没有县级更新签名，这个更新包未经签名/);
  });

  test('a wrong signature — the signed latest.yml re-labelled as a newer version — is refused', async () => {
    const relabelled = (await readFile(release.description, 'utf8')).replace(/^version: 0\.2\.0$/m, 'version: 0.9.0');
    const run = await runUpdate(countyTls(), relabelled, release.bytes, withCountyCa);
    assertRefused(run, /县级更新签名无效（版本 0\.9\.0 的说明或文件被改动过）/, '0.9.0');
  });

  test('a release signed with a key this program does not trust is refused', async () => {
    const other = await releaseFolder('0.2.0');
    cleanups.push(() => other.remove());
    await signRelease({ installer: other.installer, keyFile: other.keyFile, keysFile: other.keysFile });
    const run = await runUpdate(countyTls(), await readFile(other.description, 'utf8'), other.bytes, withCountyCa);
    assertRefused(run, /签名密钥 [0-9a-f]{16} 不是本程序信任的县级更新密钥/);
  });

  test('a self-signed server with its certificate fingerprint pinned: the update comes through', async () => {
    const selfSigned = await createSelfSignedCertificate({ commonName: '某县更新服务器', altNames: ['127.0.0.1'] });
    const run = await runUpdate(
      { cert: selfSigned.certificatePem, key: selfSigned.keyPem },
      await readFile(release.description, 'utf8'),
      release.bytes,
      (serverUrl) => ({
        ...EMPTY_UPDATE_SETTINGS,
        serverUrl,
        // As an administrator might paste it: lower case, no colons.
        certificateFingerprint: certificateFingerprint(selfSigned.certificatePem).replace(/:/g, '').toLowerCase(),
      }),
    );
    assert.equal(run.status.phase, 'ready', JSON.stringify(run.status));
    run.started.stop();
  });

  test('a server whose certificate is neither the pinned one nor from the county’s CA: nothing is fetched, one clear line', async () => {
    const stranger = await createSelfSignedCertificate({ commonName: 'impostor', altNames: ['127.0.0.1'] });
    const pinnedElsewhere = await runUpdate(
      { cert: stranger.certificatePem, key: stranger.keyPem },
      await readFile(release.description, 'utf8'),
      release.bytes,
      (serverUrl) => ({ ...EMPTY_UPDATE_SETTINGS, serverUrl, certificateFingerprint: 'AB:'.repeat(31) + 'AB' }),
    );
    const otherCounty = await runUpdate(
      { cert: stranger.certificatePem, key: stranger.keyPem },
      await readFile(release.description, 'utf8'),
      release.bytes,
      withCountyCa,
    );
    for (const [run, code] of [
      [pinnedElsewhere, 'CERT_FINGERPRINT_MISMATCH'],
      [otherCounty, 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    ] as const) {
      assert.equal(run.status.phase, 'idle');
      assert.deepEqual(run.requests, [], 'no request reached the server past the handshake');
      assert.equal(run.lines.length, 1, run.lines.join('\n'));
      assert.match(
        run.lines[0]!,
        new RegExp(
          `^检查更新失败（不影响使用，30 分钟后重试）：更新服务器 https://127\\.0\\.0\\.1:\\d+/的证书不受信任（${code}`,
        ),
      );
      run.started.stop();
    }
  });

  test('the server unreachable: one clear log line, not fatal; the retry 30 minutes later finds the update', async () => {
    const server = await serveUpdateFolder(
      countyTls(),
      new Map<string, string | Buffer>([
        ['/latest.yml', await readFile(release.description, 'utf8')],
        [`/${release.installerName}`, release.bytes],
      ]),
    );
    cleanups.push(() => server.close());
    await server.close(); // the county's server is off (or the link is down)
    const installed = await nsisUpdater('0.1.0', PACKAGED_URL);
    cleanups.push(() => installed.remove());
    const { log, lines } = logRecorder();
    const statuses = statusRecorder();
    const clock = manualTimers();
    const started = await startAutoUpdate(log, {
      load: () => installed.updater,
      loadExecutorClass: () => ElectronHttpExecutor,
      trustedKeys: trusted,
      settings: withCountyCa(server.url),
      currentVersion: '0.1.0',
      onStatus: statuses.onStatus,
      timers: clock.timers,
    });
    assert.ok(started);
    await started.whenChecked();
    assert.deepEqual(lines, [
      `检查更新失败（不影响使用，30 分钟后重试）：无法连接更新服务器 ${server.url}（connect ECONNREFUSED 127.0.0.1:${server.port}）`,
    ]);
    const failed = started.status();
    assert.equal(failed.phase, 'idle');
    assert.match(failed.problem ?? '', /无法连接更新服务器/);
    assert.equal(Date.parse(failed.nextCheckAt!) - Date.parse(failed.lastCheckedAt!), RETRY_AFTER_FAILURE_MS);
    assert.deepEqual(clock.delays(), [RETRY_AFTER_FAILURE_MS]);

    await server.listen(); // back, on the same address
    clock.fire(RETRY_AFTER_FAILURE_MS);
    const ready = await statuses.until((status) => status.phase === 'ready');
    assert.equal(ready.version, '0.2.0');
    assert.equal(ready.problem, null);
    assert.equal(started.installOnQuit(true), true);
    assert.deepEqual(installed.installs, [[true, true]], '立即安装 starts the new version after installing');
    started.stop();
  });
});

function assertRefused(run: Run, reason: RegExp, version = '0.2.0'): void {
  assert.equal(run.status.phase, 'refused', JSON.stringify(run.status));
  assert.ok(run.requests.includes(`/${release.installerName}`), 'it was downloaded, then refused');
  assert.match(String(run.updaterError?.message), /not signed by the application owner/);
  const refusals = run.lines.filter((line) =>
    line.startsWith(`更新包未通过县级更新签名验证，已拒绝安装（版本 ${version}）`),
  );
  assert.equal(refusals.length, 1, run.lines.join('\n'));
  assert.match(refusals[0]!, reason);
  assert.equal(run.lines.length, 1, `one line for one refusal:\n${run.lines.join('\n')}`);
  assert.match(run.status.problem ?? '', reason);
  assert.deepEqual(run.authenticode, [], 'refused before the Authenticode check');
  assert.deepEqual(run.cached, [], 'nothing left in the cache');
  assert.equal(run.started.installOnQuit(), false);
  assert.deepEqual(run.installs, []);
  run.started.stop();
}
