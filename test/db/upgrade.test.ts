// Upgrades that keep the data (issue 19, item 4): a database an earlier release made is backed up
// and migrated when the app opens it; a migration that fails puts the backup back, so the data
// folder holds exactly what it held; a database a newer release migrated is refused with the
// version named. Plain and encrypted alike.
//
// The old database is made here as the earlier release made it: its migrations only (the app's
// list up to PREVIOUS_RELEASE), then records written with that schema's SQL.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { describe, test, type TestContext } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { sql, type Migration } from 'kysely';
import { APP_VERSION } from '../../electron/backend/about/appVersion';
import { verifyGeneration } from '../../electron/backend/backup/verifyBackup';
import { listGenerations } from '../../electron/backend/backup/backupFolder';
import { DATABASE_FILE, openDatabase } from '../../electron/backend/db/database';
import { MIGRATIONS } from '../../electron/backend/db/migrations';
import { chooseSqlCipherPragmas, rawKeyLiteral } from '../../electron/backend/db/sqlite3Dialect';
import { NewerDatabaseError, UpgradeFailedError, readAppVersions } from '../../electron/backend/db/upgrade';
import { stopChild } from '../support/dispose';

/** The last migration of the release before this one's (issue 18 added 0019–0021 after it). */
const PREVIOUS_RELEASE = '0018_search_indexes';
const PREVIOUS_VERSION = '0.0.9';
const NOW = new Date('2026-12-07T04:10:00Z');
const PAPER = 'documents/2026/11/receipt-1.pdf';
/** Something a data folder holds besides the database and its files (a key file, a certificate). */
const OTHER_FILE = 'hall-tls-cert.pem';

function migrationsThrough(last: string): Record<string, Migration> {
  return Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name <= last));
}

const previousRelease = { migrations: migrationsThrough(PREVIOUS_RELEASE), appVersion: PREVIOUS_VERSION };

interface Township {
  root: string;
  dataDir: string;
  key: Buffer | null;
}

async function township(t: TestContext, encrypted: boolean): Promise<Township> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'township-upgrade-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  return { root, dataDir: path.join(root, 'data'), key: encrypted ? randomBytes(32) : null };
}

/** The earlier release's database with a few records written in its SQL, a paper and another file beside it. */
async function makeOldTownship(town: Township): Promise<void> {
  const db = await openDatabase(town.dataDir, { key: town.key, ...previousRelease, log: () => {} });
  const at = '2026-11-20T01:00:00.000Z';
  const statements = [
    sql`INSERT INTO node_settings (key, value) VALUES ('node.id', '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'), ('township.name', '青石镇')`,
    sql`INSERT INTO villages (id, name, kind, sort_order, created_at, updated_at) VALUES ('v1', '上坪村', 'village', 1, ${at}, ${at})`,
    sql`INSERT INTO users (id, username, display_name, password_hash, roles, created_at, updated_at)
        VALUES ('u1', 'admin', '王管理', 'scrypt$x', '["administrator"]', ${at}, ${at})`,
    sql`INSERT INTO residents (id, name, id_type, id_number, id_number_reversed, phone, phone_reversed, ethnicity, village_id, created_at, updated_at)
        VALUES ('r1', '吉𠮷', 'resident_id', '110101199003074514', '415470309910110', '13800138000', '00083100831', '汉族', 'v1', ${at}, ${at}),
               ('r2', '李堃', 'resident_id', '110101198512120021', '120021215891110', '', '', '汉族', 'v1', ${at}, ${at})`,
    sql`INSERT INTO change_log (id, entity, entity_id, op, data, actor_id, actor_name, at)
        VALUES ('c1', 'resident', 'r1', 'create', '{"name":"吉𠮷"}', 'u1', '王管理', ${at}),
               ('c2', 'resident', 'r2', 'create', '{"name":"李堃"}', 'u1', '王管理', ${at})`,
    sql`INSERT INTO issued_documents (id, type, title, record_entity, record_id, verification_code, sha256, size_bytes, file_path, issued_by, issued_by_name, issued_at)
        VALUES ('d1', 'receipt', '受理回执', 'resident', 'r1', 'ABCD-EFGH', ${'0'.repeat(64)}, 9, ${PAPER}, 'u1', '王管理', ${at})`,
  ];
  for (const statement of statements) await statement.execute(db);
  await db.destroy();
  await mkdir(path.dirname(path.join(town.dataDir, PAPER)), { recursive: true });
  await writeFile(path.join(town.dataDir, PAPER), '%PDF-1.7\n');
  await writeFile(path.join(town.dataDir, OTHER_FILE), 'certificate');
}

