// A deadline counted in working days, and the green / yellow / red warning every desk's worklist
// shows for it: one rule, so the counter's 承诺件 and a resident's 限期解决 matter turn yellow
// and red on the same days. The counter adds its pauses around it (shared/counter/deadline.ts).
import type { WorkingCalendar } from './workingCalendar';

export const DEADLINE_COLOURS = ['red', 'yellow', 'green'] as const;
export type DeadlineColour = (typeof DEADLINE_COLOURS)[number];

export const DEADLINE_COLOUR_LABELS: Record<DeadlineColour, string> = {
  red: '已超期',
  yellow: '临近到期',
  green: '正常',
};

export interface DeadlineState {
  colour: DeadlineColour;
  /** The date the record is due (a running pause included, on the counter). */
  dueDate: string | null;
  /** Working days from today to the due date: 0 due today, negative overdue. Null without a date. */
  workingDaysLeft: number | null;
  /** The due date lies in a year without its official arrangement (暂定). */
  provisional: boolean;
}

/**
 * The warning on `today` for a record due on `dueDate`: red when the due date has passed, yellow
 * when it is due today or on the next working day, green otherwise (and without a date).
 * Throws MissingCalendarYearError when the calendar cannot count the days between.
 */
export function dueDateState(calendar: WorkingCalendar, dueDate: string | null, today: string): DeadlineState {
  if (dueDate === null) return { colour: 'green', dueDate: null, workingDaysLeft: null, provisional: false };
  const provisional = calendar.isProvisional(dueDate);
  if (today > dueDate)
    return { colour: 'red', dueDate, workingDaysLeft: 0 - calendar.workingDaysBetween(dueDate, today), provisional };
  const left = calendar.workingDaysBetween(today, dueDate);
  return { colour: left <= 1 ? 'yellow' : 'green', dueDate, workingDaysLeft: left, provisional };
}

/**
 * As dueDateState, for a worklist: a due date the calendar cannot reckon (a year it does not
 * cover) shows red rather than hidden — it is due and nobody can say how long is left.
 */
export function shownDueDateState(calendar: WorkingCalendar, dueDate: string | null, today: string): DeadlineState {
  try {
    return dueDateState(calendar, dueDate, today);
  } catch {
    return { colour: 'red', dueDate, workingDaysLeft: null, provisional: true };
  }
}
