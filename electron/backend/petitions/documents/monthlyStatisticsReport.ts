// 信访统计表: the figures of a month, a quarter or a year of the petition desk as a printable A4
// table. Drawn on demand for the county's report, so not an issued paper and not archived (like
// the mediation and counter tables). The type keeps its first name so that a printer chosen for
// it in 打印设置 stays chosen.
import { formatPercentage } from '../../../../shared/counter/statistics';
import {
  monthLabelWithin,
  periodKind,
  periodLabel,
  REPORT_PERIOD_KIND_LABELS,
} from '../../../../shared/documents/reportPeriods';
import type { PetitionStatistics } from '../../../../shared/petitions/api';
import { PETITION_CATEGORIES, SATISFACTION_LABELS, SATISFACTIONS } from '../../../../shared/petitions/petitions';
import { chineseDate, documentNumber, fields, heading, paragraph, table, title } from '../../documents/layout';
import { chineseCalendarDate } from '../../documents/paperParts';
import { defineDocument } from '../../documents/registry';
import { HANDLING_ROWS, INTAKE_ROWS } from '../statisticsSpreadsheet';
import type { MonthlyStatisticsRecord } from './records';

const count = (value: number | null) => (value === null ? '—' : String(value));

export const petitionMonthlyStatisticsReport = defineDocument<MonthlyStatisticsRecord>({
  type: 'petitionMonthlyStatisticsReport',
  title: '信访统计表',
  pageSize: 'a4',
  archival: false,
  sample: () => ({ officeName: '青石镇人民政府', statistics: sampleStatistics() }),
  async render(layout, { officeName, statistics }) {
    const { totals: t } = statistics;
    await title(layout, `信访${REPORT_PERIOD_KIND_LABELS[periodKind(statistics.period)]}统计表`, 18);
    await documentNumber(layout, `（${periodLabel(statistics.period)}）`);
    await fields(
      layout,
      [
        { label: '统计单位', value: officeName },
        {
          label: '统计期间',
          value: `${chineseCalendarDate(statistics.from)}至${chineseCalendarDate(statistics.asOf)}`,
        },
      ],
      1,
    );
    await paragraph(
      layout,
      '来访按批次和人次统计（一次来访为一批次，来访人数为人次），来信按件统计；五人以上为集体访。收到、集体访、重复信访、越级信访、上级转送交办、领导接访按收到日期计入本期；接访领导当场解决、限期办理按决定日期计入本期；受理、不予受理、答复、延期、办结、复查请求、复核请求按该环节的日期计入本期；按期答复指在办理期限（含延期）内答复，按期答复率 = 按期答复 ÷ 答复；超期指本期到期而未按期完成的期限。满意率 =（满意 + 基本满意）÷ 已评价件数（不含未能联系到信访人），保留一位小数。',
      { field: '说明', indent: false, size: 9 },
    );

    await heading(layout, '一、来信来访');
    // A kind a column, so the two measures (批次 and 人次) are two rows.
    await table(layout, {
      columns: [
        { header: '项目', width: 2 },
        ...INTAKE_ROWS.map((row) => ({ header: row.label, width: 2, align: 'right' as const })),
      ],
      rows: [
        ['批次（件）', ...INTAKE_ROWS.map((row) => count(row.batches(t)))],
        ['人次', ...INTAKE_ROWS.map((row) => count(row.people(t)))],
      ],
      size: 10,
    });

    await heading(layout, '二、办理情况（件）');
    // Three figures a row.
    const handling = HANDLING_ROWS.map((row) => [row.label, count(row.value(t))]);
    const perColumn = Math.ceil(handling.length / 3);
    const pair = [
      { header: '项目', width: 3 },
      { header: '件数', width: 1.4, align: 'right' as const },
    ];
    await table(layout, {
      columns: [...pair, ...pair, ...pair],
      rows: Array.from({ length: perColumn }, (_, i) =>
        [0, 1, 2].flatMap((column) => handling[column * perColumn + i] ?? ['', '']),
      ),
      size: 10,
    });

    await paragraph(
      layout,
      `按期答复率 ${formatPercentage(statistics.onTimeRate)}（按期答复 ${t.repliedOnTime} ÷ 答复 ${t.replied}）`,
      { field: '按期答复率', indent: false, size: 10 },
    );

    await heading(layout, '三、按月');
    const year = statistics.period.slice(0, 4);
    await table(layout, {
      columns: [
        { header: '月份', width: 2.2 },
        { header: '收到', width: 1.6, align: 'right' as const },
        { header: '来访人次', width: 1.8, align: 'right' as const },
        { header: '答复', width: 1.6, align: 'right' as const },
        { header: '按期答复', width: 1.8, align: 'right' as const },
        { header: '按期答复率', width: 2.2, align: 'right' as const },
        { header: '满意率', width: 2, align: 'right' as const },
      ],
      rows: statistics.trend.map((m) => [
        monthLabelWithin(m.month, year),
        count(m.received),
        count(m.visitPeople),
        count(m.replied),
        count(m.repliedOnTime),
        formatPercentage(m.onTimeRate),
        formatPercentage(m.satisfactionRate),
      ]),
      size: 9,
    });

    await heading(layout, '四、按内容分类');
    // Two categories a row, so the whole table of categories stays on the page.
    const categories = [
      ...statistics.byCategory.map((c) => [c.label, count(c.batches), count(c.people)]),
      [
        '合计',
        count(statistics.byCategory.reduce((sum, c) => sum + c.batches, 0)),
        count(statistics.byCategory.reduce((sum, c) => sum + c.people, 0)),
      ],
    ];
    const rows = Math.ceil(categories.length / 2);
    const categoryColumns = [
      { header: '内容分类', width: 5 },
      { header: '批次（件）', width: 2, align: 'right' as const },
      { header: '人次', width: 1.2, align: 'right' as const },
    ];
    await table(layout, {
      columns: [...categoryColumns, ...categoryColumns],
      rows: categories.slice(0, rows).map((left, i) => [...left, ...(categories[rows + i] ?? ['', '', ''])]),
      size: 9,
    });

    await heading(layout, '五、满意度（件）');
    await table(layout, {
      columns: [
        ...statistics.satisfaction.map((s) => ({ header: s.label, width: s.value === 'unreachable' ? 2.4 : 1.4 })),
        { header: '满意率', width: 1.4 },
      ].map((column) => ({ ...column, align: 'center' as const })),
      rows: [[...statistics.satisfaction.map((s) => count(s.count)), formatPercentage(statistics.satisfactionRate)]],
      size: 10,
    });

    await fields(layout, [
      { label: '填表人', value: '' },
      { label: '制表日期', value: chineseDate(layout.issue.issuedAt) },
    ]);
  },
});

