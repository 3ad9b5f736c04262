// How the sync screens write waits.

/** Whole minutes from `at` to `now` (never negative: the hall host's clock may run ahead). */
export function minutesSince(at: string, now: number): number {
  const then = Date.parse(at);
  if (Number.isNaN(then)) return 0;
  return Math.max(0, Math.floor((now - then) / 60_000));
}

/** 5 分钟 / 2 小时 5 分钟 / 3 天 */
export function minutesText(minutes: number): string {
  if (minutes < 60) return `${minutes} 分钟`;
  if (minutes < 24 * 60) {
    const rest = minutes % 60;
    return rest === 0 ? `${Math.floor(minutes / 60)} 小时` : `${Math.floor(minutes / 60)} 小时 ${rest} 分钟`;
  }
  return `${Math.floor(minutes / (24 * 60))} 天`;
}
