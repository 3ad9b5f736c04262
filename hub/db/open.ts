// Opens the hub's database: SQLite in the data folder by default, PostgreSQL when the county
// gives a connection string. The rest of the hub does not care which; where a query must
// differ (row locks), it asks `dialect`.
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { prepareDatabaseFile } from '../../electron/backend/db/database';
import { Sqlite3Dialect } from '../../electron/backend/db/sqlite3Dialect';
import { hubMigrationProvider } from './migrations';
import type { HubDatabase, HubDb } from './schema';

export const HUB_DATABASE_FILE = 'hub.sqlite';

export type HubDialect = 'sqlite' | 'postgres';

/** The environment variable naming the hub's SQLite key file (`--db-key-file` wins over it). */
export const HUB_DB_KEY_FILE_ENV = 'HUB_DB_KEY_FILE';

export async function openHubDatabase(options: {
  dataDir: string;
  postgres?: string;
  /**
   * The SQLite database key (32 bytes, from the key file): every township's records are in this
   * database, so it is encrypted like a township's. PostgreSQL relies on the server's own
   * encryption (disk or tablespace) instead.
   */
  key?: Uint8Array | null;
  log?: (line: string) => void;
}): Promise<{ db: HubDb; dialect: HubDialect }> {
  let db: HubDb;
  let dialect: HubDialect;
  if (options.postgres) {
    dialect = 'postgres';
    // Loaded only here, and by a name the bundler does not follow: a township receiving its
    // villages (the same library, on SQLite) carries no PostgreSQL client in its bundles, and
    // the desktop package has none (test/electron-shell/bundles.test.ts).
    const client = 'pg';
    const { default: pg } = (await import(client)) as typeof import('pg');
    // Sequences and sizes are BIGINT; pg hands int8 back as strings (they may exceed 2^53).
    // Ours never will (a sequence per township, sizes under a gigabyte), and the rest of the code
    // compares numbers, so read them as numbers. COUNT(*) is int8 as well.
    pg.types.setTypeParser(20, (value: string) => Number(value));
    db = new Kysely<HubDatabase>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: options.postgres, max: 10 }) }),
    });
  } else {
    dialect = 'sqlite';
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    await chmod(options.dataDir, 0o700);
    const file = path.join(options.dataDir, HUB_DATABASE_FILE);
    const key = options.key ?? null;
    await prepareDatabaseFile(
      file,
      key,
      options.log,
      `请用 --db-key-file 或环境变量 ${HUB_DB_KEY_FILE_ENV} 指定密钥文件`,
    );
    db = new Kysely<HubDatabase>({
      dialect: new Sqlite3Dialect({
        filename: file,
        key,
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
