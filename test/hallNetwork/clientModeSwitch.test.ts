// 连接到大厅主机's decisions (electron/main/clientModeSwitch.ts) in plain Node: the certificate a
// real TLS server serves, compared with the fingerprint typed; and the setting saved as client
// mode will read it (readClientMode), readable by this account only.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { after, before, describe, test } from 'node:test';
import { ensureLanCertificate } from '../../electron/hall/lanCertificate';
import { CLIENT_MODE_FILE, readClientMode } from '../../electron/main/clientMode';
import {
  checkHallCertificate,
  probeHallCertificate,
  removeClientMode,
  saveClientMode,
} from '../../electron/main/clientModeSwitch';

describe('连接到大厅主机: checking the hall’s certificate', () => {
  let workDir: string;
  let server: tls.Server;
  let hallUrl: string;
  let fingerprint: string;
  let otherFingerprint: string;

  before(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'hall-client-probe-'));
    const hall = await ensureLanCertificate(path.join(workDir, 'hall'), ['127.0.0.2']);
    fingerprint = hall.info.fingerprint;
    otherFingerprint = (await ensureLanCertificate(path.join(workDir, 'other'), ['127.0.0.2'])).info.fingerprint;
    server = tls.createServer({ cert: hall.certPem, key: hall.keyPem }, (socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
    hallUrl = `https://127.0.0.2:${(server.address() as AddressInfo).port}/`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(workDir, { recursive: true, force: true });
  });

  test('the served certificate’s SHA-256 fingerprint is read off the connection', async () => {
    assert.deepEqual(await probeHallCertificate(hallUrl), { ok: true, fingerprint });
  });

  test('a match, with the fingerprint as typed in any case and without colons', async () => {
    const typed = fingerprint.replace(/:/g, '').toLowerCase();
    assert.deepEqual(await checkHallCertificate({ hallUrl, fingerprint: typed }), { outcome: 'match', fingerprint });
  });

  test('a mismatch names the fingerprint the hall served', async () => {
    const answer = await checkHallCertificate({ hallUrl, fingerprint: otherFingerprint });
    assert.equal(answer.outcome, 'mismatch');
    assert.ok(answer.outcome === 'mismatch');
    assert.equal(answer.served, fingerprint);
    assert.equal(answer.expected, otherFingerprint);
    assert.ok(answer.message.includes(fingerprint), answer.message);
    assert.match(answer.message, /证书指纹与填写的不一致/);
  });

  test('a closed port is unreachable, with the address and what to check', async () => {
    // A port that was just free: nothing listens there.
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.2', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const answer = await checkHallCertificate({ hallUrl: `https://127.0.0.2:${port}/`, fingerprint });
    assert.equal(answer.outcome, 'unreachable');
    assert.ok(answer.outcome === 'unreachable');
    assert.equal(
      answer.message,
      `无法连接大厅主机 127.0.0.2:${port}：连接被拒绝（该端口没有服务在听）。请核对地址和端口，确认大厅主机上的大厅网络已开启`,
    );
  });

  test('a server that does not speak TLS is told apart', async () => {
    const held: net.Socket[] = [];
    const plain = net.createServer((socket) => {
      held.push(socket.on('error', () => {}));
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.2', resolve));
    try {
      const port = (plain.address() as AddressInfo).port;
      const answer = await checkHallCertificate({ hallUrl: `https://127.0.0.2:${port}/`, fingerprint });
      assert.equal(answer.outcome, 'unreachable');
      assert.ok(answer.outcome === 'unreachable');
      assert.match(answer.message, new RegExp(`^大厅主机 127\\.0\\.0\\.2:${port} 的应答不是 HTTPS（TLS）`));
    } finally {
      for (const socket of held) socket.destroy();
      plain.close();
    }
  });

  test('no answer at all gives up after the timeout', async () => {
    // Accepts the connection and never answers the TLS hello.
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => void held.push(socket.on('error', () => {})));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.2', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const answer = await checkHallCertificate({ hallUrl: `https://127.0.0.2:${port}/`, fingerprint }, 300);
      assert.deepEqual(answer, {
        outcome: 'unreachable',
        message: `连接大厅主机 127.0.0.2:${port} 超时：请核对地址和端口，确认大厅网络已开启、网络畅通`,
      });
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
    }
  });

  test('http:// is refused before any connection, naming the field', async () => {
    assert.deepEqual(await checkHallCertificate({ hallUrl: hallUrl.replace('https:', 'http:'), fingerprint }), {
      outcome: 'invalid',
      field: 'hallUrl',
      message: '大厅地址（hallUrl）：应为 https:// 开头的网址，如 https://192.168.1.10:4781/（大厅网络只用 HTTPS）',
    });
    const short = await checkHallCertificate({ hallUrl, fingerprint: 'AB:CD' });
    assert.equal(short.outcome, 'invalid');
    assert.ok(short.outcome === 'invalid');
    assert.equal(short.field, 'fingerprint');
    assert.match(short.message, /^证书指纹（fingerprint）：应为 64 个十六进制字符/);
  });
});

