// What every Excel workbook the program exports shares (ledgers, monthly statistics).
import type ExcelJS from 'exceljs';

/** A bold, centred header row; the rows above it and it stay in view (frozen). */
export function headerRow(sheet: ExcelJS.Worksheet, headers: string[]) {
  const row = sheet.addRow(headers);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center' };
  sheet.views = [{ state: 'frozen', ySplit: sheet.rowCount }];
}
