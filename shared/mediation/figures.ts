// The figures of people's mediation (人民调解统计) defined once, for the township and the county
// alike (issue 21; the kit: shared/figures/figureEvents.ts). Each figure counts what
// electron/backend/mediation/periodStatistics.ts counts — the events dated in the period, each by
// its own date (see shared/mediation/statisticsApi.ts) — so every event here is placed in a period
// by that date (`placedOn`), not by the dispute's registration or acceptance: a dispute accepted
// in October and settled in November adds to October's 受理 and to November's 调解成功.
//
// The figures come from three tables, one definition each: 排查 from mediation_sweeps, 回访 from
// dispute_follow_ups, everything else from disputes. Their names are the fields of the
// statistics' totals (`mediationFigures`), and `countMediationFigures` puts the three together
// into those totals with both rates.
//
// Breakdown: each event of a sweep or a dispute is kept by its committee (`group` = committee id),
// as the township's report has a row per committee. A follow-up row does not say its dispute's
// committee (only dispute_id), so 回访 is counted for the township only, with no group.
//
// Every date counted is a plain YYYY-MM-DD column the mediator entered (or the township's today
// when they left it blank, already in the township's time zone): no timestamp is turned into a
// day here, so no time zone is involved.
import { z } from 'zod';
import {
  countFigures,
  countsFrom,
  zeroCounts,
  type FigureCounts,
  type FigureDefinition,
  type FigureEvent,
  type RecordFigures,
} from '../figures/figureEvents';
import type { ReportPeriod } from '../documents/reportPeriods';
import { concludedSuccessRate, successRate, type MediationFigures } from './statisticsApi';

/** A figure of the mediation statistics: a totals field that is a count (or a sum of fen), not a rate. */
export type MediationFigure = Exclude<keyof MediationFigures, 'successRate' | 'concludedSuccessRate'>;

// Every count of the totals, in the totals' order; `satisfies` fails the type check if the
// statistics gain a figure this file does not define.
const FIGURE_ORDER = {
  sweeps: 0,
  found: 0,
  accepted: 0,
  settled: 0,
  terminated: 0,
  written: 0,
  oral: 0,
  acceptedAmountFen: 0,
  settledAmountFen: 0,
  courtApplied: 0,
  courtConfirmed: 0,
  followUpsDone: 0,
  riskyAccepted: 0,
  riskyDefused: 0,
  referralsIn: 0,
  referralsOut: 0,
} as const satisfies Record<MediationFigure, 0>;

/** The mediation figures in the order the statistics list them. */
export const MEDIATION_FIGURES = Object.keys(FIGURE_ORDER) as MediationFigure[];

type Row = Readonly<Record<string, unknown>>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = z.string().min(1);

/** +1 (or `delta`) to `figure` from `date`, placed in the period of `date`, kept by `group`. */
function dated<F extends string>(
  figure: F,
  date: string | null | undefined,
  group?: string,
  delta = 1,
): FigureEvent<F>[] {
  if (!date || delta === 0) return [];
  return [{ figure, day: date, delta, placedOn: date, ...(group === undefined ? {} : { group }) }];
}

// ── 排查 (mediation_sweeps) ────────────────────────────────────────────────────────────────

type SweepFigure = 'sweeps';
const SWEEP_FIGURES = ['sweeps'] as const satisfies readonly MediationFigure[];

const sweepRow = z.object({ committee_id: id, held_on: day });

/** 排查次数: each sweep held, on the day it was held (moved if the sweep's date is corrected). */
export const mediationSweepFigures: FigureDefinition<SweepFigure> = {
  desk: 'mediation',
  table: 'mediation_sweeps',
  figures: SWEEP_FIGURES,
  ofRow(row) {
    const parsed = sweepRow.safeParse(row);
    if (!parsed.success) return null;
    const sweep = parsed.data;
    return { anchor: sweep.held_on, events: countsFrom('sweeps', sweep.held_on, { group: sweep.committee_id }) };
  },
};

