// 便民服务统计表 of a month, a quarter or a year: a report for the county, drawn on demand (not an
// issued paper, so not archived). The type keeps its first name, counterMonthlySummary, so that a
// printer chosen for it in 打印设置 stays chosen.
import type { PeriodSummary } from '../../../../shared/counter/ledgerApi';
import { formatPercentage } from '../../../../shared/counter/statistics';
import {
  monthLabelWithin,
  periodKind,
  periodLabel,
  REPORT_PERIOD_KIND_LABELS,
} from '../../../../shared/documents/reportPeriods';
import { fields, heading, paragraph, table } from '../../documents/layout';
import { defineDocument } from '../../documents/registry';
import { chineseCalendarDate, hallHeading } from './parts';
import type { HallInfo } from './records';
import { sampleHall } from './sampleRecords';

export interface SummaryRecord {
  hall: HallInfo;
  summary: PeriodSummary;
}

export const summaryReport = defineDocument<SummaryRecord>({
  type: 'counterMonthlySummary',
  title: '便民服务统计表',
  pageSize: 'a4',
  archival: false,
  sample: () => ({ hall: sampleHall(), summary: sampleSummary() }),
  async render(layout, { hall, summary }) {
    const { counts, rates } = summary;
    const kind = REPORT_PERIOD_KIND_LABELS[periodKind(summary.period)];
    await hallHeading(layout, hall, `便民服务${kind}统计表（${periodLabel(summary.period)}）`, 18);
    await paragraph(
      layout,
      `统计口径：${chineseCalendarDate(summary.from)}至${chineseCalendarDate(summary.to)}受理的办件，状态截至${chineseCalendarDate(summary.asOf)}。受理件数 = 办结 + 在办 + 作废；比率保留一位小数。超期（在办超期）为${chineseCalendarDate(summary.asOf)}仍未办结、已过承诺办结日期（暂停计时期间顺延）的全部办件，不论受理日期，与工作台的红色预警同一口径；超期办结为本期受理、在承诺办结日期之后办结的办件。`,
      { field: '说明', indent: false, size: 9 },
    );
    await fields(
      layout,
      [
        { label: '受理件数', value: String(counts.accepted) },
        { label: '当场办结', value: `${counts.completedOnTheSpot}（当场办结率 ${formatPercentage(rates.onTheSpot)}）` },
        { label: '办结件数', value: String(counts.completed) },
        { label: '按时办结', value: `${counts.completedOnTime}（按时办结率 ${formatPercentage(rates.onTime)}）` },
        { label: '超期办结', value: String(counts.completedLate) },
        { label: '在办件数', value: String(counts.open) },
        { label: '超期（在办）', value: String(summary.overdue) },
        { label: '作废件数', value: String(counts.voided) },
        { label: '评价件数', value: `${counts.rated}（满意率 ${formatPercentage(rates.satisfaction)}）` },
        { label: '差评件数', value: String(counts.poorRatings) },
        { label: '不予受理', value: String(summary.notAccepted) },
        { label: '待补齐材料', value: String(summary.awaitingMaterials) },
      ],
      2,
    );
    await heading(layout, '按月');
    const year = summary.period.slice(0, 4);
    await table(layout, {
      columns: [
        { header: '月份', width: 2.4 },
        { header: '受理', width: 1.6, align: 'right' },
        { header: '办结', width: 1.6, align: 'right' },
        { header: '按时办结', width: 1.8, align: 'right' },
        { header: '按时办结率', width: 2, align: 'right' },
        { header: '评价', width: 1.6, align: 'right' },
        { header: '满意率', width: 2, align: 'right' },
      ],
      rows: summary.trend.map((m) => [
        monthLabelWithin(m.month, year),
        String(m.accepted),
        String(m.completed),
        String(m.completedOnTime),
        formatPercentage(m.onTime),
        String(m.rated),
        formatPercentage(m.satisfaction),
      ]),
      size: 9,
    });
    await heading(layout, '按事项类别');
    await table(layout, {
      columns: [
        { header: '类别', width: 3 },
        { header: '受理', width: 2, align: 'right' },
        { header: '办结', width: 2, align: 'right' },
      ],
      rows: summary.byCategory.map((c) => [c.category, String(c.accepted), String(c.completed)]),
    });
    await heading(layout, '代办员代办件数');
    await table(layout, {
      columns: [
        { header: '村（社区）', width: 3 },
        { header: '代办员', width: 3 },
        { header: '登记', width: 2, align: 'right' },
        { header: '交接', width: 2, align: 'right' },
        { header: '送达', width: 2, align: 'right' },
      ],
      rows: summary.errandsByAgent.map((a) => [
        a.villageName,
        a.agentName,
        String(a.registered),
        String(a.handedOver),
        String(a.delivered),
      ]),
    });
    await heading(layout, '各村（社区）代办件数');
    await table(layout, {
      columns: [
        { header: '村（社区）', width: 3 },
        { header: '登记', width: 2, align: 'right' },
        { header: '交接', width: 2, align: 'right' },
        { header: '送达', width: 2, align: 'right' },
      ],
      rows: summary.errandsByVillage.map((v) => [
        v.villageName,
        String(v.registered),
        String(v.handedOver),
        String(v.delivered),
      ]),
    });
  },
});

/** The fourth quarter of 2026 of a hall of 20,000 people: the figures add up as the real ones must. */
function sampleSummary(): PeriodSummary {
  const trend = [
    { month: '2026-10', accepted: 812, completed: 771, completedOnTime: 748, rated: 540, satisfied: 497 },
    { month: '2026-11', accepted: 790, completed: 752, completedOnTime: 735, rated: 512, satisfied: 470 },
    { month: '2026-12', accepted: 845, completed: 806, completedOnTime: 790, rated: 561, satisfied: 520 },
  ].map((m) => ({
    ...m,
    onTime: Math.round((m.completedOnTime / m.completed) * 1000) / 10,
    satisfaction: Math.round((m.satisfied / m.rated) * 1000) / 10,
  }));
  return {
    period: '2026-Q4',
    from: '2026-10-01',
    to: '2026-12-31',
    asOf: '2026-12-31',
    counts: {
      accepted: 2447,
      completedOnTheSpot: 1468,
      completed: 2329,
      completedOnTime: 2273,
      completedLate: 56,
      open: 109,
      voided: 9,
      rated: 1613,
      satisfied: 1487,
      poorRatings: 17,
    },
    overdue: 4,
    rates: { onTheSpot: 60.0, onTime: 97.6, satisfaction: 92.2 },
    byCategory: [
      { category: '社保', accepted: 712, completed: 690 },
      { category: '民政', accepted: 560, completed: 521 },
      { category: '医保', accepted: 455, completed: 447 },
      { category: '农业农村', accepted: 298, completed: 270 },
      { category: '其他', accepted: 422, completed: 401 },
    ],
    trend,
    notAccepted: 27,
    awaitingMaterials: 4,
    errandsByAgent: [
      { agentName: '张国庆', villageName: '东岗村', registered: 61, handedOver: 58, delivered: 52 },
      { agentName: '赵建国', villageName: '西岭村', registered: 40, handedOver: 40, delivered: 37 },
    ],
    errandsByVillage: [
      { villageName: '东岗村', registered: 61, handedOver: 58, delivered: 52 },
      { villageName: '西岭村', registered: 40, handedOver: 40, delivered: 37 },
    ],
  };
}
