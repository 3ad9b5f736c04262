// The township database encrypted at rest (SQLCipher format through SQLite3 Multiple Ciphers):
// what lies in the data folder after a township's work holds no resident's ID number, phone or
// name; the key opens it and nothing else does; a plain database is encrypted in place.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { seedDemoTownship } from '../../demo/demoTownship';
import { DATABASE_FILE, openDatabase, type Db } from '../../electron/backend/db/database';
import { readDatabaseKeyFile } from '../../electron/backend/db/databaseKey';
import { startHall } from '../../electron/hall/startHall';
import { filesHolding } from '../support/filesHolding';
import { parseHallArgs } from '../../electron/hall/hallOptions';

const NOW = new Date('2026-03-16T02:00:00Z');
const POSIX = process.platform !== 'win32';

async function tempFolder(t: TestContext): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'township-encryption-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Twelve residents' ID numbers, phones and names: what must not be readable from the files. */
async function residentSecrets(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('residents')
    .select(['id_number', 'phone', 'name'])
    .where('phone', '!=', '')
    .orderBy('id')
    .limit(12)
    .execute();
  assert.equal(rows.length, 12);
  return rows.flatMap((r) => [r.id_number, r.phone, r.name]).filter((s): s is string => Boolean(s));
}

async function residentCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('residents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function mode(file: string): Promise<string> {
  return ((await stat(file)).mode & 0o777).toString(8);
}

