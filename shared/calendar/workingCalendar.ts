// The working-day calendar: weekends, official holidays and official make-up working days
// (调休上班), as data per year. The State Council publishes each year's arrangement in
// November; the county pushes it down and an administrator can import or edit it. A year it
// does not hold is either an error (a calendar built without a stand-in) or, as the backend
// builds it, a provisional year computed from the statutory holidays: the desk keeps working
// across the year end, and every date that depends on such a year says 暂定.
import { z } from 'zod';
import { addDays, isCalendarDate, weekday, yearOf } from './dates';
import { printable } from '../validation/printable';

export const CALENDAR_FILE_FORMAT = 'township-desk/working-calendar';
export const CALENDAR_FILE_VERSION = 1;

const calendarDate = (label: string) =>
  z.string().refine(isCalendarDate, { message: `${label}应为有效日期（YYYY-MM-DD）` });

export const holidayRange = z.strictObject({
  name: printable(z.string().trim().min(1, { message: '假日名称不能为空' }).max(20)).describe('假日名称'),
  from: calendarDate('放假开始日期').describe('放假开始日期'),
  to: calendarDate('放假结束日期').describe('放假结束日期'),
});

export const makeUpWorkday = z.strictObject({
  date: calendarDate('调休上班日期').describe('调休上班日期'),
  /** The holiday it makes up for, as published. */
  for: printable(z.string().trim().max(20)).optional().describe('对应假日'),
});

export const calendarYear = z
  .strictObject({
    year: z.number().int().min(2000).max(2100).describe('年份'),
    /** Where the arrangement comes from, e.g. 国务院办公厅关于2026年部分节假日安排的通知. */
    source: printable(z.string().trim().max(200)).optional().describe('依据'),
    holidays: z.array(holidayRange).max(30).describe('法定节假日'),
    makeUpWorkdays: z.array(makeUpWorkday).max(30).describe('调休上班日'),
  })
  .superRefine((year, ctx) => {
    const holidayDays = new Set<string>();
    year.holidays.forEach((holiday, i) => {
      for (const [key, date] of [
        ['from', holiday.from],
        ['to', holiday.to],
      ] as const) {
        if (isCalendarDate(date) && yearOf(date) !== year.year) {
          ctx.addIssue({
            code: 'custom',
            path: ['holidays', i, key],
            message: `${holiday.name}的日期 ${date} 不在 ${year.year} 年`,
          });
        }
      }
      if (!isCalendarDate(holiday.from) || !isCalendarDate(holiday.to)) return;
      if (holiday.to < holiday.from) {
        ctx.addIssue({
          code: 'custom',
          path: ['holidays', i, 'to'],
          message: `${holiday.name}的结束日期 ${holiday.to} 早于开始日期 ${holiday.from}`,
        });
        return;
      }
      for (let day = holiday.from; day <= holiday.to; day = addDays(day, 1)) holidayDays.add(day);
    });
    const seen = new Set<string>();
    year.makeUpWorkdays.forEach((makeUp, i) => {
      if (!isCalendarDate(makeUp.date)) return;
      const path = ['makeUpWorkdays', i, 'date'];
      if (yearOf(makeUp.date) !== year.year) {
        ctx.addIssue({ code: 'custom', path, message: `调休上班日 ${makeUp.date} 不在 ${year.year} 年` });
      } else if (weekday(makeUp.date) !== 0 && weekday(makeUp.date) !== 6) {
        ctx.addIssue({ code: 'custom', path, message: `调休上班日 ${makeUp.date} 不是周末，本来就是工作日` });
      } else if (holidayDays.has(makeUp.date)) {
        ctx.addIssue({ code: 'custom', path, message: `${makeUp.date} 既是假日又是调休上班日` });
      } else if (seen.has(makeUp.date)) {
        ctx.addIssue({ code: 'custom', path, message: `调休上班日 ${makeUp.date} 重复` });
      }
      seen.add(makeUp.date);
    });
  });
export type CalendarYear = z.infer<typeof calendarYear>;

/** The whole-file form, for import and export. */
export const calendarFile = z
  .strictObject({
    format: z.literal(CALENDAR_FILE_FORMAT, { message: `不是工作日历文件（format 应为 ${CALENDAR_FILE_FORMAT}）` }),
    version: z.literal(CALENDAR_FILE_VERSION, { message: `工作日历文件版本应为 ${CALENDAR_FILE_VERSION}` }),
    years: z.array(calendarYear).min(1, { message: '文件中没有任何年份' }).max(50),
  })
  .superRefine((file, ctx) => {
    const years = new Set<number>();
    file.years.forEach((year, i) => {
      if (years.has(year.year)) {
        ctx.addIssue({ code: 'custom', path: ['years', i, 'year'], message: `${year.year} 年出现了两次` });
      }
      years.add(year.year);
    });
  });
export type CalendarFile = z.infer<typeof calendarFile>;

export class MissingCalendarYearError extends Error {
  constructor(readonly year: number) {
    super(`工作日历中没有 ${year} 年的节假日安排，无法计算工作日；请系统管理员导入 ${year} 年的工作日历`);
    this.name = 'MissingCalendarYearError';
  }
}

export type DayKind =
  | { kind: 'workday' }
  | { kind: 'weekend' }
  | { kind: 'holiday'; name: string }
  | { kind: 'makeUpWorkday'; for?: string };

/** How far a search for working days may run: no arrangement has a month without one. */
const MAX_DAYS_WITHOUT_WORK = 40;

/** Builds the stand-in arrangement of a year the calendar does not hold (statutoryHolidays.ts). */
export type ProvisionalYears = (year: number) => CalendarYear;

interface YearDays {
  holidays: Map<string, string>;
  makeUps: Map<string, string | undefined>;
}

