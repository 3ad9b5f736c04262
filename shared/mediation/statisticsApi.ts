// The statistics of people's mediation (人民调解统计) of a month, a quarter or a year, per
// committee and for the township: on screen, as a printable PDF table and as .xlsx.
//
// What each figure counts, for a period M (its first to its last day) and one committee or all:
//  - 排查次数 sweeps: sweeps held (mediation_sweeps.held_on) in M.
//  - 排查发现纠纷 found: disputes with source 'sweep' registered (registered_on) in M.
//  - 受理 accepted: disputes accepted (accepted_on) in M.
//  - 调解成功 settled: disputes whose outcome is a written or an oral agreement reached
//    (outcome_on) in M, whatever their status now (a closed case keeps its outcome);
//    书面协议 written / 口头协议 oral split them.
//  - 调解终止 terminated: disputes whose mediation was terminated (outcome_on) in M.
//  - 调解成功率 successRate, as the upper levels report it: settled ÷ accepted in M, as a
//    percentage with one decimal rounded half up (楚雄 7479 of 7860 → 95.2), null when none was
//    accepted. A dispute accepted in one month and settled in the next counts in each month's own
//    figure, so a month's rate can pass 100%.
//  - 调结成功率 concludedSuccessRate, labelled beside it: settled ÷ (settled + terminated), the
//    disputes concluded in M; null when none concluded.
//  - trend: per month of the trend (reportPeriods.trendMonths) accepted, settled, terminated and
//    both rates, counted as above within that month.
//  - by category (rows of DISPUTE_CATEGORIES, in the table's order): accepted and settled as above.
//  - 涉及金额 amounts, in fen: the sum of amount_fen of the disputes accepted in M, and of those
//    settled in M (a dispute without an amount counts 0).
//  - 司法确认 courtApplied: applications (court_applied_on) in M; courtConfirmed: the court confirmed
//    the agreement (court_decision 'confirmed', court_decided_on) in M.
//  - 回访 followUpsDone: follow-up visits done (dispute_follow_ups.done_on) in M — visits, not disputes.
//  - 防激化 riskyAccepted: disputes flagged risky accepted in M; riskyDefused: risky disputes settled
//    in M (a risk defused).
//  - 三调联动 referralsIn: disputes handed over (source 'handover') registered in M, by the
//    counterpart that handed them over (handover_kind).
//  - 三调联动 referralsOut: disputes the committee sent on when it refused them or ended their
//    mediation (referral_out_on, that step's date) in M, by the counterpart they went to
//    (referral_out_kind). A refused dispute counts here though it counts nowhere else.
// A committee's row counts its own disputes and sweeps; the township's figures are their sums.
import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { describeReportExport, reportFormat } from '../documents/reports';
import { reportPeriod } from '../documents/reportPeriods';
import { percentage } from '../counter/statistics';
import { fileLink } from '../documents/api';
import { entityId } from '../validation/fields';
import { MEDIATION_READERS } from './committees';
import { DISPUTE_CATEGORY_CODES, HANDOVER_KINDS } from './disputes';

export const mediationFigures = z.object({
  sweeps: z.number(),
  found: z.number(),
  accepted: z.number(),
  settled: z.number(),
  terminated: z.number(),
  /** 调解成功率 as the upper levels report it: settled ÷ accepted, one decimal; null when none accepted. */
  successRate: z.number().nullable(),
  /** 调结成功率: settled ÷ (settled + terminated), one decimal; null when nothing concluded. */
  concludedSuccessRate: z.number().nullable(),
  written: z.number(),
  oral: z.number(),
  /** 涉及金额 of the disputes accepted in the month, in fen. */
  acceptedAmountFen: z.number(),
  /** 涉及金额 of the disputes settled in the month, in fen. */
  settledAmountFen: z.number(),
  courtApplied: z.number(),
  courtConfirmed: z.number(),
  followUpsDone: z.number(),
  riskyAccepted: z.number(),
  riskyDefused: z.number(),
  /** All referrals in (三调联动), the sum of `referralsIn` by counterpart. */
  referralsIn: z.number(),
  /** All referrals out (三调联动), the sum of `referralsOut` by counterpart. */
  referralsOut: z.number(),
});
export type MediationFigures = z.infer<typeof mediationFigures>;

