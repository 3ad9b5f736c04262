// The case ledger (办件台账) and the monthly summary (月度统计).
import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { describeReportExport, reportFormat } from '../documents/reports';
import { fileLink } from '../documents/api';
import { dateString, entityId } from '../validation/fields';
import { HANDLING_TYPES, SERVICE_CATEGORIES } from '../catalog/catalog';
import { COUNTER_READERS } from './casesApi';
import { CASE_STATUSES } from './caseStatus';

export const LEDGER_PAGE_SIZE = 100;
/** An export larger than this is refused with a request to narrow the dates (a year of a busy hall fits). */
export const LEDGER_EXPORT_LIMIT = 100_000;

export const ledgerFilter = z
  .strictObject({
    from: dateString('起始日期'),
    to: dateString('截止日期'),
    itemCode: z.string().max(20).optional().describe('事项'),
    category: z.enum(SERVICE_CATEGORIES).optional().describe('类别'),
    status: z.enum(CASE_STATUSES).optional().describe('状态'),
    clerkId: entityId('经办人').optional(),
    agentId: entityId('代办员').optional(),
    villageId: entityId('村（社区）').optional(),
  })
  .refine((f) => f.to >= f.from, { path: ['to'], message: '截止日期不能早于起始日期' });
export type LedgerFilter = z.infer<typeof ledgerFilter>;

export const ledgerRow = z.object({
  id: z.string(),
  caseNumber: z.string().nullable(),
  intakeOn: z.string(),
  status: z.enum(CASE_STATUSES),
  residentName: z.string(),
  villageName: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  category: z.enum(SERVICE_CATEGORIES),
  handlingType: z.enum(HANDLING_TYPES),
  acceptedOn: z.string().nullable(),
  promisedDate: z.string().nullable(),
  completedOn: z.string().nullable(),
  /** Completed by the promised date (null while not completed or without a promise). */
  onTime: z.boolean().nullable(),
  clerkName: z.string(),
  agentName: z.string().nullable(),
  rating: z.string().nullable(),
});
export type LedgerRow = z.infer<typeof ledgerRow>;

const counts = z.object({
  /** Cases accepted in the month (受理件数). */
  accepted: z.number(),
  /** Of those, completed on the spot (即办件 done at once). */
  completedOnTheSpot: z.number(),
  /** Of those, completed (办结, delivered and rated included). */
  completed: z.number(),
  completedOnTime: z.number(),
  completedLate: z.number(),
  /** Still open at the end of the month (or today, for the running month). */
  open: z.number(),
  /** Of the open ones, past their due date then. */
  openOverdue: z.number(),
  voided: z.number(),
  rated: z.number(),
  /** Rated 满意 or 非常满意. */
  satisfied: z.number(),
  poorRatings: z.number(),
});

export const monthlySummary = z.object({
  month: z.string(),
  /** The day the open and overdue counts are taken on. */
  asOf: z.string(),
  counts,
  rates: z.object({
    /** 当场办结率 = completedOnTheSpot / accepted. */
    onTheSpot: z.number().nullable(),
    /** 按时办结率 = completedOnTime / completed. */
    onTime: z.number().nullable(),
    /** 满意率 = satisfied / rated. */
    satisfaction: z.number().nullable(),
  }),
  byCategory: z.array(z.object({ category: z.string(), accepted: z.number(), completed: z.number() })),
  /** Intakes that did not become cases: not accepted, or still waiting for materials. */
  notAccepted: z.number(),
  awaitingMaterials: z.number(),
  errandsByAgent: z.array(
    z.object({
      agentName: z.string(),
      villageName: z.string(),
      registered: z.number(),
      handedOver: z.number(),
      delivered: z.number(),
    }),
  ),
  errandsByVillage: z.array(
    z.object({ villageName: z.string(), registered: z.number(), handedOver: z.number(), delivered: z.number() }),
  ),
});
export type MonthlySummary = z.infer<typeof monthlySummary>;

/** A month `YYYY-MM` (the mediation statistics take the same). */
export const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 年-月，如 2026-10' })
  .describe('月份');

export const ledgerProcedures = defineProcedures({
  'counter.clerks': {
    summary: '窗口人员名单（台账按经办人筛选用）',
    kind: 'query',
    access: COUNTER_READERS,
    input: z.strictObject({}),
    output: z.object({ clerks: z.array(z.object({ id: z.string(), name: z.string(), active: z.boolean() })) }),
  },
  'counter.ledger': {
    summary: '办件台账：按收件日期、事项、类别、状态、经办人、代办员、村筛选，分页',
    kind: 'query',
    access: COUNTER_READERS,
    audit: { what: '查看办件台账', list: { kind: 'counterCase', fields: ['rows'] } },
    input: z.strictObject({
      filter: ledgerFilter,
      /** From the previous page's `nextCursor`. */
      cursor: z.string().max(80).optional().describe('翻页位置'),
    }),
    output: z.object({ rows: z.array(ledgerRow), nextCursor: z.string().nullable(), total: z.number() }),
  },
  'counter.exportLedger': {
    summary: '导出办件台账为 Excel（.xlsx），列名按县里的台账格式',
    kind: 'query',
    access: COUNTER_READERS,
    audit: {
      action: 'export',
      what: '导出办件台账',
      describe: (input: { filter: { from: string; to: string } }, output: { rowCount: number }) =>
        `导出办件台账（${input.filter.from} 至 ${input.filter.to}，${output.rowCount} 件）`,
    },
    input: z.strictObject({ filter: ledgerFilter }),
    output: z.object({ file: fileLink.pick({ fileUrl: true }), rowCount: z.number() }),
  },
  'counter.monthlySummary': {
    summary: '月度统计：受理、当场办结率、办结、按时办结率、超期、满意率、代办员和村的代办件数（比率保留一位小数）',
    kind: 'query',
    access: COUNTER_READERS,
    input: z.strictObject({ month }),
    output: monthlySummary,
  },
  'counter.exportMonthlySummary': {
    summary: '导出月度统计：PDF 或 Excel（.xlsx）',
    kind: 'query',
    access: COUNTER_READERS,
    audit: { action: 'export', what: '导出月度统计', describe: describeReportExport('月度统计') },
    input: z.strictObject({ month, format: reportFormat }),
    output: z.object({ file: fileLink.pick({ fileUrl: true }) }),
  },
});
