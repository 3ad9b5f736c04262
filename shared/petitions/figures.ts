// The figures of the petition desk (信访统计) defined once, for the township and the county alike
// (issue 21; the kit: shared/figures/figureEvents.ts), from the `petitions` table alone. Each
// figure counts what electron/backend/petitions/statistics.ts counts (its header says what each
// one is), so the names are the fields of the statistics' totals (`petitionFigures`), and the
// counts of 满意度 by value beside them, from which `petitionRates` gives both rates.
//
// Every petition figure counts events dated in the period, each by its own date:
//  - what was received (收到, 批次, 人次, 来信, 集体访, 重复访, 越级访, 转送交办, 领导接访) is placed
//    by received_on, the record's `anchor`;
//  - each step (受理, 不予受理, 答复 and 按期答复, 延期, 办结, 复查/复核请求, the leader's decision,
//    the satisfaction) by its own date (`placedOn`), whenever the petition was received;
//  - 超期: each deadline (acceptance, handling, review, re-review) not met by its day is placed by
//    that day (`placedOn` = the due day) and counts once its day is over (`atDayEnd`): one due
//    today is still being met, one due on an ended period's last day counts in that period.
//
// Breakdown: every event is kept by the petition's category (`group` = category), as the
// statistics' table by category (its 批次 = `received` of the group).
//
// The rules are the SQL of the statistics written again over one row (the statistics are
// aggregate queries on the database's indexes, which a row's function cannot share);
// test/figures/petitionFigures.test.ts proves the two count the same. Every date read is a plain
// YYYY-MM-DD column (a step's date as entered, or the township's today in its own time zone): no
// timestamp is turned into a day and no working calendar is needed (each deadline was computed
// when its step was taken and is kept on the row).
import { z } from 'zod';
import { percentage } from '../documents/reports';
import {
  countsFrom,
  type FigureCounts,
  type FigureDefinition,
  type FigureEvent,
  type RecordFigures,
} from '../figures/figureEvents';
import { dateString } from '../validation/fields';
import type { PetitionFigures } from './api';
import { SATISFACTIONS, type Satisfaction } from './petitions';

export type PetitionFigure = keyof PetitionFigures | Satisfaction;

// Every figure in the order the statistics list them; `satisfies` fails the type check if the
// statistics' totals gain a figure this file does not count.
const TOTALS_ORDER = {
  received: 0,
  visitBatches: 0,
  visitPeople: 0,
  letters: 0,
  groupVisitBatches: 0,
  groupVisitPeople: 0,
  repeatBatches: 0,
  repeatPeople: 0,
  skippedBatches: 0,
  skippedPeople: 0,
  handedDown: 0,
  leaderReceived: 0,
  leaderOnTheSpot: 0,
  leaderDeadline: 0,
  accepted: 0,
  notAccepted: 0,
  replied: 0,
  repliedOnTime: 0,
  overdue: 0,
  extended: 0,
  closed: 0,
  reviewsRequested: 0,
  reReviewsRequested: 0,
} as const satisfies Record<keyof PetitionFigures, 0>;

/** The totals' figures, then the satisfaction recorded in the period by value (满意, 基本满意, 不满意, 未能联系). */
export const PETITION_FIGURES: readonly PetitionFigure[] = [
  ...(Object.keys(TOTALS_ORDER) as (keyof PetitionFigures)[]),
  ...SATISFACTIONS,
];

const day = dateString('日期');
const optionalDay = day.nullable();

/**
 * The columns of a `petitions` row the figures read (snake_case, 0/1 flags). Codes are read as
 * text, as the statistics compare them: a channel or a category this version does not know still
 * counts as received.
 */
const petitionRow = z.object({
  received_on: day,
  channel: z.string(),
  source: z.string(),
  category: z.string().min(1),
  people_count: z.number().int(),
  group_visit: z.number(),
  repeat: z.number(),
  skipped_to: z.string().nullable(),
  reception_day_id: z.string().nullable(),
  leader_decision: z.string().nullable(),
  leader_decided_on: optionalDay,
  acceptance_due_on: day,
  accepted_on: optionalDay,
  not_accepted_on: optionalDay,
  handling_due_on: optionalDay,
  replied_on: optionalDay,
  extended_on: optionalDay,
  closed_on: optionalDay,
  review_requested_on: optionalDay,
  review_due_on: optionalDay,
  reviewed_on: optionalDay,
  re_review_requested_on: optionalDay,
  re_review_due_on: optionalDay,
  re_reviewed_on: optionalDay,
  satisfaction: z.string().nullable(),
  satisfaction_on: optionalDay,
});

