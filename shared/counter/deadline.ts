// Promised completion dates and the green / yellow / red warning, on the working-day calendar.
import type { WorkingCalendar } from '../calendar/workingCalendar';

export const DEADLINE_COLOURS = ['red', 'yellow', 'green'] as const;
export type DeadlineColour = (typeof DEADLINE_COLOURS)[number];

export const DEADLINE_COLOUR_LABELS: Record<DeadlineColour, string> = {
  red: '已超期',
  yellow: '临近到期',
  green: '正常',
};

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

export interface DeadlineState {
  colour: DeadlineColour;
  /** The date the case is due, a running pause included. */
  dueDate: string | null;
  /** Working days from today to the due date: 0 due today, negative overdue. Null without a date. */
  workingDaysLeft: number | null;
  /** The due date lies in a year without its official arrangement (暂定). */
  provisional: boolean;
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
  if (promisedDate === null) return { colour: 'green', dueDate: null, workingDaysLeft: null, provisional: false };
  const dueDate = pausedOn
    ? extendByPause(calendar, promisedDate, pausedWorkingDays(calendar, pausedOn, today))
    : promisedDate;
  const provisional = calendar.isProvisional(dueDate);
  if (today > dueDate)
    return { colour: 'red', dueDate, workingDaysLeft: 0 - calendar.workingDaysBetween(dueDate, today), provisional };
  const left = calendar.workingDaysBetween(today, dueDate);
  return { colour: left <= 1 ? 'yellow' : 'green', dueDate, workingDaysLeft: left, provisional };
}
