// The county's figures, dashboards and period reports (issue 21): what the county page asks the
// hub (`/county/api/figures…`, `/county/api/reports/file`) and the JSON it gets back. The figures
// are the townships' own definitions (shared/figures/figureEvents.ts and each desk's figures.ts),
// kept by the hub as batches are applied (hub/figures/).
import { z } from 'zod';
import { reportPeriod, type ReportPeriod } from '../documents/reportPeriods';
import { oneOf } from '../validation/fields';
import { FIGURE_DESKS, type FigureDesk } from '../figures/figureEvents';

export const COUNTY_FIGURE_PATHS = {
  overview: 'figures',
  trend: 'figures/trend',
  records: 'figures/records',
  reportFile: 'reports/file',
} as const;

/** How a column's value reads: a count, a percentage with one decimal, or an amount in fen (shown in yuan). */
export type FigureColumnKind = 'count' | 'rate' | 'fen';

/** One column of the overview and the reports: a desk's figure or rate, with the county's words for it. */
export interface FigureColumn {
  desk: FigureDesk;
  /** The figure's or rate's name in the desk's definition. */
  key: string;
  /** `${desk}.${key}`: where the value is in `values`. */
  id: string;
  label: string;
  kind: FigureColumnKind;
  /** Whether a township's row opens the records behind it (counts only; rates and amounts do not). */
  listable: boolean;
}

export type FigureValues = Record<string, number | null>;

/** Why a township is named on a report instead of being counted silently as zero. */
export interface MissingTownship {
  nodeId: string;
  townshipName: string;
  /** In one sentence: “最近一次同步为 2026-10-28，未覆盖本期（截至 2026-10-31）”. */
  why: string;
}

export interface TownshipFigures {
  nodeId: string;
  townshipName: string;
  lastContactAt: string | null;
  /** Whether its sync covers the period up to `asOf` (otherwise it is in `missing` too). */
  covered: boolean;
  /** The red flags of the overview. */
  flags: {
    /** Instructions past their deadline without the township's reply. */
    overdueInstructions: number;
    /** Counter cases open and past their due date today (超期). */
    overdueCases: number;
    /** No daily report (有事报事、无事报平安) received today. */
    noReportToday: boolean;
  };
  values: FigureValues;
}

export interface CountyFigures {
  period: ReportPeriod;
  periodLabel: string;
  /** The day the figures are taken on: the period's last day, or today while it runs. */
  asOf: string;
  today: string;
  columns: FigureColumn[];
  townships: TownshipFigures[];
  /** Every township counted (covered or not: what arrived counts); the rates from the summed counts. */
  total: FigureValues;
  missing: MissingTownship[];
}

export interface FigureTrendPoint {
  /** A month (YYYY-MM) of the period's trend (reportPeriods.trendMonths). */
  month: string;
  value: number | null;
}

export interface FigureTrend {
  column: FigureColumn;
  nodeId: string | null;
  points: FigureTrendPoint[];
}

/** A record behind a figure: what the county shows of it, read-only. */
export interface FigureRecord {
  nodeId: string;
  townshipName: string;
  table: string;
  rowId: string;
  /** Its number (办件编号, 案号 …), or null when it has none. */
  number: string | null;
  /** A line saying what it is: the item, the dispute's kind, the resident's name masked … */
  title: string;
  /** The day that placed it in the period (accepted, settled …). */
  placedOn: string;
}

export interface FigureRecords {
  column: FigureColumn;
  rows: FigureRecord[];
  /** All records behind the figure; rows holds at most `limit` of them. */
  total: number;
}

const desk = oneOf('业务', FIGURE_DESKS);
const key = z.string().min(1).max(64).describe('指标');
const nodeId = z.string().min(1).max(64).describe('乡镇');

export const figuresQuery = z.strictObject({ period: reportPeriod.describe('统计期间') });
export const figureTrendQuery = z.strictObject({
  period: reportPeriod.describe('统计期间'),
  desk,
  key,
  nodeId: nodeId.optional(),
});
export const figureRecordsQuery = z.strictObject({
  period: reportPeriod.describe('统计期间'),
  desk,
  key,
  nodeId,
  limit: z.coerce.number().int().min(1).max(500).default(200).describe('条数'),
});
export const REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export const reportFileQuery = z.strictObject({
  period: reportPeriod.describe('统计期间'),
  format: oneOf('格式', REPORT_FORMATS),
});

/** A month's report is the 月度汇报, a quarter's the 季度考评, a year's the 年终总评. */
export const COUNTY_REPORT_TITLES = { month: '月度汇报', quarter: '季度考评', year: '年终总评' } as const;
