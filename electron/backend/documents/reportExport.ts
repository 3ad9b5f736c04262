// A table exported for download (monthly statistics and summaries): an Excel workbook, or the PDF
// drawn for this request — neither is archived — behind a short-lived link.
import type { RequestContext } from '../api/context';
import { newVerificationCode } from './archive';
import type { DocumentDefinition } from './registry';
import { renderPaper } from './issue';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ReportExport<R> {
  format: 'pdf' | 'xlsx';
  /** The download's name without extension: `信访月度统计（2026-11）`. */
  downloadName: string;
  /** The link's last part without extension: `petition-statistics-2026-11`. */
  urlName: string;
  workbook: () => Promise<Buffer>;
  pdf: { definition: DocumentDefinition<R>; record: R };
}

/** The export's link; the caller records the export in the audit log. */
export async function exportReport<R>(ctx: RequestContext, report: ReportExport<R>): Promise<{ fileUrl: string }> {
  const bytes =
    report.format === 'xlsx'
      ? await report.workbook()
      : (
          await renderPaper(ctx.documents, report.pdf.definition, report.pdf.record, {
            issuedAt: ctx.now,
            verificationCode: newVerificationCode(),
          })
        ).pdf;
  return {
    fileUrl: ctx.documents.tickets.issue({
      urlName: `${report.urlName}.${report.format}`,
      downloadName: `${report.downloadName}.${report.format}`,
      contentType: report.format === 'xlsx' ? XLSX_CONTENT_TYPE : 'application/pdf',
      read: async () => bytes,
    }),
  };
}
