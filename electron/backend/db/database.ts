import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Kysely, Migrator } from 'kysely';
import { migrationProvider } from './migrations';
import type { Database } from './schema';
import { Sqlite3Dialect } from './sqlite3Dialect';

export type Db = Kysely<Database>;

export const DATABASE_FILE = 'township.sqlite';

/**
 * Opens (creating if needed) the township database in `dataDir` and brings its schema up to
 * date. WAL lets readers in other processes (a backup, a report) work while we write;
 * synchronous=FULL because township PCs lose power and a registry must not lose a receipt.
 */
export async function openDatabase(dataDir: string): Promise<Db> {
  await mkdir(dataDir, { recursive: true });
  const db = new Kysely<Database>({
    dialect: new Sqlite3Dialect({
      filename: path.join(dataDir, DATABASE_FILE),
      onOpen: [
        'PRAGMA journal_mode = WAL',
        'PRAGMA synchronous = FULL',
        'PRAGMA foreign_keys = ON',
        'PRAGMA busy_timeout = 5000',
      ],
    }),
  });
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`数据库升级失败（${failed?.migrationName ?? '未知步骤'}）：${String(error)}`);
  }
  return db;
}
