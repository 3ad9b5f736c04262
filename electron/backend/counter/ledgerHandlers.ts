import type { Role } from '../../../shared/auth/roles';
import { COUNTER_STAFF } from '../../../shared/counter/casesApi';
import { periodLabel } from '../../../shared/documents/reportPeriods';
import { LEDGER_EXPORT_LIMIT, LEDGER_PAGE_SIZE } from '../../../shared/counter/ledgerApi';
import { fail } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import type { FileTickets } from '../documents/fileTickets';
import { exportReport, XLSX_CONTENT_TYPE } from '../documents/reportExport';
import { hallInfo } from './caseDocuments';
import { summaryReport } from './documents/summaryReport';
import { ledgerCount, ledgerPage, ledgerRows } from './ledger';
import { periodSummary } from './periodSummary';
import { ledgerWorkbook, summaryWorkbook } from './spreadsheets';

/** A short-lived link to bytes made for this request (not kept in the data folder). */
function fileFor(tickets: FileTickets, bytes: Buffer, urlName: string, downloadName: string, contentType: string) {
  return tickets.issue({ urlName, downloadName, contentType, read: async () => bytes });
}

export const ledgerHandlers: HandlersFor<
  'counter.clerks' | 'counter.ledger' | 'counter.exportLedger' | 'counter.summary' | 'counter.exportSummary'
> = {
  async 'counter.clerks'(_input, ctx) {
    const users = await ctx.db
      .selectFrom('users')
      .select(['id', 'display_name', 'roles', 'active'])
      .orderBy('display_name')
      .execute();
    return {
      clerks: users
        .filter((u) => (JSON.parse(u.roles) as Role[]).some((role) => COUNTER_STAFF.includes(role)))
        .map((u) => ({ id: u.id, name: u.display_name, active: u.active === 1 })),
    };
  },

  async 'counter.ledger'(input, ctx) {
    return ledgerPage(ctx.db, input.filter, input.cursor, LEDGER_PAGE_SIZE);
  },

  async 'counter.exportLedger'(input, ctx) {
    const count = await ledgerCount(ctx.db, input.filter);
    if (count > LEDGER_EXPORT_LIMIT) {
      fail(
        'VALIDATION',
        `所选日期内有 ${count} 件，超过一次导出的上限 ${LEDGER_EXPORT_LIMIT} 件，请缩短日期范围分次导出`,
      );
    }
    const hall = await hallInfo(ctx.db);
    const rows = await ledgerRows(ctx.db, input.filter, LEDGER_EXPORT_LIMIT);
    const bytes = await ledgerWorkbook(hall.townshipName, input.filter, rows);
    const name = `ledger-${input.filter.from}-${input.filter.to}.xlsx`;
    return {
      file: {
        fileUrl: fileFor(
          ctx.documents.tickets,
          bytes,
          name,
          `办件台账（${input.filter.from}至${input.filter.to}）.xlsx`,
          XLSX_CONTENT_TYPE,
        ),
      },
      rowCount: rows.length,
    };
  },

  async 'counter.summary'(input, ctx) {
    return periodSummary(ctx.db, await loadWorkingCalendar(ctx.db), input.period, ctx.today, ctx.settings.timeZone);
  },

  async 'counter.exportSummary'(input, ctx) {
    const [summary, hall] = await Promise.all([
      loadWorkingCalendar(ctx.db).then((calendar) =>
        periodSummary(ctx.db, calendar, input.period, ctx.today, ctx.settings.timeZone),
      ),
      hallInfo(ctx.db),
    ]);
    const file = await exportReport(ctx, {
      format: input.format,
      downloadName: `便民服务统计表（${periodLabel(input.period)}）`,
      urlName: `summary-${input.period}`,
      workbook: () => summaryWorkbook(hall.townshipName, summary),
      pdf: { definition: summaryReport, record: { hall, summary } },
    });
    return { file };
  },
};
