// The working-day calendar in the database: one row a year. Counter and petition deadlines
// read it through `loadWorkingCalendar`; every change goes through the change log.
import {
  calendarFile,
  calendarYear,
  WorkingCalendar,
  type CalendarYear,
} from '../../../shared/calendar/workingCalendar';
import type { CalendarYearRecord } from '../../../shared/calendar/api';
import type { WriteScope } from '../db/writeScope';
import { runWrite } from '../db/writeScope';
import type { Db } from '../db/database';
import shippedCalendar from '../../../resources/calendars/working-calendar-2026.json';

export async function listCalendarYears(db: Db): Promise<CalendarYearRecord[]> {
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
const built = new WeakMap<Db, { signature: string; calendar: WorkingCalendar }>();

export async function loadWorkingCalendar(db: Db): Promise<WorkingCalendar> {
  const stamps = await db.selectFrom('calendar_years').select(['year', 'updated_at']).orderBy('year').execute();
  const signature = stamps.map((s) => `${s.year}@${s.updated_at}`).join(',');
  const cached = built.get(db);
  if (cached?.signature === signature) return cached.calendar;
  const calendar = new WorkingCalendar((await listCalendarYears(db)).map((record) => record.arrangement));
  built.set(db, { signature, calendar });
  return calendar;
}

export async function writeCalendarYear(scope: WriteScope, arrangement: CalendarYear): Promise<CalendarYearRecord> {
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

/**
 * Replaces the whole calendar with `years` (a county file, typed in or arriving from the hub):
 * a year it leaves out is withdrawn, every year it lists is written.
 */
export async function replaceCalendar(
  scope: WriteScope,
  years: readonly CalendarYear[],
): Promise<{ years: number[]; replacedYears: number[] }> {
  const before = await scope.tx.selectFrom('calendar_years').select('year').execute();
  const incoming = new Set(years.map((y) => y.year));
  for (const { year } of before) {
    if (incoming.has(year)) continue;
    await scope.change({ entity: 'calendarYear', id: String(year), op: 'withdraw' }, async (tx) => {
      await tx.deleteFrom('calendar_years').where('year', '=', year).execute();
      return { year };
    });
  }
  for (const arrangement of years) await writeCalendarYear(scope, arrangement);
  return {
    years: [...incoming].sort((a, b) => a - b),
    replacedYears: before.map((b) => b.year).filter((year) => incoming.has(year)),
  };
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
    for (const arrangement of file.years) await writeCalendarYear(scope, arrangement);
  });
}
