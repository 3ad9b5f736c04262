// Opens the hub's database: SQLite in the data folder by default, PostgreSQL when the county
// gives a connection string. The rest of the hub does not care which; where a query must
// differ (row locks), it asks `dialect`.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { Sqlite3Dialect } from '../../electron/backend/db/sqlite3Dialect';
import { hubMigrationProvider } from './migrations';
import type { HubDatabase, HubDb } from './schema';

export const HUB_DATABASE_FILE = 'hub.sqlite';

export type HubDialect = 'sqlite' | 'postgres';

// Sequences and sizes are BIGINT; pg hands int8 back as strings (they may exceed 2^53).
// Ours never will (a sequence per township, sizes under a gigabyte), and the rest of the code
// compares numbers, so read them as numbers. COUNT(*) is int8 as well.
pg.types.setTypeParser(20, (value: string) => Number(value));

export async function openHubDatabase(options: {
  dataDir: string;
  postgres?: string;
}): Promise<{ db: HubDb; dialect: HubDialect }> {
  let db: HubDb;
  let dialect: HubDialect;
  if (options.postgres) {
    dialect = 'postgres';
    db = new Kysely<HubDatabase>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: options.postgres, max: 10 }) }),
    });
  } else {
    dialect = 'sqlite';
    await mkdir(options.dataDir, { recursive: true });
    db = new Kysely<HubDatabase>({
      dialect: new Sqlite3Dialect({
        filename: path.join(options.dataDir, HUB_DATABASE_FILE),
        // WAL so the county's reports can read while batches are applied; synchronous=FULL
        // because an acknowledged batch must survive a power cut (the node drops it once told).
        onOpen: [
          'PRAGMA journal_mode = WAL',
          'PRAGMA synchronous = FULL',
          'PRAGMA foreign_keys = ON',
          'PRAGMA busy_timeout = 5000',
        ],
      }),
    });
  }
  const migrator = new Migrator({ db, provider: hubMigrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`县级平台数据库升级失败（${failed?.migrationName ?? '未知步骤'}）：${String(error)}`);
  }
  return { db, dialect };
}
