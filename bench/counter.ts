import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { catalogItem } from '../shared/catalog/catalog';
import { DATABASE_FILE, openDatabase } from '../electron/backend/db/database';
import { runBackup } from '../electron/backend/backup/backupRun';
import { seedDemoCases } from '../demo/demoCases';
import { DEMO_PASSWORD, mulberry32, seedDemoTownship } from '../demo/demoTownship';
import { Client, startBenchHall, timed } from './benchHall';
import { round, summarize } from './stats';

/**
 * The counter on ten years of a busy township (DOMAIN.md §9): 200,000 residents and about
 * 1,000,000 cases. Measured over real HTTP against the hall host, as a counter window feels it:
 * accepting a case up to its archived receipt PDF, a clerk's worklist, the monthly summary and
 * the Excel export of a month's ledger.
 */
export interface CounterBenchOptions {
  residents: number;
  cases: number;
  seed: number;
  intakes: number;
  worklists: number;
  /** A key: the database is encrypted (SQLCipher format), to measure what that costs. */
  databaseKey?: Uint8Array | null;
  log: (line: string) => void;
}

/** The day the data set ends and the bench "is": a Friday with the year's calendar loaded. */
const TODAY = '2026-11-20';
export const COUNTER_NOW = new Date('2026-11-20T02:00:00Z');
const NOW = COUNTER_NOW;
const FIRST_DAY = '2017-01-03';
/** Working days from FIRST_DAY to TODAY on the generator's calendar (weekends, 2026 holidays). */
const WORKING_DAYS = 2480;

/** What the counter's data set is made of, and how it was made. */
export interface CounterDataset {
  seedMs: number;
  generatedCases: number;
  databaseBytes: number;
}

/**
 * The counter's data set in `dataDir`: `residents` residents, then about `cases` cases of
 * FIRST_DAY…TODAY (also the 15-window bench's, bench/windows.ts).
 */
export async function seedCounterDataset(
  dataDir: string,
  options: Pick<CounterBenchOptions, 'residents' | 'cases' | 'seed' | 'databaseKey' | 'log'>,
): Promise<CounterDataset> {
  const { log } = options;
  log(`生成 ${options.residents} 名居民……`);
  const db = await openDatabase(dataDir, { key: options.databaseKey });
  await seedDemoTownship(db, { residents: options.residents, seed: options.seed, now: NOW, counterCases: false });
  log(`生成约 ${options.cases} 件办件（${FIRST_DAY} 至 ${TODAY}）……`);
  const [seedMs, seeded] = await timed(() =>
    seedDemoCases(db, {
      from: FIRST_DAY,
      to: TODAY,
      perWorkingDay: options.cases / WORKING_DAYS,
      today: TODAY,
      seed: options.seed,
      onProgress: (done) => {
        if (done % 100_000 === 0) log(`  已写入 ${done} 件`);
      },
    }),
  );
  await db.destroy();
  const databaseBytes = (await stat(path.join(dataDir, DATABASE_FILE))).size;
  return { seedMs, generatedCases: seeded.cases, databaseBytes };
}

