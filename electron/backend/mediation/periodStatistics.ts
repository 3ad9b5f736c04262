// The statistics of people's mediation (人民调解统计) of a month, a quarter or a year: what each
// figure counts is written out in shared/mediation/statisticsApi.ts. Every figure is a count of
// events dated in the period, so each is one query on the index of its date column (sweeps.held_on, registered_on,
// accepted_on, outcome_on, court_applied_on, court_decided_on, referral_out_on, follow-ups'
// done_on), grouped by committee; the township's figures are the committees' sums.
import { periodAsOf, periodSpan, trendMonths, type ReportPeriod } from '../../../shared/documents/reportPeriods';
import {
  DISPUTE_CATEGORIES,
  HANDOVER_KIND_LABELS,
  HANDOVER_KINDS,
  REFERRAL_OUT_LABELS,
  type DisputeCategory,
  type HandoverKind,
} from '../../../shared/mediation/disputes';
import {
  concludedSuccessRate,
  successRate,
  type CommitteeFigures,
  type MediationFigures,
  type MediationMonth,
  type MediationStatistics,
} from '../../../shared/mediation/statisticsApi';
import { SETTING_TOWNSHIP_NAME, readSetting } from '../auth/nodeSettings';
import { fail } from '../api/failure';
import type { Db } from '../db/database';

type Counts = Omit<MediationFigures, 'successRate' | 'concludedSuccessRate'>;

function emptyCounts(): Counts {
  return {
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
  };
}

function withRate(counts: Counts): MediationFigures {
  return {
    ...counts,
    successRate: successRate(counts.settled, counts.accepted),
    concludedSuccessRate: concludedSuccessRate(counts.settled, counts.terminated),
  };
}

const n = (value: unknown) => Number(value ?? 0);

