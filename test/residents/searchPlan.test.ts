import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import { openDatabase, type Db } from '../../electron/backend/db/database';
import { searchQuery } from '../../electron/backend/residents/residentSearch';
import { parseResidentQuery } from '../../shared/residents/search';

/**
 * Speed is measured in `npm run bench`; this test guards its cause: every kind of search is
 * answered from an index, never by scanning the residents table (as a partial index that the
 * planner could not use once did, at 500 ms a query on 200,000 residents).
 */
let dir: string;
let db: Db;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'township-plan-'));
  db = await openDatabase(dir);
});
after(async () => {
  await db.destroy();
  await rm(dir, { recursive: true, force: true });
});

for (const stats of ['without table statistics', 'after ANALYZE'] as const) {
  for (const query of [
    '张',
    '张三',
    '欧阳娜娜呀',
    'zsf',
    '1234',
    '123456',
    '13812345678',
    '11010519491231002X',
    '张 1234',
    'zs 5678',
  ]) {
    test(`“${query}” reads indexes only, ${stats}`, async () => {
      if (stats === 'after ANALYZE') await sql`ANALYZE`.execute(db);
      const parsed = parseResidentQuery(query);
      assert.ok(parsed.ok);
      const built = searchQuery(parsed.terms)!;
      for (const statement of [built.page(20), built.count()]) {
        const compiled = statement.compile(db);
        const plan = await db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]),
        );
        const scans = plan.rows
          .map((r) => r.detail)
          .filter((d) => /^SCAN (residents|resident_search_tokens|r)\b/.test(d));
        assert.deepEqual(scans, [], plan.rows.map((r) => r.detail).join('\n'));
      }
    });
  }
}
