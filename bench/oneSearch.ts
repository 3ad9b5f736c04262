import { open, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { makeVerificationCode } from '../shared/documents/verificationCode';
import { pinyinInitialsVariants } from '../shared/residents/pinyinInitials';
import type { SearchAnswer } from '../shared/search/api';
import { DATABASE_FILE, openDatabase, type Db } from '../electron/backend/db/database';
import { BulkInserter } from '../demo/bulkInsert';
import { seedDemoCases } from '../demo/demoCases';
import { seedDemoDisputes } from '../demo/demoDisputes';
import { seedDemoPetitions } from '../demo/demoPetitions';
import { DEMO_PASSWORD, mulberry32, seedDemoTownship } from '../demo/demoTownship';
import { Client, startBenchHall, timed } from './benchHall';
import { round, summarize } from './stats';

/**
 * The one search in the header (`search.everything`) on the whole bench township at once —
 * 200,000 residents, about 1,000,000 counter cases with their receipts in the archive, 50,000
 * disputes, 100,000 petitions — over real HTTP as the leader, who reads every desk (the
 * largest answer: every group is searched and filled). Every answer also writes its audit
 * events, as in the hall.
 */
export interface OneSearchBenchOptions {
  residents: number;
  cases: number;
  disputes: number;
  petitions: number;
  seed: number;
  queriesPerKind: number;
  log: (line: string) => void;
}

const TODAY = '2026-11-20';
const NOW = new Date('2026-11-20T02:00:00Z');
const FIRST_DAY = '2017-01-03';
/** Working days from FIRST_DAY to TODAY on the generator's calendar (as bench/counter.ts). */
const WORKING_DAYS = 2480;

export const ONE_SEARCH_KINDS = {
  caseNumber: '完整受理编号（SL-2026-000306）',
  caseNumberFullWidth: '全角小写输入的受理编号（ｓｌ－２０２６－０００３０６）',
  caseTail: '受理编号尾号，不带前导零（306）：各年该序号的办件、纠纷、信访件',
  caseTail6: '受理编号后 6 位（000306）：同上，另按证件号码或电话尾号查居民',
  disputeNumber: '完整调解案号（（2026）青调字第12号）',
  petitionNumber: '完整信访编号（青石信〔2026〕12号）',
  verificationCode: '回执核验码（7K3M-9QX2-HT4C）',
  verificationLink: '扫描回执二维码得到的核验链接（…?c=7K3M9QX2HT4C）',
  residentFullName: '居民全名：居民及其全部办件、代办、纠纷、信访',
  surname: '姓名中的 1 个字（多为常见姓氏，如“王”）',
  pinyinInitials: '全名的拼音首字母',
  idTail4: '证件号码后 4 位（同时是编号尾号）',
  idTail6: '证件号码后 6 位（同时是编号尾号）',
  fullIdNumber: '完整 18 位证件号码：居民及其全部记录',
} as const;
type QueryKind = keyof typeof ONE_SEARCH_KINDS;

function toFullWidth(text: string): string {
  return [...text].map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
}

export async function benchOneSearch(dataDir: string, options: OneSearchBenchOptions) {
  const { log } = options;
  const seedStarted = performance.now();
  let db = await openDatabase(dataDir);
  log(`一站查找：生成 ${options.residents} 名居民……`);
  await seedDemoTownship(db, {
    residents: options.residents,
    seed: options.seed,
    now: NOW,
    counterCases: false,
    disputes: false,
    petitions: false,
  });
  const phases: Record<string, number> = {};
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const [ms, result] = await timed(work);
    phases[name] = round(ms / 1000, 1);
    log(`  ${name}：${phases[name]} 秒`);
    return result;
  };
  phases.residents = round((performance.now() - seedStarted) / 1000, 1);
  log(`一站查找：生成约 ${options.cases} 件办件……`);
  await phase('cases', () =>
    seedDemoCases(db, {
      from: FIRST_DAY,
      to: TODAY,
      perWorkingDay: options.cases / WORKING_DAYS,
      today: TODAY,
      seed: options.seed,
      onProgress: (done) => {
        if (done % 200_000 === 0) log(`  已写入 ${done} 件`);
      },
    }),
  );
  log('一站查找：每件已受理的办件一份受理回执（存档与核验码）……');
  const receipts = await phase('receipts', () => seedReceipts(db, options.seed));
  log(`一站查找：生成 ${options.disputes} 件纠纷、${options.petitions} 件信访件……`);
  await phase('disputes', () =>
    seedDemoDisputes(db, { from: FIRST_DAY, to: TODAY, count: options.disputes, today: TODAY, seed: options.seed }),
  );
  await phase('petitions', () =>
    seedDemoPetitions(db, { from: FIRST_DAY, to: TODAY, count: options.petitions, today: TODAY, seed: options.seed }),
  );
  const seedSeconds = round((performance.now() - seedStarted) / 1000, 1);
  const queries = await buildQueries(db, options.queriesPerKind, options.seed);
  const warmup = await buildQueries(db, 3, options.seed + 7);
  await db.destroy();
  const databaseBytes = (await stat(path.join(dataDir, DATABASE_FILE))).size;

  // A hall that has been running has its database in the OS file cache; read it once, as that
  // hall would have, so the figures are not those of the disk (the file is 2.5 GB).
  const [warmMs] = await timed(() => readWhole(path.join(dataDir, DATABASE_FILE)));
  log(`一站查找：数据库文件读入系统缓存（${round(warmMs / 1000, 1)} 秒）`);
  const host = await startBenchHall(dataDir, NOW);
  try {
    db = host.backend.db;
    const counts = await countRows(db);
    const leader = new Client(host.url);
    await leader.ok('auth.login', { username: 'demo-leader', password: DEMO_PASSWORD });
    const search = (query: string) => timed(() => leader.ok<SearchAnswer>('search.everything', { query }));
    log(`一站查找：预热 ${warmup.length} 次，计时 ${queries.length} 次……`);
    for (const q of warmup) await search(q.text);
    const loadBefore = os.loadavg()[0]!;
    const samples: { kind: QueryKind; ms: number; found: number; direct: boolean }[] = [];
    for (const q of queries) {
      const [ms, answer] = await search(q.text);
      const found =
        (answer.residents?.items.length ?? 0) +
        [answer.cases, answer.errands, answer.disputes, answer.petitions].reduce(
          (n, g) => n + (g?.items.length ?? 0),
          0,
        ) +
        answer.documents.items.length;
      samples.push({ kind: q.kind, ms, found, direct: answer.direct !== null });
    }
    const loadAfter = os.loadavg()[0]!;
    const overall = summarize(samples.map((s) => s.ms));
    const byKind: Record<string, unknown> = {};
    for (const kind of Object.keys(ONE_SEARCH_KINDS) as QueryKind[]) {
      const mine = samples.filter((s) => s.kind === kind);
      byKind[kind] = {
        what: ONE_SEARCH_KINDS[kind],
        ...summarize(mine.map((s) => s.ms)),
        example: queries.find((q) => q.kind === kind)?.text,
        meanResultsShown: round(mine.reduce((n, s) => n + s.found, 0) / (mine.length || 1), 1),
        opensDirectly: mine.filter((s) => s.direct).length,
        withoutResult: mine.filter((s) => s.found === 0).length,
      };
    }
    return {
      how:
        'search.everything over HTTP as demo-leader (reads every desk), 8 results a group; each answer also writes its audit events (one commit, synchronous=FULL). ' +
        'The database file is read once into the OS cache first, as on a hall that has been running. ' +
        'Numbers are probes of their unique indexes (a tail: the sequence in every year a number was drawn); people through the resident ' +
        'search tokens, then the records of the residents found through the resident_id indexes.',
      dataset: {
        ...counts,
        receiptsIssued: receipts,
        seedSeconds,
        seedSecondsByPart: phases,
        databaseMB: round(databaseBytes / 1024 ** 2, 1),
      },
      /** The machine's 1-minute load average before and after the timed queries (2 cores: above 2, others were busy too). */
      loadAverage: { before: round(loadBefore, 2), after: round(loadAfter, 2) },
      queries: samples.length,
      warmupQueries: warmup.length,
      overall,
      byKind,
      goals: { oneSearchP95Under20ms: overall.p95 < 20 },
    };
  } finally {
    await host.close();
  }
}

