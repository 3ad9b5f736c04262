import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { calendarFile, calendarYear } from './workingCalendar';

export const calendarYearRecord = z.object({
  arrangement: calendarYear,
  updatedAt: z.string(),
  updatedByName: z.string(),
});
export type CalendarYearRecord = z.infer<typeof calendarYearRecord>;

export const calendarProcedures = defineProcedures({
  'calendar.get': {
    summary: '工作日历：各年的法定节假日与调休上班日',
    kind: 'query',
    access: 'signedIn',
    input: z.strictObject({}),
    output: z.object({ years: z.array(calendarYearRecord) }),
  },
  'calendar.saveYear': {
    summary: '保存一年的节假日安排（新增或整年替换）',
    kind: 'command',
    access: ['administrator'],
    input: calendarYear,
    output: calendarYearRecord,
  },
  'calendar.importFile': {
    summary: '导入工作日历文件：以文件中的各年整体替换现有日历',
    kind: 'command',
    access: ['administrator'],
    input: calendarFile,
    output: z.object({ years: z.array(z.number()), replacedYears: z.array(z.number()) }),
  },
  'calendar.exportFile': {
    summary: '导出工作日历文件（可在其他乡镇导入）',
    kind: 'query',
    access: 'signedIn',
    input: z.strictObject({}),
    output: calendarFile,
  },
});