/** November 2026 of 青石镇: the figures add up as the real ones must. */
function sampleStatistics(): PetitionStatistics {
  // Per category: [batches, people] of the 29 visits (64 people) and 6 letters (one signer each).
  const byCategory: Array<[number, number]> = [
    [9, 22],
    [4, 11],
    [2, 2],
    [5, 15],
    [3, 4],
    [1, 1],
    [0, 0],
    [2, 3],
    [1, 3],
    [0, 0],
    [2, 2],
    [1, 1],
    [3, 4],
    [1, 1],
    [0, 0],
    [1, 1],
    [0, 0],
  ];
  const satisfaction = [11, 4, 2, 1];
  return {
    period: '2026-11',
    from: '2026-11-01',
    to: '2026-11-30',
    asOf: '2026-11-30',
    totals: {
      received: 35,
      visitBatches: 29,
      visitPeople: 64,
      letters: 6,
      groupVisitBatches: 3,
      groupVisitPeople: 22,
      repeatBatches: 5,
      repeatPeople: 13,
      skippedBatches: 2,
      skippedPeople: 7,
      handedDown: 4,
      leaderReceived: 8,
      leaderOnTheSpot: 5,
      leaderDeadline: 3,
      accepted: 28,
      notAccepted: 3,
      replied: 19,
      repliedOnTime: 18,
      overdue: 1,
      extended: 2,
      closed: 17,
      reviewsRequested: 1,
      reReviewsRequested: 0,
    },
    byCategory: PETITION_CATEGORIES.map((c, i) => ({
      category: c.code,
      label: c.label,
      batches: byCategory[i]![0],
      people: byCategory[i]![1],
    })),
    satisfaction: SATISFACTIONS.map((value, i) => ({
      value,
      label: SATISFACTION_LABELS[value],
      count: satisfaction[i]!,
    })),
    // 18 ÷ 19 = 94.7%
    onTimeRate: 94.7,
    // (11 + 4) ÷ (11 + 4 + 2) = 88.2%
    satisfactionRate: 88.2,
    // November with the two months before it (a month's trend holds the twelve up to it; two suffice here).
    trend: [
      { month: '2026-09', received: 31, visitPeople: 52, replied: 22, repliedOnTime: 22, evaluated: 14, content: 12 },
      { month: '2026-10', received: 38, visitPeople: 70, replied: 25, repliedOnTime: 24, evaluated: 16, content: 14 },
      { month: '2026-11', received: 35, visitPeople: 64, replied: 19, repliedOnTime: 18, evaluated: 17, content: 15 },
    ].map((m) => ({
      ...m,
      onTimeRate: Math.round((m.repliedOnTime / m.replied) * 1000) / 10,
      satisfactionRate: Math.round((m.content / m.evaluated) * 1000) / 10,
    })),
  };
}
