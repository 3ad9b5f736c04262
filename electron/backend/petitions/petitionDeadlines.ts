// A petition's periods computed again when a year's official arrangement arrives. Each period is
// counted afresh from the day it runs from, as its step did (docs/petitions.md, 暂定的期限). The
// office's own periods take the official date; a petitioner's request window never shrinks —
// whoever relied on the date printed on the reply keeps it.
import type { WorkingCalendar } from '../../../shared/calendar/workingCalendar';
import {
  hearingDays,
  PERIOD_DAYS,
  PERIOD_RUNS_IN,
  PERIOD_SHORT_LABELS,
  periodEnd,
  type PetitionPeriod,
} from '../../../shared/petitions/periods';
import type { DeadlineRecompute, MovedDeadline } from '../workflow/recordTables';
import { runningDueOn } from './petitionBinding';
import { readPetitionSettings } from './petitionSettings';
import type { PetitionRow } from './petitionRows';

type DueColumn =
  | 'acceptance_due_on'
  | 'handling_due_on'
  | 'review_request_due_on'
  | 'review_due_on'
  | 're_review_request_due_on'
  | 're_review_due_on';

interface Period {
  column: DueColumn;
  period: PetitionPeriod;
  /** The day the period runs from, and its days; null when its step was not taken. */
  start: (row: PetitionRow) => { from: string; days: number } | null;
  /** The petitioner's own window: never moved earlier. */
  petitioners?: boolean;
}

const PERIODS: Period[] = [
  {
    column: 'acceptance_due_on',
    period: 'acceptance',
    start: (r) => ({ from: r.received_on, days: PERIOD_DAYS.acceptance }),
  },
  {
    column: 'handling_due_on',
    period: 'handling',
    start: (r) =>
      r.accepted_on ? { from: r.accepted_on, days: PERIOD_DAYS.handling + (r.extension_days ?? 0) } : null,
  },
  {
    column: 'review_request_due_on',
    period: 'reviewRequest',
    petitioners: true,
    start: (r) => {
      const from = r.reply_delivered_on ?? (r.review_request_due_on ? r.replied_on : null);
      return from ? { from, days: PERIOD_DAYS.reviewRequest } : null;
    },
  },
  {
    column: 'review_due_on',
    period: 'review',
    start: (r) => (r.review_requested_on ? { from: r.review_requested_on, days: PERIOD_DAYS.review } : null),
  },
  {
    column: 're_review_request_due_on',
    period: 'reReviewRequest',
    petitioners: true,
    start: (r) => {
      const from = r.review_delivered_on ?? (r.re_review_request_due_on ? r.reviewed_on : null);
      return from ? { from, days: PERIOD_DAYS.reReviewRequest } : null;
    },
  },
  {
    column: 're_review_due_on',
    period: 'reReview',
    start: (r) =>
      r.re_review_requested_on
        ? { from: r.re_review_requested_on, days: PERIOD_DAYS.reReview + hearingDays(r.hearing_from, r.hearing_to) }
        : null,
  },
];

export const recomputePetitionDeadlines: DeadlineRecompute = async (scope, { after }, since) => {
  const settings = await readPetitionSettings(scope.tx);
  const rows = await scope.tx
    .selectFrom('petitions')
    .selectAll()
    .where('status', 'not in', ['notAccepted', 'reReviewed'])
    .where((eb) => eb.or(PERIODS.map((p) => eb(p.column, '>=', since))))
    .execute();
  const moved: MovedDeadline[] = [];
  for (const row of rows) {
    const set: Partial<Record<DueColumn, string>> = {};
    const lines: MovedDeadline[] = [];
    for (const period of PERIODS) {
      const old = row[period.column];
      const start = PERIOD_RUNS_IN[period.period].includes(row.status) ? period.start(row) : null;
      if (!old || old < since || !start) continue;
      const computed = dueOn(after, start, settings.counting[period.period]);
      const next = period.petitioners && computed < old ? old : computed;
      if (next === old) continue;
      set[period.column] = next;
      const label = `信访件${row.number}`;
      lines.push({ recordId: row.id, label, deadline: PERIOD_SHORT_LABELS[period.period], from: old, to: next });
    }
    if (lines.length === 0) continue;
    const running = runningDueOn({ ...row, ...set });
    await scope.change({ entity: 'petition', id: row.id, op: 'recomputeDeadline' }, async (tx) => {
      await tx
        .updateTable('petitions')
        .set((eb) => ({ ...set, running_due_on: running, version: eb('version', '+', 1) }))
        .where('id', '=', row.id)
        .execute();
      return {
        summary: `正式节假日安排导入，${lines.map((l) => `${l.deadline}由 ${l.from} 重算为 ${l.to}`).join('；')}`,
        ...set,
      };
    });
    moved.push(...lines);
  }
  return moved;
};

function dueOn(
  calendar: WorkingCalendar,
  start: { from: string; days: number },
  counting: 'calendarDays' | 'workingDays',
) {
  return periodEnd(calendar, start.from, start.days, counting);
}
