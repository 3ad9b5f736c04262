// The desktop app's database key, made once and kept only wrapped by the OS keychain beside the
// data folder: a plain database from before is encrypted on the next start, the same key comes
// back on every start, and a keychain that no longer opens it stops the app with what to do.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { openDatabase } from '../../electron/backend/db/database';
import { databaseFileState } from '../../electron/backend/db/encryptInPlace';
import type { KeyProtector } from '../../electron/backend/sync/keyStore';
import {
  desktopDatabaseKey,
  IMPORTED_DATABASE_KEY_FILE,
  WRAPPED_DATABASE_KEY_FILE,
} from '../../electron/main/databaseKeychain';

async function appFolder(t: TestContext): Promise<{ userData: string; dataDir: string }> {
  const userData = await mkdtemp(path.join(os.tmpdir(), 'township-keychain-'));
  t.after(() => rm(userData, { recursive: true, force: true }));
  return { userData, dataDir: path.join(userData, 'data') };
}

/** A keychain of one OS account: what it wraps, only it unwraps. */
function keychainOf(account: string): KeyProtector {
  return {
    protect: async (secret) => Buffer.from(`${account}:${Buffer.from(secret).toString('hex')}`).toString('base64'),
    async unprotect(stored) {
      const [owner, hex] = Buffer.from(stored, 'base64').toString('utf8').split(':');
      if (owner !== account) throw new Error('DPAPI: the key was made under another account');
      return Buffer.from(hex!, 'hex');
    },
  };
}

describe('the desktop app’s database key from the OS keychain', () => {
  test('first start: a key is made and kept only wrapped, outside the data folder; a plain database is encrypted with it; the next start gets the same key', async (t) => {
    const { userData, dataDir } = await appFolder(t);
    const plain = await openDatabase(dataDir);
    await plain.insertInto('node_settings').values({ key: 'test.before', value: '明文时写入' }).execute();
    await plain.destroy();

    const keychain = keychainOf('clerk');
    const first = await desktopDatabaseKey(dataDir, keychain);
    assert.ok(first.key && first.created);
    const wrappedFile = path.join(userData, WRAPPED_DATABASE_KEY_FILE);
    const wrapped = await readFile(wrappedFile, 'utf8');
    assert.ok(!wrapped.includes(Buffer.from(first.key).toString('hex')), 'the key is not in the file in clear');
    assert.ok(!wrapped.includes(Buffer.from(first.key).toString('base64')));
    if (process.platform !== 'win32') assert.equal(((await stat(wrappedFile)).mode & 0o777).toString(8), '600');

    const logged: string[] = [];
    const db = await openDatabase(dataDir, { key: first.key, log: (line) => logged.push(line) });
    const row = await db
      .selectFrom('node_settings')
      .select('value')
      .where('key', '=', 'test.before')
      .executeTakeFirst();
    await db.destroy();
    assert.equal(row?.value, '明文时写入');
    assert.match(logged.join('\n'), /就地加密/);
    assert.equal(await databaseFileState(path.join(dataDir, 'township.sqlite')), 'encrypted');

    const second = await desktopDatabaseKey(dataDir, keychain);
    assert.ok(second.key && !second.created);
    assert.deepEqual(Buffer.from(second.key), Buffer.from(first.key));
  });

  test('another Windows account, no keychain, or a lost key file: refused with what to do, never a new key over encrypted data', async (t) => {
    const { dataDir } = await appFolder(t);
    const made = await desktopDatabaseKey(dataDir, keychainOf('clerk'));
    assert.ok(made.key);
    await (await openDatabase(dataDir, { key: made.key })).destroy();

    await assert.rejects(
      desktopDatabaseKey(dataDir, keychainOf('someone-else')),
      /系统钥匙串无法解开数据库密钥.*原来的电脑和 Windows 账户/,
    );
    await assert.rejects(desktopDatabaseKey(dataDir, null), /本机系统钥匙串现在不可用/);
    await rm(path.join(path.dirname(dataDir), WRAPPED_DATABASE_KEY_FILE));
    await assert.rejects(
      desktopDatabaseKey(dataDir, keychainOf('clerk')),
      /已加密，但本机没有它的密钥。若是从备份恢复到这台电脑的，请把导出的“数据库恢复密钥”文件改名为 database-key\.import/,
    );
  });

  test('a data folder restored onto a new PC opens with the exported recovery key, which goes into the keychain and is removed', async (t) => {
    const { userData, dataDir } = await appFolder(t);
    const made = await desktopDatabaseKey(dataDir, keychainOf('old-pc'));
    assert.ok(made.key);
    await (await openDatabase(dataDir, { key: made.key })).destroy();
    await rm(path.join(userData, WRAPPED_DATABASE_KEY_FILE)); // the new PC has none
    const importFile = path.join(userData, IMPORTED_DATABASE_KEY_FILE);
    await writeFile(importFile, 'not a key\n');
    await assert.rejects(desktopDatabaseKey(dataDir, keychainOf('new-pc')), /不是数据库恢复密钥/);
    await writeFile(importFile, `${Buffer.from(made.key).toString('hex')}\n\n乡镇一站通数据库恢复密钥（上面一行）……\n`);
    const imported = await desktopDatabaseKey(dataDir, keychainOf('new-pc'));
    assert.deepEqual(Buffer.from(imported.key!), Buffer.from(made.key));
    await assert.rejects(readFile(importFile), /ENOENT/, 'the plain recovery key does not stay on the disk');
    const again = await desktopDatabaseKey(dataDir, keychainOf('new-pc'));
    assert.deepEqual(Buffer.from(again.key!), Buffer.from(made.key));
    await (await openDatabase(dataDir, { key: again.key })).destroy();
  });

  test('no keychain that really protects and no data yet: no key, and the reason the database stays plain', async (t) => {
    const { dataDir } = await appFolder(t);
    const answer = await desktopDatabaseKey(dataDir, null);
    assert.equal(answer.key, null);
    assert.match('reason' in answer ? answer.reason : '', /系统钥匙串/);
  });
});
