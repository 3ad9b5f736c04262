// The county's figures at scale (issue 21, item 7), on PostgreSQL:
//  1. Apply throughput from 50 townships at once with the figures kept in the apply transaction,
//     beside the same without them (goal: still ≥ 5,000 entries per second).
//  2. The county overview and the quarterly report (PDF and xlsx, figures read and drawn) over a
//     city of 120 townships with ten years of figures (generated straight into the hub's figure
//     tables: what ten years of batches would have left there), each under 1 s.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openHub, type Hub } from '../hub/hub';
import { COUNTY_COLUMNS } from '../hub/figures/columns';
import { countyReportFile } from '../hub/countyReports/countyReportFile';
import { FIGURE_DEFINITIONS } from '../hub/figures/definitions';
import { SUITE_INTERNATIONAL } from '../shared/sync/suiteIds';
import { startPostgres } from '../test/support/postgres';
import { periodMonths } from '../shared/documents/reportPeriods';
import { round, summarize } from './stats';
import { applySample, hubThroughput } from './sync';

export interface CountyBenchOptions {
  nodes: number;
  entriesPerNode: number;
  townships: number;
  years: number;
  runs: number;
  seed: number;
  log: (line: string) => void;
}

/** The bench's today: December, so the running month, quarter and year all hold days. */
const NOW = new Date('2026-12-06T02:00:00Z');
const TODAY = '2026-12-06';
const REPORT_OPTIONS = { countyName: '青峰县', generatedAt: NOW };

export async function benchCounty(options: CountyBenchOptions) {
  const postgres = await startPostgres({ durable: true });
  if (!postgres) return { skipped: '未安装 PostgreSQL' };
  try {
    const sample = await applySample(options.seed);
    const apply: Record<string, unknown> = {};
    for (const figures of [true, false]) {
      const hubDir = await mkdtemp(path.join(os.tmpdir(), 'township-bench-county-'));
      const hub = await openHub({
        dataDir: hubDir,
        postgres: await postgres.newDatabase(),
        log: () => {},
        ...(figures ? {} : { rowKeepers: [] }),
      });
      try {
        options.log(`县级汇总：${options.nodes} 个乡镇同时上报（${figures ? '同步更新汇总' : '不更新汇总'}）……`);
        apply[figures ? 'withFigures' : 'withoutFigures'] = await hubThroughput(
          hub,
          { nodes: options.nodes, entriesPerNode: options.entriesPerNode, entriesPerBatch: 500 },
          sample,
        );
      } finally {
        await hub.close();
        await rm(hubDir, { recursive: true, force: true });
      }
    }
    const rate = (apply.withFigures as { entriesPerSecond: number }).entriesPerSecond;

    const hubDir = await mkdtemp(path.join(os.tmpdir(), 'township-bench-county-'));
    const hub = await openHub({
      dataDir: hubDir,
      postgres: await postgres.newDatabase(),
      now: () => NOW,
      log: () => {},
    });
    try {
      options.log(`县级汇总：生成 ${options.townships} 个乡镇 × ${options.years} 年的汇总数据……`);
      const generated = await generateFigures(hub, options.townships, options.years);
      const time = async (what: string, run: () => Promise<unknown>) => {
        options.log(`县级汇总：${what} × ${options.runs}……`);
        const samples: number[] = [];
        for (let i = 0; i < options.runs; i++) {
          const started = performance.now();
          await run();
          samples.push(performance.now() - started);
        }
        return summarize(samples);
      };
      const queries = {
        overviewRunningMonth: await time('总览（本月）', () => hub.countyFigures('2026-12')),
        overviewClosedQuarter: await time('总览（2026 年第三季度）', () => hub.countyFigures('2026-Q3')),
        overviewRunningYear: await time('总览（本年）', () => hub.countyFigures('2026')),
        trendOfYear: await time('走势（本年，受理）', () =>
          hub.figureTrend({ period: '2026', desk: 'counter', key: 'accepted' }),
        ),
        // The report as the county downloads it: the figures read, then drawn.
        quarterlyReportPdf: await time('季度考评 PDF（2026 年第三季度）', async () =>
          countyReportFile(await hub.countyFigures('2026-Q3'), 'pdf', REPORT_OPTIONS),
        ),
        quarterlyReportXlsx: await time('季度考评 Excel（2026 年第三季度）', async () =>
          countyReportFile(await hub.countyFigures('2026-Q3'), 'xlsx', REPORT_OPTIONS),
        ),
      };
      const slowest = Math.max(...Object.values(queries).map((q) => q.p50));
      return {
        apply,
        applyGoal: { entriesPerSecondAtLeast: 5_000, met: rate >= 5_000 },
        generated,
        queries,
        queryGoal: { p50MsAtMost: 1_000, met: slowest <= 1_000 },
      };
    } finally {
      await hub.close();
      await rm(hubDir, { recursive: true, force: true });
    }
  } finally {
    await postgres.stop();
  }
}

