// Turns a township's plain database into an encrypted one where it lies, the first time the
// host starts with a key. The plain file is copied first (the backup), the encrypted copy is
// checked against it table by table, and only then does it take the plain file's place, so a
// power cut at any point leaves either the untouched plain database or the checked encrypted one.
import { chmod, copyFile, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyDatabaseKey, chooseSqlCipherFormat, rawKeyLiteral } from './sqlite3Dialect';

/** The first 16 bytes of every plain SQLite file; an encrypted file starts with its random salt. */
const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export type DatabaseFileState = 'absent' | 'plain' | 'encrypted';

/** What `file` holds: nothing yet (missing or empty), a plain SQLite database, or anything else. */
export async function databaseFileState(file: string): Promise<DatabaseFileState> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw error;
  }
  try {
    const header = Buffer.alloc(PLAIN_HEADER.length);
    const { bytesRead } = await handle.read(header, 0, header.length, 0);
    if (bytesRead === 0) return 'absent';
    return bytesRead === header.length && header.equals(PLAIN_HEADER) ? 'plain' : 'encrypted';
  } finally {
    await handle.close();
  }
}

export interface EncryptedInPlace {
  /** The plain copy taken first: it still holds personal data in clear (the caller says so). */
  backupFile: string;
  tables: number;
  rows: number;
}

/**
 * Encrypts the plain database `file` with `key`, in place. Steps: fold the WAL into the file;
 * `VACUUM INTO` a backup beside it; encrypt a copy of the backup (`PRAGMA rekey`); open the copy
 * with the key and compare integrity and the row count of every table with the plain database;
 * remove the plain WAL and shared-memory files (empty after the checkpoint, and a stale WAL must
 * never be replayed onto the new file); rename the copy over `file`.
 *
 * The host must be the only process with the database open (it is, while it starts).
 */
export async function encryptInPlace(file: string, key: Uint8Array, now: Date = new Date()): Promise<EncryptedInPlace> {
  const dir = path.dirname(file);
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const backupFile = path.join(dir, `${path.basename(file, '.sqlite')}.before-encryption-${stamp}.sqlite`);
  const work = `${file}.encrypting`;
  await rm(work, { force: true }); // left by a run that stopped half-way

  const counts = new Map<string, number>();
  const plain = new Database(file);
  try {
    const [checkpoint] = plain.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (checkpoint && checkpoint.busy !== 0) {
      throw new Error(`数据库 ${file} 正被其他程序使用，无法加密：请先关闭其他打开它的程序后重新启动`);
    }
    for (const table of userTables(plain)) counts.set(table, rowCount(plain, table));
    plain.prepare('VACUUM INTO ?').run(backupFile);
  } finally {
    plain.close();
  }
  await chmod(backupFile, 0o600);
  await syncFile(backupFile);

  await copyFile(backupFile, work);
  await chmod(work, 0o600);
  const encrypting = new Database(work);
  try {
    // rekey rewrites every page; it needs a rollback journal, not WAL.
    encrypting.pragma('journal_mode = DELETE');
    chooseSqlCipherFormat(encrypting);
    encrypting.pragma(`rekey = ${rawKeyLiteral(key)}`);
  } finally {
    encrypting.close();
  }

  const check = new Database(work);
  try {
    applyDatabaseKey(check, key);
    const integrity = check.pragma('quick_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`加密后的数据库未通过完整性检查（${String(integrity)}）`);
    for (const [table, rows] of counts) {
      const encryptedRows = rowCount(check, table);
      if (encryptedRows !== rows) {
        throw new Error(`加密后的数据库与原库不一致：表 ${table} 原有 ${rows} 行，加密后 ${encryptedRows} 行`);
      }
    }
  } catch (error) {
    check.close();
    await rm(work, { force: true });
    throw new Error(`数据库加密未完成，原数据库未改动（备份在 ${backupFile}）：${(error as Error).message}`, {
      cause: error,
    });
  }
  check.close();
  await syncFile(work);

  await rm(`${file}-wal`, { force: true });
  await rm(`${file}-shm`, { force: true });
  await rename(work, file);
  await syncFolder(dir);
  return { backupFile, tables: counts.size, rows: [...counts.values()].reduce((a, b) => a + b, 0) };
}

function userTables(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{
      name: string;
    }>
  ).map((row) => row.name);
}

function rowCount(db: Database.Database, table: string): number {
  const quoted = `"${table.replaceAll('"', '""')}"`;
  return (db.prepare(`SELECT count(*) AS n FROM ${quoted}`).get() as { n: number }).n;
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes the rename durable; Windows cannot open a folder for fsync (NTFS journals the rename). */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
