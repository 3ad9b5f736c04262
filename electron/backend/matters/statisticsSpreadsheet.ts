// The statistics of residents' matters (a month, a quarter or a year) as an Excel workbook
// (.xlsx, through ExcelJS): the figures with their equations (总表), by village (按村), by
// category (按分类) and by month (按月). Every figure is a number in its cell, so the county's own
// sheets can add them up.
import ExcelJS from 'exceljs';
import { periodKind, periodLabel, REPORT_PERIOD_KIND_LABELS } from '../../../shared/documents/reportPeriods';
import type { MatterStatistics } from '../../../shared/matters/api';
import {
  MATTER_BREAKDOWN_COLUMNS,
  MATTER_FIGURE_ROWS,
  matterReconciliation,
  type MatterFigures,
} from '../../../shared/matters/statistics';
import { headerRow } from '../documents/spreadsheets';

/** A table of `rows`, one figure a column, with a 合计 row of the totals. */
function breakdown(
  sheet: ExcelJS.Worksheet,
  first: string,
  rows: { name: string; figures: MatterFigures }[],
  totals: MatterFigures,
) {
  headerRow(sheet, [first, ...MATTER_BREAKDOWN_COLUMNS.map((c) => c.label)]);
  for (const row of rows) sheet.addRow([row.name, ...MATTER_BREAKDOWN_COLUMNS.map((c) => row.figures[c.key])]);
  sheet.addRow(['合计', ...MATTER_BREAKDOWN_COLUMNS.map((c) => totals[c.key])]).font = { bold: true };
  sheet.getColumn(1).width = 22;
}

export async function matterStatisticsWorkbook(statistics: MatterStatistics, townshipName: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '乡镇一站通';
  const { totals } = statistics;
  const kind = REPORT_PERIOD_KIND_LABELS[periodKind(statistics.period)];

  const main = book.addWorksheet('总表');
  main.addRow([
    `${townshipName}群众诉求${kind}统计表（${periodLabel(statistics.period)}，${statistics.from} 至 ${statistics.asOf}）`,
  ]).font = { bold: true, size: 14 };
  main.mergeCells(1, 1, 1, 3);
  headerRow(main, ['项目', '件数', '统计口径']);
  for (const row of MATTER_FIGURE_ROWS) main.addRow([row.label, totals[row.key], row.note]);
  const rate = (label: string, value: number | null, how: string) => {
    const added = main.addRow([label, value, how]);
    added.getCell(2).numFmt = '0.0';
  };
  rate('答复率（%）', statistics.replyRate, `已答复 ${totals.replied} ÷ 收集 ${totals.collected}`);
  rate('办结率（%）', statistics.completionRate, `已办结 ${totals.completed} ÷ 收集 ${totals.collected}`);
  main.addRow(['作废（不计入）', statistics.voided, '本期收集后作废的登记，不计入以上各项']);
  main.addRow([]);
  main.addRow(['核对', '', '']).font = { bold: true };
  for (const line of matterReconciliation(totals)) main.addRow([line.label, '', line.text]);
  main.getColumn(1).width = 18;
  main.getColumn(2).width = 10;
  main.getColumn(3).width = 70;

  breakdown(
    book.addWorksheet('按村'),
    '村（社区）',
    statistics.byVillage.map((v) => ({ name: v.villageName, figures: v })),
    totals,
  );
  breakdown(
    book.addWorksheet('按分类'),
    '分类',
    statistics.byCategory.map((c) => ({ name: c.label, figures: c })),
    totals,
  );

  const months = book.addWorksheet('按月');
  headerRow(months, [
    '月份',
    '收集',
    '当即解决',
    '限期解决',
    '提交统筹',
    '私事劝导',
    '已办结',
    '在办',
    '已答复',
    '答复率（%）',
  ]);
  for (const m of statistics.trend)
    months.addRow([
      m.month,
      m.collected,
      m.onTheSpot,
      m.deadline,
      m.escalated,
      m.advised,
      m.completed,
      m.inHand,
      m.replied,
      m.replyRate ?? '',
    ]);
  months.getColumn(1).width = 10;

  return Buffer.from(await book.xlsx.writeBuffer());
}
