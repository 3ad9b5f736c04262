// What the county page and the reports read of the figures (shared/sync/countyFiguresApi.ts):
// every township's and the total for a period, a figure's trend over months, and the records
// behind a figure. All from the sums the figures keeper maintains: a closed period is one row
// per figure and township (hub_figure_totals), a running one the days up to today
// (hub_figure_days); nothing is counted from the records per request.
import {
  periodAsOf,
  periodLabel,
  periodSpan,
  trendMonths,
  type ReportPeriod,
} from '../../shared/documents/reportPeriods';
import { STANDING_PERIOD, type FigureDesk } from '../../shared/figures/figureEvents';
import type {
  CountyFigures,
  FigureColumn,
  FigureRecords,
  FigureTrend,
  FigureValues,
  MissingTownship,
  TownshipFigures,
} from '../../shared/sync/countyFiguresApi';
import type { HubContext } from '../context';
import type { HubDb } from '../db/schema';
import { COUNTY_COLUMNS, columnOf } from './columns';
import { sumsOn, type SumFilter } from './figureSums';
import { countyDay } from '../countyDay';
import { definitionsOf } from './definitions';

/** Counts of one township (or the total) by desk and figure. */
export type DeskCounts = Map<string, Record<string, number>>;

export async function countyFigures(ctx: HubContext, period: ReportPeriod): Promise<CountyFigures> {
  const today = countyDay(ctx.now());
  const asOf = periodAsOf(period, today);
  const nodes = await ctx.db
    .selectFrom('hub_nodes')
    .select(['id', 'township_name', 'status', 'created_at', 'last_contact_at', 'applied_through'])
    .where('status', '!=', 'revoked')
    .orderBy('township_name')
    .execute();
  const [counts, reach, flags] = await Promise.all([
    figureCountsOf(ctx.db, period, asOf, today),
    writtenThrough(ctx),
    redFlags(ctx, today),
  ]);
  const missing: MissingTownship[] = [];
  const townships: TownshipFigures[] = nodes.map((node) => {
    const why = coverageGap(reach.get(node.id) ?? null, period, asOf, today);
    if (why) missing.push({ nodeId: node.id, townshipName: node.township_name, why });
    const own = counts.get(node.id) ?? new Map();
    return {
      nodeId: node.id,
      townshipName: node.township_name,
      lastContactAt: node.last_contact_at,
      covered: why === null,
      flags: {
        overdueInstructions: flags.overdueInstructions.get(node.id) ?? 0,
        overdueCases: flags.overdueCases.get(node.id) ?? 0,
        noReportToday: !flags.reportedToday.has(node.id),
      },
      values: valuesOf(own),
    };
  });
  return {
    period,
    periodLabel: periodLabel(period),
    asOf,
    today,
    columns: [...COUNTY_COLUMNS],
    townships,
    total: valuesOf(sumOf(nodes.map((n) => counts.get(n.id) ?? new Map()))),
    missing,
  };
}

/** Each township's counts of `period` as they stood on `asOf`, standing figures included. */
export async function figureCountsOf(
  db: HubDb,
  period: ReportPeriod,
  asOf: string,
  today: string,
  filter: SumFilter = {},
): Promise<Map<string, DeskCounts>> {
  const [placed, standing] = await Promise.all([
    sumsOn(db, period, asOf, today, filter),
    sumsOn(db, STANDING_PERIOD, asOf, today, filter),
  ]);
  const byNode = new Map<string, DeskCounts>();
  for (const r of [...placed, ...standing]) {
    let desks = byNode.get(r.node_id);
    if (!desks) byNode.set(r.node_id, (desks = new Map()));
    const figures = desks.get(r.desk) ?? {};
    figures[r.figure] = (figures[r.figure] ?? 0) + Number(r.value);
    desks.set(r.desk, figures);
  }
  return byNode;
}

