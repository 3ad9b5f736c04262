// 人民调解工作统计表: the figures of a month, a quarter or a year of one committee or of the
// township (with a row per committee) as a printable A4 table. Drawn on demand for the county's
// report, so not an issued paper and not archived (like the counter's summary). The type keeps
// its first name, mediationMonthlyStatistics, so that a printer chosen for it stays chosen.
import { formatPercentage } from '../../../../shared/counter/statistics';
import {
  DISPUTE_CATEGORIES,
  HANDOVER_KIND_LABELS,
  HANDOVER_KINDS,
  REFERRAL_OUT_LABELS,
} from '../../../../shared/mediation/disputes';
import {
  monthLabelWithin,
  periodKind,
  periodLabel,
  REPORT_PERIOD_KIND_LABELS,
} from '../../../../shared/documents/reportPeriods';
import {
  CONCLUDED_RATE_DEFINITION,
  concludedSuccessRate,
  formatYuan,
  SUCCESS_RATE_DEFINITION,
  successRate,
  type MediationFigures,
  type MediationStatistics,
} from '../../../../shared/mediation/statisticsApi';
import { chineseDate, documentNumber, fields, heading, paragraph, table, title } from '../../documents/layout';
import { defineDocument } from '../../documents/registry';
import { COMMITTEE_COLUMNS } from '../statisticsSpreadsheet';
import { chineseCalendarDate } from './parts';

export interface MonthlyStatisticsRecord {
  statistics: MediationStatistics;
}

const count = (value: number) => String(value);

