// The administrator's update settings: what is accepted, how it is named when not, and what a
// failure of the server means in the log (shared/updates/settings.ts, electron/main/updateSettingsStore.ts,
// electron/main/updateProblems.ts).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { describeUpdateFailure } from '../../electron/main/updateProblems';
import {
  UPDATE_SETTINGS_FILE,
  checkUpdateSettings,
  createUpdateSettingsStore,
} from '../../electron/main/updateSettingsStore';
import { trustOf } from '../../electron/main/updateTransport';
import { EMPTY_UPDATE_SETTINGS } from '../../shared/updates/bridge';
import { normalizeFingerprint } from '../../shared/updates/settings';
import { certificateFingerprint } from '../../hub/certificate';
import { createCountyCa, type CountyCa } from './countyCa';

let county: CountyCa;
let folder: string;
before(async () => {
  county = await createCountyCa();
  folder = await mkdtemp(path.join(os.tmpdir(), 'update-settings-'));
});
after(() => rm(folder, { recursive: true, force: true }));

test('fingerprints are accepted as openssl, Windows or Node print them, and stored as Node prints them', () => {
  const node = certificateFingerprint(county.serverCertificatePem);
  const hex = node.replace(/:/g, '');
  for (const written of [node, hex.toLowerCase(), `sha256 Fingerprint=${node}`, hex.match(/.{4}/g)!.join(' ')]) {
    assert.equal(normalizeFingerprint(written), node, written);
  }
  const settings = checkUpdateSettings({ ...EMPTY_UPDATE_SETTINGS, certificateFingerprint: hex.toLowerCase() });
  assert.equal(settings.certificateFingerprint, node);
  assert.deepEqual(trustOf(settings), { fingerprint: node, caPem: null });
  assert.equal(trustOf(EMPTY_UPDATE_SETTINGS), null, 'no trust given: Electron’s own network stack');
});

test('each wrong field is named in Chinese', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ serverUrl: 'http://10.1.2.3/updates/' }, /^更新服务器地址必须是 https:\/\/ 开头/],
    [{ serverUrl: 'updates.county' }, /^更新服务器地址必须是 https:\/\//],
    [{ certificateFingerprint: 'AB:CD' }, /^证书指纹应为 SHA-256 指纹/],
    [{ caCertificatePem: 'hello' }, /^CA 证书应为 PEM 格式/],
    [{ caCertificatePem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' }, /^CA 证书无法读取/],
    // A server's own certificate is not a CA: pinning its fingerprint is the way for it.
    [{ caCertificatePem: county.serverCertificatePem }, /不是 CA 证书/],
    [{ serverUrl: 42 }, /^更新设置的内容无效$/],
    [{ extra: 'x' }, /^更新设置的内容无效$/],
  ];
  for (const [change, message] of cases) {
    assert.throws(
      () => checkUpdateSettings({ ...EMPTY_UPDATE_SETTINGS, ...change }),
      { message },
      JSON.stringify(change),
    );
  }
  assert.equal(
    checkUpdateSettings({ ...EMPTY_UPDATE_SETTINGS, caCertificatePem: county.caPem }).caCertificatePem,
    county.caPem.trim(),
  );
});

test('the store keeps what was saved, and refuses what is wrong without touching the file', async () => {
  const store = createUpdateSettingsStore(folder);
  assert.deepEqual(await store.read(), EMPTY_UPDATE_SETTINGS);
  const saved = await store.write({ ...EMPTY_UPDATE_SETTINGS, serverUrl: ' https://10.1.2.3/township-desk/ ' });
  assert.equal(saved.serverUrl, 'https://10.1.2.3/township-desk/');
  await assert.rejects(store.write({ ...EMPTY_UPDATE_SETTINGS, serverUrl: 'ftp://x' }));
  assert.deepEqual(await store.read(), saved);
  assert.match(await readFile(path.join(folder, UPDATE_SETTINGS_FILE), 'utf8'), /10\.1\.2\.3/);
});

test('a failure of the server, in one sentence', () => {
  const url = 'https://10.1.2.3/township-desk/';
  const cases: [unknown, RegExp][] = [
    [
      Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:443'), { code: 'ECONNREFUSED' }),
      /^无法连接更新服务器 https:\/\/10\.1\.2\.3\/township-desk\/（connect ECONNREFUSED/,
    ],
    [new Error('net::ERR_CONNECTION_TIMED_OUT'), /^无法连接更新服务器/],
    [new Error('net::ERR_NAME_NOT_RESOLVED'), /^无法连接更新服务器/],
    [
      Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      /的证书不受信任（DEPTH_ZERO_SELF_SIGNED_CERT：self-signed certificate）：请在 系统管理 → 软件更新 中/,
    ],
    [new Error('net::ERR_CERT_AUTHORITY_INVALID'), /的证书不受信任/],
    [
      Object.assign(new Error('Cannot find channel "latest.yml" update info: HttpError: 404'), {
        code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND',
      }),
      /上没有找到本程序的更新说明（latest\.yml）/,
    ],
    [Object.assign(new Error('403 Forbidden'), { statusCode: 403 }), /拒绝了请求（HTTP 403）/],
    [new Error('something else'), /^更新服务器 https:\/\/10\.1\.2\.3\/township-desk\/出错（something else）$/],
  ];
  for (const [error, sentence] of cases) assert.match(describeUpdateFailure(error, url), sentence);
});