/** (满意 + 基本满意) ÷ those evaluated, 未能联系到信访人 left out. */
const CONTENT: readonly Satisfaction[] = ['satisfied', 'basicallySatisfied'];

/** 按期答复率 = repliedOnTime ÷ replied and 满意率, as the statistics give them. */
export function petitionRates(counts: FigureCounts<PetitionFigure>): {
  onTimeRate: number | null;
  satisfactionRate: number | null;
} {
  const evaluated = SATISFACTIONS.filter((s) => s !== 'unreachable').reduce((n, s) => n + counts[s], 0);
  const content = CONTENT.reduce((n, s) => n + counts[s], 0);
  return {
    onTimeRate: percentage(counts.repliedOnTime, counts.replied),
    satisfactionRate: percentage(content, evaluated),
  };
}

export const petitionFigureDefinition: FigureDefinition<PetitionFigure> = {
  desk: 'petitions',
  table: 'petitions',
  figures: PETITION_FIGURES,
  ofRow(row): RecordFigures<PetitionFigure> | null {
    const parsed = petitionRow.safeParse(row);
    if (!parsed.success) return null;
    const p = parsed.data;
    const group = p.category;
    const events: FigureEvent<PetitionFigure>[] = [];

    // Received in the period: placed by the anchor, received_on.
    const received = (figure: PetitionFigure, when: boolean, delta = 1) => {
      if (when && delta !== 0) events.push({ figure, day: p.received_on, delta, group });
    };
    const visit = p.channel === 'visit';
    const groupVisit = visit && p.group_visit === 1;
    const repeat = p.repeat === 1;
    const skipped = p.skipped_to !== null;
    received('received', true);
    received('visitBatches', visit);
    received('visitPeople', visit, p.people_count);
    received('letters', p.channel === 'letter');
    received('groupVisitBatches', groupVisit);
    received('groupVisitPeople', groupVisit, p.people_count);
    received('repeatBatches', repeat);
    received('repeatPeople', repeat, p.people_count);
    received('skippedBatches', skipped);
    received('skippedPeople', skipped, p.people_count);
    received('handedDown', p.source === 'handedDown');
    received('leaderReceived', p.reception_day_id !== null);

    // A step: in the period of its own date.
    const step = (figure: PetitionFigure, on: string | null, when = true) => {
      if (when) events.push(...countsFrom(figure, on, { group, placedOn: on ?? undefined }));
    };
    step('leaderOnTheSpot', p.leader_decided_on, p.leader_decision === 'onTheSpot');
    step('leaderDeadline', p.leader_decided_on, p.leader_decision === 'deadline');
    step('accepted', p.accepted_on);
    step('notAccepted', p.not_accepted_on);
    step('replied', p.replied_on);
    // On time: on or before the handling deadline (the extension included), the due day itself too.
    step(
      'repliedOnTime',
      p.replied_on,
      p.replied_on !== null && p.handling_due_on !== null && p.replied_on <= p.handling_due_on,
    );
    step('extended', p.extended_on);
    step('closed', p.closed_on);
    step('reviewsRequested', p.review_requested_on);
    step('reReviewsRequested', p.re_review_requested_on);
    for (const value of SATISFACTIONS) step(value, p.satisfaction_on, p.satisfaction === value);

    // 超期: each deadline not met by its day, in the period of that day, once that day is over.
    const missed = (due: string | null, met: string | null) => {
      if (due !== null && (met === null || met > due))
        events.push({ figure: 'overdue', day: due, atDayEnd: true, delta: 1, group, placedOn: due });
    };
    // The acceptance decision is the acceptance, or else the refusal (as the statistics' coalesce).
    missed(p.acceptance_due_on, p.accepted_on ?? p.not_accepted_on);
    missed(p.handling_due_on, p.replied_on);
    missed(p.review_due_on, p.reviewed_on);
    missed(p.re_review_due_on, p.re_reviewed_on);

    return { anchor: p.received_on, events };
  },
  rates: petitionRates,
};
