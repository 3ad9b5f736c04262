// Dates as the counter shows them: a promise in words (2026年10月12日), an instant to the minute.
import dayjs, { type Dayjs } from 'dayjs';

/** `2026-10-12` → `2026年10月12日`, as the receipt prints it; `—` when there is none. */
export function chineseDate(date: string | null | undefined): string {
  if (!date) return '—';
  const parsed = dayjs(date);
  return parsed.isValid() ? parsed.format('YYYY年M月D日') : date;
}

/** `2026年10月12日（星期一）`: for the promise the clerk reads out to the resident. */
export function chineseDateWithWeekday(date: string | null | undefined): string {
  if (!date) return '—';
  const parsed = dayjs(date);
  return parsed.isValid() ? parsed.format('YYYY年M月D日（dddd）') : date;
}

/** An instant (ISO) to the minute, local time. */
export function minuteTime(at: string | null | undefined): string {
  if (!at) return '—';
  return dayjs(at).format('YYYY-MM-DD HH:mm');
}

/** A DatePicker's value as the API's `YYYY-MM-DD`, or undefined (the server then takes today). */
export function toDateString(value: Dayjs | null | undefined): string | undefined {
  return value ? value.format('YYYY-MM-DD') : undefined;
}
