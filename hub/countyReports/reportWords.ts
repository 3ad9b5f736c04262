// What the PDF and the workbook of a period report both write besides the figures.

/** Marks a township whose figures do not cover the period (explained on the report). */
export const INCOMPLETE_MARK = '※';

/** 2026-11-01 08:30（北京时间）: the moment a report was made, in China Standard Time whatever the server's zone. */
export function chinaTimeText(instant: Date): string {
  const local = new Date(instant.getTime() + 8 * 3600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}（北京时间）`;
}
