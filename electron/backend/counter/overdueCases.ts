// 在办超期 on a day: every case open then and past its due date, whenever it was accepted, by the
// one definition (shared/counter/overdue.ts). On today that is the worklist's red; on a past day
// (a period's last) the cases open then are found from their dates: those open now, those
// completed after the day (index counter_cases_completion_span) and those voided after it.
import { sql } from 'kysely';
import type { WorkingCalendar } from '../../../shared/calendar/workingCalendar';
import { isOpenOverdueOn, type CaseClock } from '../../../shared/counter/overdue';
import { localDate } from '../api/settings';
import type { Db } from '../db/database';
import { OPEN_CASE, type CaseSteps } from './caseRows';

interface ClockRow {
  accepted_on: string | null;
  original_promised_date: string | null;
  promised_date: string | null;
  paused_on: string | null;
  completed_on: string | null;
  voided_at: string | null;
  steps?: string;
}

function clockOf(row: ClockRow, timeZone: string): CaseClock {
  const pauses = row.steps
    ? ((JSON.parse(row.steps) as CaseSteps).pauses ?? [])
    : // Without the steps (today's count): only a running pause matters, and the row holds it.
      row.paused_on
      ? [{ pausedOn: row.paused_on, resumedOn: null, workingDays: null }]
      : [];
  return {
    acceptedOn: row.accepted_on,
    originalPromisedDate: row.original_promised_date,
    promisedDate: row.promised_date,
    pauses,
    completedOn: row.completed_on,
    voidedOn: row.voided_at ? localDate(new Date(row.voided_at), timeZone) : null,
  };
}

const CLOCK_COLUMNS = [
  'accepted_on',
  'original_promised_date',
  'promised_date',
  'paused_on',
  'completed_on',
  'voided_at',
] as const;

/** The number of cases open on `day` and past their due date then (`day` ≤ `today`). */
export async function openOverdueOn(
  db: Db,
  calendar: WorkingCalendar,
  day: string,
  today: string,
  timeZone: string,
): Promise<number> {
  const past = day < today;
  // Open now and accepted by the day: on today, exactly the worklist's open cases.
  const openNow = db
    .selectFrom('counter_cases')
    .select(CLOCK_COLUMNS)
    .$if(past, (qb) => qb.select('steps'))
    .where(OPEN_CASE)
    .where('accepted_on', '<=', day)
    .execute();
  const rows: ClockRow[][] = [await openNow];
  if (past) {
    const [completedLater, voided] = await Promise.all([
      // Completed after the day: the index holds both dates, so only the few matching rows are read.
      sql<ClockRow>`SELECT ${sql.join(CLOCK_COLUMNS.map((c) => sql.ref(c)))}, steps
        FROM counter_cases INDEXED BY counter_cases_completion_span
        WHERE completed_on IS NOT NULL AND completed_on > ${day} AND accepted_on <= ${day}`.execute(db),
      // Voided without completion: few, read by status; the day each was voided decides.
      db
        .selectFrom('counter_cases')
        .select([...CLOCK_COLUMNS, 'steps'])
        .where('status', '=', 'voided')
        .where('completed_on', 'is', null)
        .where('accepted_on', '<=', day)
        .execute(),
    ]);
    rows.push(completedLater.rows, voided);
  }
  let count = 0;
  for (const row of rows.flat()) if (isOpenOverdueOn(calendar, clockOf(row, timeZone), day)) count++;
  return count;
}
