import { CALENDAR_FILE_FORMAT, CALENDAR_FILE_VERSION } from '../../../shared/calendar/workingCalendar';
import { fail } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import { calendarNotice } from '../../../shared/calendar/calendarNotice';
import { provisionalCalendarYear } from '../../../shared/calendar/statutoryHolidays';
import {
  guardedWithdrawals,
  listCalendarYears,
  listDeadlineAdjustments,
  loadWorkingCalendar,
  replaceCalendar,
  withdrawalQuestion,
  writeCalendarYear,
} from './calendarStore';

export const calendarHandlers: HandlersFor<
  | 'calendar.get'
  | 'calendar.status'
  | 'calendar.adjustments'
  | 'calendar.saveYear'
  | 'calendar.importFile'
  | 'calendar.exportFile'
> = {
  async 'calendar.get'(_input, ctx) {
    return { years: await listCalendarYears(ctx.db) };
  },

  async 'calendar.status'(_input, ctx) {
    const officialYears = (await loadWorkingCalendar(ctx.db)).years;
    const notice = calendarNotice(officialYears, ctx.today);
    return { officialYears, notice, provisional: notice ? provisionalCalendarYear(notice.year) : null };
  },

  async 'calendar.adjustments'(_input, ctx) {
    return { adjustments: await listDeadlineAdjustments(ctx.db, ctx.records, ctx.requireUser(), ctx.now) };
  },

  async 'calendar.saveYear'(input, ctx) {
    return ctx.write((scope) => writeCalendarYear(scope, input, ctx.records));
  },

  async 'calendar.importFile'(input, ctx) {
    const { confirmWithdraw = [], years } = input;
    return ctx.write(async (scope) => {
      // A file holding only the year 2000 once withdrew the current year: it is asked first.
      const guarded = await guardedWithdrawals(
        scope.tx,
        ctx.records,
        years.map((y) => y.year),
        ctx.today,
      );
      if (guarded.some((g) => !confirmWithdraw.includes(g.year))) {
        fail('CONFLICT', withdrawalQuestion(guarded), { details: { confirmWithdraw: guarded.map((g) => g.year) } });
      }
      return replaceCalendar(scope, years, ctx.records);
    });
  },

  async 'calendar.exportFile'(_input, ctx) {
    const years = await listCalendarYears(ctx.db);
    return {
      format: CALENDAR_FILE_FORMAT,
      version: CALENDAR_FILE_VERSION,
      years: years.map((record) => record.arrangement),
    };
  },
};
