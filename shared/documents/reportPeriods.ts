// The periods every desk's statistics are asked for: a month (2026-10), a quarter (2026-Q4) or a
// year (2026) — the county's 月度汇报、季度考评、年终总评. A period is one string, so it travels
// in the API, the address of an export and the session memory alike, and sorts as it reads.
import { z } from 'zod';

export const REPORT_PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type ReportPeriodKind = (typeof REPORT_PERIOD_KINDS)[number];

/** 月度 / 季度 / 年度, as a report's title names its period. */
export const REPORT_PERIOD_KIND_LABELS: Record<ReportPeriodKind, string> = {
  month: '月度',
  quarter: '季度',
  year: '年度',
};

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

export const reportPeriod = z
  .string()
  .refine((value) => MONTH.test(value) || QUARTER.test(value) || YEAR.test(value), {
    message: '统计期间格式应为 年-月（如 2026-10）、年-季度（如 2026-Q4）或 年（如 2026）',
  })
  .describe('统计期间');
export type ReportPeriod = string;

export function isReportPeriod(value: string): boolean {
  return MONTH.test(value) || QUARTER.test(value) || YEAR.test(value);
}

/** Which kind a period is. Throws on a string that is none (the API has refused it before). */
export function periodKind(period: ReportPeriod): ReportPeriodKind {
  if (MONTH.test(period)) return 'month';
  if (QUARTER.test(period)) return 'quarter';
  if (YEAR.test(period)) return 'year';
  throw new RangeError(`不是统计期间：“${period}”`);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-02` → 28; leap years as the Gregorian calendar has them. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first and the last month (`YYYY-MM`) of a period. */
function monthBounds(period: ReportPeriod): { first: string; last: string } {
  const year = Number(period.slice(0, 4));
  switch (periodKind(period)) {
    case 'month':
      return { first: period, last: period };
    case 'quarter': {
      const q = Number(period.slice(6));
      return { first: `${year}-${pad(q * 3 - 2)}`, last: `${year}-${pad(q * 3)}` };
    }
    case 'year':
      return { first: `${year}-01`, last: `${year}-12` };
  }
}

/** The first and last day of a period: 2026-Q1 → 2026-01-01 … 2026-03-31, 2028-02 → … 2028-02-29. */
export function periodSpan(period: ReportPeriod): { from: string; to: string } {
  const { first, last } = monthBounds(period);
  const [year, month] = last.split('-').map(Number) as [number, number];
  return { from: `${first}-01`, to: `${last}-${pad(daysInMonth(year, month))}` };
}

/** The months of a period in order: a month itself, a quarter's three, a year's twelve. */
export function periodMonths(period: ReportPeriod): string[] {
  const { first, last } = monthBounds(period);
  const months: string[] = [];
  for (let month = first; month <= last; month = shiftMonth(month, 1)) months.push(month);
  return months;
}

/** `YYYY-MM` moved by `by` months, across year ends (2026-12 + 1 → 2027-01). */
export function shiftMonth(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5)) - 1 + by;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The period of `kind` holding the day `date` (`YYYY-MM-DD`): 2026-11-05 → 2026-11, 2026-Q4, 2026. */
export function periodOf(kind: ReportPeriodKind, date: string): ReportPeriod {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  if (kind === 'month') return date.slice(0, 7);
  if (kind === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return year;
}

/** The period `by` steps from `period`, of the same kind (2026-Q4 + 1 → 2027-Q1). */
export function shiftPeriod(period: ReportPeriod, by: number): ReportPeriod {
  const kind = periodKind(period);
  if (kind === 'month') return shiftMonth(period, by);
  if (kind === 'year') return String(Number(period) + by);
  const index = Number(period.slice(0, 4)) * 4 + Number(period.slice(6)) - 1 + by;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** The day the figures of a period are taken on: its last day, or `today` while it runs. */
export function periodAsOf(period: ReportPeriod, today: string): string {
  const { to } = periodSpan(period);
  return today < to ? today : to;
}

/** Whether the period has not begun by `today` (nothing can be counted in it yet). */
export function isFuturePeriod(period: ReportPeriod, today: string): boolean {
  return periodSpan(period).from > today;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** `2026年10月`, `2026年第四季度`, `2026年`. */
export function periodLabel(period: ReportPeriod): string {
  const year = period.slice(0, 4);
  switch (periodKind(period)) {
    case 'month':
      return `${year}年${Number(period.slice(5))}月`;
    case 'quarter':
      return `${year}年第${QUARTER_NAMES[Number(period.slice(6)) - 1]}季度`;
    case 'year':
      return `${year}年`;
  }
}

/** `10月` (within a year's or a quarter's figures, the year is said once above). */
export function shortMonthLabel(month: string): string {
  return `${Number(month.slice(5))}月`;
}

/** `2025年11月` when the month's year is not `year`, `11月` when it is (a trend across a year end). */
export function monthLabelWithin(month: string, year: string): string {
  return month.startsWith(year) ? shortMonthLabel(month) : `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
}

/**
 * The months a period's trend is drawn over: a quarter's or a year's own months, a single month
 * with the eleven before it (one point is no trend); months after `today`'s are left out, as
 * nothing has happened in them yet.
 */
export function trendMonths(period: ReportPeriod, today: string): string[] {
  const months =
    periodKind(period) === 'month'
      ? Array.from({ length: 12 }, (_, i) => shiftMonth(period, i - 11))
      : periodMonths(period);
  const current = today.slice(0, 7);
  return months.filter((month) => month <= current);
}
