// The monthly statistics of people's mediation on screen, and exported as a PDF table or an
// Excel workbook through a short-lived link (made for the request, not archived), as the
// counter's monthly summary is.
import type { HandlersFor } from '../api/handlers';
import { exportReport } from '../documents/reportExport';
import { mediationMonthlyStatistics } from './documents/monthlyStatisticsReport';
import { monthlyStatistics } from './monthlyStatistics';
import { statisticsWorkbook } from './statisticsSpreadsheet';

export const mediationStatisticsHandlers: HandlersFor<
  'mediation.monthlyStatistics' | 'mediation.exportMonthlyStatistics'
> = {
  async 'mediation.monthlyStatistics'(input, ctx) {
    return monthlyStatistics(ctx.db, input.month, ctx.today, input.committeeId);
  },

  async 'mediation.exportMonthlyStatistics'(input, ctx) {
    const statistics = await monthlyStatistics(ctx.db, input.month, ctx.today, input.committeeId);
    const label = `人民调解月度统计（${statistics.scopeName}，${input.month}）`;
    const file = await exportReport(ctx, {
      format: input.format,
      downloadName: label,
      urlName: `mediation-statistics-${input.month}`,
      workbook: () => statisticsWorkbook(statistics),
      pdf: { definition: mediationMonthlyStatistics, record: { statistics } },
    });
    return { file };
  },
};
