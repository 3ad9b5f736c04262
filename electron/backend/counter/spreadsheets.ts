// Excel workbooks (.xlsx, through ExcelJS) of the ledger and the summary of a period, with the
// column headers of the county's forms. Dates stay text (YYYY-MM-DD): a county's import reads
// them as written, and no time zone can shift them by a day.
import ExcelJS from 'exceljs';
import { CASE_STATUS_LABELS } from '../../../shared/counter/caseStatus';
import { HANDLING_TYPE_LABELS } from '../../../shared/catalog/catalog';
import type { LedgerFilter, LedgerRow, PeriodSummary } from '../../../shared/counter/ledgerApi';
import { percentage } from '../../../shared/counter/statistics';
import { periodKind, periodLabel, REPORT_PERIOD_KIND_LABELS } from '../../../shared/documents/reportPeriods';
import { headerRow } from '../documents/spreadsheets';

const LEDGER_COLUMNS: { header: string; width: number; value: (row: LedgerRow, index: number) => string | number }[] = [
  { header: '序号', width: 7, value: (_, i) => i + 1 },
  { header: '受理编号', width: 17, value: (r) => r.caseNumber ?? '' },
  { header: '收件日期', width: 12, value: (r) => r.intakeOn },
  { header: '申请人', width: 10, value: (r) => r.residentName },
  { header: '所属村（社区）', width: 14, value: (r) => r.villageName },
  { header: '事项编码', width: 10, value: (r) => r.itemCode },
  { header: '事项名称', width: 30, value: (r) => r.itemName },
  { header: '事项类别', width: 10, value: (r) => r.category },
  { header: '办件类型', width: 9, value: (r) => HANDLING_TYPE_LABELS[r.handlingType] },
  { header: '受理日期', width: 12, value: (r) => r.acceptedOn ?? '' },
  { header: '承诺办结日期', width: 13, value: (r) => r.promisedDate ?? '' },
  { header: '办结日期', width: 12, value: (r) => r.completedOn ?? '' },
  { header: '是否按时办结', width: 12, value: (r) => (r.onTime === null ? '' : r.onTime ? '是' : '否') },
  { header: '办理状态', width: 10, value: (r) => CASE_STATUS_LABELS[r.status] },
  { header: '经办人', width: 10, value: (r) => r.clerkName },
  { header: '代办员', width: 10, value: (r) => r.agentName ?? '' },
  { header: '评价', width: 10, value: (r) => r.rating ?? '' },
];

export async function ledgerWorkbook(townshipName: string, filter: LedgerFilter, rows: LedgerRow[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '乡镇一站通';
  const sheet = book.addWorksheet('办件台账');
  sheet.addRow([`${townshipName}便民服务中心办件台账（收件日期 ${filter.from} 至 ${filter.to}）`]).font = {
    bold: true,
    size: 14,
  };
  sheet.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
  headerRow(
    sheet,
    LEDGER_COLUMNS.map((c) => c.header),
  );
  LEDGER_COLUMNS.forEach((column, i) => (sheet.getColumn(i + 1).width = column.width));
  rows.forEach((row, index) => sheet.addRow(LEDGER_COLUMNS.map((column) => column.value(row, index))));
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function summaryWorkbook(townshipName: string, summary: PeriodSummary): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '乡镇一站通';
  const { counts, rates } = summary;
  const kind = REPORT_PERIOD_KIND_LABELS[periodKind(summary.period)];
  const main = book.addWorksheet('统计');
  main.addRow([
    `${townshipName}便民服务${kind}统计表（${periodLabel(summary.period)}，${summary.from} 至 ${summary.to}，状态截至 ${summary.asOf}）`,
  ]).font = { bold: true, size: 14 };
  main.mergeCells(1, 1, 1, 4);
  headerRow(main, ['指标', '数值', '计算方法', '']);
  const lines: [string, number | string, string][] = [
    ['受理件数', counts.accepted, '= 办结 + 在办 + 作废'],
    ['当场办结件数', counts.completedOnTheSpot, ''],
    ['当场办结率（%）', rates.onTheSpot ?? '', `当场办结 ${counts.completedOnTheSpot} ÷ 受理 ${counts.accepted}`],
    ['办结件数', counts.completed, ''],
    ['按时办结件数', counts.completedOnTime, ''],
    ['按时办结率（%）', rates.onTime ?? '', `按时办结 ${counts.completedOnTime} ÷ 办结 ${counts.completed}`],
    ['超期办结件数', counts.completedLate, '本期受理、在承诺办结日期之后办结'],
    ['在办件数', counts.open, ''],
    ['超期件数（在办）', summary.overdue, `${summary.asOf} 仍未办结且已过承诺办结日期的全部办件，不论受理日期`],
    ['作废件数', counts.voided, ''],
    ['评价件数', counts.rated, ''],
    ['满意件数（满意及以上）', counts.satisfied, ''],
    ['满意率（%）', rates.satisfaction ?? '', `满意 ${counts.satisfied} ÷ 评价 ${counts.rated}`],
    ['差评件数', counts.poorRatings, ''],
    ['不予受理件数', summary.notAccepted, '按收件日期'],
    ['待补齐材料件数', summary.awaitingMaterials, '按收件日期'],
  ];
  for (const line of lines) main.addRow(line);
  main.getColumn(1).width = 26;
  main.getColumn(2).width = 12;
  main.getColumn(3).width = 44;

  const months = book.addWorksheet('按月');
  headerRow(months, [
    '月份',
    '受理件数',
    '办结件数',
    '按时办结件数',
    '按时办结率（%）',
    '评价件数',
    '满意件数',
    '满意率（%）',
  ]);
  for (const m of summary.trend)
    months.addRow([
      m.month,
      m.accepted,
      m.completed,
      m.completedOnTime,
      m.onTime ?? '',
      m.rated,
      m.satisfied,
      m.satisfaction ?? '',
    ]);
  months.getColumn(1).width = 10;

  const categories = book.addWorksheet('按类别');
  headerRow(categories, ['事项类别', '受理件数', '办结件数', '办结率（%）']);
  for (const c of summary.byCategory)
    categories.addRow([c.category, c.accepted, c.completed, percentage(c.completed, c.accepted) ?? '']);
  categories.getColumn(1).width = 14;

  const agents = book.addWorksheet('代办员');
  headerRow(agents, ['村（社区）', '代办员', '登记件数', '交接件数', '送达件数']);
  for (const a of summary.errandsByAgent)
    agents.addRow([a.villageName, a.agentName, a.registered, a.handedOver, a.delivered]);
  agents.getColumn(1).width = 14;

  const villages = book.addWorksheet('各村代办');
  headerRow(villages, ['村（社区）', '登记件数', '交接件数', '送达件数']);
  for (const v of summary.errandsByVillage) villages.addRow([v.villageName, v.registered, v.handedOver, v.delivered]);
  villages.getColumn(1).width = 14;
  return Buffer.from(await book.xlsx.writeBuffer());
}
