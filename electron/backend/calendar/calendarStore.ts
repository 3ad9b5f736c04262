// The working-day calendar in the database: one row a year. Counter and petition deadlines
// read it through `loadWorkingCalendar`; every change goes through the change log, and a change
// of the years computes the open deadlines it moves again (docs/counter.md, 暂定的期限).
import {
  calendarFile,
  calendarYear,
  WorkingCalendar,
  type CalendarYear,
} from '../../../shared/calendar/workingCalendar';
import type { CalendarYearRecord, DeadlineAdjustment } from '../../../shared/calendar/api';
import type { Reader } from '../../../shared/workflow/access';
import { sql } from 'kysely';
import { yearOf } from '../../../shared/calendar/dates';
import { uuidv7 } from '../db/uuidv7';
import { readablePointers, type RecordTables } from '../workflow/recordTables';
import { provisionalCalendarYear } from '../../../shared/calendar/statutoryHolidays';
import type { Tx, WriteScope } from '../db/writeScope';
import { runWrite } from '../db/writeScope';
import type { Db } from '../db/database';
import shippedCalendar from '../../../resources/calendars/working-calendar-2026.json';

export async function listCalendarYears(db: Db | Tx): Promise<CalendarYearRecord[]> {
  const rows = await db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
  return rows.map((row) => ({
    arrangement: calendarYear.parse(JSON.parse(row.arrangement)),
    updatedAt: row.updated_at,
    updatedByName: row.updated_by_name,
  }));
}

/**
 * Every deadline reads the calendar; it changes a few times a year. The built calendar is kept
 * per database and rebuilt only when a year was written since (its rows' update times say so).
 */
const built = new WeakMap<Db | Tx, { signature: string; calendar: WorkingCalendar }>();

export async function loadWorkingCalendar(db: Db | Tx): Promise<WorkingCalendar> {
  const stamps = await db.selectFrom('calendar_years').select(['year', 'updated_at']).orderBy('year').execute();
  const signature = stamps.map((s) => `${s.year}@${s.updated_at}`).join(',');
  const cached = built.get(db);
  if (cached?.signature === signature) return cached.calendar;
  const calendar = new WorkingCalendar(
    (await listCalendarYears(db)).map((record) => record.arrangement),
    provisionalCalendarYear,
  );
  built.set(db, { signature, calendar });
  return calendar;
}

async function writeYearRow(scope: WriteScope, arrangement: CalendarYear): Promise<CalendarYearRecord> {
  const row = {
    year: arrangement.year,
    arrangement: JSON.stringify(arrangement),
    updated_at: scope.at,
    updated_by_name: scope.actor.name,
  };
  await scope.change({ entity: 'calendarYear', id: String(arrangement.year), op: 'save' }, async (tx) => {
    await tx
      .insertInto('calendar_years')
      .values(row)
      .onConflict((oc) => oc.column('year').doUpdateSet(row))
      .execute();
    return arrangement;
  });
  return { arrangement, updatedAt: scope.at, updatedByName: scope.actor.name };
}

/** Saves one year's arrangement (typed in); the open deadlines it moves are recomputed. */
export async function writeCalendarYear(
  scope: WriteScope,
  arrangement: CalendarYear,
  records: RecordTables,
): Promise<CalendarYearRecord & { adjustments: DeadlineAdjustment[] }> {
  const { result, adjustments } = await recomputingDeadlines(scope, records, [arrangement.year], () =>
    writeYearRow(scope, arrangement),
  );
  return { ...result, adjustments };
}

/**
 * Replaces the whole calendar with `years` (a county file, typed in or arriving from the hub):
 * a year it leaves out is withdrawn — it is counted on its provisional arrangement from then
 * on — unless `keep` names it, every year it lists is written, and the open deadlines the change
 * moves are recomputed. Which years may be withdrawn is the caller's question
 * (`guardedWithdrawals`).
 */
