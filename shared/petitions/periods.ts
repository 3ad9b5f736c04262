// The clock of 信访工作条例 (2022): 15 days from receipt to tell the petitioner whether the matter
// is accepted, 60 days from acceptance to handle it with one extension of at most 30 days (the
// reason told), 30 days from the written reply to ask for a review (复查) and 30 to answer it, the
// same for a re-review (复核).
//
// The regulation counts 日, not 工作日. By default every period therefore counts calendar days
// the way 民法典 第二百零一条、第二百零三条 count any period: the day it starts from is not
// counted, and a period whose last day is a rest day (a weekend or a holiday of the working
// calendar) ends on the next working day. An installation may count any period in working days
// instead (some provinces' rules do); each petition keeps the dates computed when its step was
// taken, so a changed setting never moves a deadline already given.
import { addDays, daysBetween } from '../calendar/dates';
import type { WorkingCalendar } from '../calendar/workingCalendar';
import type { PetitionStatus } from './petitions';

export const PETITION_PERIODS = [
  'acceptance',
  'handling',
  'reviewRequest',
  'review',
  'reReviewRequest',
  'reReview',
] as const;
export type PetitionPeriod = (typeof PETITION_PERIODS)[number];

/** The length of each period, as the regulation sets it. */
export const PERIOD_DAYS: Record<PetitionPeriod, number> = {
  acceptance: 15,
  handling: 60,
  reviewRequest: 30,
  review: 30,
  reReviewRequest: 30,
  reReview: 30,
};

/** At most one extension of handling, of at most this many days. */
export const MAX_EXTENSION_DAYS = 30;

export const PERIOD_LABELS: Record<PetitionPeriod, string> = {
  acceptance: '受理告知：收到信访事项之日起15日内',
  handling: '办理：受理之日起60日内（可延长一次，不超过30日）',
  reviewRequest: '请求复查：收到答复意见书之日起30日内',
  review: '复查：收到复查请求之日起30日内',
  reReviewRequest: '请求复核：收到复查意见之日起30日内',
  reReview: '复核：收到复核请求之日起30日内',
};

/** The short name a deadline shows under. */
export const PERIOD_SHORT_LABELS: Record<PetitionPeriod, string> = {
  acceptance: '受理告知期限',
  handling: '办理期限',
  reviewRequest: '复查请求期限',
  review: '复查期限',
  reReviewRequest: '复核请求期限',
  reReview: '复核期限',
};

export const DAY_COUNTS = ['calendarDays', 'workingDays'] as const;
export type DayCount = (typeof DAY_COUNTS)[number];
export const DAY_COUNT_LABELS: Record<DayCount, string> = {
  calendarDays: '自然日（末日逢节假日顺延）',
  workingDays: '工作日',
};

export type PeriodCounting = Record<PetitionPeriod, DayCount>;

/** As the regulation reads: 日 everywhere. */
export const DEFAULT_PERIOD_COUNTING: PeriodCounting = {
  acceptance: 'calendarDays',
  handling: 'calendarDays',
  reviewRequest: 'calendarDays',
  review: 'calendarDays',
  reReviewRequest: 'calendarDays',
  reReview: 'calendarDays',
};

/**
 * The last day of a period of `days` days from `from` (the day of receipt, acceptance, reply…).
 * Calendar days: `from` + `days`, moved on to the next working day when it is a rest day — on a
 * provisional year too, whose statutory days are rest days by law (2027-02-05, 除夕, moves to
 * 2027-02-09). Only a calendar that covers no such year leaves the day where it falls.
 * Working days: counted from the day after; an uncovered year throws MissingCalendarYearError.
 */
export function periodEnd(calendar: WorkingCalendar, from: string, days: number, counting: DayCount): string {
  if (counting === 'workingDays') return calendar.addWorkingDays(from, days);
  return calendar.periodLastDay(addDays(from, days));
}

