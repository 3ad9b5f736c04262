// 有事报事、无事报平安: once a day, before it sends, the node appends to its change log a report
// of the month's figures — so a township that had a quiet day still tells the county it is
// alive and how far behind its sync is, and the county's page shows the latest counter,
// mediation and petition figures without querying every record.
import {
  monthlyFiguresReport,
  REPORT_ENTITY,
  REPORT_OP,
  type MonthlyFiguresReport,
} from '../../../shared/sync/protocol';
import { runWrite } from '../db/writeScope';
import { localDate } from '../api/settings';
import type { Db } from '../db/database';
import { SYNC_SETTINGS, readNumber, readText, writeText } from './syncState';

export const REPORT_ACTOR = { id: null, name: '自动上报' };

/**
 * The desks' figures of a month as they stand today. The desks compute them; the backend's
 * composition root hands sync the function, so sync depends on no desk.
 */
export type DeskFigures = (
  db: Db,
  month: string,
  today: string,
) => Promise<Pick<MonthlyFiguresReport, 'counter' | 'mediation' | 'petitions'>>;

/** The month's figures as they stand today, and how far behind the sync is. */
export async function monthlyFigures(
  db: Db,
  now: Date,
  timeZone: string,
  deskFigures: DeskFigures,
): Promise<MonthlyFiguresReport> {
  const today = localDate(now, timeZone);
  const month = today.slice(0, 7);
  const [figures, ackThrough, lastSeq] = await Promise.all([
    deskFigures(db, month, today),
    readNumber(db, SYNC_SETTINGS.ackThrough),
    db
      .selectFrom('change_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst(),
  ]);
  return monthlyFiguresReport.parse({
    month,
    reportedAt: now.toISOString(),
    backlog: Math.max(0, Number(lastSeq?.seq ?? 0) - ackThrough),
    ...figures,
  });
}

/**
 * Appends today's report unless one was appended today already.
 * @returns whether a report was appended.
 */
export async function appendDailyReport(
  db: Db,
  now: Date,
  timeZone: string,
  deskFigures: DeskFigures,
): Promise<boolean> {
  const today = localDate(now, timeZone);
  if ((await readText(db, SYNC_SETTINGS.reportDay)) === today) return false;
  const report = await monthlyFigures(db, now, timeZone, deskFigures);
  return runWrite(db, REPORT_ACTOR, now.toISOString(), async (scope) => {
    // Checked again inside the transaction: an export and a run may both get here.
    if ((await readText(scope.tx, SYNC_SETTINGS.reportDay)) === today) return false;
    await scope.change({ entity: REPORT_ENTITY, id: today, op: REPORT_OP }, async (tx) => {
      await writeText(tx, SYNC_SETTINGS.reportDay, today);
      return report;
    });
    return true;
  });
}
