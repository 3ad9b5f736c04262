import { stat } from 'node:fs/promises';
import path from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import { pinyinInitialsVariants } from '../shared/residents/pinyinInitials';
import { parseResidentQuery, type SearchTerm } from '../shared/residents/search';
import { DATABASE_FILE, openDatabase, type Db } from '../electron/backend/db/database';
import { mulberry32, seedDemoTownship } from '../demo/demoTownship';
import { searchResidents } from '../electron/backend/residents/residentSearch';
import { round, summarize, type LatencySummary } from './stats';

/**
 * Resident search on a township of realistic size: the indexed search the app uses
 * (`searchResidents`, limit 20), and the same queries done the naive way (LIKE scans), on
 * one seeded database.
 */

export const QUERY_KINDS = [
  'nameFragment1',
  'nameFragment2',
  'nameFragment3',
  'pinyinInitials',
  'idTail4',
  'idTail6',
  'fullIdNumber',
  'phoneTail4',
  'fullPhone',
  'twoTerms',
] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

const QUERY_KIND_NOTES: Record<QueryKind, string> = {
  nameFragment1: '姓名中的 1 个字（多为常见姓氏，如“王”）',
  nameFragment2: '姓名中连续 2 个字',
  nameFragment3: '姓名中连续 3 个字（多为全名）',
  pinyinInitials: '全名的拼音首字母（如 wjg）',
  idTail4: '证件号码后 4 位',
  idTail6: '证件号码后 6 位',
  fullIdNumber: '完整 18 位证件号码',
  phoneTail4: '电话后 4 位',
  fullPhone: '完整 11 位手机号',
  twoTerms: '两个词：“姓 证件后4位”或“拼音首字母 电话后4位”',
};

export interface BenchQuery {
  kind: QueryKind;
  text: string;
}

interface SeededResident {
  id: string;
  name: string;
  id_number: string;
  phone: string;
}

export interface SearchBenchOptions {
  residents: number;
  seed: number;
  queriesPerKind: number;
  /** The naive way scans the table for every query: it gets the first N queries of each kind only. */
  naiveQueriesPerKind: number;
  now: Date;
  /** A key: the database is encrypted (SQLCipher format), to measure what that costs. */
  databaseKey?: Uint8Array | null;
  log: (line: string) => void;
}

export interface SearchBenchResult {
  residentSearch: Record<string, unknown>;
  residentSearchNaive: Record<string, unknown>;
  dataset: Record<string, unknown>;
  goals: { residentSearchP95Under20ms: boolean; atLeast10xFasterThanNaiveAtP95: boolean };
}

const LIMIT = 20;

