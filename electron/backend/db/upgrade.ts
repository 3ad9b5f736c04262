// Bringing a database's schema up to this app's, without ever losing it: a database made by an
// earlier release is backed up first (a verified backup generation, the format a restore reads),
// then migrated; a migration that fails puts that backup back so the data folder is as it was,
// and says so. A database a newer release has migrated is not touched at all: this app does not
// know what the newer migrations did, and running on would corrupt it. A brand-new database takes
// no backup (nothing in it to keep); one already up to date costs a few reads, no write.
//
// SQLite's Kysely adapter runs migrations without a transaction (DDL is not transactional there),
// so a failing migration can leave half its statements applied: hence the backup, not a rollback.
import { access, constants, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { runBackup } from '../backup/backupRun';
import { generationName } from '../backup/backupFolder';
import { restoreBackup } from '../backup/restore';
import { PERSONAL_FILE_FOLDERS } from './dataFiles';
import type { Database } from './schema';

type Db = Kysely<Database>;

/** The settings rows read before the schema is known (their keys as backupService and nodeSettings write them). */
const BACKUP_SETTINGS_KEY = 'backup.settings';
const NODE_ID_KEY = 'node.id';

/** What the data folder holds that a backup copies (and a restore puts back); the rest stays where it is. */
const DATABASE_NAMES = (databaseFile: string) => [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`];

export interface SchemaState {
  /** The migrations this database has run, by name, in order. */
  applied: string[];
  /** The app's migrations it has not run yet. */
  pending: string[];
  /** Migrations it has run that this app does not know: a newer release's. */
  unknown: string[];
}

/** `0022` for `0022_app_versions`: the schema's version as people read it. */
export function schemaNumber(migration: string | null | undefined): string {
  return migration ? (/^\d+/.exec(migration)?.[0] ?? migration) : '0000';
}

async function hasTable(db: Db, name: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*) AS n FROM main.sqlite_schema WHERE type = 'table' AND name = ${name}`.execute(db);
  return (rows[0]?.n ?? 0) > 0;
}

export async function readSchemaState(db: Db, migrations: Readonly<Record<string, Migration>>): Promise<SchemaState> {
  const applied = (await hasTable(db, 'kysely_migration'))
    ? (await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db)).rows.map((r) => r.name)
    : [];
  const done = new Set(applied);
  return {
    applied,
    pending: Object.keys(migrations)
      .filter((name) => !done.has(name))
      .sort(),
    unknown: applied.filter((name) => !Object.hasOwn(migrations, name)),
  };
}

export interface AppVersionRecord {
  version: string;
  schemaVersion: string;
  /** When this version first opened the database (or, after a newer one, moved it to another schema). */
  firstOpenedAt: string;
  /** The backup taken before this version upgraded the database (null: none was needed). */
  upgradeBackup: string | null;
}

/** The app versions that opened this database, the one at the newest schema (then the latest) first. */
export async function readAppVersions(db: Db): Promise<AppVersionRecord[]> {
  if (!(await hasTable(db, 'app_versions'))) return [];
  const rows = await db
    .selectFrom('app_versions')
    .selectAll()
    .orderBy('schema_version', 'desc')
    .orderBy('first_opened_at', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    schemaVersion: r.schema_version,
    firstOpenedAt: r.first_opened_at,
    upgradeBackup: r.upgrade_backup,
  }));
}

/**
 * Notes that `appVersion` opened the database at its present schema (where the schema has the
 * table). Written only when that is news — a usual start writes nothing, so a database opened
 * and closed again (a restore's check, a backup's copy) holds what it held.
 */
async function recordAppVersion(
  db: Db,
  appVersion: string,
  schemaVersion: string,
  at: string,
  upgradeBackup: string | null,
): Promise<void> {
  if (!(await hasTable(db, 'app_versions'))) return;
  const known = await db
    .selectFrom('app_versions')
    .select('schema_version')
    .where('version', '=', appVersion)
    .executeTakeFirst();
  if (known?.schema_version === schemaVersion && upgradeBackup === null) return;
  await db
    .insertInto('app_versions')
    .values({ version: appVersion, schema_version: schemaVersion, first_opened_at: at, upgrade_backup: upgradeBackup })
    .onConflict((oc) =>
      oc.column('version').doUpdateSet((eb) => ({
        schema_version: schemaVersion,
        upgrade_backup: eb.fn.coalesce(eb.ref('excluded.upgrade_backup'), eb.ref('app_versions.upgrade_backup')),
      })),
    )
    .execute();
}

async function readSettingRaw(db: Db, key: string): Promise<string | null> {
  if (!(await hasTable(db, 'node_settings'))) return null;
  const row = await db.selectFrom('node_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

/** A database migrated by a newer release: refused, and the version that did it named. */
export class NewerDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NewerDatabaseError';
  }
}

