/** 受理编号: `SL-2026-000123`, one run per township per year, no gaps. */
export function formatCaseNumber(year: number, sequence: number): string {
  return `SL-${year}-${String(sequence).padStart(6, '0')}`;
}

/** The number counter a year's case numbers are drawn from. */
export function caseNumberScope(year: number): string {
  return `counter-case:${year}`;
}

export const CASE_NUMBER_PATTERN = /^SL-\d{4}-\d{6}$/;
