// The figures the county asks for, computed the same way everywhere: the rate's rule is every
// desk's (shared/documents/reports.ts).
export { formatPercentage, percentage } from '../documents/reports';

/** The first and last day of the month `YYYY-MM`. */
export function monthSpan(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
