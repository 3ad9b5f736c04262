// A period report as the county downloads it (`GET /county/api/reports/file?period=&format=`):
// the PDF or the workbook of the county's figures, with its Chinese file name.
import { loadFonts, type FontLocation } from '../../electron/backend/documents/fonts';
import type { CountyFigures } from '../../shared/sync/countyFiguresApi';
import { countyReportFileName } from '../../shared/sync/countyReports';
import { countyReportPdf } from './countyReportPdf';
import { countyReportWorkbook } from './countyReportWorkbook';

export const REPORT_CONTENT_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export interface CountyReportFile {
  bytes: Buffer;
  fileName: string;
  contentType: string;
}

export interface CountyReportOptions {
  countyName: string;
  generatedAt: Date;
  /** Where the documents' fonts are found (the hub's bundle folder; default: the working directory). */
  fonts?: FontLocation;
}

export async function countyReportFile(
  figures: CountyFigures,
  format: 'pdf' | 'xlsx',
  options: CountyReportOptions,
): Promise<CountyReportFile> {
  const input = { figures, countyName: options.countyName, generatedAt: options.generatedAt };
  const bytes =
    format === 'pdf' ? await countyReportPdf(input, await loadFonts(options.fonts)) : await countyReportWorkbook(input);
  return {
    bytes,
    fileName: countyReportFileName(options.countyName, figures.period, format),
    contentType: REPORT_CONTENT_TYPES[format],
  };
}
