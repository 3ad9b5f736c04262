import { CALENDAR_FILE_FORMAT, CALENDAR_FILE_VERSION } from '../../../shared/calendar/workingCalendar';
import type { HandlersFor } from '../api/handlers';
import { listCalendarYears, replaceCalendar, writeCalendarYear } from './calendarStore';

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
    return ctx.write((scope) => replaceCalendar(scope, input.years));
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
