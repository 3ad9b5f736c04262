/**
 * Citizen identity numbers, GB 11643-1999: 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd = male, even = female) and a check character by ISO 7064 MOD 11-2.
 * Hong Kong/Macao/Taiwan residence permits (region 810000/820000/830000) use the same scheme.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

export type IdNumberProblem = 'length' | 'characters' | 'region' | 'birthDate' | 'futureBirthDate' | 'checksum';

export interface ParsedIdNumber {
  normalized: string;
  regionCode: string;
  birthDate: string;
  sex: 'male' | 'female';
}

export type IdNumberCheck =
  { ok: true; value: ParsedIdNumber } | { ok: false; problem: IdNumberProblem; message: string };

/** Upper-cases a trailing x and strips spaces people type between groups of digits. */
export function normalizeIdNumber(raw: string): string {
  return raw.replace(/[\s\u3000-]/g, '').toUpperCase();
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** `today` is `YYYY-MM-DD`; a birth date after it is refused. */
export function checkResidentIdNumber(raw: string, today: string): IdNumberCheck {
  const id = normalizeIdNumber(raw);
  if (id.length !== 18) {
    return { ok: false, problem: 'length', message: `应为 18 位（现在 ${id.length} 位）` };
  }
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, problem: 'characters', message: '前 17 位应为数字，最后一位为数字或 X' };
  }
  const regionCode = id.slice(0, 6);
  if (!/^[1-9]/.test(regionCode)) {
    return { ok: false, problem: 'region', message: `前 6 位地区代码 ${regionCode} 无效` };
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const year = Number(id.slice(6, 10));
  if (year < 1880 || !isExistingDate(birthDate)) {
    return { ok: false, problem: 'birthDate', message: `第 7–14 位的出生日期 ${id.slice(6, 14)} 不存在` };
  }
  if (birthDate > today) {
    return { ok: false, problem: 'futureBirthDate', message: `出生日期 ${birthDate} 晚于今天` };
  }
  const expected = checkCharacter(id.slice(0, 17));
  if (id[17] !== expected) {
    return {
      ok: false,
      problem: 'checksum',
      message: `校验位不符（最后一位应为 ${expected}），请核对号码是否抄错`,
    };
  }
  const sequence = Number(id.slice(14, 17));
  return { ok: true, value: { normalized: id, regionCode, birthDate, sex: sequence % 2 === 1 ? 'male' : 'female' } };
}

function isExistingDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Regions of the residence permits for Hong Kong, Macao and Taiwan residents. */
export const PERMIT_REGION_CODES = ['810000', '820000', '830000'] as const;
