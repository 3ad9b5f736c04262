// Calendar dates as `YYYY-MM-DD` strings: what a deadline is made of. Arithmetic goes through
// UTC midnights, so no time zone or daylight-saving rule can move a day.

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function toUtc(date: string): number {
  if (!isCalendarDate(date)) throw new RangeError(`不是有效的日期：“${date}”（应为 YYYY-MM-DD）`);
  return Date.parse(`${date}T00:00:00Z`);
}

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(toUtc(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(toUtc(date)).getUTCDay();
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

const WEEKDAY_NAMES = ['日', '一', '二', '三', '四', '五', '六'];

/** `2026年10月12日（星期一）` */
export function chineseDateWithWeekday(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日（星期${WEEKDAY_NAMES[weekday(date)]}）`;
}