export async function benchCounter(dataDir: string, options: CounterBenchOptions) {
  const { log } = options;
  const { seedMs, generatedCases, databaseBytes } = await seedCounterDataset(dataDir, options);
  const host = await startBenchHall(dataDir, NOW, options.databaseKey);
  const { backend, url } = host;
  try {
    const db = backend.db;
    const clerk = new Client(url);
    await clerk.ok('auth.login', { username: 'demo-clerk', password: DEMO_PASSWORD });
    const items = (await db.selectFrom('catalog_items').select('item').execute()).map((r) =>
      catalogItem.parse(JSON.parse(r.item)),
    );
    const item = items.find((i) => i.handlingType === 'promised' && i.activeTo === null)!;
    const residentIds = (await db.selectFrom('residents').select('id').limit(5000).execute()).map((r) => r.id);
    const random = mulberry32(options.seed);

    log(`受理并出具回执 × ${options.intakes}……`);
    const intake = async (paper: 'a5' | 'receipt80') =>
      (
        await timed(() =>
          clerk.ok('counter.intake', {
            requestId: crypto.randomUUID(),
            residentId: residentIds[Math.floor(random() * residentIds.length)],
            itemCode: item.code,
            receivedMaterials: item.materials.filter((m) => m.required).map((m) => m.name),
            window: '1号窗口',
            decision: 'accept',
            receiptPaper: paper,
          }),
        )
      )[0];
    for (let i = 0; i < 5; i++) await intake('a5'); // warm-up: fonts, statements
    const a5: number[] = [];
    const slip: number[] = [];
    for (let i = 0; i < options.intakes; i++) a5.push(await intake('a5'));
    for (let i = 0; i < options.intakes; i++) slip.push(await intake('receipt80'));

    log(`工作台 × ${options.worklists}……`);
    const mine: number[] = [];
    const hall: number[] = [];
    let openCases = 0;
    for (let i = 0; i < options.worklists; i++) {
      const [ms, result] = await timed(() =>
        clerk.ok<{ counts: Record<string, number> }>('counter.worklist', { mine: true }),
      );
      mine.push(ms);
      openCases = Object.values(result.counts).reduce((a, b) => a + b, 0);
      hall.push((await timed(() => clerk.ok('counter.worklist', {})))[0]);
    }

    log('月度统计与台账导出……');
    const summaries: number[] = [];
    let monthAccepted = 0;
    for (let i = 0; i < 5; i++) {
      const [ms, summary] = await timed(() =>
        clerk.ok<{ counts: { accepted: number } }>('counter.summary', { period: '2026-10' }),
      );
      summaries.push(ms);
      monthAccepted = summary.counts.accepted;
    }
    const exports: number[] = [];
    let exportedRows = 0;
    let xlsxBytes = 0;
    for (let i = 0; i < 3; i++) {
      const [ms, bytes] = await timed(async () => {
        const result = await clerk.ok<{ file: { fileUrl: string }; rowCount: number }>('counter.exportLedger', {
          filter: { from: '2026-10-01', to: '2026-10-31' },
        });
        exportedRows = result.rowCount;
        return clerk.download(result.file.fileUrl);
      });
      exports.push(ms);
      xlsxBytes = bytes;
    }
    // A backup of the whole database while the counter keeps accepting (issue 18: within +50 ms).
    log('联机备份（同时继续受理）……');
    const backupFolder = path.join(dataDir, '..', `backup-${path.basename(dataDir)}`);
    const duringBackup: number[] = [];
    const backupRun = runBackup({
      dataDir,
      key: options.databaseKey ?? null,
      nodeId: backend.nodeId,
      folder: backupFolder,
      keep: 1,
      now: () => new Date(),
    });
    let backupDone = false;
    const backupResult = backupRun.finally(() => {
      backupDone = true;
    });
    while (!backupDone) duringBackup.push(await intake('a5'));
    const backup = await backupResult;
    await rm(backupFolder, { recursive: true, force: true });

    const caseCount = Number(
      (
        await db
          .selectFrom('counter_cases')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

    const acceptA5 = summarize(a5);
    const acceptSlip = summarize(slip);
    const worklistMine = summarize(mine);
    const summaryStats = summarize(summaries);
    const exportStats = summarize(exports);
    return {
      dataset: {
        residents: options.residents,
        cases: caseCount,
        generatedCases,
        seedSeconds: round(seedMs / 1000, 1),
        databaseMB: round(databaseBytes / 1024 ** 2, 1),
        openCasesOfClerk: openCases,
        casesAcceptedInOctober2026: monthAccepted,
      },
      acceptToReceiptA5: acceptA5,
      acceptToReceiptSlip: acceptSlip,
      worklistOfClerk: worklistMine,
      worklistOfHall: summarize(hall),
      monthlySummary: summaryStats,
      ledgerExportMonth: { ...exportStats, rows: exportedRows, xlsxKB: round(xlsxBytes / 1024, 1) },
      backupWhileAccepting: {
        backupSeconds: round(backup.durationMs / 1000, 1),
        backupDatabaseMB: round(backup.databaseBytes / 1024 ** 2, 1),
        papers: backup.files,
        acceptToReceiptA5DuringBackup: summarize(duringBackup),
      },
      goals: {
        acceptToReceiptP95Under150ms: Math.max(acceptA5.p95, acceptSlip.p95) < 150,
        worklistP95Under50ms: worklistMine.p95 < 50,
        monthlySummaryUnder1s: summaryStats.max < 1000,
        monthExportUnder3s: exportStats.max < 3000,
        intakeDuringBackupWithin50msOfWithout:
          duringBackup.length > 0 && summarize(duringBackup).p95 - acceptA5.p95 <= 50,
      },
    };
  } finally {
    await host.close();
  }
}
