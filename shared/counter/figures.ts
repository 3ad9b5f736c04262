// The counter's figures (统计报表 and the daily report) defined on one row of `counter_cases`, so
// the county counts from the synced rows what the township's statistics count from its table
// (electron/backend/counter/periodSummary.ts; docs/counter.md, 县级汇总). The proof that both say
// the same: test/figures/counterFigures.test.ts.
//
// The cohort is the statistics' own: the cases accepted in the period (the row's `anchor` is
// accepted_on), each on the period's asOf exactly one of completed, open or voided. 超期 is not a
// cohort figure: it counts every case open and past its due date on the day, whenever accepted —
// the row's `standing` events, from shared/counter/overdue.ts, the one definition of 超期.
//
// Two things besides the row decide figures, as they do on the township:
//  - the working calendar, for 超期 of a case with pauses (a running pause moves the due date by
//    working days; a pause that ended moved it by its working days): the definition is made for
//    a calendar, the township's (its calendar_years; the county sends them down to every township);
//  - the time zone, for the day a case was voided (voided_at is a timestamp): the township's,
//    Asia/Shanghai unless its settings say otherwise.
import { z } from 'zod';
import { isCalendarDate } from '../calendar/dates';
import type { WorkingCalendar } from '../calendar/workingCalendar';
import {
  countsBetween,
  countsFrom,
  dayAfter,
  type FigureCounts,
  type FigureDefinition,
  type FigureEvent,
} from '../figures/figureEvents';
import { POOR_LEVELS, RATING_LEVELS, SATISFIED_LEVELS } from './casesApi';
import { CASE_STATUSES } from './caseStatus';
import { caseStandingOn, isOpenOverdueOn, type CaseClock } from './overdue';
import { percentage } from './statistics';

/** The township's time zone when its settings do not say (electron/backend/api/settings.ts DEFAULT_SETTINGS). */
export const TOWNSHIP_TIME_ZONE = 'Asia/Shanghai';

/**
 * The counter's figures, named as the statistics name them (PeriodSummary: `counts`, `overdue`,
 * `notAccepted`, `awaitingMaterials`), in the order the 统计报表 shows them.
 */
export const COUNTER_CASE_FIGURES = [
  'accepted',
  'completedOnTheSpot',
  'completed',
  'completedOnTime',
  'completedLate',
  'open',
  'voided',
  'rated',
  'satisfied',
  'poorRatings',
  'overdue',
  'notAccepted',
  'awaitingMaterials',
] as const;
export type CounterCaseFigure = (typeof COUNTER_CASE_FIGURES)[number];

const date = z.string().refine(isCalendarDate);
const flag = z.union([z.literal(0), z.literal(1), z.boolean()]).transform((v) => v === 1 || v === true);

/** The pauses the steps JSON holds: all 超期 needs of it. */
const stepsPauses = z.string().transform((text, ctx) => {
  let steps: unknown;
  try {
    steps = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'steps 不是 JSON' });
    return z.NEVER;
  }
  const parsed = z
    .object({
      pauses: z
        .array(z.object({ pausedOn: date, resumedOn: date.nullable(), workingDays: z.number().int().nullable() }))
        .optional(),
    })
    .safeParse(steps);
  if (!parsed.success) {
    ctx.addIssue({ code: 'custom', message: 'steps 中的暂停记录无法读取' });
    return z.NEVER;
  }
  return parsed.data.pauses ?? [];
});

const caseRow = z.object({
  status: z.enum(CASE_STATUSES),
  intake_on: date,
  accepted_on: date.nullable(),
  original_promised_date: date.nullable(),
  promised_date: date.nullable(),
  completed_on: date.nullable(),
  completed_on_the_spot: flag,
  rating: z.enum(RATING_LEVELS).nullable(),
  voided_at: z
    .string()
    .refine((at) => !Number.isNaN(Date.parse(at)))
    .nullable(),
  steps: stepsPauses,
});
type CaseRow = z.infer<typeof caseRow>;

