// The county's period report as an Excel workbook (ExcelJS): a sheet per desk — a row per
// township, the 合计 row, each figure a number (rates as percentages with one decimal, amounts in
// yuan) so the county can go on computing with them — and the sheet 未同步乡镇 naming the
// townships whose figures do not cover the period, with why. Every desk's sheet says the same
// above its table and marks those townships' rows: a gap is never read as a zero.
import ExcelJS from 'exceljs';
import { headerRow } from '../../electron/backend/documents/spreadsheets';
import { periodLabel, periodSpan } from '../../shared/documents/reportPeriods';
import type { FigureColumn, FigureValues } from '../../shared/sync/countyFiguresApi';
import {
  columnsByDesk,
  countyReportTitle,
  fenToYuan,
  FIGURE_DESK_LABELS,
  figureColumnTitle,
  missingTownshipsSentence,
} from '../../shared/sync/countyReports';
import type { CountyReportInput } from './countyReportPdf';
import { chinaTimeText } from './reportWords';

export const MISSING_SHEET = '未同步乡镇';
export const COVERED_WORDS = { covered: '完整', incomplete: '未同步完整' } as const;

/** A figure as the cell holds it: a number (rates in %, amounts in yuan), or empty where there is none. */
function cellValue(column: FigureColumn, values: FigureValues): number | null {
  const value = values[column.id];
  if (value === null || value === undefined) return null;
  return column.kind === 'fen' ? fenToYuan(value) : value;
}

const NUMBER_FORMATS = { count: '0', rate: '0.0', fen: '0.00' } as const;

export async function countyReportWorkbook({ figures, countyName, generatedAt }: CountyReportInput): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '乡镇一站通县级平台';
  book.created = generatedAt;
  const reportTitle = countyReportTitle(countyName, figures.period);
  const { from, to } = periodSpan(figures.period);
  const missing = missingTownshipsSentence(figures.missing);

  for (const group of columnsByDesk(figures.columns)) {
    const deskLabel = FIGURE_DESK_LABELS[group.desk] ?? group.desk;
    const sheet = book.addWorksheet(deskLabel);
    const width = group.columns.length + 2;
    const wholeRow = (text: string, font: Partial<ExcelJS.Font>) => {
      const row = sheet.addRow([text]);
      row.font = font;
      row.alignment = { wrapText: true, vertical: 'top' };
      sheet.mergeCells(row.number, 1, row.number, width);
      return row;
    };
    wholeRow(`${reportTitle} · ${deskLabel}`, { bold: true, size: 14 });
    wholeRow(
      `统计期间：${periodLabel(figures.period)}（${from} 至 ${to}），数据截至 ${figures.asOf}；生成时间：${chinaTimeText(generatedAt)}`,
      { size: 10 },
    );
    if (missing) wholeRow(missing, { size: 10, bold: true, color: { argb: 'FFC00000' } }).height = 30;
    headerRow(sheet, ['乡镇', '本期同步', ...group.columns.map(figureColumnTitle)]);
    for (const township of figures.townships) {
      sheet.addRow([
        township.townshipName,
        township.covered ? COVERED_WORDS.covered : COVERED_WORDS.incomplete,
        ...group.columns.map((column) => cellValue(column, township.values)),
      ]);
    }
    const total = sheet.addRow(['合计', '', ...group.columns.map((column) => cellValue(column, figures.total))]);
    total.font = { bold: true };
    sheet.getColumn(1).width = 16;
    sheet.getColumn(2).width = 11;
    group.columns.forEach((column, i) => {
      const sheetColumn = sheet.getColumn(i + 3);
      sheetColumn.width = Math.max(10, figureColumnTitle(column).length * 2 + 2);
      sheetColumn.numFmt = NUMBER_FORMATS[column.kind];
    });
  }

  const gaps = book.addWorksheet(MISSING_SHEET);
  gaps.addRow([`${reportTitle} · ${MISSING_SHEET}`]).font = { bold: true, size: 14 };
  gaps.mergeCells(1, 1, 1, 2);
  headerRow(gaps, ['乡镇', '情况']);
  for (const township of figures.missing) gaps.addRow([township.townshipName, township.why]);
  if (figures.missing.length === 0) gaps.addRow(['（无）', `各乡镇本期数据均已同步（截至 ${figures.asOf}）`]);
  gaps.getColumn(1).width = 16;
  gaps.getColumn(2).width = 60;
  return Buffer.from(await book.xlsx.writeBuffer());
}
