// Row images (electron/backend/db/rowImages.ts): each change-log entry carries the rows its write
// left behind; nothing written outside an entry rides on someone else's; secrets and this
// machine's own tables never leave; the baseline files every row once, and replaying the images
// on an empty database gives the same tables.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../../electron/backend/db/database';
import { LOCAL_TABLES, RowReplay, replicatedTables } from '../../electron/backend/db/rowImages';
import { runWrite } from '../../electron/backend/db/writeScope';
import { nextNumber } from '../../electron/backend/db/writes';
import { BASELINE_ENTITY, fileRowBaseline, markRowBaselineDue } from '../../electron/backend/sync/rowBaseline';
import type { RowImage } from '../../shared/sync/protocol';

const actor = { id: null, name: '测试' };
const at = '2026-12-07T02:00:00.000Z';

async function database(t: TestContext): Promise<Db> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'township-rows-'));
  const db = await openDatabase(dir);
  t.after(async () => {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });
  return db;
}

async function imagesOf(db: Db, seq: number): Promise<RowImage[]> {
  const row = await db.selectFrom('change_log').select('row_images').where('seq', '=', seq).executeTakeFirstOrThrow();
  return row.row_images ? (JSON.parse(row.row_images) as RowImage[]) : [];
}

async function lastSeq(db: Db): Promise<number> {
  const row = await db
    .selectFrom('change_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirstOrThrow();
  return Number(row.seq ?? 0);
}

async function village(db: Db, name: string): Promise<string> {
  const id = `v-${name}`;
  await runWrite(db, actor, at, async (scope) => {
    await scope.insert(
      'villages',
      { id, name, kind: 'village', sort_order: 1, created_at: at, updated_at: at, version: 1 },
      { entity: 'village', id, op: 'create', data: { name } },
    );
  });
  return id;
}

test('an entry carries the whole rows its write left, in order, numbers among them', async (t) => {
  const db = await database(t);
  await runWrite(db, actor, at, async (scope) => {
    const n = await nextNumber(scope.tx, 'counter-case:2026');
    await scope.change({ entity: 'probe', id: 'p1', op: 'number' }, async (tx) => {
      await tx
        .insertInto('village_groups')
        .values({ id: 'g1', village_id: 'none', name: '一组', sort_order: 1 })
        .execute();
      return { n };
    });
  }).catch(() => undefined); // village_groups needs its village: the foreign key refuses, nothing is logged
  assert.equal(await lastSeq(db), 0, 'the refused write left no entry');

  const id = await village(db, '东岗村');
  const images = await imagesOf(db, await lastSeq(db));
  assert.equal(images.length, 1);
  assert.equal(images[0]!.table, 'villages');
  assert.deepEqual(images[0]!.row, {
    id,
    name: '东岗村',
    kind: 'village',
    sort_order: 1,
    created_at: at,
    updated_at: at,
    version: 1,
  });

  await runWrite(db, actor, at, (scope) =>
    scope.change({ entity: 'probe', id: 'p2', op: 'number' }, async (tx) => {
      await nextNumber(tx, 'counter-case:2026');
      await tx.deleteFrom('villages').where('id', '=', id).execute();
      return {};
    }),
  );
  assert.deepEqual(await imagesOf(db, await lastSeq(db)), [
    { table: 'number_counters', row: { scope: 'counter-case:2026', last_value: 1 } },
    { table: 'villages', row: { id }, deleted: true },
  ]);
});

test('writes outside an entry ride on nobody’s entry; passwords, sessions and this machine’s settings never leave', async (t) => {
  const db = await database(t);
  // A sign-in's bookkeeping, written outside any entry.
  await db
    .insertInto('users')
    .values({
      id: 'u1',
      username: 'clerk',
      display_name: '张三',
      password_hash: 'scrypt$secret',
      roles: '["counterClerk"]',
      active: 1,
      must_change_password: 0,
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  await db.updateTable('users').set({ failed_logins: 3, last_login_at: at }).where('id', '=', 'u1').execute();
  await db.insertInto('node_settings').values({ key: 'sync.keys', value: 'private' }).execute();
  await db.insertInto('node_settings').values({ key: 'backup.settings', value: '{"folder":"/mnt"}' }).execute();
  await village(db, '西河村');
  assert.deepEqual(
    (await imagesOf(db, await lastSeq(db))).map((i) => i.table),
    ['villages'],
  );

  await runWrite(db, actor, at, (scope) =>
    scope.change({ entity: 'user', id: 'u1', op: 'rename' }, async (tx) => {
      await tx
        .updateTable('users')
        .set({ display_name: '张三丰', password_hash: 'scrypt$other' })
        .where('id', '=', 'u1')
        .execute();
      await tx.updateTable('node_settings').set({ value: 'still private' }).where('key', '=', 'sync.keys').execute();
      return {};
    }),
  );
  const [user, ...others] = await imagesOf(db, await lastSeq(db));
  assert.equal(others.length, 0, 'the sync keys are not imaged');
  assert.equal(user!.table, 'users');
  assert.equal(user!.row.display_name, '张三丰');
  for (const local of ['password_hash', 'failed_logins', 'locked_until', 'last_login_at'])
    assert.ok(!(local in user!.row), local);

  const everything = await db.selectFrom('change_log').select('row_images').execute();
  const text = everything.map((r) => r.row_images ?? '').join('\n');
  assert.ok(!text.includes('scrypt$'), 'no password hash in any entry');
  assert.ok(!text.includes('private'), 'no sync key in any entry');
  for (const table of Object.keys(LOCAL_TABLES)) assert.ok(!text.includes(`"table":"${table}"`), table);
});

test('the baseline files every replicated row once, and replaying the log on an empty database gives the same tables', async (t) => {
  const db = await database(t);
  for (let i = 0; i < 450; i++) {
    await db
      .insertInto('villages')
      .values({
        id: `bulk-${String(i).padStart(3, '0')}`,
        name: `村${i}`,
        kind: 'village',
        sort_order: i,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
  }
  assert.equal(await fileRowBaseline(db, actor, () => new Date(at)), 0, 'not due: nothing filed');
  await markRowBaselineDue(db);
  const entries = await fileRowBaseline(db, actor, () => new Date(at));
  assert.ok(entries >= 3, `450 villages take three entries of 200 at most (${entries})`);
  assert.equal(await fileRowBaseline(db, actor, () => new Date(at)), 0, 'filed once');
  const baseline = await db
    .selectFrom('change_log')
    .select('row_images')
    .where('entity', '=', BASELINE_ENTITY)
    .execute();
  const villages = baseline
    .flatMap((r) => JSON.parse(r.row_images!) as RowImage[])
    .filter((i) => i.table === 'villages');
  assert.equal(new Set(villages.map((i) => i.row.id)).size, 450);

  const copy = await database(t);
  await sql`PRAGMA foreign_keys = OFF`.execute(copy);
  const replay = new RowReplay(await replicatedTables(copy));
  await copy.transaction().execute(async (tx) => {
    await tx.deleteFrom('calendar_years').execute();
    await tx.deleteFrom('node_settings').execute();
    for (const { row_images } of await db.selectFrom('change_log').select('row_images').orderBy('seq').execute())
      if (row_images) await replay.apply(tx, JSON.parse(row_images) as RowImage[]);
  });
  for (const shape of await replicatedTables(db)) {
    const rows = (d: Db) =>
      d
        .selectFrom(shape.name as never)
        .select(shape.columns as never[])
        .orderBy(shape.key as never[])
        .execute();
    const keep = (list: unknown[]) =>
      shape.name === 'node_settings' ? (list as { key: string }[]).filter((r) => !r.key.startsWith('sync.')) : list;
    assert.deepEqual(keep(await rows(copy)), keep(await rows(db)), shape.name);
  }
  assert.equal(replay.skipped, 0);
});
