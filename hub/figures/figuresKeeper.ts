// The county's figures kept as batches are applied (a RowKeeper, hub/rowKeepers.ts): for each
// record a batch wrote in a table some desk counts from, what it adds now (its definition's
// events, as spans) replaces what it added before; the difference goes onto the sums per period
// and day, and per period up to its last day — in the batch's own transaction, so the figures
// never disagree with the records the hub holds.
import { sql } from 'kysely';
import { periodsOfDay, STANDING_PERIOD, type FigureDefinition } from '../../shared/figures/figureEvents';
import type { ChangeEntry, RowImage } from '../../shared/sync/protocol';
import type { HubTx } from '../db/schema';
import type { RowKeeper } from '../context';
import { FIGURE_DEFINITIONS } from './definitions';
import { recordLabel } from './recordLabels';
import { eventsOfSpans, sameSpans, spansOf, type FigureSpan, type PlacedEvent } from './spans';

/** Ids per `IN (…)` and rows per multi-row INSERT: far below both databases' parameter limits. */
const CHUNK = 400;

interface RecordChange {
  table: string;
  rowId: string;
  /** null: the row was deleted. */
  row: Readonly<Record<string, unknown>> | null;
}

export const figuresKeeper: RowKeeper = figuresKeeperOf(FIGURE_DEFINITIONS);

/** The keeper of `definitions` (a desk's figures are stored under its name: one definition per table and desk). */
export function figuresKeeperOf(definitions: readonly FigureDefinition[], name = '县级汇总'): RowKeeper {
  const byTable = new Map<string, FigureDefinition[]>();
  for (const definition of definitions) {
    const same = byTable.get(definition.table) ?? [];
    if (same.some((d) => d.desk === definition.desk)) {
      throw new Error(`表 ${definition.table} 的 ${definition.desk} 指标定义了两次`);
    }
    byTable.set(definition.table, [...same, definition]);
  }
  return { name, apply: (tx, nodeId, entries) => keep(byTable, tx, nodeId, entries) };
}

async function keep(
  byTable: Map<string, FigureDefinition[]>,
  tx: HubTx,
  nodeId: string,
  entries: readonly ChangeEntry[],
): Promise<void> {
  const changes = latestRows(byTable, entries);
  for (const [table, rows] of changes) {
    const definitions = byTable.get(table)!;
    const ids = [...rows.keys()];
    const before = await storedSpans(tx, nodeId, table, ids);
    const cells: DeskEvent[] = [];
    const replaced: string[] = [];
    const spanRows: SpanRow[] = [];
    const labels: { row_id: string; number: string | null; title: string }[] = [];
    for (const [rowId, change] of rows) {
      const old = before.get(rowId) ?? new Map<string, FigureSpan[]>();
      let changed = false;
      for (const definition of definitions) {
        const now = change.row ? spansOf(definition.ofRow(change.row)) : [];
        const was = old.get(definition.desk) ?? [];
        if (sameSpans(was, now)) continue;
        changed = true;
        for (const e of eventsOfSpans(was, -1)) cells.push({ ...e, desk: definition.desk });
        for (const e of eventsOfSpans(now, 1)) cells.push({ ...e, desk: definition.desk });
      }
      if (!changed) continue;
      replaced.push(rowId);
      for (const definition of definitions) {
        const now = change.row ? spansOf(definition.ofRow(change.row)) : [];
        for (const s of now) spanRows.push(spanRow(nodeId, table, rowId, definition.desk, s));
      }
      if (change.row) labels.push({ row_id: rowId, ...recordLabel(table, change.row) });
    }
    await replaceSpans(tx, nodeId, table, replaced, spanRows, labels);
    await addToSums(tx, nodeId, cells);
  }
}

type DeskEvent = PlacedEvent & { desk: string };

/** The last image of each row a batch wrote, per table some desk counts from. */
function latestRows(
  byTable: Map<string, FigureDefinition[]>,
  entries: readonly ChangeEntry[],
): Map<string, Map<string, RecordChange>> {
  const tables = new Map<string, Map<string, RecordChange>>();
  for (const entry of entries) {
    for (const image of (entry.rows ?? []) as RowImage[]) {
      if (!byTable.has(image.table)) continue;
      const id = image.row.id;
      if (typeof id !== 'string' && typeof id !== 'number') continue;
      const rowId = String(id);
      let rows = tables.get(image.table);
      if (!rows) tables.set(image.table, (rows = new Map()));
      rows.set(rowId, { table: image.table, rowId, row: image.deleted ? null : image.row });
    }
  }
  return tables;
}

