// The whole data folder of a township at work — database, WAL, archived papers, attachments —
// holds no resident's ID number, phone or name in a form anyone can read without the key; with
// the key everything opens, without it nothing does; files a plain host left are encrypted in place.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { openBackend } from '../../electron/backend/backend';
import { DataFiles, isEncryptedFile } from '../../electron/backend/db/dataFiles';
import { startHall, type RunningHall } from '../../electron/hall/startHall';
import { filesHolding, pdfText } from '../support/filesHolding';
import { localHallOptions, townshipAtWork } from '../support/townshipAtWork';

const POSIX = process.platform !== 'win32';

async function tempFolder(t: TestContext): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'township-data-folder-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function writeKeyFile(dir: string): Promise<string> {
  const file = path.join(dir, 'township.key');
  await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  return file;
}

describe('the data folder of a township at work', () => {
  test('with the key: no demo ID number, phone or name readable in any file (database, WAL, papers, attachments); the key opens all of it and nothing opens without it', async (t) => {
    const dir = await tempFolder(t);
    const dataDir = path.join(dir, 'data');
    const keyFile = await writeKeyFile(dir);
    const work = await townshipAtWork(dataDir, keyFile);
    const receipt = await work.hall.backend.files.read(work.receiptPath);
    assert.ok((await pdfTextOf(dir, receipt)).includes(work.secrets[2]!), 'the receipt names the resident');
    const names = (await readdir(dataDir, { recursive: true })).map(String);
    assert.ok(names.includes('township.sqlite-wal'), `the WAL is searched too: ${names.join(', ')}`);
    assert.deepEqual(await filesHolding(dataDir, work.secrets), [], 'nothing readable while the hall runs');
    await work.hall.close();

    assert.deepEqual(await filesHolding(dataDir, work.secrets), [], 'nothing readable once closed');
    for (const file of [work.receiptPath, work.attachmentPath])
      assert.ok(isEncryptedFile(await readFile(path.join(dataDir, file))), `${file} is encrypted`);
    if (POSIX) {
      for (const name of (await readdir(dataDir, { recursive: true })).map(String)) {
        const info = await stat(path.join(dataDir, name));
        assert.equal((info.mode & 0o777).toString(8), info.isDirectory() ? '700' : '600', name);
      }
    }

    // Without the key: the database does not open, and neither does a paper.
    await assert.rejects(openBackend({ dataDir }), /已加密，未提供数据库密钥/);
    await assert.rejects(new DataFiles(dataDir, null).read(work.receiptPath), /已加密，未提供数据库密钥/);
    await assert.rejects(new DataFiles(dataDir, randomBytes(32)).read(work.receiptPath), /无法解密/);
    // With it: the same hall again, its paper and its scan as they were issued.
    const again = await startHall({ ...localHallOptions(dataDir), dbKeyFile: keyFile });
    try {
      assert.deepEqual(await again.backend.files.read(work.receiptPath), receipt);
      assert.deepEqual(await again.backend.files.read(work.attachmentPath), work.scan);
    } finally {
      await again.close();
    }
  });

  test('control: without a key the same work leaves the resident readable in the database, the receipt and the scan', async (t) => {
    const dir = await tempFolder(t);
    const dataDir = path.join(dir, 'data');
    const work = await townshipAtWork(dataDir, null);
    await work.hall.close();
    const found = await filesHolding(dataDir, work.secrets);
    assert.ok(found.includes('township.sqlite'), found.join(', '));
    assert.ok(found.includes(work.receiptPath), found.join(', '));
    assert.ok(found.includes(work.attachmentPath), found.join(', '));
  });

  test('a plain data folder given a key: database, papers and attachments are encrypted in place on start and read back the same', async (t) => {
    const dir = await tempFolder(t);
    const dataDir = path.join(dir, 'data');
    const work = await townshipAtWork(dataDir, null);
    await work.hall.close();
    const receipt = await readFile(path.join(dataDir, work.receiptPath));
    // A write a power cut stopped half-way is cleared, not encrypted as if it were a file.
    await writeFile(path.join(dataDir, `${work.attachmentPath}.partial`), 'half');

    const keyFile = await writeKeyFile(dir);
    const printed: string[] = [];
    const logged: string[] = [];
    const originalWarn = console.warn;
    console.warn = (line: string) => logged.push(String(line));
    let hall: RunningHall;
    try {
      hall = await startHall({ ...localHallOptions(dataDir), dbKeyFile: keyFile }, (line) => printed.push(line));
    } finally {
      console.warn = originalWarn;
    }
    try {
      assert.ok(
        logged.some((line) => /已将数据目录中 2 个明文文件（存档文书、附件）就地加密/.test(line)),
        logged.join('\n'),
      );
      assert.deepEqual(await hall.backend.files.read(work.receiptPath), receipt);
      assert.deepEqual(await hall.backend.files.read(work.attachmentPath), work.scan);
    } finally {
      await hall.close();
    }
    // Only the plain backup of the database taken before its encryption still holds the resident.
    const found = await filesHolding(dataDir, work.secrets);
    assert.equal(found.length, 1, found.join(', '));
    assert.match(found[0]!, /^township\.before-encryption-\d{8}T\d{6}Z\.sqlite$/);
    assert.deepEqual(
      (await readdir(dataDir, { recursive: true })).map(String).filter((name) => name.endsWith('.partial')),
      [],
    );
  });

  test('a file moved onto another record’s name does not open, and a changed byte is noticed', async (t) => {
    const dir = await tempFolder(t);
    const files = new DataFiles(dir, randomBytes(32));
    await files.write('attachments/aa/one.pdf', Buffer.from('%PDF- one'));
    await files.write('attachments/bb/two.pdf', Buffer.from('%PDF- two'));
    const one = await readFile(path.join(dir, 'attachments/aa/one.pdf'));
    await writeFile(path.join(dir, 'attachments/bb/two.pdf'), one);
    await assert.rejects(files.read('attachments/bb/two.pdf'), /无法解密：密钥不对，或文件已被改动、改名/);
    one[one.length - 20]! ^= 1;
    await writeFile(path.join(dir, 'attachments/aa/one.pdf'), one);
    await assert.rejects(files.read('attachments/aa/one.pdf'), /无法解密/);
    if (POSIX) await chmod(dir, 0o700);
  });
});

async function pdfTextOf(dir: string, pdf: Uint8Array): Promise<string> {
  const file = path.join(dir, `paper-${randomUUID()}.pdf`);
  await writeFile(file, pdf);
  return pdfText(file);
}
