import { CALENDAR_FILE_FORMAT, CALENDAR_FILE_VERSION } from '../../shared/calendar/workingCalendar';
import type { HandlersFor } from '../api/handlers';
import { listCalendarYears, writeCalendarYear } from './calendarStore';

export const calendarHandlers: HandlersFor<
  'calendar.get' | 'calendar.saveYear' | 'calendar.importFile' | 'calendar.exportFile'
> = {
  async 'calendar.get'(_input, ctx) {
    return { years: await listCalendarYears(ctx.db) };
  },

  async 'calendar.saveYear'(input, ctx) {
    return ctx.write((scope) => writeCalendarYear(scope, input));
  },

  async 'calendar.importFile'(input, ctx) {
    return ctx.write(async (scope) => {
      const before = await scope.tx.selectFrom('calendar_years').select('year').execute();
      const incoming = new Set(input.years.map((y) => y.year));
      // The file is the whole calendar: a year it leaves out is withdrawn.
      for (const { year } of before) {
        if (incoming.has(year)) continue;
        await scope.tx.deleteFrom('calendar_years').where('year', '=', year).execute();
        await scope.log('calendarYear', String(year), 'withdraw', { year });
      }
      for (const arrangement of input.years) await writeCalendarYear(scope, arrangement);
      return {
        years: [...incoming].sort((a, b) => a - b),
        replacedYears: before.map((b) => b.year).filter((year) => incoming.has(year)),
      };
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
