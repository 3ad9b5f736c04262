// 大厅网络's controller (electron/hall/lanListener.ts) in the hall host as `npm run hall` starts
// it: the certificate made once and kept, the port really closed when turned off, the LAN's
// sessions refused in words afterwards, the setting applied again at the next start, and the
// connected windows as the administrator sees them. Real sockets on 127.0.0.2, real TLS.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiResult } from '../../shared/api/errors';
import { HALL_NETWORK_CLOSED_MESSAGE } from '../../shared/hallNetwork/api';
import { startHall, type RunningHall } from '../../electron/hall/startHall';
import { HALL_NETWORK_FOLDER } from '../../electron/hall/lanListener';
import { PRIVATE_KEY_FILE } from '../../electron/hall/lanCertificate';
import { ADMIN, TestClient } from '../support/testHall';

const LAN_ADDRESS = '127.0.0.2';

/** A port free on the LAN address just now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, LAN_ADDRESS, resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Whether something accepts connections on the LAN port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, LAN_ADDRESS);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A window on the hall LAN: HTTPS trusting exactly the hall's certificate, its own cookie. */
class LanWindow {
  cookie: string | null = null;
  constructor(
    private readonly port: number,
    private readonly certPem: string,
  ) {}

  call(procedure: string, input: unknown): Promise<{ status: number; body: ApiResult<unknown> }> {
    const body = JSON.stringify(input);
    return new Promise((resolve, reject) => {
      const request = https.request(
        {
          host: LAN_ADDRESS,
          port: this.port,
          path: `/api/${procedure}`,
          method: 'POST',
          ca: this.certPem,
          agent: false,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
            ...(this.cookie ? { Cookie: this.cookie } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const setCookie = response.headers['set-cookie']?.[0];
            if (setCookie) {
              const pair = setCookie.split(';')[0]!;
              this.cookie = pair.endsWith('=') ? null : pair;
            }
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          });
        },
      );
      request.once('error', reject);
      request.end(body);
    });
  }
}

