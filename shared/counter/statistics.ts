// The figures the county asks for, computed the same way everywhere: a rate is a percentage
// with one decimal, rounded half up, and null when there is nothing to divide by.

/** `numerator / denominator` as a percentage with one decimal (76.35 % → 76.4). */
export function percentage(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  // Integers first, so that 0.5 steps round up and never fall to binary noise (1/8 → 12.5).
  return Math.floor((numerator * 1000) / denominator + 0.5 + 1e-9) / 10;
}

export function formatPercentage(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)}%`;
}

/** The first and last day of the month `YYYY-MM`. */
export function monthSpan(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
