// The monthly statistics of the petition desk as an Excel workbook (.xlsx, through ExcelJS): the
// figures (总表), the petitions by category (分类) and the petitioners' satisfaction (满意度).
// Every figure is a number in its cell, so the county's own sheets can add them up.
import ExcelJS from 'exceljs';
import type { PetitionFigures, PetitionStatistics } from '../../../shared/petitions/api';
import { headerRow } from '../documents/spreadsheets';

/** A month's title: `2026年11月`. */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
}

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

/** How the petitions were handled in the month, in 件 (the PDF prints the same). */
export const HANDLING_ROWS: { label: string; value: (f: PetitionFigures) => number; note: string }[] = [
  { label: '上级转送、交办', value: (f) => f.handedDown, note: '本月收到的上级转送、交办信访事项' },
  { label: '领导接访', value: (f) => f.leaderReceived, note: '本月在领导接访日登记的信访事项' },
  { label: '受理', value: (f) => f.accepted, note: '受理日期在本月' },
  { label: '不予受理', value: (f) => f.notAccepted, note: '不予受理决定日期在本月' },
  { label: '答复', value: (f) => f.replied, note: '书面答复日期在本月' },
  { label: '按期答复', value: (f) => f.repliedOnTime, note: '本月答复中在办理期限（含延期）内答复的' },
  { label: '超期', value: (f) => f.overdue, note: '本月到期而未按期完成的受理告知、办理、复查、复核期限' },
  { label: '延期', value: (f) => f.extended, note: '延期决定日期在本月' },
  { label: '办结', value: (f) => f.closed, note: '办结日期在本月' },
  { label: '复查请求', value: (f) => f.reviewsRequested, note: '收到复查请求日期在本月' },
  { label: '复核请求', value: (f) => f.reReviewsRequested, note: '收到复核请求日期在本月' },
];

export async function petitionStatisticsWorkbook(statistics: PetitionStatistics, officeName: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '乡镇一站通';
  const { totals: t } = statistics;

  const main = book.addWorksheet('总表');
  main.addRow([`${officeName}信访月度统计表（${monthLabel(statistics.month)}，截至 ${statistics.asOf}）`]).font = {
    bold: true,
    size: 14,
  };
  main.mergeCells(1, 1, 1, 3);
  headerRow(main, ['来信来访', '批次（件）', '人次']);
  for (const row of INTAKE_ROWS) main.addRow([row.label, row.batches(t), row.people(t)]);
  main.addRow([]);
  const handlingHeader = main.addRow(['办理情况', '件数', '统计口径']);
  handlingHeader.font = { bold: true };
  handlingHeader.alignment = { vertical: 'middle', horizontal: 'center' };
  for (const row of HANDLING_ROWS) main.addRow([row.label, row.value(t), row.note]);
  main.getColumn(1).width = 22;
  main.getColumn(2).width = 12;
  main.getColumn(3).width = 52;

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