describe('连接到大厅主机: saving the setting', () => {
  let userData: string;
  before(async () => {
    userData = path.join(await mkdtemp(path.join(os.tmpdir(), 'hall-client-save-')), 'userData');
  });
  after(async () => {
    await rm(path.dirname(userData), { recursive: true, force: true });
  });

  const fingerprint = Array.from({ length: 32 }, (_, i) =>
    (i * 7 + 16).toString(16).toUpperCase().padStart(2, '0'),
  ).join(':');

  test('writes client-mode.json, normalized, for this account only, as client mode reads it', async () => {
    const saved = await saveClientMode(userData, {
      hallUrl: ' https://192.168.1.10:4781 ',
      fingerprint: fingerprint.replace(/:/g, '').toLowerCase(),
    });
    assert.deepEqual(saved, { ok: true, values: { hallUrl: 'https://192.168.1.10:4781/', fingerprint } });
    const file = path.join(userData, CLIENT_MODE_FILE);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), { hallUrl: 'https://192.168.1.10:4781/', fingerprint });
    if (process.platform !== 'win32') assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(userData), [CLIENT_MODE_FILE], 'no temporary file left behind');
    const read = await readClientMode(userData);
    assert.equal(read.mode, 'client');
    assert.ok(read.mode === 'client');
    assert.equal(read.client.fingerprint, fingerprint);
    assert.equal(read.client.origin, 'https://192.168.1.10:4781');
  });

  test('a second save replaces the first whole; a refused one leaves it as it was', async () => {
    await saveClientMode(userData, { hallUrl: 'https://10.0.0.5:4781/', fingerprint });
    const before = await readFile(path.join(userData, CLIENT_MODE_FILE), 'utf8');
    assert.deepEqual(JSON.parse(before), { hallUrl: 'https://10.0.0.5:4781/', fingerprint });
    const refused = await saveClientMode(userData, { hallUrl: 'https://10.0.0.6:4781/', fingerprint: 'not one' });
    assert.equal(refused.ok, false);
    assert.ok(!refused.ok);
    assert.equal(refused.field, 'fingerprint');
    const extra = await saveClientMode(userData, { hallUrl: 'https://10.0.0.6:4781/', fingerprint, port: 1 });
    assert.deepEqual(extra, { ok: false, field: null, message: '有不认识的项：port（只能有 hallUrl 和 fingerprint）' });
    assert.equal(await readFile(path.join(userData, CLIENT_MODE_FILE), 'utf8'), before);
  });

  test('removing it brings back local mode, and removing it twice is fine', async () => {
    await removeClientMode(userData);
    assert.deepEqual(await readClientMode(userData), { mode: 'local' });
    await removeClientMode(userData);
  });
});
