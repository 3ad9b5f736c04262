// How the sync screens write sizes and waits.

/** 512 字节 / 1.5 KB / 3.2 MB / 1.1 GB */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

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
