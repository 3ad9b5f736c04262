// The desktop app's database key: 32 random bytes made on first start, kept only wrapped by the
// OS keychain (safeStorage: DPAPI on Windows) in a file beside — not inside — the data folder, so
// a copied data folder or a disk taken out of the laptop holds no key, and the clerk is never asked
// for one. The hall host takes its key from a key file instead (db/databaseKey.ts).
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { HostDatabaseKey } from '../backend/backup/firstRunRestore';
import { DATABASE_FILE } from '../backend/db/database';
import { databaseFileState } from '../backend/db/encryptInPlace';
import { DATABASE_KEY_BYTES } from '../backend/db/sqlite3Dialect';
import type { KeyProtector } from '../backend/sync/keyStore';

/** The wrapped key's file, in the app's folder next to the data folder. */
export const WRAPPED_DATABASE_KEY_FILE = 'database-key.keychain';
/**
 * Where the administrator puts the exported recovery key (backup.exportKey) to open a data
 * folder restored from a backup on this PC: taken into the keychain on start, then removed.
 */
export const IMPORTED_DATABASE_KEY_FILE = 'database-key.import';

export type DesktopDatabaseKey =
  | { key: Uint8Array; created: boolean }
  /** No keychain that really protects (Linux without a keyring): the database stays plain. */
  | { key: null; reason: string };

/**
 * The key of the database in `dataDir`: unwrapped from its file, or made and wrapped on the first
 * start with a keychain (a plain database is then encrypted in place by openDatabase).
 * @throws when the database is encrypted but the key cannot be had — a missing file or a
 *   keychain that no longer opens it (another Windows account) — with what to do, in Chinese.
 */
export async function desktopDatabaseKey(dataDir: string, protector: KeyProtector | null): Promise<DesktopDatabaseKey> {
  const file = path.join(path.dirname(path.resolve(dataDir)), WRAPPED_DATABASE_KEY_FILE);
  const wrapped = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    () => null,
  );
  const state = await databaseFileState(path.join(dataDir, DATABASE_FILE));
  if (wrapped !== null) {
    if (!protector)
      throw new Error(
        `数据库密钥由系统钥匙串保护（${file}），但本机系统钥匙串现在不可用：请用原来的 Windows 账户登录后再打开`,
      );
    let key: Uint8Array;
    try {
      key = await protector.unprotect(wrapped);
    } catch (error) {
      throw new Error(
        `系统钥匙串无法解开数据库密钥（${file}）：数据只能在原来的电脑和 Windows 账户上打开，请用原账户登录，或从备份恢复`,
        { cause: error },
      );
    }
    if (key.length !== DATABASE_KEY_BYTES) throw new Error(`数据库密钥文件 ${file} 已损坏`);
    return { key, created: false };
  }
  const importFile = path.join(path.dirname(file), IMPORTED_DATABASE_KEY_FILE);
  if (state === 'encrypted') {
    const imported = await readFile(importFile, 'utf8').then(
      (text) => text.trimStart().split(/\r?\n/)[0]!.trim(),
      () => null,
    );
    if (imported === null)
      throw new Error(
        `数据库 ${path.join(dataDir, DATABASE_FILE)} 已加密，但本机没有它的密钥。若是从备份恢复到这台电脑的，请把导出的“数据库恢复密钥”文件改名为 ${IMPORTED_DATABASE_KEY_FILE} 放到 ${path.dirname(file)} 后重新打开`,
      );
    if (!new RegExp(`^[0-9a-fA-F]{${DATABASE_KEY_BYTES * 2}}$`).test(imported))
      throw new Error(`${importFile} 不是数据库恢复密钥：第一行应为 ${DATABASE_KEY_BYTES * 2} 个十六进制字符`);
    if (!protector) throw new Error('本机没有可用的系统钥匙串，无法保存导入的数据库密钥');
    const key = Buffer.from(imported, 'hex');
    await writeWrapped(file, await protector.protect(key));
    await rm(importFile, { force: true });
    return { key, created: false };
  }
  if (!protector)
    return { key: null, reason: '本机没有可用的系统钥匙串（Linux 需要 gnome-keyring 或 kwallet），数据库无法加密保存' };
  const key = randomBytes(DATABASE_KEY_BYTES);
  await writeWrapped(file, await protector.protect(key));
  return { key, created: true };
}

/**
 * The desktop app's key for a restore at first run (从备份恢复): the recovery key the
 * administrator types is taken into the keychain as `database-key.import` would be, before the
 * restored folder is opened; the wrapped key of the fresh folder moved aside is kept beside it
 * (`database-key.keychain.before-restore-<time>`), never overwritten.
 */
export function desktopKeyHolder(
  dataDir: string,
  protector: KeyProtector | null,
  key: Uint8Array | null,
): HostDatabaseKey {
  const file = path.join(path.dirname(path.resolve(dataDir)), WRAPPED_DATABASE_KEY_FILE);
  let current = key;
  return {
    current: () => current,
    async refusal() {
      return protector
        ? null
        : '本机没有可用的系统钥匙串（Linux 需要 gnome-keyring 或 kwallet），恢复的加密数据将无法保存密钥，不能在这台电脑上恢复';
    },
    async adopt(recoveryKey, stamp) {
      if (!protector) throw new Error('本机没有可用的系统钥匙串，无法保存恢复密钥');
      const aside = `${file}.before-restore-${stamp}`;
      const hadOne = await stat(file).then(
        () => true,
        () => false,
      );
      if (hadOne) await rename(file, aside);
      await writeWrapped(file, await protector.protect(recoveryKey));
      const before = current;
      current = recoveryKey;
      return async () => {
        current = before;
        await rm(file, { force: true });
        if (hadOne) await rename(aside, file);
      };
    },
  };
}

/** Written whole, flushed and renamed: a power cut never leaves a half key that loses the data. */
async function writeWrapped(file: string, wrapped: string): Promise<void> {
  const partial = `${file}.partial`;
  const handle = await open(partial, 'w', 0o600);
  try {
    await handle.writeFile(`${wrapped}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(partial, file);
}
