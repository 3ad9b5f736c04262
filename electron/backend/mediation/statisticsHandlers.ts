// The statistics of people's mediation (a month, a quarter or a year) on screen, and exported as
// a PDF table or an Excel workbook through a short-lived link (made for the request, not
// archived), as the counter's summary is.
import { periodLabel } from '../../../shared/documents/reportPeriods';
import type { HandlersFor } from '../api/handlers';
import { exportReport } from '../documents/reportExport';
import { mediationMonthlyStatistics } from './documents/monthlyStatisticsReport';
import { periodStatistics } from './periodStatistics';
import { statisticsWorkbook } from './statisticsSpreadsheet';

export const mediationStatisticsHandlers: HandlersFor<'mediation.statistics' | 'mediation.exportStatistics'> = {
  async 'mediation.statistics'(input, ctx) {
    return periodStatistics(ctx.db, input.period, ctx.today, input.committeeId);
  },

  async 'mediation.exportStatistics'(input, ctx) {
    const statistics = await periodStatistics(ctx.db, input.period, ctx.today, input.committeeId);
    const file = await exportReport(ctx, {
      format: input.format,
      downloadName: `人民调解统计（${statistics.scopeName}，${periodLabel(input.period)}）`,
      urlName: `mediation-statistics-${input.period}`,
      workbook: () => statisticsWorkbook(statistics),
      pdf: { definition: mediationMonthlyStatistics, record: { statistics } },
    });
    return { file };
  },
};
