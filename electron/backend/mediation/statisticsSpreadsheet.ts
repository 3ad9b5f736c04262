// The statistics of people's mediation (a month, a quarter or a year) as an Excel workbook
// (.xlsx, through ExcelJS): the figures with how each is counted, by month, by category,
// referrals in and out by counterpart and — for the township — one row per committee. Amounts
// are numbers in yuan shown with two decimals.
import ExcelJS from 'exceljs';
import { periodKind, periodLabel, REPORT_PERIOD_KIND_LABELS } from '../../../shared/documents/reportPeriods';
import {
  CONCLUDED_RATE_DEFINITION,
  SUCCESS_RATE_DEFINITION,
  type MediationFigures,
  type MediationStatistics,
} from '../../../shared/mediation/statisticsApi';
import { headerRow } from '../documents/spreadsheets';

const YUAN_FORMAT = '0.00';
const yuan = (fen: number) => fen / 100;
const rate = (value: number | null) => value ?? '';

/** The columns of the per-committee table (the PDF prints the same). */
export const COMMITTEE_COLUMNS: { header: string; value: (f: MediationFigures) => number | string | null }[] = [
  { header: '排查次数', value: (f) => f.sweeps },
  { header: '排查发现纠纷', value: (f) => f.found },
  { header: '受理', value: (f) => f.accepted },
  { header: '调解成功', value: (f) => f.settled },
  { header: '调解终止', value: (f) => f.terminated },
  { header: '调解成功率（%）', value: (f) => f.successRate },
  { header: '调结成功率（%）', value: (f) => f.concludedSuccessRate },
  { header: '书面协议', value: (f) => f.written },
  { header: '口头协议', value: (f) => f.oral },
  { header: '申请司法确认', value: (f) => f.courtApplied },
  { header: '司法确认', value: (f) => f.courtConfirmed },
  { header: '回访', value: (f) => f.followUpsDone },
  { header: '防激化', value: (f) => f.riskyDefused },
  { header: '移入', value: (f) => f.referralsIn },
  { header: '移出', value: (f) => f.referralsOut },
];

export async function statisticsWorkbook(statistics: MediationStatistics): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '乡镇一站通';
  const { totals: t } = statistics;
  const kind = REPORT_PERIOD_KIND_LABELS[periodKind(statistics.period)];
  const main = book.addWorksheet('统计');
  main.addRow([
    `${statistics.scopeName}人民调解${kind}统计表（${periodLabel(statistics.period)}，${statistics.from} 至 ${statistics.asOf}）`,
  ]).font = { bold: true, size: 14 };
  main.mergeCells(1, 1, 1, 3);
  headerRow(main, ['指标', '数值', '计算方法']);
  const lines: [string, number | string, string][] = [
    ['排查次数', t.sweeps, '本期开展的排查'],
    ['排查发现纠纷（件）', t.found, '本期登记的排查发现纠纷'],
    ['受理纠纷（件）', t.accepted, '本期受理'],
    ['调解成功（件）', t.settled, '本期达成书面或口头协议'],
    ['其中书面协议（件）', t.written, ''],
    ['其中口头协议（件）', t.oral, ''],
    ['调解终止（件）', t.terminated, '本期终止调解'],
    ['调解成功率（%）', rate(t.successRate), `${SUCCESS_RATE_DEFINITION}：${t.settled} ÷ ${t.accepted}`],
    [
      '调结成功率（%）',
      rate(t.concludedSuccessRate),
      `${CONCLUDED_RATE_DEFINITION}：${t.settled} ÷（${t.settled} + ${t.terminated}）`,
    ],
    ['受理纠纷涉及金额（元）', yuan(t.acceptedAmountFen), '本期受理纠纷的涉及金额之和'],
    ['调解成功涉及金额（元）', yuan(t.settledAmountFen), '本期调解成功纠纷的涉及金额之和'],
    ['申请司法确认（件）', t.courtApplied, '本期当事人申请司法确认'],
    ['司法确认（件）', t.courtConfirmed, '本期人民法院裁定确认调解协议有效'],
    ['回访（次）', t.followUpsDone, '本期完成的回访'],
    ['防激化重点纠纷受理（件）', t.riskyAccepted, '本期受理的可能激化纠纷'],
    ['防止激化（件）', t.riskyDefused, '本期调解成功的可能激化纠纷'],
    ['三调联动移入（件）', t.referralsIn, '本期登记的交办、委派、移送纠纷'],
    ['三调联动移出（件）', t.referralsOut, '本期不予受理或终止调解时移送、引导至其他单位的纠纷'],
  ];
  for (const line of lines) {
    const row = main.addRow(line);
    if (line[0].includes('金额')) row.getCell(2).numFmt = YUAN_FORMAT;
  }
  main.getColumn(1).width = 26;
  main.getColumn(2).width = 14;
  main.getColumn(3).width = 46;

  const months = book.addWorksheet('按月');
  headerRow(months, ['月份', '受理（件）', '调解成功（件）', '调解终止（件）', '调解成功率（%）', '调结成功率（%）']);
  for (const m of statistics.trend)
    months.addRow([m.month, m.accepted, m.settled, m.terminated, rate(m.successRate), rate(m.concludedSuccessRate)]);
  months.getColumn(1).width = 10;

  const categories = book.addWorksheet('按类别');
  headerRow(categories, ['纠纷类别', '受理（件）', '调解成功（件）']);
  for (const c of statistics.byCategory) categories.addRow([c.label, c.accepted, c.settled]);
  categories.addRow(['合计', t.accepted, t.settled]).font = { bold: true };
  categories.getColumn(1).width = 26;

  // Both directions side by side, a counterpart a row (referralsIn and referralsOut share its order).
  const referrals = book.addWorksheet('三调联动');
  headerRow(referrals, ['移入来源', '移入（件）', '移出去向', '移出（件）']);
  statistics.referralsIn.forEach((r, i) => {
    const out = statistics.referralsOut[i]!;
    referrals.addRow([r.label, r.count, out.label, out.count]);
  });
  referrals.addRow(['合计', t.referralsIn, '合计', t.referralsOut]).font = { bold: true };
  referrals.getColumn(1).width = 20;
  referrals.getColumn(3).width = 34;

  if (statistics.committeeId === null) {
    const sheet = book.addWorksheet('各调委会');
    headerRow(sheet, ['调委会', ...COMMITTEE_COLUMNS.map((c) => c.header), '受理涉及金额（元）']);
    const add = (name: string, f: MediationFigures) => {
      const row = sheet.addRow([name, ...COMMITTEE_COLUMNS.map((c) => c.value(f) ?? ''), yuan(f.acceptedAmountFen)]);
      row.getCell(COMMITTEE_COLUMNS.length + 2).numFmt = YUAN_FORMAT;
      return row;
    };
    for (const c of statistics.committees) add(c.committeeName, c);
    add('合计', t).font = { bold: true };
    sheet.getColumn(1).width = 28;
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
