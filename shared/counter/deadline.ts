// Promised completion dates and the green / yellow / red warning, on the working-day calendar.
// The warning's rule is every desk's (shared/calendar/deadlines.ts); the counter adds its pauses.
import { dueDateState, type DeadlineState } from '../calendar/deadlines';
import type { WorkingCalendar } from '../calendar/workingCalendar';

export {
  DEADLINE_COLOUR_LABELS,
  DEADLINE_COLOURS,
  type DeadlineColour,
  type DeadlineState,
} from '../calendar/deadlines';

/**
 * The promised completion date of a case accepted on `acceptedOn`: 即办件 the same day, 承诺件
 * `workingDays` working days counted from the day after (受理 2026-09-29 + 5 → 2026-10-12).
 * Null when the item promises nothing (a 转报件 whose time is the county's).
 * Throws MissingCalendarYearError when the calendar lacks a year on the way.
 */
export function promisedCompletionDate(
  calendar: WorkingCalendar,
  acceptedOn: string,
  workingDays: number | null,
  immediate: boolean,
): string | null {
  if (immediate) return acceptedOn;
  if (workingDays === null) return null;
  return calendar.addWorkingDays(acceptedOn, workingDays);
}

/**
 * Working days a pause stopped the clock: the day it began still counted, the day it ended did
 * not (paused Monday, resumed Wednesday → 2). A pause begun and ended the same day costs nothing.
 */
export function pausedWorkingDays(calendar: WorkingCalendar, pausedOn: string, resumedOn: string): number {
  return Math.max(0, calendar.workingDaysBetween(pausedOn, resumedOn));
}

/** The promised date moved on by a pause of `days` working days. */
export function extendByPause(calendar: WorkingCalendar, promisedDate: string, days: number): string {
  return days === 0 ? promisedDate : calendar.addWorkingDays(promisedDate, days);
}

/**
 * The warning for an open case on `today`: red when the due date has passed, yellow when it is
 * due today or on the next working day, green otherwise. A running pause (since `pausedOn`)
 * pushes the due date as resuming today would, so a paused case never turns red while it waits.
 */
export function deadlineState(
  calendar: WorkingCalendar,
  promisedDate: string | null,
  today: string,
  pausedOn: string | null = null,
): DeadlineState {
  const dueDate =
    promisedDate !== null && pausedOn
      ? extendByPause(calendar, promisedDate, pausedWorkingDays(calendar, pausedOn, today))
      : promisedDate;
  return dueDateState(calendar, dueDate, today);
}
