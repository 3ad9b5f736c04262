// Client mode's decisions (electron/main/clientMode.ts), without Electron: the setting file read
// and refused in words, and the certificate check main.ts hands to Electron — fed the certificate
// a real hall's LAN listener presents over TLS, as Electron would.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { after, before, describe, test } from 'node:test';
import {
  CERTIFICATE_ACCEPT,
  CERTIFICATE_DEFAULT,
  CERTIFICATE_REJECT,
  CLIENT_MODE_FILE,
  clientWindowOptions,
  isClientNavigation,
  parseClientMode,
  pinnedCertificateVerifier,
  readClientMode,
  readClientModeSync,
  type ClientMode,
} from '../../electron/main/clientMode';
import { ensureLanCertificate } from '../../electron/hall/lanCertificate';
import { mainWindowOptions } from '../../electron/main/windowOptions';

const FINGERPRINT = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';

function clientOf(text: string): ClientMode {
  const setting = parseClientMode(text);
  assert.equal(setting.mode, 'client', JSON.stringify(setting));
  return (setting as { client: ClientMode }).client;
}

function refusal(text: string): string {
  const setting = parseClientMode(text);
  assert.equal(setting.mode, 'invalid', JSON.stringify(setting));
  return (setting as { message: string }).message;
}

describe('client mode: the setting', () => {
  test('a hall address and a fingerprint as read out (any case, no colons) are taken', () => {
    const client = clientOf(
      JSON.stringify({
        hallUrl: ' https://192.168.1.10:4781 ',
        fingerprint: FINGERPRINT.replace(/:/g, '').toLowerCase(),
      }),
    );
    assert.deepEqual(client, {
      hallUrl: 'https://192.168.1.10:4781/',
      origin: 'https://192.168.1.10:4781',
      hostname: '192.168.1.10',
      fingerprint: FINGERPRINT,
    });
  });

  test('refusals name the field', () => {
    assert.match(
      refusal(JSON.stringify({ hallUrl: 'http://192.168.1.10:4781/', fingerprint: FINGERPRINT })),
      /^大厅地址（hallUrl）：应为 https:\/\//,
    );
    assert.match(
      refusal(JSON.stringify({ hallUrl: 'https://192.168.1.10:4781/', fingerprint: 'AB:CD' })),
      /^证书指纹（fingerprint）：应为 64 个十六进制字符/,
    );
    assert.match(refusal(JSON.stringify({ fingerprint: FINGERPRINT })), /^大厅地址（hallUrl）/);
    assert.match(
      refusal(JSON.stringify({ hallUrl: 'https://h:1/', fingerprint: FINGERPRINT, database: 'x' })),
      /不认识的项：database/,
    );
    assert.match(refusal('{'), /不是有效的 JSON/);
  });

  test('no file: the app runs on its own database; a file: client mode', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'township-client-'));
    try {
      assert.deepEqual(await readClientMode(dir), { mode: 'local' });
      assert.deepEqual(readClientModeSync(dir), { mode: 'local' });
      await writeFile(
        path.join(dir, CLIENT_MODE_FILE),
        JSON.stringify({ hallUrl: 'https://hall.local:4781/', fingerprint: FINGERPRINT }),
      );
      assert.equal((await readClientMode(dir)).mode, 'client');
      assert.equal(readClientModeSync(dir).mode, 'client');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the window keeps every guard but loses the preload; it may show the hall’s pages only', () => {
    const local = mainWindowOptions({ preloadPath: '/app/preload.cjs', devTools: false });
    const options = clientWindowOptions(local);
    assert.equal(options.webPreferences?.preload, undefined);
    assert.equal(options.webPreferences?.sandbox, true);
    assert.equal(options.webPreferences?.contextIsolation, true);
    assert.equal(options.webPreferences?.nodeIntegration, false);
    assert.equal(local.webPreferences?.preload, '/app/preload.cjs', 'the local window’s options are untouched');
    const client = clientOf(JSON.stringify({ hallUrl: 'https://192.168.1.10:4781/', fingerprint: FINGERPRINT }));
    assert.ok(isClientNavigation(client, 'https://192.168.1.10:4781/#/counter'));
    assert.ok(!isClientNavigation(client, 'https://192.168.1.10:4782/'));
    assert.ok(!isClientNavigation(client, 'http://192.168.1.10:4781/'));
    assert.ok(!isClientNavigation(client, 'https://evil.example/'));
    assert.ok(!isClientNavigation(client, 'not a url'));
  });
});

describe('client mode: the pinned certificate', () => {
  let dir: string;
  let server: tls.Server;
  let port: number;
  let hallPem: string;
  let otherPem: string;
  let hallFingerprint: string;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'township-pin-'));
    const hall = await ensureLanCertificate(path.join(dir, 'hall'), ['127.0.0.2']);
    const other = await ensureLanCertificate(path.join(dir, 'other'), ['127.0.0.2']);
    hallFingerprint = hall.info.fingerprint;
    otherPem = other.certPem;
    server = tls.createServer({ cert: hall.certPem, key: hall.keyPem }, (socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
    port = (server.address() as import('node:net').AddressInfo).port;
    // What the hall presents on the wire, as PEM — what Electron's check hands over.
    hallPem = await new Promise<string>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.2', port, rejectUnauthorized: false }, () => {
        const raw = socket.getPeerCertificate().raw;
        socket.destroy();
        resolve(
          `-----BEGIN CERTIFICATE-----\n${raw.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`,
        );
      });
      socket.once('error', reject);
    });
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  test('exactly the pinned certificate is accepted for the hall’s host', () => {
    const lines: string[] = [];
    const client = clientOf(JSON.stringify({ hallUrl: `https://127.0.0.2:${port}/`, fingerprint: hallFingerprint }));
    const verify = pinnedCertificateVerifier(client, (line) => lines.push(line));
    assert.equal(verify({ hostname: '127.0.0.2', certificate: { data: hallPem } }), CERTIFICATE_ACCEPT);
    // Another self-signed certificate for the same address (a machine in the middle): refused, and said so.
    assert.equal(verify({ hostname: '127.0.0.2', certificate: { data: otherPem } }), CERTIFICATE_REJECT);
    assert.match(lines.join('\n'), /证书指纹 .* 与设置的 .* 不符，已拒绝连接/);
    assert.equal(verify({ hostname: '127.0.0.2', certificate: { data: 'garbage' } }), CERTIFICATE_REJECT);
    // Any other host is Chromium's to judge, not the pin's.
    assert.equal(verify({ hostname: 'example.org', certificate: { data: hallPem } }), CERTIFICATE_DEFAULT);
  });

  test('a pin of another certificate refuses the hall’s real one', () => {
    const client = clientOf(JSON.stringify({ hallUrl: `https://127.0.0.2:${port}/`, fingerprint: FINGERPRINT }));
    assert.equal(
      pinnedCertificateVerifier(client)({ hostname: '127.0.0.2', certificate: { data: hallPem } }),
      CERTIFICATE_REJECT,
    );
  });
});
