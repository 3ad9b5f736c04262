import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiResult } from '../../shared/api/errors';
import type { Backend, SessionCarrier } from '../../electron/backend/backend';
import {
  createApiHandler,
  createUploadHandler,
  endWindowSession,
  SessionCarriers,
  type IpcSender,
} from '../../electron/main/ipcApi';
import type { UploadOpening } from '../../electron/backend/documents/uploads';

interface Call {
  procedure: string;
  input: unknown;
  carrier: SessionCarrier;
}

/** A stand-in backend: logs in on `auth.login`, echoes the carrier's token otherwise. */
function fakeBackend(behaviour: { throwOn?: string } = {}) {
  const calls: Call[] = [];
  const backend = {
    async dispatch(procedure: string, input: unknown, carrier: SessionCarrier): Promise<ApiResult<unknown>> {
      calls.push({ procedure, input, carrier });
      if (procedure === behaviour.throwOn) throw new Error('boom');
      if (procedure === 'auth.login') carrier.setToken(`token-${calls.length}`);
      if (procedure === 'auth.logout') carrier.setToken(null);
      return { ok: true, result: { token: carrier.token } };
    },
    async close() {},
  } as unknown as Backend;
  return { backend, calls };
}

const appSender = (webContentsId = 1): IpcSender => ({
  webContentsId,
  frameUrl: 'app://township/index.html',
  isMainFrame: true,
});

describe('IPC API handler', () => {
  test('forwards a trusted call to the backend with that window’s carrier', async () => {
    const { backend, calls } = fakeBackend();
    const carriers = new SessionCarriers();
    const handle = createApiHandler({ backend: async () => backend, carriers });
    const result = await handle(appSender(7), 'residents.search', { q: '张' });
    assert.deepEqual(result, { ok: true, result: { token: null } });
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.procedure, 'residents.search');
    assert.deepEqual(calls[0]?.input, { q: '张' });
    assert.equal(calls[0]?.carrier, carriers.get(7));
    assert.equal(calls[0]?.carrier.origin, 'ipc');
  });

  test('keeps one session per window, in the main process', async () => {
    const { backend } = fakeBackend();
    const carriers = new SessionCarriers();
    const handle = createApiHandler({ backend: async () => backend, carriers });
    await handle(appSender(1), 'auth.login', { username: 'a', password: 'b' });
    assert.equal(carriers.get(1).token, 'token-1');
    // same window: same session; another window: signed out
    assert.deepEqual(await handle(appSender(1), 'auth.session', {}), { ok: true, result: { token: 'token-1' } });
    assert.deepEqual(await handle(appSender(2), 'auth.session', {}), { ok: true, result: { token: null } });
  });

  test('refuses senders that are not the app page, without calling the backend', async () => {
    const { backend, calls } = fakeBackend();
    const carriers = new SessionCarriers();
    const logged: string[] = [];
    const handle = createApiHandler({ backend: async () => backend, carriers, log: (m) => logged.push(m) });
    const untrusted: IpcSender[] = [
      { webContentsId: 1, frameUrl: 'https://evil.example/', isMainFrame: true },
      { webContentsId: 1, frameUrl: 'file:///C:/x.html', isMainFrame: true },
      { webContentsId: 1, frameUrl: 'app://township/index.html', isMainFrame: false },
      { webContentsId: 1, frameUrl: null, isMainFrame: true },
    ];
    for (const sender of untrusted) {
      const result = await handle(sender, 'auth.session', {});
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.error.code, 'FORBIDDEN');
    }
    assert.equal(calls.length, 0);
    assert.equal(carriers.size, 0, 'no session is even created for an untrusted sender');
    assert.equal(logged.length, untrusted.length);
  });

  test('refuses malformed procedure names', async () => {
    const { backend, calls } = fakeBackend();
    const handle = createApiHandler({ backend: async () => backend, carriers: new SessionCarriers() });
    for (const procedure of [
      undefined,
      null,
      42,
      {},
      '',
      'residents',
      'residents.',
      '.search',
      'residents.search.x',
      '__proto__.x',
      'a'.repeat(40) + '.' + 'b'.repeat(40),
    ]) {
      const result = await handle(appSender(), procedure, {});
      assert.equal(!result.ok && result.error.code, 'BAD_REQUEST', String(procedure));
    }
    assert.equal(calls.length, 0);
  });

  test('a backend that throws (or failed to open) gives INTERNAL, never a rejected IPC', async () => {
    const { backend } = fakeBackend({ throwOn: 'residents.get' });
    const logged: unknown[] = [];
    const handle = createApiHandler({
      backend: async () => backend,
      carriers: new SessionCarriers(),
      log: (m, e) => logged.push([m, e]),
    });
    const result = await handle(appSender(), 'residents.get', { id: 'x' });
    assert.equal(!result.ok && result.error.code, 'INTERNAL');
    assert.equal(logged.length, 1);

    const notOpen = createApiHandler({
      backend: () => Promise.reject(new Error('db locked')),
      carriers: new SessionCarriers(),
    });
    const result2 = await notOpen(appSender(), 'auth.session', {});
    assert.equal(!result2.ok && result2.error.code, 'INTERNAL');
  });
});

