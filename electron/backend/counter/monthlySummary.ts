// The monthly summary (月度统计) of the cases accepted in a month, as they stand on `asOf`.
// Every accepted case is exactly one of completed, open or voided, so the three add up to the
// number accepted; each rate is its numerator over its denominator as `percentage` rounds it.
import type { WorkingCalendar } from '../../../shared/calendar/workingCalendar';
import { SATISFIED_LEVELS } from '../../../shared/counter/casesApi';
import { isOpen, type CaseStatus } from '../../../shared/counter/caseStatus';
import { deadlineState } from '../../../shared/counter/deadline';
import type { MonthlySummary } from '../../../shared/counter/ledgerApi';
import { monthSpan, percentage } from '../../../shared/counter/statistics';
import type { Db } from '../db/database';
import { monthlyErrandCounts } from './errands/monthlyCounts';

const COMPLETED: readonly CaseStatus[] = ['completed', 'delivered', 'rated'];

export async function monthlySummary(
  db: Db,
  calendar: WorkingCalendar,
  month: string,
  today: string,
): Promise<MonthlySummary> {
  const { from, to } = monthSpan(month);
  const asOf = today < to ? today : to;
  const [groups, openRows, intakeOnly, errands] = await Promise.all([
    db
      .selectFrom('counter_cases')
      .select((eb) => [
        'status',
        'category',
        'completed_on_the_spot',
        'rating',
        eb
          .case()
          .when('completed_on', 'is', null)
          .then(null)
          .when(eb.or([eb('promised_date', 'is', null), eb('completed_on', '<=', eb.ref('promised_date'))]))
          .then(1)
          .else(0)
          .end()
          .as('on_time'),
        eb.fn.countAll<number>().as('n'),
      ])
      .where('accepted_on', '>=', from)
      .where('accepted_on', '<=', to)
      .groupBy(['status', 'category', 'completed_on_the_spot', 'rating', 'on_time'])
      .execute(),
    db
      .selectFrom('counter_cases')
      .select(['promised_date', 'paused_on', 'status'])
      .where('accepted_on', '>=', from)
      .where('accepted_on', '<=', to)
      .where('status', 'in', ['accepted', 'inProgress', 'forwarded', 'paused'])
      .execute(),
    db
      .selectFrom('counter_cases')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
      .where('intake_on', '>=', from)
      .where('intake_on', '<=', to)
      .where('status', 'in', ['notAccepted', 'awaitingMaterials'])
      .groupBy('status')
      .execute(),
    monthlyErrandCounts(db, month),
  ]);

  const counts = {
    accepted: 0,
    completedOnTheSpot: 0,
    completed: 0,
    completedOnTime: 0,
    completedLate: 0,
    open: 0,
    openOverdue: 0,
    voided: 0,
    rated: 0,
    satisfied: 0,
    poorRatings: 0,
  };
  const byCategory = new Map<string, { category: string; accepted: number; completed: number }>();
  for (const group of groups) {
    const n = Number(group.n);
    const category = byCategory.get(group.category) ?? { category: group.category, accepted: 0, completed: 0 };
    counts.accepted += n;
    category.accepted += n;
    if (COMPLETED.includes(group.status)) {
      counts.completed += n;
      category.completed += n;
      if (group.completed_on_the_spot === 1) counts.completedOnTheSpot += n;
      if (group.on_time === 1) counts.completedOnTime += n;
      else counts.completedLate += n;
    } else if (isOpen(group.status)) {
      counts.open += n;
    } else if (group.status === 'voided') {
      counts.voided += n;
    }
    if (group.rating && group.status !== 'voided') {
      counts.rated += n;
      if (SATISFIED_LEVELS.includes(group.rating)) counts.satisfied += n;
      else if (group.rating === 'dissatisfied' || group.rating === 'veryDissatisfied') counts.poorRatings += n;
    }
    byCategory.set(group.category, category);
  }
  for (const row of openRows) {
    try {
      if (deadlineState(calendar, row.promised_date, asOf, row.paused_on).colour === 'red') counts.openOverdue++;
    } catch {
      // A year the calendar lost: the case counts as overdue rather than vanish from the figures.
      counts.openOverdue++;
    }
  }
  const waiting = (status: CaseStatus) => Number(intakeOnly.find((r) => r.status === status)?.n ?? 0);
  return {
    month,
    asOf,
    counts,
    rates: {
      onTheSpot: percentage(counts.completedOnTheSpot, counts.accepted),
      onTime: percentage(counts.completedOnTime, counts.completed),
      satisfaction: percentage(counts.satisfied, counts.rated),
    },
    byCategory: [...byCategory.values()].sort((a, b) => b.accepted - a.accepted),
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