/** `YYYY-MM-DD` of the instant in `timeZone`, as the township takes a timestamp's day (api/settings.ts localDate). */
function localDay(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The earlier of two days, either of which may be missing. */
function earlier(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/**
 * The days a case was open and past its due date (在办超期), as +1/−1 events: by the township's
 * own rule (isOpenOverdueOn), asked once per stretch between its steps. Between two of its dates
 * (acceptance, a pause beginning or ending, completion, voiding) the due date does not move — a
 * running pause moves it day by day, but then either the case was late before the pause and
 * stays red, or it turns red never (shared/counter/overdue.ts) — so in each stretch the case is
 * red from one day on to the stretch's end, or not at all.
 */
function overdueEvents(calendar: WorkingCalendar, clock: CaseClock): FigureEvent<CounterCaseFigure>[] {
  const acceptedOn = clock.acceptedOn;
  if (acceptedOn === null || clock.promisedDate === null) return [];
  const end = earlier(clock.completedOn, clock.voidedOn);
  const starts = new Set<string>([acceptedOn]);
  for (const pause of clock.pauses) {
    for (const day of [pause.pausedOn, pause.resumedOn]) {
      if (day !== null && day > acceptedOn && (end === null || day < end)) starts.add(day);
    }
  }
  const sorted = [...starts].sort();
  const events: FigureEvent<CounterCaseFigure>[] = [];
  sorted.forEach((start, i) => {
    const stop = sorted[i + 1] ?? end;
    if (stop !== null && stop <= start) return;
    const standing = caseStandingOn(calendar, clock, start);
    if (standing.stage !== 'open') return;
    let from: string;
    if (standing.overdue) from = start;
    else {
      const due = standing.deadline.dueDate;
      if (due === null) return;
      from = dayAfter(due);
      if ((stop !== null && from >= stop) || !isOpenOverdueOn(calendar, clock, from)) return;
    }
    events.push(...countsBetween<CounterCaseFigure>('overdue', from, stop));
  });
  return events;
}

function caseFigures(row: CaseRow, calendar: WorkingCalendar, timeZone: string) {
  const acceptedOn = row.accepted_on;
  if (acceptedOn === null) {
    // Never accepted: counted by its intake day, as it stands now (the statistics ask its status).
    const waiting = row.status === 'notAccepted' || row.status === 'awaitingMaterials' ? row.status : null;
    return waiting
      ? { events: countsFrom<CounterCaseFigure>(waiting, row.intake_on, { placedOn: row.intake_on }) }
      : null;
  }
  const voidedOn = row.voided_at === null ? null : localDay(row.voided_at, timeZone);
  // The statistics take a case as voided by its status and the day it was voided.
  const voided = row.status === 'voided' ? voidedOn : null;
  const completed = row.completed_on;
  const onTime = completed !== null && (row.promised_date === null || completed <= row.promised_date);
  const events: FigureEvent<CounterCaseFigure>[] = [
    ...countsFrom<CounterCaseFigure>('accepted', acceptedOn),
    ...countsBetween<CounterCaseFigure>('open', acceptedOn, earlier(completed, voided)),
    ...countsFrom<CounterCaseFigure>('voided', voided),
  ];
  if (completed !== null) {
    events.push(...countsBetween<CounterCaseFigure>('completed', completed, voided));
    events.push(...countsBetween<CounterCaseFigure>(onTime ? 'completedOnTime' : 'completedLate', completed, voided));
    if (row.completed_on_the_spot)
      events.push(...countsBetween<CounterCaseFigure>('completedOnTheSpot', completed, voided));
  }
  if (row.rating !== null) {
    // The statistics count ratings as recorded, whatever the day asked (only a voided case's not):
    // the rating counts from the acceptance on, so a month asked later holds its cases' ratings.
    events.push(...countsBetween<CounterCaseFigure>('rated', acceptedOn, voided));
    if (SATISFIED_LEVELS.includes(row.rating))
      events.push(...countsBetween<CounterCaseFigure>('satisfied', acceptedOn, voided));
    else if (POOR_LEVELS.includes(row.rating))
      events.push(...countsBetween<CounterCaseFigure>('poorRatings', acceptedOn, voided));
  }
  const clock: CaseClock = {
    acceptedOn,
    originalPromisedDate: row.original_promised_date,
    promisedDate: row.promised_date,
    pauses: row.steps,
    completedOn: completed,
    voidedOn,
  };
  return { anchor: acceptedOn, events, standing: overdueEvents(calendar, clock) };
}

/** The rates beside the counts, as the statistics round them (PeriodSummary `rates`). */
export function counterCaseRates(counts: FigureCounts<CounterCaseFigure>) {
  return {
    onTheSpot: percentage(counts.completedOnTheSpot, counts.accepted),
    onTime: percentage(counts.completedOnTime, counts.completed),
    satisfaction: percentage(counts.satisfied, counts.rated),
  };
}

/**
 * The definition of the counter's figures on `counter_cases`, for the township's working
 * calendar (超期 of paused cases depends on it) and time zone (the day a case was voided).
 */
export function counterCaseFigures(
  calendar: WorkingCalendar,
  timeZone: string = TOWNSHIP_TIME_ZONE,
): FigureDefinition<CounterCaseFigure> {
  return {
    desk: 'counter',
    table: 'counter_cases',
    figures: COUNTER_CASE_FIGURES,
    ofRow(row) {
      const parsed = caseRow.safeParse(row);
      if (!parsed.success) return null;
      try {
        return caseFigures(parsed.data, calendar, timeZone);
      } catch {
        // A date the calendar cannot reckon at all, a time zone the runtime does not know: the
        // county never stops on a township's odd row.
        return null;
      }
    },
    rates: counterCaseRates,
  };
}