function sumOf(all: DeskCounts[]): DeskCounts {
  const total: DeskCounts = new Map();
  for (const desks of all) {
    for (const [desk, figures] of desks) {
      const into = total.get(desk) ?? {};
      for (const [figure, value] of Object.entries(figures)) into[figure] = (into[figure] ?? 0) + value;
      total.set(desk, into);
    }
  }
  return total;
}

/** The columns' values: counts as kept, rates from the desk's own `rates` over its counts. */
function valuesOf(desks: DeskCounts): FigureValues {
  const derived = new Map<string, Record<string, number | null>>();
  const values: FigureValues = {};
  for (const column of COUNTY_COLUMNS) {
    const counts = desks.get(column.desk) ?? {};
    if (column.kind !== 'rate') {
      values[column.id] = counts[column.key] ?? 0;
      continue;
    }
    if (!derived.has(column.desk)) derived.set(column.desk, ratesOf(column.desk, counts));
    values[column.id] = derived.get(column.desk)![column.key] ?? null;
  }
  return values;
}

function ratesOf(desk: string, counts: Record<string, number>): Record<string, number | null> {
  const rates: Record<string, number | null> = {};
  for (const definition of definitionsOf(desk)) {
    const full = Object.fromEntries(definition.figures.map((f) => [f, counts[f] ?? 0]));
    Object.assign(rates, definition.rates?.(full) ?? {});
  }
  return rates;
}

/** The day the last entry the hub holds of each township was written (the township's own clock). */
async function writtenThrough(ctx: HubContext): Promise<Map<string, string>> {
  const rows = await ctx.db
    .selectFrom('hub_nodes as n')
    .innerJoin('hub_entries as e', (j) => j.onRef('e.node_id', '=', 'n.id').onRef('e.seq', '=', 'n.applied_through'))
    .select(['n.id', 'e.at'])
    .execute();
  return new Map(rows.map((r) => [r.id, countyDay(new Date(r.at))]));
}

/**
 * Why a township's figures of the period are not complete, or null when they are. Entries arrive
 * exactly once and in order, so once the hub holds an entry written after the period's figures
 * were taken (after `asOf`; while the period runs, one written today — the daily report is one),
 * it holds everything written before: the period is covered.
 */
export function coverageGap(
  lastWritten: string | null,
  period: ReportPeriod,
  asOf: string,
  today: string,
): string | null {
  const running = asOf === today;
  if (lastWritten === null) return '尚未同步任何记录';
  if (running ? lastWritten >= today : lastWritten > asOf) return null;
  return running
    ? `最近同步的记录写于 ${lastWritten}，今天尚未同步`
    : `最近同步的记录写于 ${lastWritten}，未覆盖${periodLabel(period)}（截至 ${asOf}）`;
}

async function redFlags(ctx: HubContext, today: string) {
  const [instructions, overdue, reports] = await Promise.all([
    ctx.db
      .selectFrom('hub_instruction_receipts as r')
      .innerJoin('hub_instructions as i', 'i.id', 'r.instruction_id')
      .select((eb) => ['r.node_id', eb.fn.countAll<number>().as('n')])
      .where('i.due_on', '<', today)
      .where('r.replied_at', 'is', null)
      .groupBy('r.node_id')
      .execute(),
    sumsOn(ctx.db, STANDING_PERIOD, today, today, { desk: 'counter', figure: 'overdue' }),
    ctx.db
      .selectFrom('hub_figures')
      .select(['node_id', 'reported_at'])
      // A report of this month or the last: today's is at most the running month's.
      .where('month', '>=', today.slice(0, 7))
      .execute(),
  ]);
  return {
    overdueInstructions: new Map(instructions.map((r) => [r.node_id, Number(r.n)])),
    overdueCases: new Map(overdue.map((r) => [r.node_id, Number(r.value)])),
    reportedToday: new Set(reports.filter((r) => countyDay(new Date(r.reported_at)) === today).map((r) => r.node_id)),
  };
}

