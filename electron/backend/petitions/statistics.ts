// The statistics of the petition desk (信访统计) of a month, a quarter or a year: on screen, in
// the PDF table and the workbook. Visits count 批次 (each visit once, whatever its size) and 人次 (the people who came,
// people_count); letters count 件 (each letter once).
//
// What each figure counts, for a period M (a month, a quarter or a year: its first to its last day):
//  - 收到 received: petitions received (received_on) in M, visits and letters.
//  - 来访批次 visitBatches: visits (channel 'visit') received in M; 来访人次 visitPeople: the sum
//    of their people_count. 来信 letters: letters received in M (people who signed one are not
//    counted as 人次).
//  - 集体访 groupVisitBatches / groupVisitPeople: visits received in M marked as a group visit
//    (group_visit = 1, five or more people), and the sum of their people_count.
//  - 重复访 repeatBatches / repeatPeople: petitions of any channel received in M marked as a
//    repeat (repeat = 1), and the sum of their people_count. 越级访 skippedBatches / skippedPeople
//    likewise for those that went past the township (skipped_to set).
//  - 上级转送交办 handedDown: petitions received in M that came from above (source 'handedDown').
//  - 领导接访 leaderReceived: petitions received in M registered on a leader's reception day.
//  - 当场解决 leaderOnTheSpot / 限期办理 leaderDeadline: the receiving leader's decisions recorded
//    (leader_decided_on) in M — 一般案件当场解决，疑难案件限期办理.
//  - 受理 accepted, 不予受理 notAccepted, 答复 replied, 延期 extended, 办结 closed, 复查请求
//    reviewsRequested, 复核请求 reReviewsRequested: petitions whose step is dated in M
//    (accepted_on, not_accepted_on, replied_on, extended_on, closed_on, review_requested_on,
//    re_review_requested_on), whenever they were received.
//  - 按期答复 repliedOnTime: of the replies in M, those given on or before the handling deadline
//    (handling_due_on, the extension included); a reply on the due day itself is on time.
//    按期答复率 onTimeRate = repliedOnTime ÷ replied, one decimal, null when none replied.
//  - 超期 overdue: the office's deadlines that fell in M and were missed — each missed deadline
//    once, so a petition that missed two in M counts twice: the acceptance decision
//    (acceptance_due_on; accepted_on or not_accepted_on absent or later), handling
//    (handling_due_on; replied_on absent or later), the review (review_due_on; reviewed_on absent
//    or later) and the re-review (re_review_due_on; re_reviewed_on absent or later). A deadline
//    is missed once its day has passed: in the running month only those due before today count
//    (one due today is still being met, as its yellow mark says), none due later.
//  - 按类别 byCategory: every category of PETITION_CATEGORIES in the table's order, with the
//    petitions received in M (batches) and the sum of their people_count (people).
//  - 满意度 satisfaction: petitions whose petitioner's satisfaction was recorded (satisfaction_on)
//    in M, per value of SATISFACTIONS; 满意率 satisfactionRate = (满意 + 基本满意) ÷ those
//    evaluated, leaving out 未能联系到信访人, as a percentage with one decimal rounded half up;
//    null when none was evaluated.
// `asOf` is the period's last day, or today while it runs. The trend gives, per month of
// reportPeriods.trendMonths, received (and visit people), replied and replied on time, evaluated
// and content, each counted as above within that month.
//
// Each group of figures is one aggregate query: those of the petitions received in M on the
// received_on index, grouped by category; each step's count on its date's index (accepted_on,
// not_accepted_on, replied_on); the acceptance and handling deadlines on theirs; the rarer steps
// (extension, closing, reviews, satisfaction) and the review deadlines in one pass over the table.
import { sql } from 'kysely';
import { addDays } from '../../../shared/calendar/dates';
import { percentage } from '../../../shared/counter/statistics';
import { periodAsOf, periodSpan, trendMonths, type ReportPeriod } from '../../../shared/documents/reportPeriods';
import type { PetitionFigures, PetitionMonth, PetitionStatistics } from '../../../shared/petitions/api';
import { PETITION_CATEGORIES, SATISFACTIONS, SATISFACTION_LABELS } from '../../../shared/petitions/petitions';
import type { Db } from '../db/database';

const n = (value: unknown) => Number(value ?? 0);