export async function replaceCalendar(
  scope: WriteScope,
  years: readonly CalendarYear[],
  records: RecordTables,
  options: { keep?: readonly number[] } = {},
): Promise<{ years: number[]; replacedYears: number[]; withdrawnYears: number[]; adjustments: DeadlineAdjustment[] }> {
  const before = (await scope.tx.selectFrom('calendar_years').select('year').orderBy('year').execute()).map(
    (b) => b.year,
  );
  const incoming = new Set(years.map((y) => y.year));
  const withdrawn = before.filter((year) => !incoming.has(year) && !options.keep?.includes(year));
  const touched = [...new Set([...incoming, ...withdrawn])];
  const { adjustments } = await recomputingDeadlines(scope, records, touched, async () => {
    for (const year of withdrawn) {
      await scope.change({ entity: 'calendarYear', id: String(year), op: 'withdraw' }, async (tx) => {
        await tx.deleteFrom('calendar_years').where('year', '=', year).execute();
        return { year };
      });
    }
    for (const arrangement of years) await writeYearRow(scope, arrangement);
  });
  return {
    years: [...incoming].sort((a, b) => a - b),
    replacedYears: before.filter((year) => incoming.has(year)),
    withdrawnYears: withdrawn,
    adjustments,
  };
}

/** A year a new calendar would withdraw that needs the administrator's word first. */
export interface GuardedYear {
  year: number;
  /** The year of today: every acceptance and every deadline running now is counted on it. */
  current: boolean;
  /** Open records with a running deadline counted on the year, per kind (`办件`, `信访件`). */
  openDeadlines: { noun: string; count: number }[];
}

/**
 * The years that leaving out of a new calendar (`incomingYears`) would withdraw and that must
 * not go without the administrator's confirmation: the current year, and each year an open
 * deadline is counted on (each kind of record declares where its deadlines are).
 */
export async function guardedWithdrawals(
  db: Db | Tx,
  records: RecordTables,
  incomingYears: readonly number[],
  today: string,
): Promise<GuardedYear[]> {
  const held = await db.selectFrom('calendar_years').select('year').orderBy('year').execute();
  const guarded: GuardedYear[] = [];
  for (const { year } of held) {
    if (incomingYears.includes(year)) continue;
    const openDeadlines: GuardedYear['openDeadlines'] = [];
    for (const table of Object.values(records)) {
      const declared = table.openDeadlines;
      if (!declared) continue;
      const due = sql.ref(declared.column);
      const open = declared.statuses ? sql`and status in (${sql.join(declared.statuses)})` : sql``;
      const { rows } = await sql<{ count: number }>`select count(*) as count from ${sql.table(table.table)}
        where ${due} >= ${`${year}-01-01`} and coalesce(${sql.ref(declared.from)}, ${due}) <= ${`${year}-12-31`} ${open}`.execute(
        db,
      );
      const count = Number(rows[0]?.count ?? 0);
      if (count > 0) openDeadlines.push({ noun: table.access.noun, count });
    }
    const current = year === yearOf(today);
    if (current || openDeadlines.length > 0) guarded.push({ year, current, openDeadlines });
  }
  return guarded;
}

/** `2026 年（本年度；有 3 件未办结的事项的期限按该年计算：办件 2 件、信访件 1 件）` */
export function guardedYearText(guarded: GuardedYear): string {
  const why: string[] = [];
  if (guarded.current) why.push('本年度');
  const total = guarded.openDeadlines.reduce((sum, d) => sum + d.count, 0);
  if (total > 0) {
    const kinds = guarded.openDeadlines.map((d) => `${d.noun} ${d.count} 件`).join('、');
    why.push(`${total} 件未办结事项的期限按该年计算：${kinds}`);
  }
  return `${guarded.year} 年（${why.join('；')}）`;
}