describe('the township database encrypted at rest', () => {
  const key = randomBytes(32);

  test('seeded with the key: no ID number, phone or name in any file of the data folder, open or closed; files 0600 in a 0700 folder', async (t) => {
    const dir = await tempFolder(t);
    const db = await openDatabase(dir, { key });
    await seedDemoTownship(db, { residents: 60, now: NOW });
    const secrets = await residentSecrets(db);
    const whileOpen = await readdir(dir);
    assert.ok(
      whileOpen.includes(`${DATABASE_FILE}-wal`),
      `the WAL is there to be searched too: ${whileOpen.join(', ')}`,
    );
    assert.deepEqual(await filesHolding(dir, secrets), [], 'nothing readable while the database is open');
    if (POSIX) {
      assert.equal(await mode(dir), '700');
      for (const name of whileOpen) assert.equal(await mode(path.join(dir, name)), '600', name);
    }
    await db.destroy();
    assert.deepEqual(await filesHolding(dir, secrets), [], 'nothing readable once closed');
    const header = (await readFile(path.join(dir, DATABASE_FILE))).subarray(0, 16).toString('latin1');
    assert.notEqual(header, 'SQLite format 3\0');
  });

  test('control: the same township without a key leaves its residents readable in the files', async (t) => {
    const dir = await tempFolder(t);
    const db = await openDatabase(dir);
    await seedDemoTownship(db, { residents: 60, now: NOW });
    const secrets = await residentSecrets(db);
    await db.destroy();
    assert.deepEqual(await filesHolding(dir, secrets), [DATABASE_FILE]);
  });

  test('it opens again with the key, and not without it or with another key (a clear message each time)', async (t) => {
    const dir = await tempFolder(t);
    let db = await openDatabase(dir, { key });
    await seedDemoTownship(db, { residents: 30, now: NOW, counterCases: false, disputes: false, petitions: false });
    await db.destroy();

    db = await openDatabase(dir, { key: Buffer.from(key) });
    assert.equal(await residentCount(db), 30);
    await db.destroy();

    await assert.rejects(openDatabase(dir), /township\.sqlite 已加密，未提供数据库密钥，无法打开：请用 --db-key-file/);
    await assert.rejects(openDatabase(dir, { key: randomBytes(32) }), /数据库密钥不对，无法解密/);
    // Neither failed attempt harmed the file.
    db = await openDatabase(dir, { key });
    assert.equal(await residentCount(db), 30);
    await db.destroy();
  });

  test('a plain database, left with its WAL by a power cut, is encrypted in place with every row; the plain backup is kept', async (t) => {
    const dir = await tempFolder(t);
    const live = path.join(dir, 'live');
    const data = path.join(dir, 'data');
    const plain = await openDatabase(live);
    await seedDemoTownship(plain, { residents: 40, now: NOW });
    const secrets = await residentSecrets(plain);
    const residents = await residentCount(plain);
    // The files as a power cut would leave them: the latest rows still in the WAL.
    await mkdir(data);
    for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`])
      await copyFile(path.join(live, name), path.join(data, name));
    await plain.destroy();
    assert.ok((await stat(path.join(data, `${DATABASE_FILE}-wal`))).size > 0);

    const logged: string[] = [];
    const db = await openDatabase(data, { key, log: (line) => logged.push(line) });
    assert.equal(await residentCount(db), residents);
    await db.updateTable('residents').set({ note: '加密后写入' }).where('id_number', '=', secrets[0]!).execute();

    const backups = (await readdir(data)).filter((name) =>
      /^township\.before-encryption-\d{8}T\d{6}Z\.sqlite$/.test(name),
    );
    assert.equal(backups.length, 1);
    const backup = path.join(data, backups[0]!);
    assert.equal(logged.length, 1);
    assert.match(logged[0]!, /已将明文数据库 .*township\.sqlite 就地加密/);
    assert.ok(logged[0]!.includes(backup), 'the log names the backup');
    assert.match(logged[0]!, /明文/);
    // Only the backup is readable; the database and its new WAL are not.
    assert.deepEqual(await filesHolding(data, secrets), [backups[0]]);
    if (POSIX) assert.equal(await mode(backup), '600');
    await db.destroy();
    assert.deepEqual(await filesHolding(data, secrets), [backups[0]]);

    // The backup is the plain database as it was, WAL rows included.
    const copy = new Database(backup, { readonly: true });
    assert.equal((copy.prepare('SELECT count(*) AS n FROM residents').get() as { n: number }).n, residents);
    copy.close();

    await assert.rejects(openDatabase(data), /已加密，未提供数据库密钥/);
    const again = await openDatabase(data, { key, log: (line) => logged.push(line) });
    assert.equal(await residentCount(again), residents);
    assert.equal(logged.length, 1, 'an encrypted database is not encrypted twice');
    await again.destroy();
  });
});

describe('the hall host’s database key file', () => {
  const hex = randomBytes(32).toString('hex');

  async function keyFile(dir: string, content: string, fileMode = 0o600): Promise<string> {
    const file = path.join(dir, 'keys', 'township.key');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    await chmod(file, fileMode);
    return file;
  }

  test('a key file outside the data folder, readable by its owner only, gives the 32-byte key', async (t) => {
    const dir = await tempFolder(t);
    const file = await keyFile(dir, `${hex}\n`);
    assert.deepEqual(await readDatabaseKeyFile(file, path.join(dir, 'data')), Buffer.from(hex, 'hex'));
  });

  test('refused, each with the fix in Chinese: missing, readable by others, inside the data folder, not 64 hex characters', async (t) => {
    const dir = await tempFolder(t);
    await assert.rejects(
      readDatabaseKeyFile(path.join(dir, 'none.key'), dir),
      /找不到数据库密钥文件 .*openssl rand -hex 32/,
    );
    if (POSIX) {
      const open = await keyFile(dir, hex, 0o644);
      await assert.rejects(
        readDatabaseKeyFile(open, path.join(dir, 'data')),
        /权限为 0644，其他用户也能读取：请执行 chmod 600/,
      );
    }
    const short = await keyFile(dir, hex.slice(2));
    await assert.rejects(readDatabaseKeyFile(short, path.join(dir, 'data')), /应为 64 个十六进制字符/);
    const passphrase = await keyFile(dir, '我的口令123');
    await assert.rejects(readDatabaseKeyFile(passphrase, path.join(dir, 'data')), /应为 64 个十六进制字符/);
    const inside = await keyFile(dir, hex);
    await assert.rejects(readDatabaseKeyFile(inside, dir), /位于数据目录 .* 之内：密钥不能和数据放在一起/);
  });

  test('--db-key-file: the hall host opens an encrypted database; without a key it starts plain and warns', async (t) => {
    const dir = await tempFolder(t);
    const file = await keyFile(dir, hex);
    const parsed = parseHallArgs(['--data', 'data', '--port', '0', '--db-key-file', file], {
      cwd: dir,
      staticDir: null,
    });
    assert.ok(parsed.ok === true);
    assert.equal(parsed.options.dbKeyFile, file);

    const printed: string[] = [];
    const hall = await startHall(parsed.options, (line) => printed.push(line));
    const residents = await hall.backend.db.selectFrom('residents').select('id').execute();
    await hall.close();
    assert.deepEqual(residents, []);
    assert.equal(printed.filter((line) => line.includes('未配置数据库密钥')).length, 0);
    const header = (await readFile(path.join(dir, 'data', DATABASE_FILE))).subarray(0, 16).toString('latin1');
    assert.notEqual(header, 'SQLite format 3\0');
    await assert.rejects(openDatabase(path.join(dir, 'data')), /已加密/);

    const plain = parseHallArgs(['--data', 'plain', '--port', '0'], { cwd: dir, staticDir: null });
    assert.ok(plain.ok === true);
    const plainPrinted: string[] = [];
    const plainHall = await startHall(plain.options, (line) => plainPrinted.push(line));
    await plainHall.close();
    assert.ok(
      plainPrinted.some((line) => /警告：未配置数据库密钥.*以明文保存.*--db-key-file.*TOWNSHIP_DB_KEY_FILE/.test(line)),
      plainPrinted.join('\n'),
    );
  });
});
