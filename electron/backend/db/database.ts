import { chmod, mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { Kysely, sql, type Migration } from 'kysely';
import { APP_VERSION } from '../about/appVersion';
import { DATABASE_FILE } from './databaseFile';
import { databaseFileState, encryptInPlace } from './encryptInPlace';
import { MIGRATIONS } from './migrations';
import { CLEAR_ROW_CHANGES_SQL, ROW_CHANGES_TABLE_SQL, installRowCapture } from './rowImages';
import type { Database } from './schema';
import { Sqlite3Dialect } from './sqlite3Dialect';
import { upgradeSchema } from './upgrade';

export type Db = Kysely<Database>;

export { DATABASE_FILE };

export interface OpenDatabaseOptions {
  /**
   * The 32-byte database key (SQLCipher raw key). Absent: the database is plain, as before
   * encryption existed, and the host warns. Given with a plain database: that database is
   * encrypted in place first, a plain backup kept beside it.
   */
  key?: Uint8Array | null;
  /** Where a one-time event (the in-place encryption, the backup before an upgrade) is reported. */
  log?: (line: string) => void;
  /**
   * The migrations this app has (default: all of migrations.ts). Tests open a database with
   * fewer, as an earlier release would, or add one made to fail.
   */
  migrations?: Readonly<Record<string, Migration>>;
  /** The app version recorded in the database (default: package.json's). */
  appVersion?: string;
  /** The time the upgrade backup is named by. */
  now?: () => Date;
}

/**
 * Opens (creating if needed) the township database in `dataDir` and brings its schema up to
 * date — an older one backed up first, a newer one refused (upgrade.ts). WAL lets readers in
 * other processes (a backup, a report) work while we write; synchronous=FULL because township
 * PCs lose power and a registry must not lose a receipt. The folder is made 0700 and the
 * database files 0600 (POSIX; on Windows the profile's ACL keeps other accounts out).
 */
export async function openDatabase(dataDir: string, options: OpenDatabaseOptions = {}): Promise<Db> {
  const key = options.key ?? null;
  const file = path.join(dataDir, DATABASE_FILE);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);

  await prepareDatabaseFile(file, key, options.log);

  const db = new Kysely<Database>({
    dialect: new Sqlite3Dialect({
      filename: file,
      key,
      onOpen: [
        'PRAGMA journal_mode = WAL',
        'PRAGMA synchronous = FULL',
        'PRAGMA foreign_keys = ON',
        'PRAGMA busy_timeout = 5000',
        ROW_CHANGES_TABLE_SQL,
      ],
      onBegin: [CLEAR_ROW_CHANGES_SQL],
    }),
  });
  try {
    await sql`SELECT count(*) AS n FROM sqlite_schema`.execute(db);
  } catch (error) {
    await db.destroy();
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new Error(
        key
          ? `数据库密钥不对，无法解密 ${file}：请核对密钥文件是否为这个数据目录的密钥`
          : `${file} 不是可以打开的 SQLite 数据库`,
        { cause: error },
      );
    }
    throw error;
  }
  // An older schema is backed up before it is migrated and put back if a migration fails; a
  // newer one is refused (upgrade.ts). On a throw the connection is already closed.
  await upgradeSchema(db, {
    dataDir,
    databaseFile: DATABASE_FILE,
    key,
    migrations: options.migrations ?? MIGRATIONS,
    appVersion: options.appVersion ?? APP_VERSION,
    now: options.now ?? (() => new Date()),
    log: options.log ?? console.warn,
  });
  await installRowCapture(db);
  return db;
}

/**
 * Readies `file` to be opened with `key` (or none): refuses an encrypted file without a key,
 * encrypts a plain one in place when a key is given (a plain backup kept beside it, and said so),
 * and makes the file and its WAL private. Shared by the township's database and the hub's.
 */
export async function prepareDatabaseFile(
  file: string,
  key: Uint8Array | null,
  log: (line: string) => void = console.warn,
  keyHint = '请用 --db-key-file 或环境变量 TOWNSHIP_DB_KEY_FILE 指定密钥文件',
): Promise<void> {
  const state = await databaseFileState(file);
  if (state === 'encrypted' && !key) {
    throw new Error(`数据库 ${file} 已加密，未提供数据库密钥，无法打开：${keyHint}`);
  }
  if (state === 'plain' && key) {
    const done = await encryptInPlace(file, key);
    log(
      `已将明文数据库 ${file} 就地加密（${done.tables} 张表，${done.rows} 行）。加密前的明文备份：${done.backupFile}——其中仍是居民个人信息的明文，核对新库无误后请移到安全的离线介质或删除。`,
    );
  }
  await makeDatabaseFilesPrivate(file);
}

/**
 * 0600 for the database and, if present, its WAL and shared-memory files. A new database file is
 * made empty with 0600 before SQLite opens it, because SQLite creates the WAL and shared-memory
 * files with the permissions of the database file.
 */
async function makeDatabaseFilesPrivate(file: string): Promise<void> {
  const handle = await open(file, 'a', 0o600);
  await handle.close();
  for (const each of [file, `${file}-wal`, `${file}-shm`]) {
    await chmod(each, 0o600).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}