type Dump = Record<string, unknown[]>;

/** Every table's rows and the schema's SQL, read without the app (nothing is written). */
function dumpDatabase(town: Township): Dump {
  const db = new Database(path.join(town.dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    if (town.key)
      for (const pragma of [...chooseSqlCipherPragmas(), `key = ${rawKeyLiteral(town.key)}`]) db.pragma(pragma);
    const dump: Dump = {
      sqlite_schema: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all(),
    };
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    for (const table of tables) dump[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY 1`).all();
    return dump;
  } finally {
    db.close();
  }
}

/** The data folder's files (other than the database's own) and their bytes. */
async function folderFiles(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.startsWith(DATABASE_FILE)) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = (await readFile(file)).toString('base64');
  }
  return files;
}

async function upgradeBackups(town: Township): Promise<string[]> {
  return (await readdir(town.root)).filter((name) => name.includes('升级前备份')).sort();
}

for (const encrypted of [false, true]) {
  describe(`upgrading ${encrypted ? 'an encrypted' : 'a plain'} database`, () => {
    test('an older database is backed up (a verified generation a restore reads) and migrated; its records stay', async (t) => {
      const town = await township(t, encrypted);
      await makeOldTownship(town);
      const before = dumpDatabase(town);
      const filesBefore = await folderFiles(town.dataDir);
      const lines: string[] = [];

      const db = await openDatabase(town.dataDir, { key: town.key, now: () => NOW, log: (line) => lines.push(line) });
      let versions: Awaited<ReturnType<typeof readAppVersions>>;
      try {
        const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
        assert.deepEqual(
          applied.rows.map((r) => r.name),
          Object.keys(MIGRATIONS).sort(),
        );
        const residents = await db.selectFrom('residents').select(['id', 'name', 'id_number']).orderBy('id').execute();
        assert.deepEqual(residents, [
          { id: 'r1', name: '吉𠮷', id_number: '110101199003074514' },
          { id: 'r2', name: '李堃', id_number: '110101198512120021' },
        ]);
        // 0020 added row images and marked the baseline due, because the log had entries.
        const baseline = await db
          .selectFrom('node_settings')
          .select('value')
          .where('key', '=', 'sync.rowBaseline')
          .executeTakeFirst();
        assert.equal(baseline?.value, 'due');
        versions = await readAppVersions(db);
      } finally {
        await db.destroy();
      }
      assert.deepEqual(await folderFiles(town.dataDir), filesBefore, 'the papers and other files are untouched');

      const [name, ...more] = await upgradeBackups(town);
      assert.equal(more.length, 0);
      const latest = schemaOf(Object.keys(MIGRATIONS).sort().at(-1)!);
      assert.equal(name, `data.升级前备份-旧版至${APP_VERSION}-结构0018至${latest}-20261207T041000Z`);
      const folder = path.join(town.root, name!);
      assert.match(lines.join('\n'), new RegExp(`升级前备份已完成并校验：${escape(folder)}`));
      // The version that upgraded it is recorded, with where its backup went (关于 shows both).
      assert.deepEqual(
        versions.map((v) => [v.version, v.schemaVersion, v.upgradeBackup]),
        [[APP_VERSION, Object.keys(MIGRATIONS).sort().at(-1), folder]],
      );
      const [generation] = await listGenerations(folder);
      const manifest = await verifyGeneration(path.join(folder, 'generations', generation!), folder, town.key);
      assert.equal(manifest.encrypted, encrypted);
      assert.deepEqual(
        manifest.files.map((f) => f.path),
        [PAPER],
      );
      assert.equal(manifest.database.tables.residents, 2);
      assert.equal(manifest.database.tables.app_versions, undefined, 'the backup is of the old schema');
      assert.match(await readFile(path.join(folder, '说明.txt'), 'utf8'), /--restore/);

      // Restored (as the command line would) into a new folder, it is the old database again.
      const { restoreBackup } = await import('../../electron/backend/backup/restore');
      const copy = { ...town, dataDir: path.join(town.root, 'restored') };
      await restoreBackup({ folder, dataDir: copy.dataDir, key: town.key, now: () => NOW });
      assert.deepEqual(dumpDatabase(copy), before);

      // Up to date now: opening again takes no backup and writes nothing.
      const upgraded = dumpDatabase(town);
      const again = await openDatabase(town.dataDir, { key: town.key, log: (line) => lines.push(line) });
      await again.destroy();
      assert.equal((await upgradeBackups(town)).length, 1);
      assert.deepEqual(dumpDatabase(town), upgraded);
    });

    test('a migration that fails puts the backup back: the same rows, files and schema, and the old release opens it', async (t) => {
      const town = await township(t, encrypted);
      await makeOldTownship(town);
      const before = dumpDatabase(town);
      const filesBefore = await folderFiles(town.dataDir);
      const madeToFail: Record<string, Migration> = {
        ...MIGRATIONS,
        // Half done, then fails: a table made, a row changed, then an error (no transaction in SQLite migrations).
        '0999_made_to_fail': {
          async up(db) {
            await sql`CREATE TABLE half_done (x TEXT)`.execute(db);
            await sql`UPDATE residents SET name = '改坏了'`.execute(db);
            throw new Error('模拟的升级错误');
          },
        },
      };

      const failure = await openDatabase(town.dataDir, {
        key: town.key,
        migrations: madeToFail,
        now: () => NOW,
        log: () => {},
      }).then(
        () => assert.fail('the upgrade should have failed'),
        (error: unknown) => error,
      );
      assert.ok(failure instanceof UpgradeFailedError, String(failure));
      assert.equal(failure.step, '0999_made_to_fail');
      assert.equal(failure.restored, true);
      const [name] = await upgradeBackups(town);
      const folder = path.join(town.root, name!);
      assert.equal(failure.backup?.folder, folder);
      assert.match(failure.message, /数据库升级失败：第 \d+ 步“0999_made_to_fail”出错（模拟的升级错误）/);
      assert.match(failure.message, /已用升级前备份恢复原数据，数据目录与升级前完全相同（仍是结构 0018）/);
      assert.ok(failure.message.includes(`升级前备份在 ${folder}`), failure.message);

      assert.deepEqual(dumpDatabase(town), before, 'every row and the schema as before the upgrade');
      assert.deepEqual(await folderFiles(town.dataDir), filesBefore, 'the paper and the other file as before');
      assert.deepEqual(
        (await readdir(town.root)).filter((n) => n !== name).sort(),
        ['data'],
        'no half-upgraded copy or work folder left beside the data folder',
      );

      // The earlier release opens it as it was.
      const old = await openDatabase(town.dataDir, { key: town.key, ...previousRelease, log: () => {} });
      try {
        const names = await old.selectFrom('residents').select('name').orderBy('id').execute();
        assert.deepEqual(
          names.map((r) => r.name),
          ['吉𠮷', '李堃'],
        );
      } finally {
        await old.destroy();
      }
    });

    test('a database a newer release migrated is refused, the version named, and left untouched', async (t) => {
      const town = await township(t, encrypted);
      await makeOldTownship(town);
      const newer: Record<string, Migration> = {
        ...MIGRATIONS,
        '0998_next_release': {
          async up(db) {
            await sql`CREATE TABLE next_release_things (id TEXT PRIMARY KEY)`.execute(db);
          },
        },
      };
      const opened = await openDatabase(town.dataDir, {
        key: town.key,
        migrations: newer,
        appVersion: '0.3.0',
        now: () => NOW,
        log: () => {},
      });
      await opened.destroy();
      const before = dumpDatabase(town);
      const backups = await upgradeBackups(town);

      const refusal = await openDatabase(town.dataDir, { key: town.key, log: () => {} }).then(
        () => assert.fail('a newer database should be refused'),
        (error: unknown) => error,
      );
      assert.ok(refusal instanceof NewerDatabaseError, String(refusal));
      assert.match(refusal.message, /已由较新的版本 0\.3\.0 升级过（数据库结构 0998/);
      assert.match(refusal.message, new RegExp(`本程序 ${escape(APP_VERSION)} 只认识到结构`));
      assert.match(refusal.message, /请安装 0\.3\.0 或更新的版本/);
      assert.deepEqual(dumpDatabase(town), before, 'refused without a write');
      assert.deepEqual(await upgradeBackups(town), backups, 'and without a backup');
    });
  });
}

describe('the hall host (the built bundle, as `npm run hall` runs it)', () => {
  const HALL_TEST = { timeout: 120_000 };
  function hall(dataDir: string): ChildProcessByStdio<null, Readable, Readable> {
    const child = spawn(process.execPath, ['dist/hall/hall.js', '--data', dataDir, '--port', '0'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    return child;
  }

  test('upgrades an older data folder on start, saying where the backup went', HALL_TEST, async (t) => {
    const town = await township(t, false);
    await makeOldTownship(town);
    const child = hall(town.dataDir);
    t.after(() => stopChild(child));
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const seen = (chunk: string) => {
        output += chunk;
        if (/已启动：http/.test(output)) resolve();
      };
      child.stdout.on('data', seen);
      child.stderr.on('data', seen);
      child.once('exit', (code) => reject(new Error(`the hall exited with ${code}: ${output}`)));
    });
    const [name] = await upgradeBackups(town);
    assert.ok(name, output);
    assert.ok(output.includes(`升级前备份已完成并校验：${path.join(town.root, name)}`), output);
  });

  test('refuses a database a newer version migrated, in words an administrator can act on', HALL_TEST, async (t) => {
    const town = await township(t, false);
    const newer = await openDatabase(town.dataDir, {
      migrations: { ...MIGRATIONS, '0998_next_release': { up: async () => {} } },
      appVersion: '0.3.0',
      log: () => {},
    });
    await newer.destroy();
    const child = hall(town.dataDir);
    t.after(() => stopChild(child));
    let stderr = '';
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    // 'close', not 'exit': at 'exit' the last of stderr may still be unread.
    const [code] = (await once(child, 'close')) as [number | null];
    assert.equal(code, 1);
    assert.match(stderr, /大厅主机未能启动：数据库 .* 已由较新的版本 0\.3\.0 升级过.*请安装 0\.3\.0 或更新的版本/);
  });
});

test('the backup before an upgrade goes into the backup folder the administrator set, or beside the data when it is unreachable', async (t) => {
  for (const reachable of [true, false]) {
    const town = await township(t, false);
    await makeOldTownship(town);
    const usb = path.join(town.root, 'usb');
    if (reachable) await mkdir(usb);
    const settings = JSON.stringify({ folder: usb, keep: 14, maxAgeDays: 2, dailyAt: '12:10' });
    const db = await openDatabase(town.dataDir, { ...previousRelease, log: () => {} });
    await sql`INSERT INTO node_settings (key, value) VALUES ('backup.settings', ${settings})`.execute(db);
    await db.destroy();

    const lines: string[] = [];
    const upgraded = await openDatabase(town.dataDir, { now: () => NOW, log: (line) => lines.push(line) });
    await upgraded.destroy();
    if (reachable) {
      const [name, ...more] = await readdir(usb);
      assert.equal(more.length, 0);
      assert.match(name!, /^升级前备份-旧版至.*-20261207T041000Z$/);
      assert.deepEqual(await upgradeBackups(town), [], 'not beside the data folder');
      assert.equal((await listGenerations(path.join(usb, name!))).length, 1);
    } else {
      assert.equal((await upgradeBackups(town)).length, 1);
      assert.match(lines.join('\n'), new RegExp(`备份位置 ${escape(usb)} 现在无法写入`));
    }
  }
});

test('a brand-new database takes no backup', async (t) => {
  const town = await township(t, false);
  const db = await openDatabase(town.dataDir, { log: () => {} });
  await db.destroy();
  assert.deepEqual(await upgradeBackups(town), []);
  assert.deepEqual(await readdir(town.root), ['data']);
});

function schemaOf(migration: string): string {
  return /^\d+/.exec(migration)![0];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
