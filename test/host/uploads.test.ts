// `PUT /uploads` on the hall host: the file goes first, streamed to the data folder encrypted, and
// the procedure names it by its uploadId. What is decided from the headers (the session, the
// declared length) is decided before a byte is read; a body past the limit is cut off there; an
// upload belongs to the session that sent it, expires, and is removed when used, at sign-out and
// on start. Counted in bytes the server read (`socket.bytesRead`) and in files on disk.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { UPLOADS_PATH } from '../../shared/api/bridge';
import { HALL_LIMITS } from '../../electron/hall/hallLimits';
import { openBackend } from '../../electron/backend/backend';
import { UPLOADS_PER_SESSION } from '../../electron/backend/documents/uploads';
import { postStreaming, watchConnections, type StreamedBody } from '../support/rawHttp';
import { ADMIN, refused, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const MiB = 1024 * 1024;
/** What a server reads with the headers before it has decided anything: one read of the socket. */
const ONE_READ = 256 * 1024;
const BOUNDED = { timeout: 60_000 };

/** Polls until `done` (the host removes files on its own time: no fixed sleeps). */
async function until(done: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await done())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Bytes no test data contains by chance: found on disk, the upload was stored in clear. */
function marked(size: number): Buffer {
  const bytes = randomBytes(size);
  Buffer.from('PLAIN-UPLOAD-MARKER-青石镇-1234567890').copy(bytes, Math.floor(size / 2));
  return bytes;
}

describe('uploads on the hall host', () => {
  let hall: TestHall;
  let admin: TestClient;
  before(async () => {
    // Sessions that outlast an upload's hour, for the test of its expiry.
    ({ hall, admin } = await startSetUpHall({ sessionIdleMinutes: 24 * 60, sessionMaxHours: 48 }));
  });
  after(() => hall.close());

  const staged = () => readdir(path.join(hall.dataDir, 'uploads')).catch(() => [] as string[]);

  /** Streams `body` to PUT /uploads and returns the answer with what the server read of that connection. */
  async function put(body: Omit<StreamedBody, 'method'>, headers: Record<string, string> = {}) {
    const connections = watchConnections(hall.server);
    try {
      const answer = await postStreaming(
        new URL(UPLOADS_PATH, hall.url),
        { 'Content-Type': 'application/octet-stream', ...headers },
        { ...body, method: 'PUT' },
      );
      await connections.closed();
      const [serverRead] = connections.read();
      return { ...answer, serverRead: serverRead ?? 0 };
    } finally {
      connections.stop();
    }
  }
  const signedIn = () => ({ Cookie: admin.cookie! });

  test('without a session an upload is refused before a byte of it is read', BOUNDED, async () => {
    const declared = await put({ declaredLength: 30 * MiB, total: 30 * MiB });
    assert.equal(declared.status, 401);
    assert.match(declared.text, /尚未登录/);
    assert.equal(declared.headers.connection, 'close');
    assert.ok(declared.serverRead < ONE_READ, `the server read ${declared.serverRead} bytes`);
    const chunked = await put({ total: 30 * MiB });
    assert.equal(chunked.status, 401);
    assert.ok(chunked.serverRead < ONE_READ, `the server read ${chunked.serverRead} bytes`);
    // Asked first, it is told no before it sends anything.
    const asked = await put({ declaredLength: 30 * MiB, total: 30 * MiB }, { Expect: '100-continue' });
    assert.equal(asked.status, 401);
    assert.deepEqual(await staged(), []);
  });

  test('a Content-Length over the limit is answered 413 at once, the body unread', BOUNDED, async () => {
    const answer = await put({ declaredLength: HALL_LIMITS.uploadBytes + 1, total: 40 * MiB }, signedIn());
    assert.equal(answer.status, 413);
    assert.match(answer.text, /文件超过 36 MB，没有上传/);
    assert.equal(answer.headers.connection, 'close');
    assert.ok(answer.serverRead < ONE_READ, `the server read ${answer.serverRead} bytes`);
  });

  test(
    'a chunked upload is cut off at the limit: 413, nothing read past it, nothing left on disk',
    BOUNDED,
    async () => {
      const answer = await put({ total: 64 * MiB }, signedIn());
      assert.equal(answer.status, 413, answer.text);
      assert.match(answer.text, /文件超过 36 MB/);
      assert.equal(answer.headers.connection, 'close');
      assert.ok(answer.serverRead < HALL_LIMITS.uploadBytes + ONE_READ, `the server read ${answer.serverRead} bytes`);
      assert.ok(answer.bytesSent < 60 * MiB, `the client got ${answer.bytesSent} bytes out`);
      assert.deepEqual(await staged(), [], 'the partial file is removed');
      // The session is still good for the next upload.
      assert.equal((await admin.uploadRaw(Buffer.from('next'))).status, 200);
    },
  );

  test('an upload is streamed to disk encrypted, hashed on the way, and answered with its id', async () => {
    const bytes = marked(3 * MiB);
    const answer = await admin.uploadRaw(bytes);
    assert.equal(answer.status, 200);
    assert.ok(answer.body.ok);
    const receipt = answer.body.result;
    assert.match(receipt.uploadId, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(receipt.sizeBytes, bytes.byteLength);
    assert.equal(receipt.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.equal(Date.parse(receipt.expiresAt) - hall.clock.current.getTime(), 60 * 60_000);
    const onDisk = await readFile(path.join(hall.dataDir, 'uploads', receipt.uploadId));
    assert.equal(onDisk.subarray(0, 4).toString('latin1'), 'TDR1', 'the data files’ encrypted format');
    assert.ok(!onDisk.includes(Buffer.from('PLAIN-UPLOAD-MARKER')), 'no plain bytes of the upload on disk');
    assert.ok(!onDisk.includes(bytes.subarray(0, 64)));
    // The same file DataFiles.read opens: a streamed write is the format of a whole one.
    assert.deepEqual(await hall.backend.files.read(`uploads/${receipt.uploadId}`), bytes);
  });

  test('the reply-file import takes an upload: used once, then gone from disk and as an id', async () => {
    const before = new Set(await staged());
    const uploadId = await admin.upload(Buffer.from('not a reply file from the county'));
    assert.ok((await staged()).includes(uploadId));
    // Not enrolled: refused after the file was taken — an upload is used up by the procedure that takes it.
    refused(await admin.call('sync.importFile', { fileName: '回执.tdsync', uploadId }), 409, /尚未入网/);
    assert.ok(!(await staged()).includes(uploadId));
    refused(
      await admin.call('sync.importFile', { fileName: '回执.tdsync', uploadId }),
      400,
      /^回执文件：上传已过期，请重新选择文件$/,
      'uploadId',
    );
    assert.deepEqual(new Set(await staged()), before);
  });

  test('an upload of another session is refused, even of the same user signed in elsewhere', async () => {
    const uploadId = await admin.upload(Buffer.from('the first window’s file'));
    const elsewhere = hall.client();
    await elsewhere.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
    refused(
      await elsewhere.call('sync.importFile', { fileName: '回执.tdsync', uploadId }),
      400,
      /^回执文件：上传已过期，请重新选择文件$/,
      'uploadId',
    );
    // Refused to the other session, it is still there for its own.
    assert.ok((await staged()).includes(uploadId));
    refused(await admin.call('sync.importFile', { fileName: '回执.tdsync', uploadId }), 409, /尚未入网/);
  });

  test('an upload expires after an hour and is removed', async () => {
    const uploadId = await admin.upload(Buffer.from('waited too long'));
    hall.clock.advanceMinutes(59);
    assert.ok((await staged()).includes(uploadId), 'within its hour it waits');
    hall.clock.advanceMinutes(2);
    refused(
      await admin.call('sync.importFile', { fileName: '回执.tdsync', uploadId }),
      400,
      /^回执文件：上传已过期，请重新选择文件$/,
      'uploadId',
    );
    assert.ok(!(await staged()).includes(uploadId));
  });

  test('signing out removes the session’s uploads; a session keeps at most a few waiting', async () => {
    const other = hall.client();
    await other.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const ids: string[] = [];
    for (let i = 0; i <= UPLOADS_PER_SESSION; i++) ids.push(await other.upload(Buffer.from(`file ${i}`)));
    const waiting = await staged();
    assert.ok(!waiting.includes(ids[0]!), 'the oldest gave way to the newest');
    for (const id of ids.slice(1)) assert.ok(waiting.includes(id));
    await other.ok('auth.logout', {});
    await until(async () => !(await staged()).some((name) => ids.includes(name)), 'the uploads to go at sign-out');
  });

  test('a locked screen uploads nothing; another site’s page and other methods are refused', BOUNDED, async () => {
    const locked = hall.client();
    await locked.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await locked.ok('auth.lock', {});
    const answer = await put({ declaredLength: 8 * MiB, total: 8 * MiB }, { Cookie: locked.cookie! });
    assert.equal(answer.status, 423);
    assert.match(answer.text, /屏幕已锁定/);
    assert.ok(answer.serverRead < ONE_READ, `the server read ${answer.serverRead} bytes`);

    assert.equal((await admin.uploadRaw(Buffer.from('x'), { Origin: 'http://evil.example' })).status, 403);
    const get = await fetch(new URL(UPLOADS_PATH, hall.url), { headers: signedIn() });
    assert.equal(get.status, 405);
    const empty = await admin.uploadRaw(new Uint8Array(0));
    assert.equal(empty.status, 400);
    assert.ok(!empty.body.ok && /文件是空的/.test(empty.body.error.message));
  });

  test('a client that goes away mid-upload leaves nothing on disk, and the host serves on', BOUNDED, async () => {
    const partials = async () => (await staged()).filter((name) => name.endsWith('.partial'));
    const request = http.request(new URL(UPLOADS_PATH, hall.url), {
      method: 'PUT',
      headers: { ...signedIn(), 'Content-Length': String(20 * MiB) },
      agent: false,
    });
    request.on('error', () => {});
    request.write(Buffer.alloc(2 * MiB, 1));
    await until(async () => (await partials()).length === 1, 'the host writing the upload');
    request.destroy();
    await until(async () => (await partials()).length === 0, 'the partial file to go');
    assert.equal((await admin.uploadRaw(Buffer.from('still serving'))).status, 200);
  });
});

test('uploads left by an earlier run are removed on start (their sessions were in its memory)', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-uploads-'));
  const databaseKey = randomBytes(32);
  try {
    await (await openBackend({ dataDir, databaseKey, logError: () => {} })).close();
    await mkdir(path.join(dataDir, 'uploads'), { recursive: true });
    await writeFile(path.join(dataDir, 'uploads', 'AAAAAAAAAAAAAAAAAAAAAA'), 'left behind');
    await writeFile(path.join(dataDir, 'uploads', 'BBBBBBBBBBBBBBBBBBBBBB.partial'), 'cut off');
    const reopened = await openBackend({ dataDir, databaseKey, logError: () => {} });
    try {
      assert.deepEqual(await readdir(dataDir).then((names) => names.includes('uploads')), false);
    } finally {
      await reopened.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
