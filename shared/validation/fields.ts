import { z } from 'zod';
import { printable, type TextOptions } from './printable';

export type { TextOptions } from './printable';

/** For a field the forms show as a text area: tab and line breaks kept. */
export const MULTILINE: TextOptions = { multiline: true };

/**
 * Field builders shared by every schema. Each takes the Chinese label once; messages are
 * produced by `zodIssuesToFieldErrors`. Strings are trimmed and NFC-normalised so that the
 * same name typed two ways is stored once; lengths count characters (code points), so a rare
 * character outside the BMP (𠮷) counts as one. What is left must be printable
 * (printable.ts): no control characters, no characters that turn the text around, no broken
 * encodings, no private-use characters, and — checked by the backend against the papers'
 * fonts — no character the papers cannot print; tab and line breaks only with `multiline`
 * (a text area). A line break pasted at either end is trimmed, not refused.
 */
export function requiredText(label: string, maxChars: number, options: TextOptions = {}) {
  return z
    .string()
    .transform(cleanText)
    .pipe(
      printable(
        z
          .string()
          .min(1)
          .refine((s) => [...s].length <= maxChars, { message: `最多 ${maxChars} 个字符` }),
        options,
      ),
    )
    .describe(label);
}

export function optionalText(label: string, maxChars: number, options: TextOptions = {}) {
  return z
    .string()
    .transform(cleanText)
    .pipe(
      printable(
        z.string().refine((s) => [...s].length <= maxChars, { message: `最多 ${maxChars} 个字符` }),
        options,
      ),
    )
    .optional()
    .default('')
    .describe(label);
}

function cleanText(s: string): string {
  return s.normalize('NFC').trim();
}

export function oneOf<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values).describe(label);
}

/** A calendar date as `YYYY-MM-DD`, checked to exist (no 2月30日). */
export function dateString(label: string) {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 年-月-日，如 2026-01-31' })
    .refine(isRealDate, { message: '没有这一天' })
    .describe(label);
}

export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

export function entityId(label: string) {
  return z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, { message: '编号无效' })
    .describe(label);
}

/** Mobile (11 digits from 13–19) or a landline with its area code. */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;
export const PHONE_MESSAGE = '应为 11 位手机号或带区号的固定电话，如 0371-12345678';

/** A phone number that may be left empty. */
export function optionalPhone(label: string) {
  return optionalText(label, 20).refine((p) => p === '' || PHONE_PATTERN.test(p), { message: PHONE_MESSAGE });
}
