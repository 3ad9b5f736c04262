// 超期 (overdue): the one definition the worklist, the home page's counts and the statistics all
// use, so that the three can never tell a leader different numbers (docs/counter.md, 超期的定义).
//
// A counter case with a promised date is overdue on a day D when
//  - it is still open on D (accepted by D, neither completed nor voided by D) and its due date
//    on D has passed — the due date being the promised date as it stood on D, a pause running on
//    D moving it as if the clock started again on D (a paused case never turns red while it
//    waits): the worklist's red (在办超期); or
//  - it was completed by D, after its promised date: it stays overdue (超期办结).
// A case that promises nothing (a 转报件 whose time is the county's), one not accepted by D and
// one voided by D is never overdue.
import type { WorkingCalendar } from '../calendar/workingCalendar';
import { deadlineState, extendByPause, type DeadlineState } from './deadline';

/** The dates of a case that decide where it stood on any day. */
export interface CaseClock {
  /** Null: never accepted (waiting for materials, or refused). */
  acceptedOn: string | null;
  /** The promised date at acceptance, before any pause moved it. */
  originalPromisedDate: string | null;
  /** The promised date now: moved on by every pause that has ended. */
  promisedDate: string | null;
  /** Every pause in order, with the working days it moved the promise once it ended. */
  pauses: readonly { pausedOn: string; resumedOn: string | null; workingDays: number | null }[];
  completedOn: string | null;
  /** The (local) day the case was voided, or null. */
  voidedOn: string | null;
}

export type CaseStanding =
  | { stage: 'notAccepted' | 'voided'; overdue: false }
  | { stage: 'open'; overdue: boolean; deadline: DeadlineState }
  | { stage: 'completed'; overdue: boolean };

/**
 * The warning of an open case on `day` (deadlineState). A due date the calendar cannot reckon
 * (a year it does not cover) shows red rather than hidden: it is due and nobody can say how
 * long is left — the worklist and the statistics count it alike.
 */
export function openCaseDeadline(
  calendar: WorkingCalendar,
  promisedDate: string | null,
  day: string,
  pausedOn: string | null,
): DeadlineState {
  try {
    return deadlineState(calendar, promisedDate, day, pausedOn);
  } catch {
    return { colour: 'red', dueDate: promisedDate, workingDaysLeft: null, provisional: true };
  }
}

/** The promised date as it stood on `day`: pauses that ended after it had not moved it yet. */
function promisedDateOn(calendar: WorkingCalendar, clock: CaseClock, day: string): string | null {
  const laterResumed = clock.pauses.some((p) => p.resumedOn !== null && p.resumedOn > day);
  if (!laterResumed || clock.originalPromisedDate === null) return clock.promisedDate;
  const days = clock.pauses
    .filter((p) => p.resumedOn !== null && p.resumedOn <= day)
    .reduce((sum, p) => sum + (p.workingDays ?? 0), 0);
  return extendByPause(calendar, clock.originalPromisedDate, days);
}

/** Where the case stood on `day`, and whether it was overdue then (the definition above). */
export function caseStandingOn(calendar: WorkingCalendar, clock: CaseClock, day: string): CaseStanding {
  if (clock.acceptedOn === null || clock.acceptedOn > day) return { stage: 'notAccepted', overdue: false };
  if (clock.voidedOn !== null && clock.voidedOn <= day) return { stage: 'voided', overdue: false };
  if (clock.completedOn !== null && clock.completedOn <= day) {
    return {
      stage: 'completed',
      overdue: clock.promisedDate !== null && clock.completedOn > clock.promisedDate,
    };
  }
  const running = clock.pauses.find((p) => p.pausedOn <= day && (p.resumedOn === null || p.resumedOn > day));
  let promised: string | null;
  try {
    promised = promisedDateOn(calendar, clock, day);
  } catch {
    promised = clock.promisedDate;
  }
  const deadline = openCaseDeadline(calendar, promised, day, running?.pausedOn ?? null);
  return { stage: 'open', overdue: deadline.colour === 'red', deadline };
}

/** Overdue on `day`: open past its due date (在办超期) or completed after its promised date (超期办结). */
export function isOverdueOn(calendar: WorkingCalendar, clock: CaseClock, day: string): boolean {
  return caseStandingOn(calendar, clock, day).overdue;
}

/** Open on `day` and past its due date then: the worklist's red, and the statistics' 在办超期. */
export function isOpenOverdueOn(calendar: WorkingCalendar, clock: CaseClock, day: string): boolean {
  const standing = caseStandingOn(calendar, clock, day);
  return standing.stage === 'open' && standing.overdue;
}