/** The figures of `period` for one committee (`committeeId`) or the whole township. */
export async function periodStatistics(
  db: Db,
  period: ReportPeriod,
  today: string,
  committeeId?: string,
): Promise<MediationStatistics> {
  const { from, to } = periodSpan(period);
  const asOf = periodAsOf(period, today);
  const months = trendMonths(period, today);
  let committeesQuery = db
    .selectFrom('mediation_committees')
    .select(['id', 'name', 'active'])
    // As the committees register lists them: township, villages, specialised; by name.
    .orderBy((eb) => eb.case().when('kind', '=', 'township').then(0).when('kind', '=', 'village').then(1).else(2).end())
    .orderBy('name');
  if (committeeId) committeesQuery = committeesQuery.where('id', '=', committeeId);

  /** Disputes of the committee asked for (all when none). */
  const disputes = () =>
    db.selectFrom('disputes').$if(committeeId !== undefined, (qb) => qb.where('committee_id', '=', committeeId!));

  const [
    committees,
    townshipName,
    sweeps,
    registered,
    accepted,
    concluded,
    applied,
    confirmed,
    referredOut,
    visits,
    trend,
  ] = await Promise.all([
    committeesQuery.execute(),
    readSetting(db, SETTING_TOWNSHIP_NAME),
    db
      .selectFrom('mediation_sweeps')
      .$if(committeeId !== undefined, (qb) => qb.where('committee_id', '=', committeeId!))
      .select((eb) => ['committee_id', eb.fn.countAll<number>().as('n')])
      .where('held_on', '>=', from)
      .where('held_on', '<=', to)
      .groupBy('committee_id')
      .execute(),
    // Found in a sweep, or handed over (三调联动 in), by the day they were registered.
    disputes()
      .select((eb) => ['committee_id', 'source', 'handover_kind', eb.fn.countAll<number>().as('n')])
      .where('registered_on', '>=', from)
      .where('registered_on', '<=', to)
      .where('source', 'in', ['sweep', 'handover'])
      .groupBy(['committee_id', 'source', 'handover_kind'])
      .execute(),
    disputes()
      .select((eb) => [
        'committee_id',
        'category',
        'risky',
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(eb.fn.coalesce('amount_fen', eb.lit(0))).as('fen'),
      ])
      .where('accepted_on', '>=', from)
      .where('accepted_on', '<=', to)
      .groupBy(['committee_id', 'category', 'risky'])
      .execute(),
    // Settled (written or oral agreement) or terminated on outcome_on; closed cases keep their outcome.
    disputes()
      .select((eb) => [
        'committee_id',
        'category',
        'risky',
        'outcome_kind',
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(eb.fn.coalesce('amount_fen', eb.lit(0))).as('fen'),
      ])
      .where('outcome_on', '>=', from)
      .where('outcome_on', '<=', to)
      .groupBy(['committee_id', 'category', 'risky', 'outcome_kind'])
      .execute(),
    disputes()
      .select((eb) => ['committee_id', eb.fn.countAll<number>().as('n')])
      .where('court_applied_on', '>=', from)
      .where('court_applied_on', '<=', to)
      .groupBy('committee_id')
      .execute(),
    disputes()
      .select((eb) => ['committee_id', eb.fn.countAll<number>().as('n')])
      .where('court_decided_on', '>=', from)
      .where('court_decided_on', '<=', to)
      .where('court_decision', '=', 'confirmed')
      .groupBy('committee_id')
      .execute(),
    // Sent on (三调联动 out) when refused or terminated, by that step's date.
    disputes()
      .select((eb) => ['committee_id', 'referral_out_kind', eb.fn.countAll<number>().as('n')])
      .where('referral_out_on', '>=', from)
      .where('referral_out_on', '<=', to)
      .groupBy(['committee_id', 'referral_out_kind'])
      .execute(),
    db
      .selectFrom('dispute_follow_ups as f')
      .innerJoin('disputes as d', 'd.id', 'f.dispute_id')
      .$if(committeeId !== undefined, (qb) => qb.where('d.committee_id', '=', committeeId!))
      .select((eb) => ['d.committee_id', eb.fn.countAll<number>().as('n')])
      .where('f.done_on', '>=', from)
      .where('f.done_on', '<=', to)
      .groupBy('d.committee_id')
      .execute(),
    monthlyTrend(db, months, committeeId),
  ]);
  if (committeeId && committees.length === 0) fail('NOT_FOUND', '没有这个调委会');

  const byCommittee = new Map<string, Counts>();
  const of = (id: string) => {
    let counts = byCommittee.get(id);
    if (!counts) byCommittee.set(id, (counts = emptyCounts()));
    return counts;
  };
  const categories = new Map<DisputeCategory, { accepted: number; settled: number }>(
    DISPUTE_CATEGORIES.map((c) => [c.code, { accepted: 0, settled: 0 }]),
  );
  const referrals = new Map<HandoverKind, number>(HANDOVER_KINDS.map((kind) => [kind, 0]));
  const referralsOut = new Map<HandoverKind, number>(HANDOVER_KINDS.map((kind) => [kind, 0]));

  for (const row of sweeps) of(row.committee_id).sweeps += n(row.n);
  for (const row of registered) {
    const counts = of(row.committee_id);
    if (row.source === 'sweep') counts.found += n(row.n);
    else {
      counts.referralsIn += n(row.n);
      const kind = row.handover_kind ?? 'other';
      referrals.set(kind, (referrals.get(kind) ?? 0) + n(row.n));
    }
  }
  for (const row of accepted) {
    const counts = of(row.committee_id);
    counts.accepted += n(row.n);
    counts.acceptedAmountFen += n(row.fen);
    if (row.risky === 1) counts.riskyAccepted += n(row.n);
    categories.get(row.category)!.accepted += n(row.n);
  }
  for (const row of concluded) {
    const counts = of(row.committee_id);
    if (row.outcome_kind === 'terminated') {
      counts.terminated += n(row.n);
      continue;
    }
    if (row.outcome_kind === 'written') counts.written += n(row.n);
    else if (row.outcome_kind === 'oral') counts.oral += n(row.n);
    else continue;
    counts.settled += n(row.n);
    counts.settledAmountFen += n(row.fen);
    if (row.risky === 1) counts.riskyDefused += n(row.n);
    categories.get(row.category)!.settled += n(row.n);
  }
  for (const row of applied) of(row.committee_id).courtApplied += n(row.n);
  for (const row of confirmed) of(row.committee_id).courtConfirmed += n(row.n);
  for (const row of referredOut) {
    of(row.committee_id).referralsOut += n(row.n);
    const kind = row.referral_out_kind ?? 'other';
    referralsOut.set(kind, (referralsOut.get(kind) ?? 0) + n(row.n));
  }
  for (const row of visits) of(row.committee_id).followUpsDone += n(row.n);

  const totals = emptyCounts();
  for (const counts of byCommittee.values())
    for (const key of Object.keys(totals) as (keyof Counts)[]) totals[key] += counts[key];

  const rows: CommitteeFigures[] = committeeId
    ? []
    : committees
        // A revoked committee is listed only for a month it still has figures in.
        .filter((c) => c.active === 1 || byCommittee.has(c.id))
        .map((c) => ({
          committeeId: c.id,
          committeeName: c.name,
          ...withRate(byCommittee.get(c.id) ?? emptyCounts()),
        }));

  return {
    period,
    from,
    to,
    asOf,
    committeeId: committeeId ?? null,
    scopeName: committeeId ? committees[0]!.name : `${townshipName ?? ''}全镇`,
    totals: withRate(totals),
    byCategory: DISPUTE_CATEGORIES.map((c) => ({ category: c.code, label: c.label, ...categories.get(c.code)! })),
    referralsIn: HANDOVER_KINDS.map((kind) => ({
      kind,
      label: HANDOVER_KIND_LABELS[kind],
      count: referrals.get(kind)!,
    })),
    referralsOut: HANDOVER_KINDS.map((kind) => ({
      kind,
      label: REFERRAL_OUT_LABELS[kind],
      count: referralsOut.get(kind)!,
    })),
    committees: rows,
    trend,
  };
}

