import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { addDays, chineseDateWithWeekday, daysBetween, isCalendarDate } from '../../shared/calendar/dates';
import {
  calendarFile,
  MissingCalendarYearError,
  WorkingCalendar,
  type CalendarFile,
} from '../../shared/calendar/workingCalendar';
import { zodIssuesToFieldErrors } from '../../shared/validation/errors';

const file2026 = calendarFile.parse(
  JSON.parse(await readFile(new URL('../../resources/calendars/working-calendar-2026.json', import.meta.url), 'utf8')),
);
const calendar = new WorkingCalendar(file2026.years);

describe('dates', () => {
  test('real dates only; arithmetic across months, years and leap days', () => {
    assert.equal(isCalendarDate('2026-02-28'), true);
    assert.equal(isCalendarDate('2026-02-29'), false);
    assert.equal(isCalendarDate('2028-02-29'), true);
    assert.equal(isCalendarDate('2026-2-3'), false);
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2028-03-01', -1), '2028-02-29');
    assert.equal(daysBetween('2026-09-29', '2026-10-12'), 13);
    assert.equal(chineseDateWithWeekday('2026-10-12'), '2026年10月12日（星期一）');
  });
});

describe('the 2026 working-day calendar', () => {
  test('what kind of day each is: holiday, make-up Saturday, weekend, workday', () => {
    assert.deepEqual(calendar.dayKind('2026-10-01'), { kind: 'holiday', name: '国庆节' });
    assert.deepEqual(calendar.dayKind('2026-10-10'), { kind: 'makeUpWorkday', for: '国庆节' });
    assert.deepEqual(calendar.dayKind('2026-09-20'), { kind: 'makeUpWorkday' });
    assert.deepEqual(calendar.dayKind('2026-10-11'), { kind: 'weekend' });
    assert.deepEqual(calendar.dayKind('2026-10-12'), { kind: 'workday' });
    assert.equal(calendar.isWorkingDay('2026-02-14'), true, 'Saturday before the Spring Festival');
    assert.equal(calendar.isWorkingDay('2026-02-23'), false, 'last day of the Spring Festival (a Monday)');
    assert.equal(calendar.isWorkingDay('2026-01-04'), true, 'Sunday after New Year');
  });

  test('adding working days counts from the day after', () => {
    assert.equal(calendar.addWorkingDays('2026-09-29', 5), '2026-10-12');
    assert.equal(calendar.addWorkingDays('2026-02-12', 3), '2026-02-24');
    assert.equal(calendar.addWorkingDays('2026-09-30', 3), '2026-10-10');
    assert.equal(calendar.addWorkingDays('2026-04-30', 1), '2026-05-06');
    assert.equal(calendar.addWorkingDays('2026-06-18', 1), '2026-06-22');
    assert.equal(calendar.addWorkingDays('2026-09-29', 0), '2026-09-29');
    assert.throws(() => calendar.addWorkingDays('2026-09-29', -1), RangeError);
  });

  test('counting working days between dates is the inverse of adding them', () => {
    for (const [from, n] of [
      ['2026-09-29', 5],
      ['2026-02-12', 3],
      ['2026-01-01', 20],
      ['2026-12-01', 10],
    ] as const) {
      assert.equal(calendar.workingDaysBetween(from, calendar.addWorkingDays(from, n)), n, `${from} + ${n}`);
    }
    assert.equal(calendar.workingDaysBetween('2026-10-01', '2026-10-07'), 0);
    assert.equal(calendar.workingDaysBetween('2026-10-12', '2026-09-29'), -5);
    assert.equal(calendar.workingDayOnOrAfter('2026-10-01'), '2026-10-08');
  });

  test('counting between dates agrees with looking at every day in between', () => {
    const byHand = (from: string, to: string) => {
      let count = 0;
      for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) count++;
      return count;
    };
    for (let from = '2026-01-01'; from <= '2026-12-31'; from = addDays(from, 5)) {
      for (let to = from; to <= '2026-12-31'; to = addDays(to, 11)) {
        assert.equal(calendar.workingDaysBetween(from, to), byHand(from, to), `${from} → ${to}`);
      }
    }
  });

  test('2026 has 248 working days; a year-end deadline needs next year’s calendar', () => {
    // 261 weekdays, 19 of them holidays, 6 weekend days worked.
    assert.equal(calendar.workingDaysBetween('2025-12-31', '2026-12-31'), 248);
    assert.throws(
      () => calendar.addWorkingDays('2026-12-28', 5),
      (error: unknown) =>
        error instanceof MissingCalendarYearError && error.year === 2027 && /2027 年的工作日历/.test(error.message),
    );
    assert.throws(() => calendar.isWorkingDay('2025-06-01'), MissingCalendarYearError);
  });
});

describe('calendar files', () => {
  const broken = (change: (file: CalendarFile) => void) => {
    const copy = structuredClone(file2026) as CalendarFile;
    change(copy);
    const parsed = calendarFile.safeParse(copy);
    assert.equal(parsed.success, false);
    return Object.values(zodIssuesToFieldErrors(calendarFile, parsed.error!.issues)).join('；');
  };

  test('mistakes in a file are refused with what is wrong, in Chinese', () => {
    assert.match(
      broken((f) => (f.years[0]!.makeUpWorkdays[0]!.date = '2026-01-05')),
      /2026-01-05 不是周末/,
    );
    assert.match(
      broken((f) => (f.years[0]!.holidays[0]!.to = '2025-12-31')),
      /不在 2026 年|早于开始日期/,
    );
    assert.match(
      broken((f) => f.years[0]!.makeUpWorkdays.push({ date: '2026-10-03' })),
      /既是假日又是调休上班日/,
    );
    assert.match(
      broken((f) => f.years.push(structuredClone(f.years[0]!))),
      /2026 年出现了两次/,
    );
    assert.match(
      broken((f) => ((f as { format: string }).format = 'something-else')),
      /不是工作日历文件/,
    );
    assert.match(
      broken((f) => (f.years[0]!.holidays[1]!.from = '2026-02-30')),
      /有效日期/,
    );
  });
});