/**
 * A 受理回执 in the archive for every accepted case, as counter.intake issues it: the row with a
 * fresh verification code (the PDF itself is not written: the search reads the row only).
 */
async function seedReceipts(db: Db, seed: number): Promise<number> {
  const random = mulberry32(seed ^ 0x7f4a7c15);
  const bytes = new Uint8Array(11);
  const seen = new Set<string>();
  const newCode = () => {
    for (;;) {
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
      const code = makeVerificationCode(bytes);
      if (!seen.has(code)) {
        seen.add(code);
        return code;
      }
    }
  };
  const inserter = new BulkInserter('issued_documents', [
    'id',
    'type',
    'title',
    'record_entity',
    'record_id',
    'verification_code',
    'sha256',
    'size_bytes',
    'file_path',
    'issued_by',
    'issued_by_name',
    'issued_at',
  ]);
  let written = 0;
  let after = '';
  for (;;) {
    const cases = await db
      .selectFrom('counter_cases')
      .select(['id', 'accepted_at', 'clerk_name'])
      .where('accepted_at', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(50_000)
      .execute();
    if (cases.length === 0) break;
    after = cases.at(-1)!.id;
    const rows = cases.map((c) => [
      `receipt-${c.id}`,
      'acceptanceReceipt',
      '受理回执',
      'counterCase',
      c.id,
      newCode(),
      '0'.repeat(64),
      20_000,
      `documents/bench/${c.id}.pdf`,
      null,
      c.clerk_name,
      c.accepted_at,
    ]);
    await db.transaction().execute((tx) => inserter.insert(tx, rows));
    written += rows.length;
  }
  return written;
}

/** Reads a file to its end and forgets it: what stays is the OS's cache of it. */
async function readWhole(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(8 * 1024 * 1024);
    while ((await handle.read(buffer, 0, buffer.length, null)).bytesRead > 0);
  } finally {
    await handle.close();
  }
}

