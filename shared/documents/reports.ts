// Statistics leave the program as a PDF statistics sheet or an Excel workbook, for a month, a
// quarter or a year (reportPeriods.ts).
import { z } from 'zod';
import { periodLabel, type ReportPeriod } from './reportPeriods';

export const REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const reportFormat = z.enum(REPORT_FORMATS).describe('格式');

/** The audit log's words for exporting the report `title` of a period. */
export function describeReportExport(title: string) {
  return (input: { period: ReportPeriod; format: ReportFormat }) =>
    `导出${title}（${periodLabel(input.period)}，${input.format === 'pdf' ? 'PDF' : 'Excel'}）`;
}

// A rate is computed the same way on every desk's statistics: a percentage with one decimal,
// rounded half up, and null when there is nothing to divide by.

/** `numerator / denominator` as a percentage with one decimal (76.35 % → 76.4). */
export function percentage(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  // Integers first, so that 0.5 steps round up and never fall to binary noise (1/8 → 12.5).
  return Math.floor((numerator * 1000) / denominator + 0.5 + 1e-9) / 10;
}

export function formatPercentage(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)}%`;
}