export const mediationMonthlyStatistics = defineDocument<MonthlyStatisticsRecord>({
  type: 'mediationMonthlyStatistics',
  title: '人民调解工作统计表',
  pageSize: 'a4',
  archival: false,
  sample: () => ({ statistics: sampleStatistics() }),
  async render(layout, { statistics }) {
    const { totals: t } = statistics;
    await title(layout, `人民调解工作${REPORT_PERIOD_KIND_LABELS[periodKind(statistics.period)]}统计表`, 18);
    await documentNumber(layout, `（${periodLabel(statistics.period)}）`);
    await fields(
      layout,
      [
        {
          label: '统计范围',
          value: statistics.committeeId ? statistics.scopeName : `${statistics.scopeName}（各人民调解委员会合计）`,
        },
        {
          label: '统计期间',
          value: `${chineseCalendarDate(statistics.from)}至${chineseCalendarDate(statistics.asOf)}`,
        },
      ],
      1,
    );
    await paragraph(
      layout,
      `按事件发生日期计入本期：排查按排查日期，发现纠纷和移入按登记日期，受理按受理日期，调解成功（书面、口头协议）和终止按达成或终止日期，移出按不予受理或终止调解的日期，司法确认按申请日期和裁定日期，回访按回访日期。${SUCCESS_RATE_DEFINITION}；${CONCLUDED_RATE_DEFINITION}；均保留一位小数。金额单位：元。`,
      { field: '说明', indent: false, size: 9 },
    );

    await heading(layout, '一、主要指标');
    const figures: [string, string][] = [
      ['排查次数', count(t.sweeps)],
      ['排查发现纠纷（件）', count(t.found)],
      ['受理纠纷（件）', count(t.accepted)],
      ['调解成功（件）', count(t.settled)],
      ['其中书面协议（件）', count(t.written)],
      ['其中口头协议（件）', count(t.oral)],
      ['调解终止（件）', count(t.terminated)],
      ['调解成功率（成功 ÷ 受理）', formatPercentage(t.successRate)],
      ['调结成功率（成功 ÷ 调结）', formatPercentage(t.concludedSuccessRate)],
      ['受理纠纷涉及金额（元）', formatYuan(t.acceptedAmountFen)],
      ['调解成功涉及金额（元）', formatYuan(t.settledAmountFen)],
      ['申请司法确认（件）', count(t.courtApplied)],
      ['司法确认（件）', count(t.courtConfirmed)],
      ['回访（次）', count(t.followUpsDone)],
      ['三调联动移入（件）', count(t.referralsIn)],
      ['三调联动移出（件）', count(t.referralsOut)],
      ['防激化重点纠纷受理（件）', count(t.riskyAccepted)],
      ['防止激化（件）', count(t.riskyDefused)],
    ];
    const half = Math.ceil(figures.length / 2);
    await table(layout, {
      columns: [
        { header: '指标', width: 5 },
        { header: '数值', width: 3, align: 'right' },
        { header: '指标', width: 5 },
        { header: '数值', width: 3, align: 'right' },
      ],
      rows: figures.slice(0, half).map((left, i) => [...left, ...(figures[half + i] ?? ['', ''])]),
    });

    await heading(layout, '二、按月');
    const year = statistics.period.slice(0, 4);
    await table(layout, {
      columns: [
        { header: '月份', width: 2.4 },
        { header: '受理（件）', width: 2, align: 'right' },
        { header: '调解成功（件）', width: 2.4, align: 'right' },
        { header: '调解终止（件）', width: 2.4, align: 'right' },
        { header: '调解成功率', width: 2.2, align: 'right' },
        { header: '调结成功率', width: 2.2, align: 'right' },
      ],
      rows: statistics.trend.map((m) => [
        monthLabelWithin(m.month, year),
        count(m.accepted),
        count(m.settled),
        count(m.terminated),
        formatPercentage(m.successRate),
        formatPercentage(m.concludedSuccessRate),
      ]),
      size: 9,
    });

    await heading(layout, '三、按纠纷类别');
    // Two categories a row, so the whole table of categories stays on the page.
    const categories = [
      ...statistics.byCategory.map((c) => [c.label, count(c.accepted), count(c.settled)]),
      ['合计', count(t.accepted), count(t.settled)],
    ];
    const rows = Math.ceil(categories.length / 2);
    const categoryColumns = [
      { header: '纠纷类别', width: 5 },
      { header: '受理（件）', width: 1.6, align: 'right' as const },
      { header: '调解成功（件）', width: 1.6, align: 'right' as const },
    ];
    await table(layout, {
      columns: [...categoryColumns, ...categoryColumns],
      rows: categories.slice(0, rows).map((left, i) => [...left, ...(categories[rows + i] ?? ['', '', ''])]),
      size: 9,
    });

    await heading(layout, '四、三调联动（件）');
    // A counterpart a row, in and out side by side (both lists follow HANDOVER_KINDS).
    await table(layout, {
      columns: [
        { header: '移入来源', width: 4 },
        { header: '移入', width: 1.4, align: 'right' },
        { header: '移出去向', width: 6 },
        { header: '移出', width: 1.4, align: 'right' },
      ],
      rows: [
        ...statistics.referralsIn.map((r, i) => {
          const out = statistics.referralsOut[i]!;
          return [r.label, count(r.count), out.label, count(out.count)];
        }),
        ['合计', count(t.referralsIn), '合计', count(t.referralsOut)],
      ],
      size: 9,
    });

    if (statistics.committeeId === null) {
      await heading(layout, '五、各人民调解委员会');
      const cells = (f: MediationFigures) =>
        COMMITTEE_COLUMNS.map((c) => {
          const value = c.value(f);
          if (c.header.startsWith('调解成功率')) return formatPercentage(f.successRate);
          if (c.header.startsWith('调结成功率')) return formatPercentage(f.concludedSuccessRate);
          return String(value ?? '');
        });
      await table(layout, {
        columns: [
          { header: '调委会', width: 4 },
          ...COMMITTEE_COLUMNS.map((c) => ({
            header: c.header.replace('（%）', ''),
            width: c.header.includes('成功率') ? 1.6 : 1.2,
            align: 'right' as const,
          })),
        ],
        rows: [...statistics.committees.map((c) => [c.committeeName, ...cells(c)]), ['合计', ...cells(t)]],
        size: 8,
      });
    }
    await fields(layout, [
      { label: '填表人', value: '' },
      { label: '制表日期', value: chineseDate(layout.issue.issuedAt) },
    ]);
  },
});