describe('大厅网络 in the hall host', () => {
  let dataDir: string;
  let hall: RunningHall;
  let admin: TestClient;
  let port: number;
  const databaseKey = randomBytes(32);
  const start = () =>
    startHall(
      {
        dataDir,
        host: '127.0.0.1',
        port: 0,
        staticDir: null,
        tlsCertFile: null,
        tlsKeyFile: null,
        demo: false,
        demoResidents: 0,
      },
      () => {},
      { databaseKey, logError: () => {} },
    );

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-lan-'));
    hall = await start();
    admin = new TestClient(hall.url);
    await admin.ok('system.setupAdministrator', ADMIN);
    port = await freePort();
  });
  after(async () => {
    await hall?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('off until the administrator turns it on; a clerk may not', async () => {
    const status = await admin.ok('hallNetwork.status', {});
    assert.equal(status.available, true);
    assert.equal(status.enabled, false);
    assert.equal(status.listening, false);
    assert.equal(status.certificate, null, 'no certificate before first use');
    await admin.ok('users.create', {
      username: 'clerk',
      displayName: '李晓燕',
      roles: ['counterClerk'],
      password: 'Initial123',
    });
    const clerk = new TestClient(hall.url);
    await clerk.ok('auth.login', { username: 'clerk', password: 'Initial123' });
    await clerk.ok('auth.changePassword', { currentPassword: 'Initial123', newPassword: 'Counter2026' });
    const refused = await clerk.call('hallNetwork.enable', { address: LAN_ADDRESS, port });
    assert.equal(refused.status, 403);
    assert.ok(!(await accepts(port)));
  });

  test('a wrong port is refused naming the field', async () => {
    const answer = await admin.call('hallNetwork.enable', { address: LAN_ADDRESS, port: 80 });
    assert.equal(answer.status, 400);
    assert.ok(!answer.body.ok);
    assert.match(answer.body.error.message, /端口：不能小于 1024/);
  });

  let fingerprint: string;
  let certPem: string;

  test('turning it on makes the certificate once (key 0600) and listens with it', async () => {
    const on = await admin.ok('hallNetwork.enable', { address: LAN_ADDRESS, port });
    assert.equal(on.listening, true);
    assert.deepEqual(on.urls, [`https://${LAN_ADDRESS}:${port}/`]);
    assert.ok(on.certificate);
    assert.match(on.certificate.fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.match(on.certificate.spkiPin, /^[A-Za-z0-9+/]{43}=$/);
    assert.ok(on.certificate.names.includes(LAN_ADDRESS), on.certificate.names.join());
    fingerprint = on.certificate.fingerprint;
    certPem = on.certificate.pem;
    const keyMode = (await stat(path.join(dataDir, HALL_NETWORK_FOLDER, PRIVATE_KEY_FILE))).mode & 0o777;
    assert.equal(keyMode, 0o600);
    // Served with exactly that certificate: a client trusting only it gets an answer.
    const lan = new LanWindow(port, certPem);
    const answer = await lan.call('system.status', {});
    assert.equal(answer.status, 200);
  });

  test('the windows list shows a LAN sign-in with where it came from and through which listener', async () => {
    const lan = new LanWindow(port, certPem);
    assert.equal((await lan.call('auth.login', { username: 'clerk', password: 'Counter2026' })).status, 200);
    const { windows } = await admin.ok('hallNetwork.windows', {});
    const clerk = windows.find((w) => w.username === 'clerk' && w.channel === 'lan');
    assert.ok(clerk, JSON.stringify(windows));
    assert.equal(clerk.via, `${LAN_ADDRESS}:${port}`);
    assert.equal(clerk.displayName, '李晓燕');
    assert.deepEqual(clerk.roles, ['counterClerk']);
    assert.match(clerk.from, /^127\.0\.0\.\d+$/);
    const own = windows.find((w) => w.current);
    assert.equal(own?.username, ADMIN.username);
    assert.equal(own?.channel, 'local');
    assert.equal(own?.from, '本机');
  });

  test('turning it off closes the port and ends the LAN sessions, which then hear why', async () => {
    const lan = new LanWindow(port, certPem);
    await lan.call('auth.login', { username: 'clerk', password: 'Counter2026' });
    assert.equal((await lan.call('counter.worklist', {})).status !== 401, true);
    const off = await admin.ok('hallNetwork.disable', {});
    assert.equal(off.enabled, false);
    assert.equal(off.listening, false);
    assert.equal(await accepts(port), false, 'nothing listens on the LAN port any more');
    const { windows } = await admin.ok('hallNetwork.windows', {});
    assert.deepEqual(
      windows.filter((w) => w.channel === 'lan'),
      [],
    );
    // Both changes are in the audit log, with who made them.
    const events = await hall.backend.db
      .selectFrom('audit_events')
      .select(['actor_name', 'summary'])
      .where('action', '=', 'hallNetwork')
      .orderBy('at')
      .execute();
    assert.deepEqual(
      events.map((e) => [e.actor_name, e.summary.slice(0, 6)]),
      [
        [ADMIN.displayName, '开放大厅网络'],
        [ADMIN.displayName, '关闭大厅网络'],
      ],
    );
    assert.match(events[0]!.summary, new RegExp(`https://${LAN_ADDRESS.replace(/\./g, '\\.')}:${port}/`));
    // The administrator's own window (this machine) is untouched.
    assert.equal((await admin.call('hallNetwork.status', {})).status, 200);
    // Turned on again: the same certificate, and the old LAN window is told what happened.
    const on = await admin.ok('hallNetwork.enable', { address: LAN_ADDRESS, port });
    assert.equal(on.certificate?.fingerprint, fingerprint, 'the certificate is made once and kept');
    const refused = await lan.call('counter.worklist', {});
    assert.equal(refused.status, 401);
    assert.ok(!refused.body.ok);
    assert.equal(refused.body.error.message, HALL_NETWORK_CLOSED_MESSAGE);
    assert.equal(lan.cookie, null, 'the dead cookie is cleared');
    // Once told, a new sign-in works again.
    assert.equal((await lan.call('auth.login', { username: 'clerk', password: 'Counter2026' })).status, 200);
  });

  test('the setting is applied again at the next start, with the same certificate', async () => {
    await hall.close();
    assert.equal(await accepts(port), false);
    hall = await start();
    admin = new TestClient(hall.url);
    await admin.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const status = await admin.ok('hallNetwork.status', {});
    assert.equal(status.enabled, true);
    assert.equal(status.listening, true);
    assert.equal(status.port, port);
    assert.equal(status.certificate?.fingerprint, fingerprint);
    assert.equal(await accepts(port), true);
    // Off, then a start keeps it off.
    await admin.ok('hallNetwork.disable', {});
    await hall.close();
    hall = await start();
    assert.equal(await accepts(port), false);
  });

  test('a port already taken is refused in words and nothing is changed', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, LAN_ADDRESS, resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      admin = new TestClient(hall.url);
      await admin.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
      const answer = await admin.call('hallNetwork.enable', { address: LAN_ADDRESS, port: taken });
      assert.equal(answer.status, 409);
      assert.ok(!answer.body.ok);
      assert.match(answer.body.error.message, new RegExp(`端口 ${taken} 已被占用`));
      assert.equal((await admin.ok('hallNetwork.status', {})).enabled, false);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