/** The question an import that would withdraw guarded years is refused with. */
export function withdrawalQuestion(guarded: readonly GuardedYear[]): string {
  const years = guarded.map((g) => `${g.year} 年`).join('、');
  const these = guarded.length === 1 ? `${guarded[0]!.year} 年` : '这些年份';
  return (
    `文件中没有 ${guarded.map(guardedYearText).join('、')}：导入将删除 ${years}的节假日安排，` +
    `${these}改按法定节假日暂定计算（不含调休），未办结的期限随之重算并标注“暂定”。如确需删除，请确认。`
  );
}

/** The calendar as the transaction sees it (not the cached one: it is being changed). */
async function calendarIn(scope: WriteScope): Promise<WorkingCalendar> {
  return new WorkingCalendar(
    (await listCalendarYears(scope.tx)).map((record) => record.arrangement),
    provisionalCalendarYear,
  );
}

/**
 * Runs `write` (which changes the calendar's years) and then asks every kind of record with
 * deadlines to compute its open ones due from the first touched year on again. Each moved
 * record is written with its change-log entry and listed in deadline_adjustments.
 */
async function recomputingDeadlines<T>(
  scope: WriteScope,
  records: RecordTables,
  years: readonly number[],
  write: () => Promise<T>,
): Promise<{ result: T; adjustments: DeadlineAdjustment[] }> {
  const before = await calendarIn(scope);
  const result = await write();
  const after = await calendarIn(scope);
  const since = `${Math.min(...years)}-01-01`;
  const yearsText = [...years].sort((a, b) => a - b).join('、');
  const adjustments: DeadlineAdjustment[] = [];
  for (const table of Object.values(records)) {
    if (!table.deadlines) continue;
    for (const moved of await table.deadlines(scope, { before, after }, since)) {
      const adjustment: DeadlineAdjustment = {
        id: uuidv7(),
        entity: table.access.name,
        ...moved,
        years: yearsText,
        adjustedAt: scope.at,
      };
      await scope.tx
        .insertInto('deadline_adjustments')
        .values({
          id: adjustment.id,
          entity: adjustment.entity,
          record_id: adjustment.recordId,
          label: adjustment.label,
          deadline: adjustment.deadline,
          from_date: adjustment.from,
          to_date: adjustment.to,
          years: adjustment.years,
          adjusted_at: adjustment.adjustedAt,
        })
        .execute();
      adjustments.push(adjustment);
    }
  }
  return { result, adjustments };
}

/** How far back the desks are shown moved deadlines. */
const ADJUSTMENTS_SHOWN_DAYS = 60;

/** The moved deadlines of the records `reader` may read, newest first. */
export async function listDeadlineAdjustments(
  db: Db,
  records: RecordTables,
  reader: Reader,
  now: Date,
): Promise<DeadlineAdjustment[]> {
  const since = new Date(now.getTime() - ADJUSTMENTS_SHOWN_DAYS * 86_400_000).toISOString();
  const rows = await db
    .selectFrom('deadline_adjustments')
    .selectAll()
    .where('adjusted_at', '>=', since)
    .where(readablePointers(records, reader, 'entity', 'record_id'))
    .orderBy('adjusted_at', 'desc')
    .orderBy('label')
    .limit(500)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    entity: row.entity,
    recordId: row.record_id,
    label: row.label,
    deadline: row.deadline,
    from: row.from_date,
    to: row.to_date,
    years: row.years,
    adjustedAt: row.adjusted_at,
  }));
}

/**
 * A new node starts with the arrangements shipped with the program (the data file under
 * resources/calendars), so deadlines work on day one; the county's file replaces them later.
 */
export async function seedShippedCalendar(db: Db, at: string): Promise<void> {
  const existing = await db.selectFrom('calendar_years').select('year').limit(1).executeTakeFirst();
  if (existing) return;
  const file = calendarFile.parse(shippedCalendar);
  await runWrite(db, { id: null, name: '随程序发布' }, at, async (scope) => {
    for (const arrangement of file.years) await writeYearRow(scope, arrangement);
  });
}