export async function benchResidentSearch(dataDir: string, options: SearchBenchOptions): Promise<SearchBenchResult> {
  const { log } = options;
  let db = await openDatabase(dataDir, { key: options.databaseKey });
  log(`填入 ${options.residents} 位演示居民……`);
  const seedStarted = performance.now();
  let lastLogged = 0;
  await seedDemoTownship(db, {
    residents: options.residents,
    seed: options.seed,
    now: options.now,
    onProgress: (done, total) => {
      if (done - lastLogged >= 50_000 || done === total) {
        lastLogged = done;
        log(`  ${done}/${total}（${((performance.now() - seedStarted) / 1000).toFixed(1)} 秒）`);
      }
    },
  });
  const seedMs = performance.now() - seedStarted;
  // Search with the settings the app runs with: a fresh connection, default page cache.
  await db.destroy();
  db = await openDatabase(dataDir, { key: options.databaseKey });

  const dataset = await describeDataset(db, dataDir, options.seed, seedMs);
  const residents = await db
    .selectFrom('residents')
    .select(['id', 'name', 'id_number', 'phone'])
    .orderBy('id')
    .execute();
  const measured = buildQueries(residents, options.queriesPerKind, options.seed + 1);
  const warmup = buildQueries(residents, 5, options.seed + 2);
  const naiveSet: BenchQuery[] = [];
  for (const kind of QUERY_KINDS)
    naiveSet.push(...measured.filter((q) => q.kind === kind).slice(0, options.naiveQueriesPerKind));

  log(`索引查找：预热 ${warmup.length} 次，计时 ${measured.length} 次……`);
  for (const q of warmup) await indexedSearch(db, q);
  const indexed = [];
  for (const q of measured) indexed.push(await indexedSearch(db, q));

  log('朴素查找（LIKE 全表扫描）：建临时拼音首字母表……');
  const naiveSetupMs = await createNaiveInitialsTable(db, residents);
  for (const q of warmup.slice(0, 20)) await naiveSearch(db, q);
  log(`朴素查找：计时 ${naiveSet.length} 次……`);
  const naive = [];
  for (const q of measured) if (naiveSet.includes(q)) naive.push(await naiveSearch(db, q));
  await db.destroy();

  const byKind = (samples: Array<{ kind: QueryKind; ms: number }>, kind: QueryKind) =>
    samples.filter((s) => s.kind === kind).map((s) => s.ms);
  const indexedAll = summarize(indexed.map((s) => s.ms));
  const naiveAll = summarize(naive.map((s) => s.ms));
  const speedup = (a: LatencySummary, b: LatencySummary) => ({
    p50: round(b.p50 / a.p50, 1),
    p95: round(b.p95 / a.p95, 1),
  });

  const indexedKinds: Record<string, unknown> = {};
  const naiveKinds: Record<string, unknown> = {};
  for (const kind of QUERY_KINDS) {
    const mine = indexed.filter((s) => s.kind === kind);
    const theirs = naive.filter((s) => s.kind === kind);
    const a = summarize(byKind(indexed, kind));
    const b = summarize(byKind(naive, kind));
    indexedKinds[kind] = {
      what: QUERY_KIND_NOTES[kind],
      ...a,
      example: mine[0]?.query,
      meanTotal: round(mine.reduce((n, s) => n + s.total, 0) / (mine.length || 1), 1),
      queriesWithoutResult: mine.filter((s) => s.total === 0).length,
    };
    naiveKinds[kind] = {
      p50: b.p50,
      p95: b.p95,
      max: b.max,
      speedup: speedup(a, b),
      queriesWithoutResult: theirs.filter((s) => s.found === 0).length,
    };
  }

  return {
    dataset,
    residentSearch: {
      how: `searchResidents(db, parseResidentQuery(q).terms, ${LIMIT})：每个词从索引取 id（姓名与拼音首字母查 resident_search_tokens，号码尾数查倒序号码的区间），满 ${LIMIT} 条时再数总数（至多 1000）`,
      queries: measured.length,
      warmupQueries: warmup.length,
      overall: indexedAll,
      byKind: indexedKinds,
    },
    residentSearchNaive: {
      how:
        "SELECT … FROM residents WHERE (name LIKE '%q%' OR id_number LIKE '%q' OR phone LIKE '%q%') [AND …每个词一组] LIMIT 20，" +
        `不数总数（比索引查找少做一步，对朴素方式有利）。每类只取计时查询中的前 ${options.naiveQueriesPerKind} 个（同样的查询，同样的顺序；全部扫完太费时）。拼音首字母没有可扫的列：预先把每人的首字母写入临时表 ` +
        "naive_initials(id, initials)，以 initials LIKE 'q%' 扫描并联回 residents（这张表的建表时间不计入查询时间）。",
      naiveInitialsTableSetupMs: round(naiveSetupMs, 0),
      queries: naive.length,
      overall: { p50: naiveAll.p50, p95: naiveAll.p95, p99: naiveAll.p99, max: naiveAll.max, mean: naiveAll.mean },
      speedup: speedup(indexedAll, naiveAll),
      byKind: naiveKinds,
    },
    goals: {
      residentSearchP95Under20ms: indexedAll.p95 < 20,
      atLeast10xFasterThanNaiveAtP95: naiveAll.p95 / indexedAll.p95 >= 10,
    },
  };
}