/** Accepted, settled and terminated in each month of `months`, each on its own date's index. */
async function monthlyTrend(db: Db, months: string[], committeeId?: string): Promise<MediationMonth[]> {
  if (months.length === 0) return [];
  const from = `${months[0]}-01`;
  const to = periodSpan(months.at(-1)!).to;
  const disputes = () =>
    db.selectFrom('disputes').$if(committeeId !== undefined, (qb) => qb.where('committee_id', '=', committeeId!));
  const [accepted, concluded] = await Promise.all([
    disputes()
      .select((eb) => [
        eb
          .fn('substr', ['accepted_on', eb.lit(1), eb.lit(7)])
          .$castTo<string>()
          .as('month'),
        eb.fn.countAll<number>().as('n'),
      ])
      .where('accepted_on', '>=', from)
      .where('accepted_on', '<=', to)
      .groupBy('month')
      .execute(),
    disputes()
      .select((eb) => [
        eb
          .fn('substr', ['outcome_on', eb.lit(1), eb.lit(7)])
          .$castTo<string>()
          .as('month'),
        'outcome_kind',
        eb.fn.countAll<number>().as('n'),
      ])
      .where('outcome_on', '>=', from)
      .where('outcome_on', '<=', to)
      .groupBy(['month', 'outcome_kind'])
      .execute(),
  ]);
  return months.map((month) => {
    const settled = concluded
      .filter((r) => r.month === month && (r.outcome_kind === 'written' || r.outcome_kind === 'oral'))
      .reduce((sum, r) => sum + n(r.n), 0);
    const terminated = n(concluded.find((r) => r.month === month && r.outcome_kind === 'terminated')?.n);
    const acceptedInMonth = n(accepted.find((r) => r.month === month)?.n);
    return {
      month,
      accepted: acceptedInMonth,
      settled,
      terminated,
      successRate: successRate(settled, acceptedInMonth),
      concludedSuccessRate: concludedSuccessRate(settled, terminated),
    };
  });
}
