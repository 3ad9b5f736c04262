import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { calendarFile, calendarYear } from './workingCalendar';

export const calendarYearRecord = z.object({
  arrangement: calendarYear,
  updatedAt: z.string(),
  updatedByName: z.string(),
});
export type CalendarYearRecord = z.infer<typeof calendarYearRecord>;

/** A deadline moved when a year's official arrangement replaced its provisional calendar. */
export const deadlineAdjustment = z.object({
  id: z.string(),
  /** The kind of record (counterCase, petition …) and which one. */
  entity: z.string(),
  recordId: z.string(),
  /** 办件SL-2027-000012（户籍证明） */
  label: z.string(),
  /** 承诺办结日期, 办理期限 … */
  deadline: z.string(),
  from: z.string(),
  to: z.string(),
  years: z.string(),
  adjustedAt: z.string(),
});
export type DeadlineAdjustment = z.infer<typeof deadlineAdjustment>;

export const calendarNoticeSchema = z.object({
  year: z.number(),
  which: z.enum(['current', 'next']),
  text: z.string(),
});

export const calendarProcedures = defineProcedures({
  'calendar.status': {
    summary: '工作日历状态：已导入正式安排的年份，缺少本年或下一年安排时的提示',
    kind: 'query',
    access: 'signedIn',
    input: z.strictObject({}),
    output: z.object({
      officialYears: z.array(z.number()),
      notice: calendarNoticeSchema.nullable(),
      /** The provisional arrangement the notice's year is counted on (statutory days only). */
      provisional: calendarYear.nullable(),
    }),
  },
  'calendar.adjustments': {
    summary: '正式节假日安排导入后重算而改变的期限（本人可查看的记录，近 60 天）',
    kind: 'query',
    access: 'signedIn',
    input: z.strictObject({}),
    output: z.object({ adjustments: z.array(deadlineAdjustment) }),
  },
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
    output: calendarYearRecord.extend({ adjustments: z.array(deadlineAdjustment) }),
  },
  'calendar.importFile': {
    summary:
      '导入工作日历文件：以文件中的各年整体替换现有日历。文件中没有本年度、或没有未办结期限所依据的年份时，须在 confirmWithdraw 中列出这些年份才删除，否则拒绝（409）并说明',
    kind: 'command',
    access: ['administrator'],
    input: calendarFile.safeExtend({
      /**
       * The years the file leaves out that the administrator agreed to withdraw, after the
       * refusal named them (`details.confirmWithdraw`).
       */
      confirmWithdraw: z
        .array(z.number().int().min(2000).max(2100).describe('年份'))
        .max(100)
        .optional()
        .describe('确认删除的年份'),
    }),
    output: z.object({
      years: z.array(z.number()),
      replacedYears: z.array(z.number()),
      /** The years the file left out, now counted on their provisional arrangement. */
      withdrawnYears: z.array(z.number()),
      /** Open deadlines the official years moved. */
      adjustments: z.array(deadlineAdjustment),
    }),
  },
  'calendar.exportFile': {
    summary: '导出工作日历文件（可在其他乡镇导入）',
    kind: 'query',
    access: 'signedIn',
    input: z.strictObject({}),
    output: calendarFile,
  },
});
