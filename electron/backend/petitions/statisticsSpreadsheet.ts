// The statistics of the petition desk (a month, a quarter or a year) as an Excel workbook
// (.xlsx, through ExcelJS): the figures (总表), by month (按月), the petitions by category (分类)
// and the petitioners' satisfaction (满意度). Every figure is a number in its cell, so the
// county's own sheets can add them up.
import ExcelJS from 'exceljs';
import { periodKind, periodLabel, REPORT_PERIOD_KIND_LABELS } from '../../../shared/documents/reportPeriods';
import type { PetitionFigures, PetitionStatistics } from '../../../shared/petitions/api';
import { headerRow } from '../documents/spreadsheets';

/**
 * What came in, a row a kind: letters count 件, visits 批次 and 人次 (null where a figure is not
 * kept: letters have no 人次). The PDF prints the same table.
 */
export const INTAKE_ROWS: {
  label: string;
  batches: (f: PetitionFigures) => number;
  people: (f: PetitionFigures) => number | null;
}[] = [
  { label: '收到合计', batches: (f) => f.received, people: () => null },
  { label: '来信', batches: (f) => f.letters, people: () => null },
  { label: '来访', batches: (f) => f.visitBatches, people: (f) => f.visitPeople },
  { label: '其中集体访', batches: (f) => f.groupVisitBatches, people: (f) => f.groupVisitPeople },
  { label: '重复信访', batches: (f) => f.repeatBatches, people: (f) => f.repeatPeople },
  { label: '越级信访', batches: (f) => f.skippedBatches, people: (f) => f.skippedPeople },
];

/** How the petitions were handled in the period, in 件 (the PDF prints the same). */
export const HANDLING_ROWS: { label: string; value: (f: PetitionFigures) => number; note: string }[] = [
  { label: '上级转送、交办', value: (f) => f.handedDown, note: '本期收到的上级转送、交办信访事项' },
  { label: '领导接访', value: (f) => f.leaderReceived, note: '本期在领导接访日登记的信访事项' },
  { label: '接访当场解决', value: (f) => f.leaderOnTheSpot, note: '本期接访领导决定当场解决的（一般案件）' },
  { label: '接访限期办理', value: (f) => f.leaderDeadline, note: '本期接访领导决定限期办理的（疑难案件）' },
  { label: '受理', value: (f) => f.accepted, note: '受理日期在本期' },
  { label: '不予受理', value: (f) => f.notAccepted, note: '不予受理决定日期在本期' },
  { label: '答复', value: (f) => f.replied, note: '书面答复日期在本期' },
  { label: '按期答复', value: (f) => f.repliedOnTime, note: '本期答复中在办理期限（含延期）内答复的' },
  { label: '超期', value: (f) => f.overdue, note: '本期到期而未按期完成的受理告知、办理、复查、复核期限' },
  { label: '延期', value: (f) => f.extended, note: '延期决定日期在本期' },
  { label: '办结', value: (f) => f.closed, note: '办结日期在本期' },
  { label: '复查请求', value: (f) => f.reviewsRequested, note: '收到复查请求日期在本期' },
  { label: '复核请求', value: (f) => f.reReviewsRequested, note: '收到复核请求日期在本期' },
];

export async function petitionStatisticsWorkbook(statistics: PetitionStatistics, officeName: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '乡镇一站通';
  const { totals: t } = statistics;

  const kind = REPORT_PERIOD_KIND_LABELS[periodKind(statistics.period)];
  const main = book.addWorksheet('总表');
  main.addRow([
    `${officeName}信访${kind}统计表（${periodLabel(statistics.period)}，${statistics.from} 至 ${statistics.asOf}）`,
  ]).font = { bold: true, size: 14 };
  main.mergeCells(1, 1, 1, 3);
  headerRow(main, ['来信来访', '批次（件）', '人次']);
  for (const row of INTAKE_ROWS) main.addRow([row.label, row.batches(t), row.people(t)]);
  main.addRow([]);
  const handlingHeader = main.addRow(['办理情况', '件数', '统计口径']);
  handlingHeader.font = { bold: true };
  handlingHeader.alignment = { vertical: 'middle', horizontal: 'center' };
  for (const row of HANDLING_ROWS) main.addRow([row.label, row.value(t), row.note]);
  const onTime = main.addRow([
    '按期答复率（%）',
    statistics.onTimeRate,
    `按期答复 ${t.repliedOnTime} ÷ 答复 ${t.replied}`,
  ]);
  onTime.getCell(2).numFmt = '0.0';
  main.getColumn(1).width = 22;
  main.getColumn(2).width = 12;
  main.getColumn(3).width = 52;

  const months = book.addWorksheet('按月');
  headerRow(months, [
    '月份',
    '收到（批次、件）',
    '来访人次',
    '答复',
    '按期答复',
    '按期答复率（%）',
    '已评价',
    '满意及基本满意',
    '满意率（%）',
  ]);
  for (const m of statistics.trend)
    months.addRow([
      m.month,
      m.received,
      m.visitPeople,
      m.replied,
      m.repliedOnTime,
      m.onTimeRate ?? '',
      m.evaluated,
      m.content,
      m.satisfactionRate ?? '',
    ]);
  months.getColumn(1).width = 10;

  const categories = book.addWorksheet('分类');
  headerRow(categories, ['内容分类', '批次（件）', '人次']);
  for (const c of statistics.byCategory) categories.addRow([c.label, c.batches, c.people]);
  categories.addRow([
    '合计',
    statistics.byCategory.reduce((sum, c) => sum + c.batches, 0),
    statistics.byCategory.reduce((sum, c) => sum + c.people, 0),
  ]).font = { bold: true };
  categories.getColumn(1).width = 32;
  categories.getColumn(2).width = 12;
  categories.getColumn(3).width = 10;

  const satisfaction = book.addWorksheet('满意度');
  headerRow(satisfaction, ['满意度', '件数']);
  for (const s of statistics.satisfaction) satisfaction.addRow([s.label, s.count]);
  satisfaction.addRow(['合计', statistics.satisfaction.reduce((sum, s) => sum + s.count, 0)]).font = { bold: true };
  const rate = satisfaction.addRow(['满意率（%）', statistics.satisfactionRate]);
  rate.getCell(2).numFmt = '0.0';
  satisfaction.addRow(['满意率 =（满意 + 基本满意）÷（评价总数 − 未能联系到信访人），保留一位小数']);
  satisfaction.getColumn(1).width = 22;
  satisfaction.getColumn(2).width = 12;

  return Buffer.from(await book.xlsx.writeBuffer());
}