/** A migration failed (the data folder was put back from the backup, or the message says it was not). */
export class UpgradeFailedError extends Error {
  constructor(
    message: string,
    /** The migration that failed. */
    readonly step: string,
    /** The backup taken before it (null: a new database, nothing to keep). */
    readonly backup: UpgradeBackup | null,
    /** Whether the data folder was put back as it was before. */
    readonly restored: boolean,
  ) {
    super(message);
    this.name = 'UpgradeFailedError';
  }
}

export interface UpgradeBackup {
  /** A backup folder of its own (`generations/<time>`, `files/`), which `--restore` and 从备份恢复 read. */
  folder: string;
  generation: string;
  fromVersion: string | null;
  toVersion: string;
  fromSchema: string;
  toSchema: string;
}

export interface UpgradeContext {
  dataDir: string;
  databaseFile: string;
  key: Uint8Array | null;
  /** The migrations this app has. */
  migrations: Readonly<Record<string, Migration>>;
  appVersion: string;
  now: () => Date;
  log: (line: string) => void;
}

/**
 * Brings `db` to the app's schema (see the head of this file) and records the app version.
 * On a throw `db` has been destroyed (a restore must not find the database open).
 * @throws NewerDatabaseError, UpgradeFailedError, or an Error saying the backup failed (nothing changed).
 */
export async function upgradeSchema(db: Db, context: UpgradeContext): Promise<void> {
  const state = await readSchemaState(db, context.migrations);
  if (state.unknown.length > 0) {
    const message = await newerDatabaseMessage(db, state, context);
    await db.destroy();
    throw new NewerDatabaseError(message);
  }
  const fromSchema = schemaNumber(state.applied.at(-1));
  const latest = Object.keys(context.migrations).sort().at(-1) ?? null;
  const toSchema = schemaNumber(latest);

  let backup: UpgradeBackup | null = null;
  if (state.pending.length > 0 && state.applied.length > 0) {
    try {
      backup = await backupBeforeUpgrade(db, context, fromSchema, toSchema);
    } catch (error) {
      await db.destroy();
      throw new Error(
        `数据库需要从结构 ${fromSchema} 升级到 ${toSchema}，但升级前备份未能完成，数据库没有做任何改动、程序未启动：${messageOf(error)}。请检查磁盘空间和备份位置后重新启动。`,
        { cause: error },
      );
    }
  }

  if (state.pending.length > 0) {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...context.migrations }) } });
    const { error, results } = await migrator.migrateToLatest();
    const failed = results?.find((r) => r.status === 'Error');
    if (error || failed) {
      await db.destroy();
      throw await failedUpgrade(context, backup, failed?.migrationName ?? '（未知步骤）', state, error);
    }
  }
  await recordAppVersion(db, context.appVersion, latest ?? '', context.now().toISOString(), backup?.folder ?? null);
}

async function newerDatabaseMessage(db: Db, state: SchemaState, context: UpgradeContext): Promise<string> {
  const newest = (await readAppVersions(db))[0];
  const by = newest && newest.version !== context.appVersion ? newest.version : null;
  const file = path.join(context.dataDir, context.databaseFile);
  const known = schemaNumber(Object.keys(context.migrations).sort().at(-1));
  return (
    `数据库 ${file} 已由较新的版本${by ? ` ${by} ` : ''}升级过（数据库结构 ${schemaNumber(state.unknown.at(-1))}，` +
    `本程序 ${context.appVersion} 只认识到结构 ${known}），本程序不能打开它。请安装${by ? ` ${by} ` : '那个较新的版本'}` +
    `或更新的版本。为免损坏数据，本程序没有改动这个数据库。`
  );
}

/** Where backups go (the folder the administrator set, when it can be written), else beside the data folder. */
async function upgradeBackupRoot(db: Db, context: UpgradeContext): Promise<{ root: string; beside: boolean }> {
  const folder = settingsFolder(await readSettingRaw(db, BACKUP_SETTINGS_KEY));
  if (typeof folder === 'string' && path.isAbsolute(folder)) {
    try {
      if ((await stat(folder)).isDirectory()) {
        await access(folder, constants.W_OK);
        return { root: folder, beside: false };
      }
    } catch {
      context.log(`备份位置 ${folder} 现在无法写入（U 盘未插好或共享未连上？），升级前备份改放在数据目录旁边`);
    }
  }
  return { root: path.dirname(path.resolve(context.dataDir)), beside: true };
}

/** The backup folder in the saved backup settings (backupService.ts writes them), if any. */
function settingsFolder(text: string | null): unknown {
  try {
    return text ? (JSON.parse(text) as { folder?: unknown }).folder : null;
  } catch {
    return null;
  }
}