async function countRows(db: Db) {
  const count = async (table: string) =>
    Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db)).rows[0]?.n ?? 0);
  return {
    residents: await count('residents'),
    cases: await count('counter_cases'),
    disputes: await count('disputes'),
    petitions: await count('petitions'),
    issuedDocuments: await count('issued_documents'),
  };
}

/** The same realistic mix each run (seeded): numbers and codes from the data set, people from the register. */
async function buildQueries(db: Db, perKind: number, seed: number): Promise<{ kind: QueryKind; text: string }[]> {
  const random = mulberry32(seed);
  const offset = (n: number) => Math.floor(random() * n);
  const caseTotal = Number(
    (await sql<{ n: number }>`SELECT max(rowid) AS n FROM counter_cases`.execute(db)).rows[0]?.n,
  );
  const pickCase = async () =>
    (
      await sql<{ case_number: string }>`SELECT case_number FROM counter_cases WHERE rowid >= ${offset(caseTotal)}
        AND case_number IS NOT NULL LIMIT 1`.execute(db)
    ).rows[0]!.case_number;
  const documentTotal = Number(
    (await sql<{ n: number }>`SELECT max(rowid) AS n FROM issued_documents`.execute(db)).rows[0]?.n,
  );
  const pickCode = async () =>
    (
      await sql<{ verification_code: string }>`SELECT verification_code FROM issued_documents
        WHERE rowid >= ${offset(documentTotal)} LIMIT 1`.execute(db)
    ).rows[0]!.verification_code;
  const disputes = await db.selectFrom('disputes').select('case_number').where('case_number', 'is not', null).execute();
  const petitions = await db.selectFrom('petitions').select('number').execute();
  const residents = await db.selectFrom('residents').select(['name', 'id_number']).limit(200_000).execute();
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

  const queries: { kind: QueryKind; text: string }[] = [];
  for (let i = 0; i < perKind; i++) {
    const caseNumber = await pickCase();
    const sequence = caseNumber.slice(-6);
    const code = await pickCode();
    const resident = pick(residents);
    queries.push(
      { kind: 'caseNumber', text: caseNumber },
      { kind: 'caseNumberFullWidth', text: toFullWidth(caseNumber.toLowerCase()) },
      { kind: 'caseTail', text: String(Number(sequence)) },
      { kind: 'caseTail6', text: sequence },
      { kind: 'disputeNumber', text: pick(disputes).case_number! },
      { kind: 'petitionNumber', text: pick(petitions).number },
      { kind: 'verificationCode', text: code },
      { kind: 'verificationLink', text: `https://county.example.cn/verify?c=${code.replace(/-/g, '')}` },
      { kind: 'residentFullName', text: resident.name },
      { kind: 'surname', text: [...pick(residents).name][0]! },
      { kind: 'pinyinInitials', text: pinyinInitialsVariants(pick(residents).name)[0] ?? 'wjg' },
      { kind: 'idTail4', text: pick(residents).id_number.slice(-4) },
      { kind: 'idTail6', text: pick(residents).id_number.slice(-6) },
      { kind: 'fullIdNumber', text: pick(residents).id_number },
    );
  }
  // Shuffled, so that no kind gains from the pages the one before it warmed.
  for (let i = queries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [queries[i], queries[j]] = [queries[j]!, queries[i]!];
  }
  return queries;
}