/** A figure over the months of the period's trend, of one township or all. */
export async function figureTrend(
  ctx: HubContext,
  query: { period: ReportPeriod; desk: FigureDesk; key: string; nodeId?: string },
): Promise<FigureTrend> {
  const column = requireColumn(query.desk, query.key);
  const today = countyDay(ctx.now());
  const months = trendMonths(query.period, today);
  const points = [];
  for (const month of months) {
    const asOf = periodAsOf(month, today);
    const counts = await figureCountsOf(ctx.db, month, asOf, today, {
      desk: query.desk,
      ...(query.nodeId ? { nodeId: query.nodeId } : {}),
    });
    const desks = query.nodeId ? (counts.get(query.nodeId) ?? new Map()) : sumOf([...counts.values()]);
    points.push({ month, value: valuesOf(desks)[column.id] ?? null });
  }
  return { column, nodeId: query.nodeId ?? null, points };
}

/** The records behind a township's figure of the period as it stood on its `asOf`. */
export async function figureRecords(
  ctx: HubContext,
  query: { period: ReportPeriod; desk: FigureDesk; key: string; nodeId: string; limit: number },
): Promise<FigureRecords> {
  const column = requireColumn(query.desk, query.key);
  const today = countyDay(ctx.now());
  const asOf = periodAsOf(query.period, today);
  const { from, to } = periodSpan(query.period);
  const running = asOf === today;
  const node = await ctx.db
    .selectFrom('hub_nodes')
    .select('township_name')
    .where('id', '=', query.nodeId)
    .executeTakeFirst();
  if (!node) throw new FigureQueryError(`没有这个乡镇节点：${query.nodeId}`);
  const behind = ctx.db
    .selectFrom('hub_figure_spans as s')
    .where('s.node_id', '=', query.nodeId)
    .where('s.desk', '=', query.desk)
    .where('s.figure', '=', query.key)
    .where((eb) =>
      eb.or([
        eb.and([eb('s.placed_on', '>=', from), eb('s.placed_on', '<=', to)]),
        eb('s.placed_on', '=', STANDING_PERIOD),
      ]),
    )
    // On a running period's today, what happens at the close of the day has not happened yet.
    .where((eb) =>
      running
        ? eb.or([eb('s.start_day', '<', asOf), eb.and([eb('s.start_day', '=', asOf), eb('s.at_day_end', '=', 0)])])
        : eb('s.start_day', '<=', asOf),
    )
    .where((eb) =>
      eb.or([
        eb('s.end_day', 'is', null),
        eb('s.end_day', '>', asOf),
        ...(running ? [eb.and([eb('s.end_day', '=', asOf), eb('s.at_day_end', '=', 1)])] : []),
      ]),
    );
  const [rows, total] = await Promise.all([
    behind
      .innerJoin('hub_figure_records as r', (j) =>
        j.onRef('r.node_id', '=', 's.node_id').onRef('r.tbl', '=', 's.tbl').onRef('r.row_id', '=', 's.row_id'),
      )
      .select(['s.tbl', 's.row_id', 's.placed_on', 's.start_day', 'r.number', 'r.title'])
      .orderBy('s.start_day', 'desc')
      .orderBy('s.row_id')
      .limit(query.limit)
      .execute(),
    behind.select((eb) => eb.fn.count<number>('s.row_id').distinct().as('n')).executeTakeFirst(),
  ]);
  return {
    column,
    total: Number(total?.n ?? 0),
    rows: rows.map((r) => ({
      nodeId: query.nodeId,
      townshipName: node.township_name,
      table: r.tbl,
      rowId: r.row_id,
      number: r.number,
      title: r.title,
      placedOn: r.placed_on === STANDING_PERIOD ? r.start_day : r.placed_on,
    })),
  };
}

export class FigureQueryError extends Error {}

function requireColumn(desk: string, key: string): FigureColumn {
  const column = columnOf(desk, key);
  if (!column) throw new FigureQueryError(`没有这个指标：${desk}.${key}`);
  return column;
}