// ── 纠纷 (disputes) ───────────────────────────────────────────────────────────────────────

type DisputeFigure = Exclude<MediationFigure, SweepFigure | 'followUpsDone'>;
const DISPUTE_FIGURES = MEDIATION_FIGURES.filter((f): f is DisputeFigure => f !== 'sweeps' && f !== 'followUpsDone');

// The columns counted; the others are not read. The referral-out columns came with a later
// migration (0011): a row image from before it lacks them, which means no referral out.
const disputeRow = z.object({
  committee_id: id,
  source: z.string(),
  registered_on: day,
  handover_kind: z.string().nullish(),
  category: z.string(),
  amount_fen: z.number().int().nullish(),
  risky: z.number(),
  accepted_on: day.nullish(),
  outcome_kind: z.string().nullish(),
  outcome_on: day.nullish(),
  court_applied_on: day.nullish(),
  court_decision: z.string().nullish(),
  court_decided_on: day.nullish(),
  referral_out_kind: z.string().nullish(),
  referral_out_on: day.nullish(),
});
type DisputeRow = z.infer<typeof disputeRow>;

function parseDispute(row: Row): DisputeRow | null {
  const parsed = disputeRow.safeParse(row);
  return parsed.success ? parsed.data : null;
}

const isSettled = (d: DisputeRow) => d.outcome_kind === 'written' || d.outcome_kind === 'oral';

/**
 * What a dispute adds, each figure by the date of its own step (periodStatistics counts the same
 * columns): registered_on (发现, 移入), accepted_on (受理 and its amount, 防激化), outcome_on
 * (调解成功 — written or oral — with its amount and 化解, or 终止: a closed dispute keeps its
 * outcome), court_applied_on, court_decided_on (confirmed only), referral_out_on (移出, also for a
 * dispute refused, which counts nowhere else).
 */
function disputeEvents(d: DisputeRow): FigureEvent<DisputeFigure>[] {
  const g = d.committee_id;
  const risky = d.risky === 1;
  const amount = d.amount_fen ?? 0;
  const settledOn = isSettled(d) ? d.outcome_on : null;
  return [
    ...dated('found', d.source === 'sweep' ? d.registered_on : null, g),
    ...dated('referralsIn', d.source === 'handover' ? d.registered_on : null, g),
    ...dated('accepted', d.accepted_on, g),
    ...dated('acceptedAmountFen', d.accepted_on, g, amount),
    ...dated('riskyAccepted', risky ? d.accepted_on : null, g),
    ...dated('settled', settledOn, g),
    ...dated('written', d.outcome_kind === 'written' ? d.outcome_on : null, g),
    ...dated('oral', d.outcome_kind === 'oral' ? d.outcome_on : null, g),
    ...dated('settledAmountFen', settledOn, g, amount),
    ...dated('riskyDefused', risky ? settledOn : null, g),
    ...dated('terminated', d.outcome_kind === 'terminated' ? d.outcome_on : null, g),
    ...dated('courtApplied', d.court_applied_on, g),
    ...dated('courtConfirmed', d.court_decision === 'confirmed' ? d.court_decided_on : null, g),
    ...dated('referralsOut', d.referral_out_on, g),
  ];
}

/** The two success rates as the statistics show them, from the counts alone. */
export function mediationRates(counts: Pick<FigureCounts<DisputeFigure>, 'settled' | 'accepted' | 'terminated'>) {
  return {
    successRate: successRate(counts.settled, counts.accepted),
    concludedSuccessRate: concludedSuccessRate(counts.settled, counts.terminated),
  };
}

/** Everything counted of a dispute, kept by its committee; the rates beside them. */
export const mediationDisputeFigures: FigureDefinition<DisputeFigure> = {
  desk: 'mediation',
  table: 'disputes',
  figures: DISPUTE_FIGURES,
  ofRow(row) {
    const d = parseDispute(row);
    return d ? { events: disputeEvents(d) } : null;
  },
  rates: mediationRates,
};