/** The figures of `period` (a month, quarter or year) as they stand on `today`. */
export async function periodStatistics(db: Db, period: ReportPeriod, today: string): Promise<PetitionStatistics> {
  const { from, to } = periodSpan(period);
  const asOf = periodAsOf(period, today);
  // The last due day that can have been missed: the month's last, or yesterday in the running month.
  const yesterday = addDays(today, -1);
  const missedTo = yesterday < to ? yesterday : to;
  const inMonth = (column: string) => sql<number>`coalesce(sum(${sql.ref(column)} between ${from} and ${to}), 0)`;

  const [received, accepted, notAccepted, replied, acceptanceMissed, handlingMissed, rest, trend] = await Promise.all([
    db
      .selectFrom('petitions')
      .select((eb) => [
        'category',
        eb.fn.countAll<number>().as('batches'),
        eb.fn.sum<number>('people_count').as('people'),
        sql<number>`sum(channel = 'visit')`.as('visitBatches'),
        sql<number>`sum(case when channel = 'visit' then people_count else 0 end)`.as('visitPeople'),
        sql<number>`sum(channel = 'letter')`.as('letters'),
        sql<number>`sum(channel = 'visit' and group_visit = 1)`.as('groupVisitBatches'),
        sql<number>`sum(case when channel = 'visit' and group_visit = 1 then people_count else 0 end)`.as(
          'groupVisitPeople',
        ),
        sql<number>`sum(repeat = 1)`.as('repeatBatches'),
        sql<number>`sum(case when repeat = 1 then people_count else 0 end)`.as('repeatPeople'),
        sql<number>`sum(skipped_to is not null)`.as('skippedBatches'),
        sql<number>`sum(case when skipped_to is not null then people_count else 0 end)`.as('skippedPeople'),
        sql<number>`sum(source = 'handedDown')`.as('handedDown'),
        sql<number>`sum(reception_day_id is not null)`.as('leaderReceived'),
      ])
      .where('received_on', '>=', from)
      .where('received_on', '<=', to)
      .groupBy('category')
      .execute(),
    db
      .selectFrom('petitions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('accepted_on', '>=', from)
      .where('accepted_on', '<=', to)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('petitions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('not_accepted_on', '>=', from)
      .where('not_accepted_on', '<=', to)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('petitions')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        sql<number>`coalesce(sum(replied_on <= handling_due_on), 0)`.as('onTime'),
      ])
      .where('replied_on', '>=', from)
      .where('replied_on', '<=', to)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('petitions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('acceptance_due_on', '>=', from)
      .where('acceptance_due_on', '<=', missedTo)
      .where(sql<boolean>`coalesce(accepted_on, not_accepted_on, '9999-12-31') > acceptance_due_on`)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('petitions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('handling_due_on', '>=', from)
      .where('handling_due_on', '<=', missedTo)
      .where(sql<boolean>`coalesce(replied_on, '9999-12-31') > handling_due_on`)
      .executeTakeFirstOrThrow(),
    // The steps without an index of their own: one pass over the table.
    db
      .selectFrom('petitions')
      .select([
        inMonth('extended_on').as('extended'),
        inMonth('closed_on').as('closed'),
        inMonth('review_requested_on').as('reviewsRequested'),
        inMonth('re_review_requested_on').as('reReviewsRequested'),
        sql<number>`coalesce(sum(leader_decision = 'onTheSpot' and leader_decided_on between ${from} and ${to}), 0)`.as(
          'leaderOnTheSpot',
        ),
        sql<number>`coalesce(sum(leader_decision = 'deadline' and leader_decided_on between ${from} and ${to}), 0)`.as(
          'leaderDeadline',
        ),
        sql<number>`coalesce(sum(review_due_on between ${from} and ${missedTo}
          and coalesce(reviewed_on, '9999-12-31') > review_due_on), 0)`.as('reviewMissed'),
        sql<number>`coalesce(sum(re_review_due_on between ${from} and ${missedTo}
          and coalesce(re_reviewed_on, '9999-12-31') > re_review_due_on), 0)`.as('reReviewMissed'),
        ...SATISFACTIONS.map((value) =>
          sql<number>`coalesce(sum(satisfaction = ${value} and satisfaction_on between ${from} and ${to}), 0)`.as(
            value,
          ),
        ),
      ])
      .executeTakeFirstOrThrow(),
    monthlyTrend(db, trendMonths(period, today)),
  ]);

  const categories = new Map(received.map((row) => [row.category, row]));
  const sum = (key: keyof (typeof received)[number]) => received.reduce((total, row) => total + n(row[key]), 0);
  const totals: PetitionFigures = {
    received: sum('batches'),
    visitBatches: sum('visitBatches'),
    visitPeople: sum('visitPeople'),
    letters: sum('letters'),
    groupVisitBatches: sum('groupVisitBatches'),
    groupVisitPeople: sum('groupVisitPeople'),
    repeatBatches: sum('repeatBatches'),
    repeatPeople: sum('repeatPeople'),
    skippedBatches: sum('skippedBatches'),
    skippedPeople: sum('skippedPeople'),
    handedDown: sum('handedDown'),
    leaderReceived: sum('leaderReceived'),
    leaderOnTheSpot: n(rest.leaderOnTheSpot),
    leaderDeadline: n(rest.leaderDeadline),
    accepted: n(accepted.n),
    notAccepted: n(notAccepted.n),
    replied: n(replied.n),
    repliedOnTime: n(replied.onTime),
    overdue: n(acceptanceMissed.n) + n(handlingMissed.n) + n(rest.reviewMissed) + n(rest.reReviewMissed),
    extended: n(rest.extended),
    closed: n(rest.closed),
    reviewsRequested: n(rest.reviewsRequested),
    reReviewsRequested: n(rest.reReviewsRequested),
  };
  const satisfaction = SATISFACTIONS.map((value) => ({
    value,
    label: SATISFACTION_LABELS[value],
    count: n(rest[value]),
  }));
  const evaluated = satisfaction.filter((s) => s.value !== 'unreachable').reduce((total, s) => total + s.count, 0);
  const content = n(rest.satisfied) + n(rest.basicallySatisfied);

  return {
    period,
    from,
    to,
    asOf,
    totals,
    onTimeRate: percentage(totals.repliedOnTime, totals.replied),
    byCategory: PETITION_CATEGORIES.map((c) => ({
      category: c.code,
      label: c.label,
      batches: n(categories.get(c.code)?.batches),
      people: n(categories.get(c.code)?.people),
    })),
    satisfaction,
    satisfactionRate: percentage(content, evaluated),
    trend,
  };
}

/** Per month of `months`: received, replied (on time) and evaluated (content), each on its date. */
async function monthlyTrend(db: Db, months: string[]): Promise<PetitionMonth[]> {
  if (months.length === 0) return [];
  const from = `${months[0]}-01`;
  const to = periodSpan(months.at(-1)!).to;
  const monthOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 7)`;
  const [received, replied, evaluated] = await Promise.all([
    db
      .selectFrom('petitions')
      .select((eb) => [
        monthOf('received_on').as('month'),
        eb.fn.countAll<number>().as('n'),
        sql<number>`sum(case when channel = 'visit' then people_count else 0 end)`.as('visitPeople'),
      ])
      .where('received_on', '>=', from)
      .where('received_on', '<=', to)
      .groupBy('month')
      .execute(),
    db
      .selectFrom('petitions')
      .select((eb) => [
        monthOf('replied_on').as('month'),
        eb.fn.countAll<number>().as('n'),
        sql<number>`coalesce(sum(replied_on <= handling_due_on), 0)`.as('onTime'),
      ])
      .where('replied_on', '>=', from)
      .where('replied_on', '<=', to)
      .groupBy('month')
      .execute(),
    db
      .selectFrom('petitions')
      .select((eb) => [
        monthOf('satisfaction_on').as('month'),
        eb.fn.countAll<number>().as('n'),
        sql<number>`coalesce(sum(satisfaction in ('satisfied', 'basicallySatisfied')), 0)`.as('content'),
      ])
      .where('satisfaction_on', '>=', from)
      .where('satisfaction_on', '<=', to)
      .where('satisfaction', '!=', 'unreachable')
      .groupBy('month')
      .execute(),
  ]);
  return months.map((month) => {
    const r = received.find((row) => row.month === month);
    const a = replied.find((row) => row.month === month);
    const e = evaluated.find((row) => row.month === month);
    return {
      month,
      received: n(r?.n),
      visitPeople: n(r?.visitPeople),
      replied: n(a?.n),
      repliedOnTime: n(a?.onTime),
      onTimeRate: percentage(n(a?.onTime), n(a?.n)),
      evaluated: n(e?.n),
      content: n(e?.content),
      satisfactionRate: percentage(n(e?.content), n(e?.n)),
    };
  });
}
