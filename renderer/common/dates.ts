// Dates as the counter shows them: a promise in words (2026年10月12日), an instant to the minute.
import type { FormRule } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { afterTodayProblem, beforeBoundProblem, beforeTodayProblem } from '../../shared/validation/dates';

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

/**
 * Form rules for a date that may not be after `today` (nor before `earliest`, when given): the
 * message stands beside the field and the date stays as typed. A date picker's `disabledDate`
 * is not used for this: it silently puts back the previous date (today) when one is typed.
 */
export function pastDateRules(
  label: string,
  today: string,
  earliest?: { on: string; what: string } | null,
): FormRule[] {
  return [
    {
      validator: (_rule, value: Dayjs | null | undefined) => {
        const on = toDateString(value);
        if (!on) return Promise.resolve();
        const problem =
          afterTodayProblem(label, on, today) ?? (earliest ? beforeBoundProblem(label, on, earliest) : null);
        return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
      },
    },
  ];
}

/** Form rules for a date planned ahead (a next visit, a deadline set): not before today. */
export function aheadDateRules(label: string, today: string): FormRule[] {
  return [
    {
      validator: (_rule, value: Dayjs | null | undefined) => {
        const on = toDateString(value);
        const problem = on ? beforeTodayProblem(label, on, today) : null;
        return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
      },
    },
  ];
}