function yearDays(year: CalendarYear): YearDays {
  const holidays = new Map<string, string>();
  for (const holiday of year.holidays)
    for (let day = holiday.from; day <= holiday.to; day = addDays(day, 1)) holidays.set(day, holiday.name);
  return { holidays, makeUps: new Map(year.makeUpWorkdays.map((m) => [m.date, m.for] as const)) };
}

export class WorkingCalendar {
  readonly #years = new Map<number, YearDays>();
  readonly #provisionalYears = new Map<number, YearDays>();
  readonly #counts = new Map<number, { through: Map<string, number>; total: number }>();
  readonly #provisional: ProvisionalYears | undefined;

  constructor(years: readonly CalendarYear[], provisional?: ProvisionalYears) {
    for (const year of years) this.#years.set(year.year, yearDays(year));
    this.#provisional = provisional;
  }

  /** The years with an official arrangement. */
  get years(): number[] {
    return [...this.#years.keys()].sort((a, b) => a - b);
  }

  /** Whether `year` has its official arrangement. */
  hasYear(year: number): boolean {
    return this.#years.has(year);
  }

  /** Whether days of `year` can be told apart: officially or provisionally. */
  covers(year: number): boolean {
    return this.#years.has(year) || (this.#provisional !== undefined && year >= 2000 && year <= 2100);
  }

  /** A date whose year has no official arrangement: anything computed on it is 暂定. */
  isProvisional(date: string): boolean {
    return !this.#years.has(yearOf(date));
  }

  #days(year: number): YearDays {
    const official = this.#years.get(year);
    if (official) return official;
    let provisional = this.#provisionalYears.get(year);
    if (!provisional) {
      if (!this.covers(year)) throw new MissingCalendarYearError(year);
      provisional = yearDays(this.#provisional!(year));
      this.#provisionalYears.set(year, provisional);
    }
    return provisional;
  }

  /** Throws MissingCalendarYearError for a year the calendar does not cover. */
  dayKind(date: string): DayKind {
    const year = this.#days(yearOf(date));
    const holiday = year.holidays.get(date);
    if (holiday !== undefined) return { kind: 'holiday', name: holiday };
    if (year.makeUps.has(date)) {
      const madeUp = year.makeUps.get(date);
      return madeUp === undefined ? { kind: 'makeUpWorkday' } : { kind: 'makeUpWorkday', for: madeUp };
    }
    const day = weekday(date);
    return day === 0 || day === 6 ? { kind: 'weekend' } : { kind: 'workday' };
  }

  isWorkingDay(date: string): boolean {
    const { kind } = this.dayKind(date);
    return kind === 'workday' || kind === 'makeUpWorkday';
  }

  /**
   * The date `n` working days after `date`, counting from the day after (受理 on 09-29 with 5
   * working days → 10-12 in 2026). `n = 0` gives `date` itself.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`工作日数应为非负整数：${n}`);
    let day = date;
    let counted = 0;
    let idle = 0;
    while (counted < n) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) {
        counted++;
        idle = 0;
      } else if (++idle > MAX_DAYS_WITHOUT_WORK) {
        throw new Error(`工作日历有误：${day} 前连续 ${MAX_DAYS_WITHOUT_WORK} 天没有工作日`);
      }
    }
    return day;
  }

  /**
   * Working days in the half-open span (from, to]: how many working days have passed since
   * `from` on `to`. Negative when `to` is before `from`. Constant time: every worklist row asks.
   */
  workingDaysBetween(from: string, to: string): number {
    if (to < from) return -this.workingDaysBetween(to, from);
    if (to === from) return 0;
    const [fromYear, toYear] = [yearOf(from), yearOf(to)];
    if (fromYear === toYear) return this.#countThrough(to) - this.#countThrough(from);
    // Only the days after `from` need the calendar: 31 December needs nothing of its year.
    let count = from.endsWith('-12-31') ? 0 : this.#yearCounts(fromYear).total - this.#countThrough(from);
    for (let year = fromYear + 1; year < toYear; year++) count += this.#yearCounts(year).total;
    return count + this.#countThrough(to);
  }

  /** Working days from 1 January up to and including `date`. */
  #countThrough(date: string): number {
    return this.#yearCounts(yearOf(date)).through.get(date)!;
  }

  /** Per year, built once: each day's running count of working days, and the year's total. */
  #yearCounts(year: number): { through: Map<string, number>; total: number } {
    let counts = this.#counts.get(year);
    if (!counts) {
      if (!this.covers(year)) throw new MissingCalendarYearError(year);
      const through = new Map<string, number>();
      let total = 0;
      for (let day = `${year}-01-01`; yearOf(day) === year; day = addDays(day, 1)) {
        if (this.isWorkingDay(day)) total++;
        through.set(day, total);
      }
      counts = { through, total };
      this.#counts.set(year, counts);
    }
    return counts;
  }

  /**
   * The last day of a period counted in days (民法典 第二百零三条): `date` itself, or the next
   * working day when it is a rest day. Every desk's day-counted period ends through here. A year
   * the calendar does not cover leaves the day where it falls.
   */
  periodLastDay(date: string): string {
    return this.covers(yearOf(date)) ? this.workingDayOnOrAfter(date) : date;
  }

  /** The first working day on or after `date`. */
  workingDayOnOrAfter(date: string): string {
    let day = date;
    for (let i = 0; i <= MAX_DAYS_WITHOUT_WORK; i++, day = addDays(day, 1)) if (this.isWorkingDay(day)) return day;
    throw new Error(`工作日历有误：${date} 起连续 ${MAX_DAYS_WITHOUT_WORK} 天没有工作日`);
  }
}