/**
 * Ten years of a city's figures, written as the figures keeper would have left them: every
 * township's closed-period sums of every figure (per village for the desks kept by village), the
 * running month's, quarter's and year's sums by day, and the standing figures' days.
 */
async function generateFigures(hub: Hub, townships: number, years: number) {
  const db = hub.db;
  const started = performance.now();
  for (let i = 0; i < townships; i++) {
    await db
      .insertInto('hub_nodes')
      .values({
        id: `bench-${i}`,
        township_name: `第${i + 1}镇`,
        status: 'active',
        suite: SUITE_INTERNATIONAL,
        token_hash: '-',
        token_expires_at: '2026-01-01T00:00:00Z',
        created_at: '2016-01-01T00:00:00Z',
        applied_through: 1,
        last_batch_hash: '-',
        last_contact_at: NOW.toISOString(),
        registered_at: '2016-01-01T00:00:00Z',
        registered_key_id: null,
        revoked_at: null,
        revoke_reason: null,
        down_applied: 0,
        down_next_seq: 1,
        rebuild_authorized_at: null,
        rebuild_through: null,
        rebuild_files: null,
        rebuild_finished_at: null,
      })
      .execute();
    await db
      .insertInto('hub_entries')
      .values({
        node_id: `bench-${i}`,
        seq: 1,
        id: `e-${i}`,
        entity: 'syncReport',
        entity_id: TODAY,
        op: 'monthlyFigures',
        data: '{}',
        actor_id: null,
        actor_name: '自动上报',
        at: NOW.toISOString(),
        row_images: null,
      })
      .execute();
  }
  const figures = FIGURE_DEFINITIONS.flatMap((d) => d.figures.map((f) => ({ desk: d.desk, figure: f })));
  const known = figures.length > 0 ? figures : COUNTY_COLUMNS.map((c) => ({ desk: c.desk, figure: c.key }));
  const grouped = new Set(['errands', 'matters']);
  const firstYear = 2026 - years + 1;
  const periods: string[] = [];
  // Grouped by village as the desks keep them: 15 villages a township.
  for (let y = firstYear; y <= 2026; y++) {
    periods.push(String(y));
    for (let q = 1; q <= 4; q++) periods.push(`${y}-Q${q}`);
    for (let m = 1; m <= 12; m++) periods.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  await sql`create temporary table bench_figures (desk text, figure text, grp text)`.execute(db);
  for (const f of known) {
    // A breakdown's figures are kept per village and for the whole township ('').
    const groups = grouped.has(f.desk) ? ['', ...Array.from({ length: 15 }, (_, v) => `village-${v}`)] : [''];
    for (const grp of groups) await sql`insert into bench_figures values (${f.desk}, ${f.figure}, ${grp})`.execute(db);
  }
  // Each period's events by the month they are dated in: its own months (ten years of closed periods).
  await sql`create temporary table bench_months (period text, month text)`.execute(db);
  for (const p of periods) {
    for (const month of periodMonths(p)) await sql`insert into bench_months values (${p}, ${month})`.execute(db);
  }
  await sql`
    insert into hub_figure_months (period, node_id, desk, figure, grp, month, value)
    select m.period, n.id, f.desk, f.figure, f.grp, m.month, (random() * 400)::bigint
    from bench_months m cross join hub_nodes n cross join bench_figures f`.execute(db);
  // The running month's days, of the running month, quarter and year.
  await sql`
    insert into hub_figure_days (period, node_id, desk, figure, grp, day, at_day_end, value)
    select r.period, n.id, f.desk, f.figure, f.grp, to_char(d, 'YYYY-MM-DD'), 0, (random() * 20)::bigint
    from (values ('2026-12'), ('2026-Q4'), ('2026')) as r(period)
    cross join generate_series(${`${TODAY.slice(0, 7)}-01`}::date, ${TODAY}::date, interval '1 day') as d
    cross join hub_nodes n cross join bench_figures f`.execute(db);
  // The standing figures (超期): ten years of months, and this month's days.
  await sql`
    insert into hub_figure_months (period, node_id, desk, figure, grp, month, value)
    select '*', n.id, 'counter', 'overdue', '', to_char(d, 'YYYY-MM'), (random() * 6 - 3)::bigint
    from generate_series(${`${firstYear}-01-01`}::date, ${TODAY}::date, interval '1 month') as d
    cross join hub_nodes n`.execute(db);
  await sql`
    insert into hub_figure_days (period, node_id, desk, figure, grp, day, at_day_end, value)
    select '*', n.id, 'counter', 'overdue', '', to_char(d, 'YYYY-MM-DD'), 0, (random() * 6 - 3)::bigint
    from generate_series(${`${TODAY.slice(0, 7)}-01`}::date, ${TODAY}::date, interval '1 day') as d
    cross join hub_nodes n`.execute(db);
  await sql`analyze`.execute(db);
  const count = async (table: 'hub_figure_months' | 'hub_figure_days') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    townships,
    years,
    figures: known.length,
    monthRows: await count('hub_figure_months'),
    dayRows: await count('hub_figure_days'),
    seconds: round((performance.now() - started) / 1000, 1),
  };
}
