// 群众诉求统计表: the figures of a month, a quarter or a year as a printable A4 table, with the
// equations written out (收集 = 当即解决 + 限期解决 + 提交统筹 + …; 新增 = 已办结 + 在办). Drawn on
// demand for the county's report, so not an issued paper and not archived (like the other desks'
// statistics tables).
import { formatPercentage } from '../../../../shared/documents/reports';
import {
  monthLabelWithin,
  periodKind,
  periodLabel,
  REPORT_PERIOD_KIND_LABELS,
} from '../../../../shared/documents/reportPeriods';
import type { MatterStatistics } from '../../../../shared/matters/api';
import { MATTER_CATEGORIES } from '../../../../shared/matters/matters';
import {
  MATTER_BREAKDOWN_COLUMNS,
  MATTER_FIGURE_ROWS,
  matterReconciliation,
  NO_MATTER_FIGURES,
  type MatterFigures,
} from '../../../../shared/matters/statistics';
import { chineseDate, documentNumber, fields, heading, paragraph, table, title } from '../../documents/layout';
import { chineseCalendarDate } from '../../documents/paperParts';
import { defineDocument } from '../../documents/registry';

export interface MatterStatisticsRecord {
  townshipName: string;
  statistics: MatterStatistics;
}

const columns = (first: string) => [
  { header: first, width: 2.6 },
  ...MATTER_BREAKDOWN_COLUMNS.map((c) => ({ header: c.label, width: 1.3, align: 'right' as const })),
];
const cells = (name: string, f: MatterFigures) => [name, ...MATTER_BREAKDOWN_COLUMNS.map((c) => String(f[c.key]))];

export const matterStatisticsReport = defineDocument<MatterStatisticsRecord>({
  type: 'matterStatisticsReport',
  title: '群众诉求统计表',
  pageSize: 'a4',
  archival: false,
  sample: () => ({ townshipName: '青石镇', statistics: sampleStatistics() }),
  async render(layout, { townshipName, statistics }) {
    const t = statistics.totals;
    await title(layout, `群众诉求${REPORT_PERIOD_KIND_LABELS[periodKind(statistics.period)]}统计表`, 18);
    await documentNumber(layout, `（${periodLabel(statistics.period)}）`);
    await fields(
      layout,
      [
        { label: '统计单位', value: `${townshipName}人民政府` },
        {
          label: '统计期间',
          value: `${chineseCalendarDate(statistics.from)}至${chineseCalendarDate(statistics.asOf)}`,
        },
      ],
      1,
    );
    await paragraph(
      layout,
      '按收集日期计入本期，各项按统计截止日的情况计算；作废的登记不计入。三事分流：大事由乡镇或县级部门负责，小事由村（社区）委会、社会组织负责，私事由群众自己负责（劝导后办结）。答复率 = 已答复 ÷ 收集，办结率 = 已办结 ÷ 收集，保留一位小数。',
      { field: '说明', indent: false, size: 9 },
    );

    await heading(layout, '一、总体情况（件）');
    const rows = MATTER_FIGURE_ROWS.map((row) => [row.label, String(t[row.key]), row.note]);
    await table(layout, {
      columns: [
        { header: '项目', width: 2 },
        { header: '件数', width: 1.2, align: 'right' as const },
        { header: '统计口径', width: 6 },
      ],
      rows,
      size: 9,
    });
    await paragraph(
      layout,
      `答复率 ${formatPercentage(statistics.replyRate)}（已答复 ${t.replied} ÷ 收集 ${t.collected}）；办结率 ${formatPercentage(statistics.completionRate)}（已办结 ${t.completed} ÷ 收集 ${t.collected}）；本期作废 ${statistics.voided} 件（不计入）。`,
      { field: '比率', indent: false, size: 10 },
    );
    await heading(layout, '二、核对');
    for (const line of matterReconciliation(t))
      await paragraph(layout, line.text, { field: line.label, indent: false, size: 10 });

    await heading(layout, '三、按村（社区）');
    await table(layout, {
      columns: columns('村（社区）'),
      rows: [...statistics.byVillage.map((v) => cells(v.villageName, v)), cells('合计', t)],
      size: 8,
    });

    await heading(layout, '四、按分类');
    await table(layout, {
      columns: columns('分类'),
      rows: [...statistics.byCategory.map((c) => cells(c.label, c)), cells('合计', t)],
      size: 8,
    });

    await heading(layout, '五、按月');
    const year = statistics.period.slice(0, 4);
    await table(layout, {
      columns: [
        { header: '月份', width: 2 },
        ...['收集', '当即解决', '限期解决', '提交统筹', '私事劝导', '已办结', '在办', '已答复'].map((header) => ({
          header,
          width: 1.3,
          align: 'right' as const,
        })),
        { header: '答复率', width: 1.6, align: 'right' as const },
      ],
      rows: statistics.trend.map((m) => [
        monthLabelWithin(m.month, year),
        ...[m.collected, m.onTheSpot, m.deadline, m.escalated, m.advised, m.completed, m.inHand, m.replied].map(String),
        formatPercentage(m.replyRate),
      ]),
      size: 8,
    });

    await fields(layout, [
      { label: '填表人', value: '' },
      { label: '制表日期', value: chineseDate(layout.issue.issuedAt) },
    ]);
  },
});