/** The handling deadline: 60 days from acceptance, plus the extension when one was granted. */
export function handlingDeadline(
  calendar: WorkingCalendar,
  acceptedOn: string,
  extensionDays: number,
  counting: DayCount,
): string {
  return periodEnd(calendar, acceptedOn, PERIOD_DAYS.handling + extensionDays, counting);
}

/**
 * Days a re-review's hearing (听证) took, both ends counted: 信访工作条例 第三十五条 leaves the
 * hearing's time out of the re-review period, so they are added to it. Zero without a hearing.
 */
export function hearingDays(from: string | null, to: string | null): number {
  return from && to ? daysBetween(from, to) + 1 : 0;
}

/** Yellow from this many days before a deadline (as the mediation norm). */
export const PETITION_WARNING_DAYS = 5;

export type DeadlineColour = 'green' | 'yellow' | 'red';

export interface PetitionDeadline {
  period: PetitionPeriod;
  dueOn: string;
  colour: DeadlineColour;
  /** Calendar days from today to the due date: 0 due today, negative overdue. */
  daysLeft: number;
  /** Due in a year without its official arrangement: 暂定 until it arrives. */
  provisional: boolean;
}

/**
 * The statuses in which each period runs: the office's while it owes a step, the petitioner's
 * request windows while an answer stands (a closed petition reopens for a review in time).
 */
export const PERIOD_RUNS_IN: Record<PetitionPeriod, readonly PetitionStatus[]> = {
  acceptance: ['registered'],
  handling: ['accepted'],
  reviewRequest: ['replied', 'closed'],
  review: ['underReview'],
  reReviewRequest: ['reviewed', 'closed'],
  reReview: ['underReReview'],
};

/** The office's deadlines a petition carries (null until its step was taken). */
export interface PetitionDueDates {
  status: PetitionStatus;
  acceptanceDueOn: string;
  handlingDueOn: string | null;
  reviewDueOn: string | null;
  reReviewDueOn: string | null;
}

/** The deadline of the office running now, or null when the petition waits on nobody here. */
export function runningDeadline(petition: PetitionDueDates): { period: PetitionPeriod; dueOn: string } | null {
  switch (petition.status) {
    case 'registered':
      return { period: 'acceptance', dueOn: petition.acceptanceDueOn };
    case 'accepted':
      return petition.handlingDueOn ? { period: 'handling', dueOn: petition.handlingDueOn } : null;
    case 'underReview':
      return petition.reviewDueOn ? { period: 'review', dueOn: petition.reviewDueOn } : null;
    case 'underReReview':
      return petition.reReviewDueOn ? { period: 'reReview', dueOn: petition.reReviewDueOn } : null;
    default:
      return null;
  }
}

/** Red past the due date, yellow within PETITION_WARNING_DAYS of it (due today included). */
export function deadlineColour(dueOn: string, today: string): { colour: DeadlineColour; daysLeft: number } {
  const daysLeft = daysBetween(today, dueOn);
  return { colour: daysLeft < 0 ? 'red' : daysLeft <= PETITION_WARNING_DAYS ? 'yellow' : 'green', daysLeft };
}

export function petitionDeadline(
  petition: PetitionDueDates,
  today: string,
  calendar: WorkingCalendar,
): PetitionDeadline | null {
  const running = runningDeadline(petition);
  return running
    ? { ...running, ...deadlineColour(running.dueOn, today), provisional: calendar.isProvisional(running.dueOn) }
    : null;
}

/**
 * For a list filter: the due dates (inclusive) a colour means on `today`. Red: before today;
 * yellow: today up to PETITION_WARNING_DAYS ahead; green: after that.
 */
export function dueRangeOf(colour: DeadlineColour, today: string): { from?: string; to?: string } {
  if (colour === 'red') return { to: addDays(today, -1) };
  if (colour === 'yellow') return { from: today, to: addDays(today, PETITION_WARNING_DAYS) };
  return { from: addDays(today, PETITION_WARNING_DAYS + 1) };
}
