// The period arithmetic every desk's statistics use: a month, a quarter or a year, their first
// and last days across month, quarter, leap-year and year ends, the step to the next period,
// the day the figures are taken on, the months of a trend, and the words a report prints.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  isFuturePeriod,
  isReportPeriod,
  monthLabelWithin,
  periodAsOf,
  periodKind,
  periodLabel,
  periodMonths,
  periodOf,
  periodSpan,
  reportPeriod,
  shiftMonth,
  shiftPeriod,
  trendMonths,
} from '../../shared/documents/reportPeriods';

describe('report periods', () => {
  test('a month, a quarter and a year are told apart; anything else is refused with the format', () => {
    assert.equal(periodKind('2026-10'), 'month');
    assert.equal(periodKind('2026-Q4'), 'quarter');
    assert.equal(periodKind('2026'), 'year');
    for (const bad of ['2026-13', '2026-00', '2026-Q0', '2026-Q5', '26', '2026-1', '2026Q1', '2026-10-01', '']) {
      assert.equal(isReportPeriod(bad), false, bad);
      const parsed = reportPeriod.safeParse(bad);
      assert.ok(!parsed.success);
      assert.match(
        parsed.error.issues[0]!.message,
        /统计期间格式应为 年-月（如 2026-10）、年-季度（如 2026-Q4）或 年（如 2026）/,
      );
    }
  });

  test('first and last days: quarters end on 31 March, 30 June, 30 September, 31 December', () => {
    assert.deepEqual(periodSpan('2026-Q1'), { from: '2026-01-01', to: '2026-03-31' });
    assert.deepEqual(periodSpan('2026-Q2'), { from: '2026-04-01', to: '2026-06-30' });
    assert.deepEqual(periodSpan('2026-Q3'), { from: '2026-07-01', to: '2026-09-30' });
    assert.deepEqual(periodSpan('2026-Q4'), { from: '2026-10-01', to: '2026-12-31' });
    assert.deepEqual(periodSpan('2026'), { from: '2026-01-01', to: '2026-12-31' });
    assert.deepEqual(periodSpan('2026-02'), { from: '2026-02-01', to: '2026-02-28' });
    // Leap years: 2028 yes, 2100 no (divisible by 100), 2000 yes (by 400).
    assert.deepEqual(periodSpan('2028-02'), { from: '2028-02-01', to: '2028-02-29' });
    assert.equal(periodSpan('2100-02').to, '2100-02-28');
    assert.equal(periodSpan('2000-02').to, '2000-02-29');
    assert.deepEqual(periodMonths('2026-Q4'), ['2026-10', '2026-11', '2026-12']);
    assert.equal(periodMonths('2026').length, 12);
    assert.deepEqual(periodMonths('2026-07'), ['2026-07']);
  });

  test('the period of a day, and steps across quarter and year ends', () => {
    assert.equal(periodOf('month', '2026-12-31'), '2026-12');
    assert.equal(periodOf('quarter', '2026-03-31'), '2026-Q1');
    assert.equal(periodOf('quarter', '2026-04-01'), '2026-Q2');
    assert.equal(periodOf('quarter', '2026-12-31'), '2026-Q4');
    assert.equal(periodOf('year', '2027-01-01'), '2027');
    assert.equal(shiftPeriod('2026-12', 1), '2027-01');
    assert.equal(shiftPeriod('2027-01', -1), '2026-12');
    assert.equal(shiftPeriod('2026-Q4', 1), '2027-Q1');
    assert.equal(shiftPeriod('2027-Q1', -1), '2026-Q4');
    assert.equal(shiftPeriod('2026-Q2', -6), '2024-Q4');
    assert.equal(shiftPeriod('2026', 1), '2027');
    assert.equal(shiftMonth('2026-03', -15), '2024-12');
  });

  test('the figures are taken on the last day, or today while the period runs; a later period is in the future', () => {
    assert.equal(periodAsOf('2026-Q3', '2026-11-20'), '2026-09-30');
    assert.equal(periodAsOf('2026-Q4', '2026-11-20'), '2026-11-20');
    assert.equal(periodAsOf('2026', '2026-11-20'), '2026-11-20');
    assert.equal(periodAsOf('2026-12', '2026-12-31'), '2026-12-31');
    assert.equal(isFuturePeriod('2027-Q1', '2026-12-31'), true);
    assert.equal(isFuturePeriod('2027', '2027-01-01'), false);
    assert.equal(isFuturePeriod('2026-12', '2026-11-30'), true);
  });

  test('the trend: a quarter’s or year’s own months up to today, a month with the eleven before it', () => {
    assert.deepEqual(trendMonths('2026-Q3', '2026-11-20'), ['2026-07', '2026-08', '2026-09']);
    assert.deepEqual(trendMonths('2026-Q4', '2026-11-20'), ['2026-10', '2026-11']);
    assert.deepEqual(trendMonths('2026', '2026-03-05'), ['2026-01', '2026-02', '2026-03']);
    const february = trendMonths('2027-02', '2027-02-10');
    assert.equal(february.length, 12);
    assert.equal(february[0], '2026-03');
    assert.equal(february.at(-1), '2027-02');
  });

  test('the words: 2026年10月, 2026年第四季度, 2026年; a trend across the year end names the other year', () => {
    assert.equal(periodLabel('2026-10'), '2026年10月');
    assert.equal(periodLabel('2026-Q1'), '2026年第一季度');
    assert.equal(periodLabel('2026-Q4'), '2026年第四季度');
    assert.equal(periodLabel('2026'), '2026年');
    assert.equal(monthLabelWithin('2027-01', '2027'), '1月');
    assert.equal(monthLabelWithin('2026-12', '2027'), '2026年12月');
  });
});