/** A quarter of 青石镇 with Nan'an's proportions: the equations hold as the real ones must. */
function sampleStatistics(): MatterStatistics {
  const figures = (f: Partial<MatterFigures>): MatterFigures => ({ ...NO_MATTER_FIGURES, ...f });
  // 136 = 60 + 62 + 11 + 3 + 0; 136 = 114 + 22.
  const totals = figures({
    collected: 136,
    onTheSpot: 60,
    deadline: 62,
    escalated: 11,
    advised: 3,
    major: 40,
    minor: 93,
    private: 3,
    completed: 114,
    inHand: 22,
    replied: 120,
    overdue: 2,
  });
  // prettier-ignore
  const villages = [
    figures({ collected: 80, onTheSpot: 38, deadline: 36, escalated: 4, advised: 2, major: 20, minor: 58, private: 2, completed: 70, inHand: 10, replied: 72, overdue: 1 }),
    figures({ collected: 56, onTheSpot: 22, deadline: 26, escalated: 7, advised: 1, major: 20, minor: 35, private: 1, completed: 44, inHand: 12, replied: 48, overdue: 1 }),
  ];
  // prettier-ignore
  const categories = [
    figures({ collected: 50, onTheSpot: 20, deadline: 25, escalated: 5, major: 20, minor: 30, completed: 40, inHand: 10, replied: 44, overdue: 1 }),
    figures({ collected: 20, onTheSpot: 10, deadline: 8, escalated: 0, advised: 2, major: 4, minor: 14, private: 2, completed: 17, inHand: 3, replied: 18 }),
    figures({ collected: 30, onTheSpot: 14, deadline: 12, escalated: 4, major: 10, minor: 20, completed: 25, inHand: 5, replied: 26, overdue: 1 }),
    figures({ collected: 24, onTheSpot: 12, deadline: 11, escalated: 1, major: 4, minor: 20, completed: 21, inHand: 3, replied: 21 }),
    figures({ collected: 8, onTheSpot: 2, deadline: 5, escalated: 1, major: 2, minor: 6, completed: 7, inHand: 1, replied: 7 }),
    figures({ collected: 4, onTheSpot: 2, deadline: 1, escalated: 0, advised: 1, major: 0, minor: 3, private: 1, completed: 4, inHand: 0, replied: 4 }),
  ];
  return {
    period: '2026-Q3',
    from: '2026-07-01',
    to: '2026-09-30',
    asOf: '2026-09-30',
    totals,
    voided: 1,
    replyRate: 88.2,
    completionRate: 83.8,
    byVillage: [
      { villageId: 'v-1', villageName: '东岗村', ...villages[0]! },
      { villageId: 'v-2', villageName: '西岭村', ...villages[1]! },
    ],
    byCategory: MATTER_CATEGORIES.map((c, i) => ({ category: c.code, label: c.label, ...categories[i]! })),
    // prettier-ignore
    trend: [
      { month: '2026-07', ...figures({ collected: 45, onTheSpot: 20, deadline: 21, escalated: 3, advised: 1, completed: 41, inHand: 4, replied: 43 }), replyRate: 95.6 },
      { month: '2026-08', ...figures({ collected: 48, onTheSpot: 21, deadline: 22, escalated: 4, advised: 1, completed: 40, inHand: 8, replied: 42 }), replyRate: 87.5 },
      { month: '2026-09', ...figures({ collected: 43, onTheSpot: 19, deadline: 19, escalated: 4, advised: 1, completed: 33, inHand: 10, replied: 35 }), replyRate: 81.4 },
    ],
  };
}