/** A month of the trend. */
export const mediationMonth = z.object({
  month: z.string(),
  accepted: z.number(),
  settled: z.number(),
  terminated: z.number(),
  successRate: z.number().nullable(),
  concludedSuccessRate: z.number().nullable(),
});
export type MediationMonth = z.infer<typeof mediationMonth>;

export const mediationStatistics = z.object({
  period: z.string(),
  from: z.string(),
  to: z.string(),
  /** The last day counted: the period's last day, or today while it runs. */
  asOf: z.string(),
  /** null: the whole township. */
  committeeId: z.string().nullable(),
  /** Whose figures: the committee's name, or the township's. */
  scopeName: z.string(),
  totals: mediationFigures,
  byCategory: z.array(
    z.object({
      category: z.enum(DISPUTE_CATEGORY_CODES),
      label: z.string(),
      accepted: z.number(),
      settled: z.number(),
    }),
  ),
  referralsIn: z.array(z.object({ kind: z.enum(HANDOVER_KINDS), label: z.string(), count: z.number() })),
  /** Every counterpart, in HANDOVER_KINDS' order as `referralsIn`, with the out direction's label. */
  referralsOut: z.array(z.object({ kind: z.enum(HANDOVER_KINDS), label: z.string(), count: z.number() })),
  /** The township's report: one row per committee (empty for one committee's report). */
  committees: z.array(mediationFigures.extend({ committeeId: z.string(), committeeName: z.string() })),
  /** The months of the trend: a quarter's or year's own, or the twelve up to a month. */
  trend: z.array(mediationMonth),
});
export type MediationStatistics = z.infer<typeof mediationStatistics>;
export type CommitteeFigures = MediationStatistics['committees'][number];

/** 调解成功率 as the upper levels report it = 调解成功 ÷ 受理, one decimal half up; null when none accepted. */
export function successRate(settled: number, accepted: number): number | null {
  return percentage(settled, accepted);
}

/** 调结成功率 = 调解成功 ÷ (调解成功 + 调解终止), one decimal half up; null when none concluded. */
export function concludedSuccessRate(settled: number, terminated: number): number | null {
  return percentage(settled, settled + terminated);
}

/** How the two rates are defined, in the words the screen, the PDF and the workbook print. */
export const SUCCESS_RATE_DEFINITION = '调解成功率 = 调解成功 ÷ 受理（上级统计口径）';
export const CONCLUDED_RATE_DEFINITION = '调结成功率 = 调解成功 ÷（调解成功 + 调解终止）';

/** Fen as yuan with two decimals: 320050 → 3200.50 (whole fen, so no binary noise). */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const statisticsInput = {
  period: reportPeriod,
  /** Absent: the township, with a row per committee. */
  committeeId: entityId('调委会').optional(),
};

export const mediationStatisticsProcedures = defineProcedures({
  'mediation.statistics': {
    summary:
      '人民调解统计（月度、季度、年度）：排查、发现、受理、调解成功与终止、成功率（调解成功 ÷ 受理，一位小数）与调结成功率、按类别、按月趋势、涉及金额、书面口头协议、司法确认、回访、防激化、三调联动移入与移出；全镇时附各调委会',
    kind: 'query',
    access: MEDIATION_READERS,
    input: z.strictObject(statisticsInput),
    output: mediationStatistics,
  },
  'mediation.exportStatistics': {
    summary: '导出人民调解统计（月度、季度、年度）：PDF 统计表或 Excel（.xlsx）',
    kind: 'query',
    access: MEDIATION_READERS,
    audit: { action: 'export', what: '导出调解统计', describe: describeReportExport('人民调解统计') },
    input: z.strictObject({ ...statisticsInput, format: reportFormat }),
    output: z.object({ file: fileLink.pick({ fileUrl: true }) }),
  },
});
