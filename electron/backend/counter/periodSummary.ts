// The summary (统计) of a month, a quarter or a year: the cases accepted in the period as they
// stood on `asOf` (its last day, or today while it runs), the 超期 of that day, and the months of
// its trend. Every accepted case is exactly one of completed, open or voided on `asOf`, so the
// three add up to the number accepted; each rate is its numerator over its denominator as
// `percentage` rounds it. What each figure counts: docs/counter.md.
import type { WorkingCalendar } from '../../../shared/calendar/workingCalendar';
import { SATISFIED_LEVELS } from '../../../shared/counter/casesApi';
import type { PeriodSummary, SummaryMonth } from '../../../shared/counter/ledgerApi';
import { percentage } from '../../../shared/counter/statistics';
import { periodAsOf, periodSpan, trendMonths, type ReportPeriod } from '../../../shared/documents/reportPeriods';
import { localDate } from '../api/settings';
import type { Db } from '../db/database';
import { errandCountsBetween } from './errands/monthlyCounts';
import { openOverdueOn } from './overdueCases';

type Standing = 'completed' | 'open' | 'voided';

export async function periodSummary(
  db: Db,
  calendar: WorkingCalendar,
  period: ReportPeriod,
  today: string,
  timeZone: string,
): Promise<PeriodSummary> {
  const { from, to } = periodSpan(period);
  const asOf = periodAsOf(period, today);
  const months = trendMonths(period, today);
  // One pass over the trend's months, which hold the period's own (a month's trend begins 11 months before it).
  const queryFrom = months.length > 0 && `${months[0]}-01` < from ? `${months[0]}-01` : from;
  const [groups, overdue, intakeOnly, errands] = await Promise.all([
    db
      .selectFrom('counter_cases')
      .select((eb) => [
        eb
          .fn('substr', ['accepted_on', eb.lit(1), eb.lit(7)])
          .$castTo<string>()
          .as('month'),
        'category',
        'completed_on_the_spot',
        'rating',
        // Whether it was completed by asOf, and then whether by its promised date.
        eb
          .case()
          .when(eb.or([eb('completed_on', 'is', null), eb('completed_on', '>', asOf)]))
          .then(null)
          .when(eb.or([eb('promised_date', 'is', null), eb('completed_on', '<=', eb.ref('promised_date'))]))
          .then(1)
          .else(0)
          .end()
          .as('on_time'),
        // A voided case keeps its own group: the day it was voided decides where it stood on asOf.
        eb.case().when('status', '=', 'voided').then(eb.ref('voided_at')).else(null).end().as('voided_at'),
        eb.fn.countAll<number>().as('n'),
      ])
      .where('accepted_on', '>=', queryFrom)
      .where('accepted_on', '<=', to)
      .groupBy(['month', 'category', 'completed_on_the_spot', 'rating', 'on_time', 'voided_at'])
      .execute(),
    openOverdueOn(db, calendar, asOf, today, timeZone),
    db
      .selectFrom('counter_cases')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
      .where('intake_on', '>=', from)
      .where('intake_on', '<=', to)
      .where('status', 'in', ['notAccepted', 'awaitingMaterials'])
      .groupBy('status')
      .execute(),
    errandCountsBetween(db, from, to),
  ]);

  const counts = {
    accepted: 0,
    completedOnTheSpot: 0,
    completed: 0,
    completedOnTime: 0,
    completedLate: 0,
    open: 0,
    voided: 0,
    rated: 0,
    satisfied: 0,
    poorRatings: 0,
  };
  const byCategory = new Map<string, { category: string; accepted: number; completed: number }>();
  const byMonth = new Map<string, Omit<SummaryMonth, 'onTime' | 'satisfaction'>>(
    months.map((month) => [month, { month, accepted: 0, completed: 0, completedOnTime: 0, rated: 0, satisfied: 0 }]),
  );
  const periodMonth = (month: string) => `${month}-01` >= from;
  for (const group of groups) {
    const n = Number(group.n);
    const standing: Standing =
      group.voided_at !== null && localDate(new Date(group.voided_at), timeZone) <= asOf
        ? 'voided'
        : group.on_time === null
          ? 'open'
          : 'completed';
    const rated = group.rating !== null && standing !== 'voided';
    const satisfied = rated && SATISFIED_LEVELS.includes(group.rating!);
    const trend = byMonth.get(group.month);
    if (trend) {
      trend.accepted += n;
      if (standing === 'completed') {
        trend.completed += n;
        if (group.on_time === 1) trend.completedOnTime += n;
      }
      if (rated) trend.rated += n;
      if (satisfied) trend.satisfied += n;
    }
    if (!periodMonth(group.month)) continue;
    const category = byCategory.get(group.category) ?? { category: group.category, accepted: 0, completed: 0 };
    counts.accepted += n;
    category.accepted += n;
    counts[standing] += n;
    if (standing === 'completed') {
      category.completed += n;
      if (group.completed_on_the_spot === 1) counts.completedOnTheSpot += n;
      if (group.on_time === 1) counts.completedOnTime += n;
      else counts.completedLate += n;
    }
    if (rated) {
      counts.rated += n;
      if (satisfied) counts.satisfied += n;
      else if (group.rating === 'dissatisfied' || group.rating === 'veryDissatisfied') counts.poorRatings += n;
    }
    byCategory.set(group.category, category);
  }
  const waiting = (status: string) => Number(intakeOnly.find((r) => r.status === status)?.n ?? 0);
  return {
    period,
    from,
    to,
    asOf,
    counts,
    overdue,
    rates: {
      onTheSpot: percentage(counts.completedOnTheSpot, counts.accepted),
      onTime: percentage(counts.completedOnTime, counts.completed),
      satisfaction: percentage(counts.satisfied, counts.rated),
    },
    byCategory: [...byCategory.values()].sort((a, b) => b.accepted - a.accepted),
    trend: [...byMonth.values()].map((m) => ({
      ...m,
      onTime: percentage(m.completedOnTime, m.completed),
      satisfaction: percentage(m.satisfied, m.rated),
    })),
    notAccepted: waiting('notAccepted'),
    awaitingMaterials: waiting('awaitingMaterials'),
    errandsByAgent: errands.byAgent.map(({ agentName, villageName, registered, handedOver, delivered }) => ({
      agentName,
      villageName,
      registered,
      handedOver,
      delivered,
    })),
    errandsByVillage: errands.byVillage,
  };
}