async function describeDataset(db: Db, dataDir: string, seed: number, seedMs: number) {
  const count = async (
    table: 'residents' | 'resident_search_tokens' | 'change_log' | 'villages' | 'village_groups' | 'users',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const residents = await count('residents');
  const version = await sql<{ v: string }>`SELECT sqlite_version() AS v`.execute(db);
  const size = (await stat(path.join(dataDir, DATABASE_FILE))).size;
  return {
    seed,
    residents,
    villages: await count('villages'),
    groups: await count('village_groups'),
    users: await count('users'),
    searchTokens: await count('resident_search_tokens'),
    changeLogEntries: await count('change_log'),
    databaseMB: round(size / 1024 / 1024, 1),
    sqliteVersion: version.rows[0]?.v,
    seedMs: round(seedMs, 0),
    seedResidentsPerSecond: Math.round(residents / (seedMs / 1000)),
  };
}

/** A realistic mix: fragments of seeded names, their initials, tails of their numbers. */
export function buildQueries(residents: readonly SeededResident[], perKind: number, seed: number): BenchQuery[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const withPhone = residents.filter((r) => r.phone !== '');
  const withMobile = withPhone.filter((r) => /^1\d{10}$/.test(r.phone));
  const fragment = (name: string, length: number) => {
    const chars = [...name].filter((ch) => ch !== '·');
    if (chars.length <= length) return chars.join('');
    const start = Math.floor(random() * (chars.length - length + 1));
    return chars.slice(start, start + length).join('');
  };
  const digitsOf = (phone: string) => phone.replace(/-/g, '');
  const initials = (name: string) => pinyinInitialsVariants(name)[0] ?? '';

  const queries: BenchQuery[] = [];
  for (const kind of QUERY_KINDS) {
    for (let i = 0; i < perKind; i++) {
      const r = pick(kind.startsWith('phone') || kind === 'fullPhone' ? withPhone : residents);
      let text: string;
      switch (kind) {
        case 'nameFragment1':
          text = fragment(r.name, 1);
          break;
        case 'nameFragment2':
          text = fragment(r.name, 2);
          break;
        case 'nameFragment3':
          text = fragment(r.name, 3);
          break;
        case 'pinyinInitials':
          text = initials(r.name);
          break;
        case 'idTail4':
          text = r.id_number.slice(-4);
          break;
        case 'idTail6':
          text = r.id_number.slice(-6);
          break;
        case 'fullIdNumber':
          text = r.id_number;
          break;
        case 'phoneTail4':
          text = digitsOf(r.phone).slice(-4);
          break;
        case 'fullPhone':
          text = pick(withMobile).phone;
          break;
        case 'twoTerms':
          text =
            i % 2 === 0
              ? `${[...r.name][0]} ${r.id_number.slice(-4)}`
              : (() => {
                  const p = pick(withPhone);
                  return `${initials(p.name)} ${digitsOf(p.phone).slice(-4)}`;
                })();
          break;
      }
      if (parseResidentQuery(text).ok && text.trim() !== '') queries.push({ kind, text });
      else i--;
    }
  }
  // Shuffle so that no kind benefits from the cache warmed by the one before it.
  for (let i = queries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [queries[i], queries[j]] = [queries[j]!, queries[i]!];
  }
  return queries;
}

async function indexedSearch(db: Db, q: BenchQuery) {
  const parsed = parseResidentQuery(q.text);
  if (!parsed.ok) throw new Error(`${q.text}: ${parsed.message}`);
  const started = performance.now();
  const found = await searchResidents(db, parsed.terms, LIMIT);
  const ms = performance.now() - started;
  return { kind: q.kind, query: q.text, ms, total: found.total };
}

async function createNaiveInitialsTable(db: Db, residents: readonly SeededResident[]): Promise<number> {
  const started = performance.now();
  await sql.raw('CREATE TEMP TABLE naive_initials (id TEXT PRIMARY KEY, initials TEXT NOT NULL)').execute(db);
  const rows = residents.map((r) => [r.id, pinyinInitialsVariants(r.name).join(' ')] as const);
  const perStatement = 2000;
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += perStatement) {
      const slice = rows.slice(i, i + perStatement);
      await tx.executeQuery(
        CompiledQuery.raw(
          `INSERT INTO naive_initials (id, initials) VALUES ${slice.map(() => '(?,?)').join(',')}`,
          slice.flat(),
        ),
      );
    }
  });
  return performance.now() - started;
}

function naivePredicate(term: SearchTerm): { text: string; params: string[] } {
  if (term.kind === 'letters') {
    return { text: '(n.initials LIKE ? OR n.initials LIKE ?)', params: [`${term.text}%`, `% ${term.text}%`] };
  }
  return {
    text: '(r.name LIKE ? OR r.id_number LIKE ? OR r.phone LIKE ?)',
    params: [`%${term.text}%`, `%${term.text}`, `%${term.text}%`],
  };
}

async function naiveSearch(db: Db, q: BenchQuery) {
  const parsed = parseResidentQuery(q.text);
  if (!parsed.ok) throw new Error(`${q.text}: ${parsed.message}`);
  const predicates = parsed.terms.map(naivePredicate);
  const needsInitials = parsed.terms.some((t) => t.kind === 'letters');
  const text = `SELECT r.*, v.name AS village_name, g.name AS group_name
    FROM residents r ${needsInitials ? 'JOIN naive_initials n ON n.id = r.id' : ''}
    JOIN villages v ON v.id = r.village_id
    LEFT JOIN village_groups g ON g.id = r.group_id
    WHERE r.voided_at IS NULL AND ${predicates.map((p) => p.text).join(' AND ')}
    LIMIT ${LIMIT}`;
  const started = performance.now();
  const result = await db.executeQuery(
    CompiledQuery.raw(
      text,
      predicates.flatMap((p) => p.params),
    ),
  );
  const ms = performance.now() - started;
  return { kind: q.kind, query: q.text, ms, found: result.rows.length };
}