/** A committee's month from a few counts; the rest follow from them as real figures would. */
function sampleFigures(
  sweeps: number,
  found: number,
  accepted: number,
  written: number,
  oral: number,
  terminated: number,
) {
  const settled = written + oral;
  return {
    sweeps,
    found,
    accepted,
    settled,
    terminated,
    written,
    oral,
    acceptedAmountFen: accepted * 312_050,
    settledAmountFen: settled * 298_000,
    courtApplied: Math.floor(written / 4),
    courtConfirmed: Math.floor(written / 5),
    followUpsDone: settled,
    riskyAccepted: Math.floor(accepted / 6),
    riskyDefused: Math.floor(settled / 7),
    referralsIn: Math.floor(accepted / 5),
    referralsOut: terminated,
  };
}

/** November 2026 of a township with three committees: the figures add up as the real ones must. */
function sampleStatistics(): MediationStatistics {
  const rows = [
    { committeeId: 'sample-township', committeeName: '青石镇人民调解委员会', ...sampleFigures(6, 9, 21, 13, 5, 1) },
    { committeeId: 'sample-donggang', committeeName: '东岗村人民调解委员会', ...sampleFigures(4, 6, 9, 5, 3, 1) },
    {
      committeeId: 'sample-traffic',
      committeeName: '青石镇道路交通事故纠纷人民调解委员会',
      ...sampleFigures(0, 0, 7, 6, 0, 0),
    },
  ];
  const totals = sampleFigures(0, 0, 0, 0, 0, 0);
  for (const row of rows) for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += row[key];
  const withRate = <F extends typeof totals>(f: F) => ({
    ...f,
    successRate: successRate(f.settled, f.accepted),
    concludedSuccessRate: concludedSuccessRate(f.settled, f.terminated),
  });
  // 37 accepted and 32 settled, as the committees' rows.
  const accepted = [11, 8, 3, 2, 1, 1, 2, 1, 1, 0, 2, 0, 0, 5, 0, 0, 0, 0, 0];
  const settled = [8, 6, 2, 1, 1, 1, 1, 1, 1, 0, 2, 0, 0, 6, 0, 0, 0, 0, 2];
  const referrals = [2, 2, 1, 1, 0];
  // The two terminations sent on: one to the police, one to an arbitration body.
  const referralsOut = [0, 0, 1, 0, 1];
  const trendMonth = (month: string, accepted: number, settled: number, terminated: number) => ({
    month,
    accepted,
    settled,
    terminated,
    successRate: successRate(settled, accepted),
    concludedSuccessRate: concludedSuccessRate(settled, terminated),
  });
  return {
    period: '2026-11',
    from: '2026-11-01',
    to: '2026-11-30',
    asOf: '2026-11-30',
    committeeId: null,
    scopeName: '青石镇全镇',
    totals: withRate(totals),
    byCategory: DISPUTE_CATEGORIES.map((c, i) => ({
      category: c.code,
      label: c.label,
      accepted: accepted[i]!,
      settled: settled[i]!,
    })),
    referralsIn: HANDOVER_KINDS.map((kind, i) => ({ kind, label: HANDOVER_KIND_LABELS[kind], count: referrals[i]! })),
    referralsOut: HANDOVER_KINDS.map((kind, i) => ({
      kind,
      label: REFERRAL_OUT_LABELS[kind],
      count: referralsOut[i]!,
    })),
    committees: rows.map(withRate),
    // The eleven months before November, then November itself (37 accepted, 32 settled, 2 terminated).
    trend: [
      trendMonth('2025-12', 30, 27, 1),
      trendMonth('2026-01', 22, 21, 0),
      trendMonth('2026-02', 18, 15, 2),
      trendMonth('2026-03', 35, 33, 1),
      trendMonth('2026-04', 41, 38, 2),
      trendMonth('2026-05', 39, 36, 1),
      trendMonth('2026-06', 33, 31, 1),
      trendMonth('2026-07', 36, 34, 0),
      trendMonth('2026-08', 29, 27, 1),
      trendMonth('2026-09', 31, 30, 1),
      trendMonth('2026-10', 40, 37, 2),
      trendMonth('2026-11', 37, 32, 2),
    ],
  };
}