async function backupBeforeUpgrade(
  db: Db,
  context: UpgradeContext,
  fromSchema: string,
  toSchema: string,
): Promise<UpgradeBackup> {
  const fromVersion = (await readAppVersions(db))[0]?.version ?? null;
  const at = context.now();
  const stamp = generationName(at);
  const { root, beside } = await upgradeBackupRoot(db, context);
  const name = `升级前备份-${fromVersion ?? '旧版'}至${context.appVersion}-结构${fromSchema}至${toSchema}-${stamp}`;
  const folder = path.join(root, beside ? `${path.basename(path.resolve(context.dataDir))}.${name}` : name);
  const result = await runBackup({
    dataDir: context.dataDir,
    key: context.key,
    nodeId: (await readSettingRaw(db, NODE_ID_KEY)) ?? '',
    folder,
    keep: 1,
    now: () => at,
  });
  await writeFile(path.join(folder, '说明.txt'), readme(context, folder, fromVersion, fromSchema, toSchema, at), {
    mode: 0o600,
  });
  context.log(
    `数据库将从结构 ${fromSchema} 升级到 ${toSchema}（${fromVersion ?? '旧版'} → ${context.appVersion}）。升级前备份已完成并校验：${folder}（数据库 ${result.databaseBytes} 字节，文书和附件 ${result.files} 个，用时 ${result.durationMs} 毫秒）`,
  );
  return { folder, generation: result.generation, fromVersion, toVersion: context.appVersion, fromSchema, toSchema };
}

function readme(
  context: UpgradeContext,
  folder: string,
  fromVersion: string | null,
  fromSchema: string,
  toSchema: string,
  at: Date,
): string {
  return [
    '升级前备份',
    '',
    `乡镇一站通从 ${fromVersion ?? '旧版'} 升级到 ${context.appVersion}（数据库结构 ${fromSchema} → ${toSchema}）之前，`,
    `于 ${at.toISOString()} 自动备份的数据目录 ${path.resolve(context.dataDir)}（数据库、存档文书和附件），已逐项校验。`,
    context.key ? '数据库和文件是加密的，恢复时需要原数据目录的数据库密钥（或导出的恢复密钥）。' : '',
    '',
    '升级失败时程序已自动用它恢复原数据。需要退回旧版本时：安装旧版本，再用这份备份恢复到一个新的数据目录：',
    `  大厅主机：npm run hall -- --restore "${folder}" --data <新的数据目录> [--db-key-file <密钥文件>]`,
    `  新电脑首次启动：选“从备份恢复”，备份位置填 ${folder}`,
    '',
    '升级后的程序运行正常、日常备份也已做过几次之后，可以把这个文件夹移到离线介质保存或删除。',
    '',
  ].join('\n');
}

/** Puts the backup back after a failed migration and makes the error that says what happened. */
async function failedUpgrade(
  context: UpgradeContext,
  backup: UpgradeBackup | null,
  step: string,
  state: SchemaState,
  error: unknown,
): Promise<UpgradeFailedError> {
  const index = state.applied.length + state.pending.indexOf(step) + 1;
  const what = `数据库升级失败：第 ${index} 步“${step}”出错（${messageOf(error)}）`;
  if (!backup)
    return new UpgradeFailedError(`${what}。这是新建的数据库，里面还没有数据；程序未启动。`, step, null, false);
  try {
    await putBackupBack(context, backup);
  } catch (restoreError) {
    context.log(`升级失败后恢复升级前备份未成功：${messageOf(restoreError)}`);
    return new UpgradeFailedError(
      `${what}，用升级前备份恢复也未成功（${messageOf(restoreError)}）。数据目录 ${context.dataDir} 可能处于半升级状态：请不要再启动本程序，` +
        `升级前备份在 ${backup.folder}，可用“从备份恢复”或命令行 --restore 恢复到新的数据目录。`,
      step,
      backup,
      false,
    );
  }
  return new UpgradeFailedError(
    `${what}。已用升级前备份恢复原数据，数据目录与升级前完全相同（仍是结构 ${backup.fromSchema}）；程序未启动。` +
      `升级前备份在 ${backup.folder}。请继续使用旧版本${backup.fromVersion ? ` ${backup.fromVersion}` : ''}，并把这段话告诉技术支持。`,
    step,
    backup,
    true,
  );
}

/**
 * Restores the backup into the data folder (checked in full, assembled beside it, checked again,
 * then swapped in), moves back what the data folder held that a backup does not copy (a key
 * file, the plain copy in-place encryption kept: nothing a migration touches), and removes the
 * half-migrated folder — the backup it was rebuilt from stays.
 */
async function putBackupBack(context: UpgradeContext, backup: UpgradeBackup): Promise<void> {
  const { movedAside } = await restoreBackup({
    folder: backup.folder,
    generation: backup.generation,
    dataDir: context.dataDir,
    key: context.key,
    now: context.now,
  });
  if (!movedAside) return;
  const covered = new Set<string>([...DATABASE_NAMES(context.databaseFile), ...PERSONAL_FILE_FOLDERS]);
  for (const name of await readdir(movedAside))
    if (!covered.has(name)) await rename(path.join(movedAside, name), path.join(context.dataDir, name));
  await rm(movedAside, { recursive: true, force: true });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
