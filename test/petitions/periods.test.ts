import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { calendarFile, MissingCalendarYearError, WorkingCalendar } from '../../shared/calendar/workingCalendar';
import { registerPetitionInput } from '../../shared/petitions/api';
import { petitionsProcedures } from '../../shared/petitions/api';
import {
  deadlineColour,
  dueRangeOf,
  handlingDeadline,
  PERIOD_DAYS,
  periodEnd,
  petitionDeadline,
  runningDeadline,
} from '../../shared/petitions/periods';
import { zodIssuesToFieldErrors } from '../../shared/validation/errors';

const calendar = new WorkingCalendar(
  calendarFile.parse(
    JSON.parse(
      await readFile(new URL('../../resources/calendars/working-calendar-2026.json', import.meta.url), 'utf8'),
    ),
  ).years,
);

describe('the periods of 信访工作条例, counted in calendar days (the default)', () => {
  test('acceptance: 15 days from receipt, the day of receipt not counted', () => {
    assert.equal(PERIOD_DAYS.acceptance, 15);
    assert.equal(periodEnd(calendar, '2026-11-02', 15, 'calendarDays'), '2026-11-17', 'a Tuesday stays');
  });

  test('a last day on a weekend moves to the Monday', () => {
    assert.equal(periodEnd(calendar, '2026-11-06', 15, 'calendarDays'), '2026-11-23', '11-21 is a Saturday');
  });

  test('a last day in the National Day holiday moves to the first working day after it', () => {
    assert.equal(periodEnd(calendar, '2026-09-16', 15, 'calendarDays'), '2026-10-08', '10-01 is 国庆节');
  });

  test('a last day on a make-up Saturday (调休上班) stays: it is a working day', () => {
    assert.equal(periodEnd(calendar, '2026-09-25', 15, 'calendarDays'), '2026-10-10');
  });

  test('handling: 60 days from acceptance; the extension adds to the period, not to the moved day', () => {
    assert.equal(handlingDeadline(calendar, '2026-08-03', 0, 'calendarDays'), '2026-10-08', '10-02 is 国庆节');
    assert.equal(handlingDeadline(calendar, '2026-03-02', 0, 'calendarDays'), '2026-05-06', '05-01 → after 劳动节');
    // 08-03 + 90 = 11-01, a Sunday.
    assert.equal(handlingDeadline(calendar, '2026-08-03', 30, 'calendarDays'), '2026-11-02');
    assert.equal(handlingDeadline(calendar, '2026-09-01', 30, 'calendarDays'), '2026-11-30');
  });

  test('review request, review, re-review request and re-review: 30 days each', () => {
    for (const period of ['reviewRequest', 'review', 'reReviewRequest', 'reReview'] as const)
      assert.equal(PERIOD_DAYS[period], 30, period);
    assert.equal(periodEnd(calendar, '2026-09-01', PERIOD_DAYS.reviewRequest, 'calendarDays'), '2026-10-08');
    assert.equal(periodEnd(calendar, '2026-01-16', PERIOD_DAYS.review, 'calendarDays'), '2026-02-24', '春节 to 02-23');
    assert.equal(periodEnd(calendar, '2026-04-01', PERIOD_DAYS.reReview, 'calendarDays'), '2026-05-06');
  });

  test('a year the calendar lacks: the day is not moved (never later than the true one)', () => {
    assert.equal(periodEnd(calendar, '2026-12-10', 30, 'calendarDays'), '2027-01-09');
  });
});

describe('the same periods counted in working days', () => {
  test('counted from the day after, over holidays and make-up days', () => {
    // 09-30, 10-08, 10-09, 10-10 (调休), 10-12 … 10-26 is the 15th working day.
    assert.equal(periodEnd(calendar, '2026-09-29', 15, 'workingDays'), '2026-10-26');
    assert.equal(handlingDeadline(calendar, '2026-06-01', 0, 'workingDays'), '2026-08-25');
    assert.equal(handlingDeadline(calendar, '2026-06-01', 30, 'workingDays'), '2026-10-12', 'past 中秋 and 国庆');
  });

  test('a year the calendar lacks is an error that names it, not a guess', () => {
    assert.throws(
      () => periodEnd(calendar, '2026-12-10', 30, 'workingDays'),
      (error: unknown) => {
        assert.ok(error instanceof MissingCalendarYearError);
        assert.match(error.message, /2027/);
        return true;
      },
    );
  });
});