async function storedSpans(
  tx: HubTx,
  nodeId: string,
  table: string,
  ids: string[],
): Promise<Map<string, Map<string, FigureSpan[]>>> {
  const found = new Map<string, Map<string, FigureSpan[]>>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await tx
      .selectFrom('hub_figure_spans')
      .selectAll()
      .where('node_id', '=', nodeId)
      .where('tbl', '=', table)
      .where('row_id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) {
      let desks = found.get(r.row_id);
      if (!desks) found.set(r.row_id, (desks = new Map()));
      const spans = desks.get(r.desk) ?? [];
      spans.push({
        figure: r.figure,
        grp: r.grp,
        placedOn: r.placed_on,
        start: r.start_day,
        end: r.end_day,
        value: Number(r.value),
        atDayEnd: Number(r.at_day_end) === 1,
      });
      desks.set(r.desk, spans);
    }
  }
  return found;
}

type SpanRow = {
  node_id: string;
  tbl: string;
  row_id: string;
  desk: string;
  figure: string;
  grp: string;
  placed_on: string;
  start_day: string;
  end_day: string | null;
  value: number;
  at_day_end: number;
};

function spanRow(nodeId: string, table: string, rowId: string, desk: string, s: FigureSpan): SpanRow {
  return {
    node_id: nodeId,
    tbl: table,
    row_id: rowId,
    desk,
    figure: s.figure,
    grp: s.grp,
    placed_on: s.placedOn,
    start_day: s.start,
    end_day: s.end,
    value: s.value,
    at_day_end: s.atDayEnd ? 1 : 0,
  };
}

async function replaceSpans(
  tx: HubTx,
  nodeId: string,
  table: string,
  rowIds: string[],
  spans: SpanRow[],
  labels: { row_id: string; number: string | null; title: string }[],
): Promise<void> {
  for (let i = 0; i < rowIds.length; i += CHUNK) {
    const ids = rowIds.slice(i, i + CHUNK);
    await tx
      .deleteFrom('hub_figure_spans')
      .where('node_id', '=', nodeId)
      .where('tbl', '=', table)
      .where('row_id', 'in', ids)
      .execute();
  }
  for (let i = 0; i < spans.length; i += CHUNK) {
    await tx
      .insertInto('hub_figure_spans')
      .values(spans.slice(i, i + CHUNK))
      .execute();
  }
  for (let i = 0; i < labels.length; i += CHUNK) {
    await tx
      .insertInto('hub_figure_records')
      .values(labels.slice(i, i + CHUNK).map((l) => ({ node_id: nodeId, tbl: table, ...l })))
      .onConflict((oc) =>
        oc
          .columns(['node_id', 'tbl', 'row_id'])
          .doUpdateSet({ number: sql`excluded.number`, title: sql`excluded.title` }),
      )
      .execute();
  }
}

/** Adds the events to their periods' sums by day and by month (hub/figures/figureSums.ts reads them). */
async function addToSums(tx: HubTx, nodeId: string, events: DeskEvent[]): Promise<void> {
  type Cell = { period: string; desk: string; figure: string; grp: string; value: number };
  const days = new Map<string, Cell & { day: string; at_day_end: number }>();
  const months = new Map<string, Cell & { month: string }>();
  for (const e of events) {
    const periods = e.placedOn === STANDING_PERIOD ? [STANDING_PERIOD] : Object.values(periodsOfDay(e.placedOn));
    const atDayEnd = e.atDayEnd ? 1 : 0;
    const month = e.day.slice(0, 7);
    // A breakdown's event is summed under its group and under '' (the township's whole figure),
    // so the whole figures are read from the '' rows alone: a few per figure, not one per village.
    const groups = e.grp === '' ? [''] : [e.grp, ''];
    for (const period of periods) {
      for (const grp of groups) {
        const at = { period, desk: e.desk, figure: e.figure, grp };
        const dayKey = [period, e.desk, e.figure, grp, e.day, atDayEnd].join('\u0000');
        const day = days.get(dayKey);
        if (day) day.value += e.delta;
        else days.set(dayKey, { ...at, day: e.day, at_day_end: atDayEnd, value: e.delta });
        const monthKey = [period, e.desk, e.figure, grp, month].join('\u0000');
        const inMonth = months.get(monthKey);
        if (inMonth) inMonth.value += e.delta;
        else months.set(monthKey, { ...at, month, value: e.delta });
      }
    }
  }
  const dayRows = [...days.values()].filter((d) => d.value !== 0).map((d) => ({ node_id: nodeId, ...d }));
  for (let i = 0; i < dayRows.length; i += CHUNK) {
    await tx
      .insertInto('hub_figure_days')
      .values(dayRows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc
          .columns(['period', 'node_id', 'desk', 'figure', 'grp', 'day', 'at_day_end'])
          .doUpdateSet({ value: sql`hub_figure_days.value + excluded.value` }),
      )
      .execute();
  }
  const monthRows = [...months.values()].filter((m) => m.value !== 0).map((m) => ({ node_id: nodeId, ...m }));
  for (let i = 0; i < monthRows.length; i += CHUNK) {
    await tx
      .insertInto('hub_figure_months')
      .values(monthRows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc
          .columns(['period', 'node_id', 'desk', 'figure', 'grp', 'month'])
          .doUpdateSet({ value: sql`hub_figure_months.value + excluded.value` }),
      )
      .execute();
  }
}