// ── 回访 (dispute_follow_ups) ─────────────────────────────────────────────────────────────

type FollowUpFigure = 'followUpsDone';
const FOLLOW_UP_FIGURES = ['followUpsDone'] as const satisfies readonly MediationFigure[];

const followUpRow = z.object({ dispute_id: id, done_on: day.nullish() });

/** 回访: each visit done, on its day (a planned visit counts once it is done). No committee: see above. */
export const mediationFollowUpFigures: FigureDefinition<FollowUpFigure> = {
  desk: 'mediation',
  table: 'dispute_follow_ups',
  figures: FOLLOW_UP_FIGURES,
  ofRow(row) {
    const parsed = followUpRow.safeParse(row);
    if (!parsed.success) return null;
    const visit = parsed.data;
    return visit.done_on
      ? { anchor: visit.done_on, events: countsFrom('followUpsDone', visit.done_on) }
      : { events: [] };
  },
};

/** The desk's definitions, one per table its figures come from. */
export const MEDIATION_FIGURE_DEFINITIONS = [
  mediationSweepFigures,
  mediationDisputeFigures,
  mediationFollowUpFigures,
] as const;

/**
 * The statistics' totals of `period` as they stood on `asOf` (see countFigures), counted from the
 * rows of each table; with `group` (a committee id), that committee's figures — 回访 then stays 0,
 * as a follow-up row does not say its committee.
 */
export function countMediationFigures(
  rowsOf: (table: string) => Iterable<Row>,
  period: ReportPeriod,
  today: string,
  options: { asOf?: string; group?: string | null } = {},
): MediationFigures {
  const totals = zeroCounts(MEDIATION_FIGURES);
  for (const definition of MEDIATION_FIGURE_DEFINITIONS) {
    const counts = countFigures<string>(definition, rowsOf(definition.table), period, today, options);
    for (const figure of definition.figures) totals[figure] += counts[figure]!;
  }
  return { ...totals, ...mediationRates(totals) };
}

// ── Breakdowns beside the committees (optional: the statistics' own tables) ─────────────────
//
// These count figures the disputes definition counts already, under the same names, kept by
// another key: they are not among MEDIATION_FIGURE_DEFINITIONS, and whoever keeps them must keep
// them apart from the desk's totals (summed with them, 受理 would count twice).

type CategoryFigure = 'accepted' | 'settled';

/**
 * 按类别 (byCategory): accepted and settled as above, kept by the dispute's category code
 * (DISPUTE_CATEGORIES). A second definition on the disputes table, for whoever wants the table.
 */
export const mediationCategoryFigures: FigureDefinition<CategoryFigure> = {
  desk: 'mediation',
  table: 'disputes',
  figures: ['accepted', 'settled'],
  ofRow(row): RecordFigures<CategoryFigure> | null {
    const d = parseDispute(row);
    if (!d) return null;
    return {
      events: [
        ...dated('accepted', d.accepted_on, d.category),
        ...dated('settled', isSettled(d) ? d.outcome_on : null, d.category),
      ],
    };
  },
};

type ReferralFigure = 'referralsIn' | 'referralsOut';

/**
 * 三调联动 by counterpart (referralsIn, referralsOut): kept by the handover kind (HANDOVER_KINDS;
 * none recorded counts as 'other', as the statistics do).
 */
export const mediationReferralFigures: FigureDefinition<ReferralFigure> = {
  desk: 'mediation',
  table: 'disputes',
  figures: ['referralsIn', 'referralsOut'],
  ofRow(row): RecordFigures<ReferralFigure> | null {
    const d = parseDispute(row);
    if (!d) return null;
    return {
      events: [
        ...dated('referralsIn', d.source === 'handover' ? d.registered_on : null, d.handover_kind ?? 'other'),
        ...dated('referralsOut', d.referral_out_on, d.referral_out_kind ?? 'other'),
      ],
    };
  },
};
