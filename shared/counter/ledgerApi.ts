// The case ledger (办件台账) and the summary (统计) of a month, a quarter or a year.
import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { describeReportExport, reportFormat } from '../documents/reports';
import { reportPeriod } from '../documents/reportPeriods';
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
  /** Cases accepted in the period (受理件数). */
  accepted: z.number(),
  /** Of those, completed on the spot (即办件 done at once). */
  completedOnTheSpot: z.number(),
  /** Of those, completed by `asOf` (办结, delivered and rated included). */
  completed: z.number(),
  /** Completed by the promised date (or without one). */
  completedOnTime: z.number(),
  /** Completed after the promised date (超期办结). */
  completedLate: z.number(),
  /** Still open on `asOf`. */
  open: z.number(),
  voided: z.number(),
  rated: z.number(),
  /** Rated 满意 or 非常满意. */
  satisfied: z.number(),
  poorRatings: z.number(),
});

const rate = z.number().nullable();

/** A month of the trend: the cases accepted in it, as they stand on the summary's `asOf`. */
export const summaryMonth = z.object({
  month: z.string(),
  accepted: z.number(),
  completed: z.number(),
  completedOnTime: z.number(),
  rated: z.number(),
  satisfied: z.number(),
  /** 按时办结率 = completedOnTime / completed. */
  onTime: rate,
  /** 满意率 = satisfied / rated. */
  satisfaction: rate,
});
export type SummaryMonth = z.infer<typeof summaryMonth>;

/** The summary (统计) of a month, a quarter or a year: see docs/counter.md for every figure. */
export const periodSummary = z.object({
  period: z.string(),
  from: z.string(),
  to: z.string(),
  /** The day the figures are taken on: the period's last day, or today while it runs. */
  asOf: z.string(),
  /** The cases accepted in the period, as they stand on `asOf`: accepted = completed + open + voided. */
  counts,
  /**
   * 超期 (在办超期): every case open on `asOf` and past its due date then, whenever it was
   * accepted — on today the worklist's red count (shared/counter/overdue.ts).
   */
  overdue: z.number(),
  rates: z.object({
    /** 当场办结率 = completedOnTheSpot / accepted. */
    onTheSpot: rate,
    /** 按时办结率 = completedOnTime / completed. */
    onTime: rate,
    /** 满意率 = satisfied / rated. */
    satisfaction: rate,
  }),
  byCategory: z.array(z.object({ category: z.string(), accepted: z.number(), completed: z.number() })),
  /** The months of the trend (reportPeriods.trendMonths): a quarter's or year's own, or the twelve up to a month. */
  trend: z.array(summaryMonth),
  /** Intakes of the period that did not become cases: not accepted, or still waiting for materials. */
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
export type PeriodSummary = z.infer<typeof periodSummary>;

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
  'counter.summary': {
    summary:
      '统计（月度、季度、年度）：受理、当场办结率、办结、按时办结率、超期、满意率、按类别、按月趋势、代办员和村的代办件数（比率保留一位小数）',
    kind: 'query',
    access: COUNTER_READERS,
    input: z.strictObject({ period: reportPeriod }),
    output: periodSummary,
  },
  'counter.exportSummary': {
    summary: '导出统计表（月度、季度、年度）：PDF 或 Excel（.xlsx）',
    kind: 'query',
    access: COUNTER_READERS,
    audit: { action: 'export', what: '导出统计表', describe: describeReportExport('便民服务统计表') },
    input: z.strictObject({ period: reportPeriod, format: reportFormat }),
    output: z.object({ file: fileLink.pick({ fileUrl: true }) }),
  },
});