describe('IPC upload handler', () => {
  /** A stand-in backend whose upload slot records the chunks it is handed, for the carrier holding `token-ok`. */
  function uploadBackend() {
    const uploads: { carrier: SessionCarrier; chunks: number[] }[] = [];
    const backend = {
      async openUpload(carrier: SessionCarrier): Promise<UploadOpening> {
        if (carrier.token !== 'token-ok') {
          return { ok: false, error: { code: 'UNAUTHENTICATED', message: '尚未登录或登录已过期，请重新登录' } };
        }
        return {
          ok: true,
          slot: {
            maxBytes: 1 << 30,
            async write(source) {
              const chunks: number[] = [];
              for await (const chunk of source) chunks.push(chunk.byteLength);
              uploads.push({ carrier, chunks });
              const sizeBytes = chunks.reduce((a, b) => a + b, 0);
              return { ok: true, result: { uploadId: 'U'.repeat(22), sizeBytes, sha256: '', expiresAt: '' } };
            },
          },
        };
      },
    } as unknown as Backend;
    return { backend, uploads };
  }

  test('stages the bytes of a trusted window with that window’s session, a MiB at a time', async () => {
    const { backend, uploads } = uploadBackend();
    const carriers = new SessionCarriers();
    carriers.get(7).setToken('token-ok');
    const handle = createUploadHandler({ backend: async () => backend, carriers });
    const result = await handle(appSender(7), new ArrayBuffer(2.5 * 1024 * 1024));
    assert.equal(result.ok && result.result.sizeBytes, 2.5 * 1024 * 1024);
    assert.equal(uploads[0]?.carrier, carriers.get(7));
    assert.deepEqual(uploads[0]?.chunks, [1024 * 1024, 1024 * 1024, 512 * 1024]);
    // A Buffer (as Electron may deliver a typed array) is bytes too.
    assert.equal((await handle(appSender(7), Buffer.from('scan'))).ok, true);
  });

  test('refuses an untrusted sender, what is not bytes, and a window without a session', async () => {
    const { backend, uploads } = uploadBackend();
    const carriers = new SessionCarriers();
    carriers.get(1).setToken('token-ok');
    const handle = createUploadHandler({ backend: async () => backend, carriers, log: () => {} });
    const foreign = await handle(
      { webContentsId: 1, frameUrl: 'https://evil.example/', isMainFrame: true },
      new ArrayBuffer(4),
    );
    assert.equal(!foreign.ok && foreign.error.code, 'FORBIDDEN');
    const text = await handle(appSender(1), 'not bytes');
    assert.equal(!text.ok && text.error.code, 'BAD_REQUEST');
    const signedOut = await handle(appSender(2), new ArrayBuffer(4));
    assert.equal(!signedOut.ok && signedOut.error.code, 'UNAUTHENTICATED');
    assert.equal(uploads.length, 0);
  });

  test('a backend that throws gives INTERNAL, never a rejected IPC', async () => {
    const carriers = new SessionCarriers();
    const handle = createUploadHandler({
      backend: () => Promise.reject(new Error('db locked')),
      carriers,
      log: () => {},
    });
    const result = await handle(appSender(), new ArrayBuffer(4));
    assert.equal(!result.ok && result.error.code, 'INTERNAL');
  });
});

describe('closing a window', () => {
  test('drops its carrier and signs its user out', async () => {
    const { backend, calls } = fakeBackend();
    const carriers = new SessionCarriers();
    const handle = createApiHandler({ backend: async () => backend, carriers });
    await handle(appSender(3), 'auth.login', {});
    const carrier = carriers.get(3);
    await endWindowSession({ backend: async () => backend, carriers }, 3);
    assert.equal(carriers.has(3), false);
    assert.equal(carrier.token, null);
    assert.deepEqual(
      calls.map((c) => c.procedure),
      ['auth.login', 'auth.logout'],
    );
    // the next call from a window with that id would start signed out
    assert.equal(carriers.get(3).token, null);
  });

  test('nothing to do for a window that never signed in', async () => {
    const { backend, calls } = fakeBackend();
    const carriers = new SessionCarriers();
    carriers.get(4);
    await endWindowSession({ backend: async () => backend, carriers }, 4);
    await endWindowSession({ backend: async () => backend, carriers }, 99);
    assert.equal(carriers.size, 0);
    assert.equal(calls.length, 0);
  });

  test('a failing sign-out is logged, not thrown, and the token is still forgotten', async () => {
    const { backend } = fakeBackend({ throwOn: 'auth.logout' });
    const carriers = new SessionCarriers();
    carriers.get(5).setToken('secret');
    const carrier = carriers.get(5);
    const logged: string[] = [];
    await endWindowSession({ backend: async () => backend, carriers, log: (m) => logged.push(m) }, 5);
    assert.equal(carrier.token, null);
    assert.equal(logged.length, 1);
  });
});