describe('green / yellow / red', () => {
  test('yellow from five days before, red after the day', () => {
    assert.deepEqual(deadlineColour('2026-11-17', '2026-11-11'), { colour: 'green', daysLeft: 6 });
    assert.deepEqual(deadlineColour('2026-11-17', '2026-11-12'), { colour: 'yellow', daysLeft: 5 });
    assert.deepEqual(deadlineColour('2026-11-17', '2026-11-17'), { colour: 'yellow', daysLeft: 0 });
    assert.deepEqual(deadlineColour('2026-11-17', '2026-11-18'), { colour: 'red', daysLeft: -1 });
  });

  test('the colour filter covers every day exactly once', () => {
    const today = '2026-11-12';
    assert.deepEqual(dueRangeOf('red', today), { to: '2026-11-11' });
    assert.deepEqual(dueRangeOf('yellow', today), { from: '2026-11-12', to: '2026-11-17' });
    assert.deepEqual(dueRangeOf('green', today), { from: '2026-11-18' });
  });

  test('the deadline running is the step the office owes', () => {
    const dates = {
      acceptanceDueOn: '2026-11-17',
      handlingDueOn: '2027-01-16',
      reviewDueOn: '2027-03-01',
      reReviewDueOn: '2027-05-01',
    };
    assert.deepEqual(runningDeadline({ ...dates, status: 'registered' }), {
      period: 'acceptance',
      dueOn: '2026-11-17',
    });
    assert.deepEqual(runningDeadline({ ...dates, status: 'accepted' }), { period: 'handling', dueOn: '2027-01-16' });
    assert.deepEqual(runningDeadline({ ...dates, status: 'underReview' }), { period: 'review', dueOn: '2027-03-01' });
    assert.deepEqual(runningDeadline({ ...dates, status: 'underReReview' }), {
      period: 'reReview',
      dueOn: '2027-05-01',
    });
    for (const status of ['notAccepted', 'replied', 'reviewed', 'reReviewed', 'closed'] as const)
      assert.equal(runningDeadline({ ...dates, status }), null, status);
    assert.equal(petitionDeadline({ ...dates, status: 'registered' }, '2026-11-20', calendar)?.colour, 'red');
  });
});

describe('what the input schemas refuse before any handler runs', () => {
  const petitioner = (name: string, representative = false) => ({ name, representative });
  const visit = (peopleCount: number, petitioners: Array<{ name: string; representative: boolean }>) => ({
    requestId: '0195a6f0-0000-7000-8000-000000000001',
    channel: 'visit' as const,
    peopleCount,
    petitioners,
    category: 'land' as const,
    matter: '土地承包经营权纠纷',
  });
  const errors = (value: unknown) => {
    const parsed = registerPetitionInput.safeParse(value);
    assert.ok(!parsed.success);
    return zodIssuesToFieldErrors(registerPetitionInput, parsed.error.issues);
  };

  test('a group visit (5 or more people) without representatives', () => {
    assert.match(errors(visit(6, [petitioner('张三'), petitioner('李四')])).petitioners ?? '', /集体访.*推选代表/);
    assert.ok(registerPetitionInput.safeParse(visit(6, [petitioner('张三', true), petitioner('李四', true)])).success);
    assert.ok(registerPetitionInput.safeParse(visit(4, [petitioner('张三')])).success, 'four people need none');
  });

  test('more than five representatives', () => {
    const six = ['甲', '乙', '丙', '丁', '戊', '己'].map((n) => petitioner(`张${n}`, true));
    assert.match(errors(visit(20, six)).petitioners ?? '', /代表人数不超过5人/);
  });

  test('fewer people than petitioners registered', () => {
    assert.match(
      errors(visit(1, [petitioner('张三'), petitioner('李四')])).peopleCount ?? '',
      /不能少于登记的信访人数/,
    );
  });

  test('an extension beyond 30 days', () => {
    const extend = petitionsProcedures['petitions.extend'].input;
    const parsed = extend.safeParse({
      id: '0195a6f0-0000-7000-8000-000000000001',
      version: 1,
      days: 31,
      reason: '需实地勘测',
    });
    assert.ok(!parsed.success);
    assert.match(zodIssuesToFieldErrors(extend, parsed.error.issues).days ?? '', /不得超过30日/);
  });
});
