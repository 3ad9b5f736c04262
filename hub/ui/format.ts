import dayjs from 'dayjs';

/** Times as the county reads them: local, to the minute (seconds when they matter for the 5-minute rule). */
export function formatTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  const time = dayjs(iso);
  return time.isValid() ? time.format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm') : iso;
}

/** "3 分钟前" for the last contact: the county cares how long a township has been silent. */
export function formatAgo(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '从未联系';
  const minutes = Math.floor((now.getTime() - Date.parse(iso)) / 60_000);
  if (!Number.isFinite(minutes)) return iso;
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes} 分钟前`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} 小时前`;
  return `${Math.floor(hours / 24)} 天前`;
}

export function currentMonth(now: Date = new Date()): string {
  return dayjs(now).format('YYYY-MM');
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
