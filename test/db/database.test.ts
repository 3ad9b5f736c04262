import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../../electron/backend/db/database';
import { appendChange, nextNumber } from '../../electron/backend/db/writes';
import { uuidv7 } from '../../electron/backend/db/uuidv7';

describe('the SQLite data layer', () => {
  let dir: string;
  let db: Db;
  const actor = { id: null, name: '测试' };
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'township-db-'));
    db = await openDatabase(dir);
  });
  after(async () => {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  test('WAL, foreign keys and a busy timeout are on', async () => {
    const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db);
    assert.equal(mode.rows[0]!.journal_mode, 'wal');
    const fk = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
    assert.equal(fk.rows[0]!.foreign_keys, 1);
    const timeout = await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(db);
    assert.equal(timeout.rows[0]!.timeout, 5000);
  });

  test('migrations are recorded and re-opening does not re-run them', async () => {
    await db.destroy();
    db = await openDatabase(dir);
    const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
    assert.deepEqual(
      applied.rows.map((r) => r.name),
      [
        '0001_foundation',
        '0002_document_archive',
        '0003_document_printing',
        '0004_working_calendar',
        '0005_service_catalog',
        '0006_counter_cases',
        '0007_errands',
        '0008_mediation_committees',
        '0009_mediation_disputes',
        '0010_mediation_statistics',
        '0011_mediation_referrals_out',
        '0012_sync',
        '0013_petitions',
        '0014_audit_procedure',
        '0015_calendar_deadlines',
        '0016_counter_completion_span',
        '0017_document_print_confirmation',
        '0018_search_indexes',
        '0019_backup_runs',
        '0020_row_images',
        '0021_rerendered_papers',
        '0022_app_versions',
        '0023_session_channels',
        '0024_matters',
        '0025_number_blocks',
        '0026_village_nodes',
        '0027_errand_attachments',
        '0028_case_attachments',
        '0029_hall_screens',
        '0030_queue',
      ],
    );
  });

  test('numbers drawn by 60 concurrent transactions have no gaps and no duplicates', async () => {
    const drawn = await Promise.all(
      Array.from({ length: 60 }, () =>
        db.transaction().execute(async (tx) => {
          const n = await nextNumber(tx, 'test:2026');
          await appendChange(tx, {
            entity: 'test',
            entityId: String(n),
            op: 'draw',
            data: { n },
            actor,
            at: new Date().toISOString(),
          });
          return n;
        }),
      ),
    );
    assert.deepEqual(
      [...drawn].sort((a, b) => a - b),
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
    assert.equal(await nextNumberOutside(db, 'other-scope'), 1, 'scopes count separately');
  });

  test('a failed write leaves neither the number nor the change-log entry behind', async () => {
    const before = await countChanges(db);
    await assert.rejects(
      db.transaction().execute(async (tx) => {
        await nextNumber(tx, 'test:2026');
        await appendChange(tx, {
          entity: 'test',
          entityId: 'x',
          op: 'draw',
          data: {},
          actor,
          at: new Date().toISOString(),
        });
        throw new Error('打印机卡纸');
      }),
      /打印机卡纸/,
    );
    assert.equal(await countChanges(db), before);
    assert.equal(await nextNumberOutside(db, 'test:2026'), 61, 'the rolled-back number is drawn again');
  });

  test('the change log cannot be rewritten or deleted', async () => {
    await assert.rejects(sql`UPDATE change_log SET op = 'forged'`.execute(db), /append-only/);
    await assert.rejects(sql`DELETE FROM change_log`.execute(db), /append-only/);
  });

  test('foreign keys are enforced', async () => {
    await assert.rejects(
      db
        .insertInto('village_groups')
        .values({ id: uuidv7(), village_id: 'missing', name: '一组', sort_order: 1 })
        .execute(),
      /FOREIGN KEY/,
    );
  });
});

describe('UUIDv7', () => {
  test('version and variant bits, time order within and across milliseconds', () => {
    const start = Date.now() + 86_400_000;
    const ids = Array.from({ length: 5000 }, (_, i) => uuidv7(start + Math.floor(i / 1000)));
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16), start);
  });

  test('a clock that steps back does not break the order', () => {
    const later = uuidv7(Date.now() + 2 * 86_400_000);
    const earlier = uuidv7(Date.now());
    assert.ok(earlier > later);
  });
});

async function nextNumberOutside(db: Db, scope: string) {
  return db.transaction().execute((tx) => nextNumber(tx, scope));
}

async function countChanges(db: Db) {
  const row = await db
    .selectFrom('change_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
