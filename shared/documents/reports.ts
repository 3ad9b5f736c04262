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
