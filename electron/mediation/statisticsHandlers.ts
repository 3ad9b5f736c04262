// The monthly statistics of people's mediation on screen, and exported as a PDF table or an
// Excel workbook through a short-lived link (made for the request, not archived), as the
// counter's monthly summary is.
import type { HandlersFor } from '../api/handlers';
import { newVerificationCode } from '../documents/archive';
import { renderDocument } from '../documents/render';
import { XLSX_CONTENT_TYPE } from '../counter/spreadsheets';
import { mediationMonthlyStatistics } from './documents/monthlyStatisticsReport';
import { monthlyStatistics } from './monthlyStatistics';
import { statisticsWorkbook } from './statisticsSpreadsheet';

const PDF_CONTENT_TYPE = 'application/pdf';

export const mediationStatisticsHandlers: HandlersFor<
  'mediation.monthlyStatistics' | 'mediation.exportMonthlyStatistics'
> = {
  async 'mediation.monthlyStatistics'(input, ctx) {
    return monthlyStatistics(ctx.db, input.month, ctx.today, input.committeeId);
  },

  async 'mediation.exportMonthlyStatistics'(input, ctx) {
    const statistics = await monthlyStatistics(ctx.db, input.month, ctx.today, input.committeeId);
    const label = `人民调解月度统计（${statistics.scopeName}，${input.month}）`;
    await ctx.audit('export', `导出${label}（${input.format === 'pdf' ? 'PDF' : 'Excel'}）`);
    const urlName = `mediation-statistics-${input.month}.${input.format}`;
    if (input.format === 'xlsx') {
      const bytes = await statisticsWorkbook(statistics);
      return {
        file: {
          fileUrl: ctx.documents.tickets.issue({
            urlName,
            downloadName: `${label}.xlsx`,
            contentType: XLSX_CONTENT_TYPE,
            read: async () => bytes,
          }),
        },
      };
    }
    const rendered = await renderDocument(
      mediationMonthlyStatistics,
      { statistics },
      { issuedAt: ctx.now, verificationCode: newVerificationCode(), fonts: await ctx.documents.fonts() },
    );
    return {
      file: {
        fileUrl: ctx.documents.tickets.issue({
          urlName,
          downloadName: `${label}.pdf`,
          contentType: PDF_CONTENT_TYPE,
          read: async () => rendered.pdf,
        }),
      },
    };
  },
};
