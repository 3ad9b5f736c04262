import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { addDays } from '../../shared/calendar/dates';
import { calendarNotice } from '../../shared/calendar/calendarNotice';
import { provisionalCalendarYear, statutoryHolidays } from '../../shared/calendar/statutoryHolidays';
import {
  calendarFile,
  calendarYear,
  MissingCalendarYearError,
  WorkingCalendar,
} from '../../shared/calendar/workingCalendar';
import { periodEnd } from '../../shared/petitions/periods';
import { courtWindow } from '../../shared/mediation/disputes';

const shipped = calendarFile.parse(
  JSON.parse(await readFile(new URL('../../resources/calendars/working-calendar-2026.json', import.meta.url), 'utf8')),
).years;
const official2026 = new WorkingCalendar(shipped);
/** As the backend builds it: 2026 official, every other year provisional. */
const calendar = new WorkingCalendar(shipped, provisionalCalendarYear);

function days(holidays: ReturnType<typeof statutoryHolidays>): string[] {
  const out: string[] = [];
  for (const h of holidays) for (let d = h.from; d <= h.to; d = addDays(d, 1)) out.push(d);
  return out;
}

describe('the provisional calendar from 《全国年节及纪念日放假办法》', () => {
  test('every statutory day it computes for 2026 is a holiday of the State Council 2026 arrangement', () => {
    const computed = days(statutoryHolidays(2026));
    assert.equal(computed.length, 13, '元旦1 春节4 清明1 劳动2 端午1 中秋1 国庆3');
    for (const day of computed) assert.equal(official2026.dayKind(day).kind, 'holiday', day);
    assert.deepEqual(
      statutoryHolidays(2026).map((h) => `${h.name} ${h.from}`),
      [
        '元旦 2026-01-01',
        '春节 2026-02-16',
        '清明节 2026-04-05',
        '劳动节 2026-05-01',
        '端午节 2026-06-19',
        '中秋节 2026-09-25',
        '国庆节 2026-10-01',
      ],
    );
  });

  test('2027 and 2028 from the lunar calendar and the 清明 solar term; a valid arrangement', () => {
    assert.deepEqual(
      statutoryHolidays(2027).map((h) => [h.name, h.from, h.to]),
      [
        ['元旦', '2027-01-01', '2027-01-01'],
        ['春节', '2027-02-05', '2027-02-08'],
        ['清明节', '2027-04-05', '2027-04-05'],
        ['劳动节', '2027-05-01', '2027-05-02'],
        ['端午节', '2027-06-09', '2027-06-09'],
        ['中秋节', '2027-09-15', '2027-09-15'],
        ['国庆节', '2027-10-01', '2027-10-03'],
      ],
    );
    assert.equal(statutoryHolidays(2028)[1]!.from, '2028-01-25', '除夕 of 2028 is 25 January');
    assert.equal(statutoryHolidays(2028)[2]!.from, '2028-04-04', '清明 2028 falls on 4 April');
    for (const year of [2027, 2028, 2030]) assert.ok(calendarYear.safeParse(provisionalCalendarYear(year)).success);
  });

  test('a year without its arrangement is provisional, never an error; official years are not', () => {
    assert.equal(calendar.hasYear(2027), false);
    assert.equal(calendar.covers(2027), true);
    assert.equal(calendar.isProvisional('2027-03-01'), true);
    assert.equal(calendar.isProvisional('2026-12-31'), false);
    assert.deepEqual(calendar.dayKind('2027-02-05'), { kind: 'holiday', name: '春节' });
    assert.equal(calendar.isWorkingDay('2027-02-09'), true);
    assert.throws(() => official2026.addWorkingDays('2026-12-07', 20), MissingCalendarYearError);
  });

  test('a 20-working-day promise on 2026-12-07 crosses 元旦 on the provisional 2027', () => {
    // December has 18 working days after the 7th; 1 January is 元旦, 2–3 a weekend.
    assert.equal(calendar.addWorkingDays('2026-12-07', 20), '2027-01-05');
    assert.equal(calendar.workingDaysBetween('2026-12-07', '2027-01-05'), 20);
  });
});

describe('periods ending on statutory days of a provisional year', () => {
  test('a petition received on 2027-01-21 with a 15-day period: 02-05 is 除夕, it ends on 02-09', () => {
    assert.equal(periodEnd(calendar, '2027-01-21', 15, 'calendarDays'), '2027-02-09');
  });

  test('a period ending on 1 January moves past 元旦 and the weekend', () => {
    assert.equal(periodEnd(calendar, '2026-12-02', 30, 'calendarDays'), '2027-01-04');
  });

  test('a period ending on 国庆节 of 2027 moves to 10-04; the court-confirmation window too', () => {
    assert.equal(periodEnd(calendar, '2027-09-16', 15, 'calendarDays'), '2027-10-04');
    assert.equal(courtWindow(calendar, '2027-09-01', '2027-09-02').closesOn, '2027-10-04');
    assert.equal(courtWindow(calendar, '2026-12-02', '2026-12-03').closesOn, '2027-01-04');
  });
});

describe('what desk staff are told', () => {
  test('from 1 November the missing next year; a missing current year at once; nothing otherwise', () => {
    assert.equal(calendarNotice([2026], '2026-10-31'), null);
    assert.deepEqual(calendarNotice([2026], '2026-11-01')?.which, 'next');
    assert.equal(calendarNotice([2026], '2026-12-07')?.year, 2027);
    assert.equal(calendarNotice([2026, 2027], '2026-12-07'), null);
    const current = calendarNotice([2026], '2027-01-04');
    assert.equal(current?.which, 'current');
    assert.match(current!.text, /2027 年的国务院节假日安排/);
  });
});
