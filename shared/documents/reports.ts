// Monthly reports leave the program as a PDF statistics sheet or an Excel workbook.
import { z } from 'zod';

export const REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const reportFormat = z.enum(REPORT_FORMATS).describe('格式');

/** The audit log's words for exporting the report `title` of a month. */
export function describeReportExport(title: string) {
  return (input: { month: string; format: ReportFormat }) =>
    `导出${title}（${input.month}，${input.format === 'pdf' ? 'PDF' : 'Excel'}）`;
}
