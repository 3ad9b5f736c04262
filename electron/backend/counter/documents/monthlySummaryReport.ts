import { formatPercentage } from '../../../../shared/counter/statistics';
import type { MonthlySummary } from '../../../../shared/counter/ledgerApi';
import { fields, heading, paragraph, table } from '../../documents/layout';
import { defineDocument } from '../../documents/registry';
import { chineseCalendarDate, hallHeading } from './parts';
import type { HallInfo } from './records';
import { sampleHall } from './sampleRecords';

export interface MonthlySummaryRecord {
  hall: HallInfo;
  summary: MonthlySummary;
}

const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

/** 月度统计表: a report for the county, drawn on demand (not an issued paper, so not archived). */
export const monthlySummaryReport = defineDocument<MonthlySummaryRecord>({
  type: 'counterMonthlySummary',
  title: '便民服务月度统计表',
  pageSize: 'a4',
  archival: false,
  sample: () => ({ hall: sampleHall(), summary: sampleSummary() }),
  async render(layout, { hall, summary }) {
    const { counts, rates } = summary;
    await hallHeading(layout, hall, `便民服务月度统计表（${monthLabel(summary.month)}）`, 18);
    await paragraph(
      layout,
      `统计口径：${monthLabel(summary.month)}受理的办件，状态截至${chineseCalendarDate(summary.asOf)}。受理件数 = 办结 + 在办 + 作废；比率保留一位小数。`,
      { field: '说明', indent: false },
    );
    await fields(
      layout,
      [
        { label: '受理件数', value: String(counts.accepted) },
        { label: '当场办结', value: `${counts.completedOnTheSpot}（当场办结率 ${formatPercentage(rates.onTheSpot)}）` },
        { label: '办结件数', value: String(counts.completed) },
        { label: '按时办结', value: `${counts.completedOnTime}（按时办结率 ${formatPercentage(rates.onTime)}）` },
        { label: '超期办结', value: String(counts.completedLate) },
        { label: '在办件数', value: `${counts.open}（其中超期 ${counts.openOverdue}）` },
        { label: '作废件数', value: String(counts.voided) },
        { label: '评价件数', value: `${counts.rated}（满意率 ${formatPercentage(rates.satisfaction)}）` },
        { label: '差评件数', value: String(counts.poorRatings) },
        { label: '不予受理', value: String(summary.notAccepted) },
        { label: '待补齐材料', value: String(summary.awaitingMaterials) },
      ],
      2,
    );
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

/** October 2026 of a hall of 20,000 people: the figures add up as the real ones must. */
function sampleSummary(): MonthlySummary {
  return {
    month: '2026-10',
    asOf: '2026-10-31',
    counts: {
      accepted: 812,
      completedOnTheSpot: 486,
      completed: 771,
      completedOnTime: 748,
      completedLate: 23,
      open: 38,
      openOverdue: 2,
      voided: 3,
      rated: 540,
      satisfied: 497,
      poorRatings: 6,
    },
    rates: { onTheSpot: 59.9, onTime: 97.0, satisfaction: 92.0 },
    byCategory: [
      { category: '社保', accepted: 236, completed: 230 },
      { category: '民政', accepted: 188, completed: 171 },
      { category: '医保', accepted: 151, completed: 149 },
      { category: '农业农村', accepted: 97, completed: 88 },
      { category: '其他', accepted: 140, completed: 133 },
    ],
    notAccepted: 9,
    awaitingMaterials: 4,
    errandsByAgent: [
      { agentName: '张国庆', villageName: '东岗村', registered: 21, handedOver: 19, delivered: 15 },
      { agentName: '赵建国', villageName: '西岭村', registered: 14, handedOver: 14, delivered: 12 },
    ],
    errandsByVillage: [
      { villageName: '东岗村', registered: 21, handedOver: 19, delivered: 15 },
      { villageName: '西岭村', registered: 14, handedOver: 14, delivered: 12 },
    ],
  };
}
