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
 * a year it leaves out is withdrawn, every year it lists is written, and the open deadlines the
 * change moves are recomputed.
 */
export async function replaceCalendar(
  scope: WriteScope,
  years: readonly CalendarYear[],
  records: RecordTables,
): Promise<{ years: number[]; replacedYears: number[]; adjustments: DeadlineAdjustment[] }> {
  const before = await scope.tx.selectFrom('calendar_years').select('year').execute();
  const incoming = new Set(years.map((y) => y.year));
  const touched = [...new Set([...incoming, ...before.map((b) => b.year)])];
  const { adjustments } = await recomputingDeadlines(scope, records, touched, async () => {
    for (const { year } of before) {
      if (incoming.has(year)) continue;
      await scope.change({ entity: 'calendarYear', id: String(year), op: 'withdraw' }, async (tx) => {
        await tx.deleteFrom('calendar_years').where('year', '=', year).execute();
        return { year };
      });
    }
    for (const arrangement of years) await writeYearRow(scope, arrangement);
  });
  return {
    years: [...incoming].sort((a, b) => a - b),
    replacedYears: before.map((b) => b.year).filter((year) => incoming.has(year)),
    adjustments,
  };
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
