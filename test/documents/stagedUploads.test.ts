// The pieces under `PUT /uploads`: DataFiles' streaming write (the same sealed file as a whole
// write, a chunk at a time) and the upload store (bound to a session, used once, cut off at its
// limit), on real temp folders.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DataFileError, DataFiles } from '../../electron/backend/db/dataFiles';
import { UploadStore, type UploadSlot } from '../../electron/backend/documents/uploads';
import { TestClock } from '../support/testHall';

let root: string;
before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'township-staged-'));
});
after(() => rm(root, { recursive: true, force: true }));

let folders = 0;
const freshDir = () => path.join(root, String(++folders));

/** `bytes` as chunks of `size`, as a request body arrives. */
async function* chunked(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += size) yield bytes.subarray(offset, offset + size);
}

describe('DataFiles.writeStream', () => {
  test('writes the very format of `write`: sealed, bound to its path, opened by `read`', async () => {
    const files = new DataFiles(freshDir(), randomBytes(32));
    const plain = Buffer.concat([randomBytes(300_000), Buffer.from('PLAIN-MARKER-身份证')]);
    await files.writeStream('uploads/a', chunked(plain));
    const onDisk = await readFile(files.absolute('uploads/a'));
    assert.equal(onDisk.subarray(0, 4).toString('latin1'), 'TDR1');
    // magic, nonce, ciphertext as long as the plain bytes, tag
    assert.equal(onDisk.byteLength, 4 + 12 + plain.byteLength + 16);
    assert.ok(!onDisk.includes(Buffer.from('PLAIN-MARKER')));
    assert.deepEqual(await files.read('uploads/a'), plain);
    // The path is the associated data: moved onto another name, it does not open.
    await rename(files.absolute('uploads/a'), files.absolute('uploads/b'));
    await assert.rejects(files.read('uploads/b'), DataFileError);
  });

  test('a source that fails leaves nothing, not even the partial file', async () => {
    const files = new DataFiles(freshDir(), randomBytes(32));
    async function* breaks(): AsyncGenerator<Uint8Array> {
      yield randomBytes(100_000);
      throw new Error('the client went away');
    }
    await assert.rejects(files.writeStream('uploads/c', breaks()), /the client went away/);
    assert.deepEqual(await readdir(path.join(files.dataDir, 'uploads')), []);
  });

  test('without a key the file is written as it is; `readOwn` reads it back even when it begins like a sealed one', async () => {
    const files = new DataFiles(freshDir(), null);
    // Any uploaded file may happen to begin like a sealed one.
    const container = Buffer.concat([Buffer.from('TDR1'), randomBytes(1000)]);
    await files.writeStream('uploads/d', chunked(container, 100));
    assert.deepEqual(await readFile(files.absolute('uploads/d')), container);
    assert.deepEqual(await files.readOwn('uploads/d'), container);
  });
});

describe('UploadStore', () => {
  const clock = new TestClock();
  const hash = (token: string) => `hash:${token}`;
  const session = (token: string) => ({ tokenHash: hash(token), locked: false, mustChangePassword: false });
  const slotOf = (store: UploadStore, token: string): UploadSlot => {
    const opened = store.open(session(token));
    assert.ok(opened.ok);
    return opened.slot;
  };
  const field = { name: 'uploadId', label: '文件内容' };

  test('decides from the session alone: none, a locked screen, an initial password', () => {
    const store = new UploadStore(new DataFiles(freshDir(), null), clock.now, hash);
    const codes = [
      store.open(null),
      store.open({ ...session('a'), locked: true }),
      store.open({ ...session('a'), mustChangePassword: true }),
    ].map((opening) => (opening.ok ? 'ok' : opening.error.code));
    assert.deepEqual(codes, ['UNAUTHENTICATED', 'SCREEN_LOCKED', 'FORBIDDEN']);
  });

  test('stages, hashes and counts; taken once by its own session, refused to others in the same words', async () => {
    const files = new DataFiles(freshDir(), randomBytes(32));
    const store = new UploadStore(files, clock.now, hash);
    await store.start();
    try {
      const bytes = randomBytes(200_000);
      const written = await slotOf(store, 'a').write(chunked(bytes));
      assert.ok(written.ok);
      assert.equal(written.result.sha256, createHash('sha256').update(bytes).digest('hex'));
      const { uploadId } = written.result;
      await assert.rejects(store.take(uploadId, hash('b'), field), {
        error: {
          code: 'VALIDATION',
          message: '文件内容：上传已过期，请重新选择文件',
          fieldErrors: { uploadId: '文件内容：上传已过期，请重新选择文件' },
        },
      });
      const taken = await store.take(uploadId, hash('a'), field);
      assert.deepEqual(taken.bytes, bytes);
      assert.equal(taken.sha256, written.result.sha256);
      await assert.rejects(store.take(uploadId, hash('a'), field), { message: '文件内容：上传已过期，请重新选择文件' });
      assert.deepEqual(await readdir(path.join(files.dataDir, 'uploads')), []);
    } finally {
      await store.close();
    }
  });

  test('past its limit an upload stops being read: PAYLOAD_TOO_LARGE, nothing kept', async () => {
    const files = new DataFiles(freshDir(), randomBytes(32));
    const store = new UploadStore(files, clock.now, hash, 1024 * 1024);
    await store.start();
    try {
      let pulled = 0;
      async function* endless(): AsyncGenerator<Uint8Array> {
        for (;;) {
          pulled += 64 * 1024;
          yield Buffer.alloc(64 * 1024);
        }
      }
      const answer = await slotOf(store, 'a').write(endless(), 10 * 1024 * 1024);
      assert.equal(!answer.ok && answer.error.code, 'PAYLOAD_TOO_LARGE');
      assert.equal(!answer.ok && answer.error.message, '文件超过 1 MB，没有上传');
      assert.ok(pulled <= 1024 * 1024 + 64 * 1024, `pulled ${pulled} bytes`);
      assert.deepEqual(await readdir(path.join(files.dataDir, 'uploads')), []);
      assert.equal(store.size, 0);
    } finally {
      await store.close();
    }
  });
});
