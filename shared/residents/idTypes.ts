import { checkResidentIdNumber, normalizeIdNumber, PERMIT_REGION_CODES, type IdNumberCheck } from './idNumber';

export const ID_TYPES = [
  'residentId',
  'hmtResidencePermit',
  'foreignPermanentResidentId',
  'passport',
  'other',
] as const;
export type IdType = (typeof ID_TYPES)[number];

export const ID_TYPE_LABELS: Record<IdType, string> = {
  residentId: '居民身份证',
  hmtResidencePermit: '港澳台居民居住证',
  foreignPermanentResidentId: '外国人永久居留身份证',
  passport: '护照',
  other: '其他证件',
};

/** Whether sex and birth date are read off the number rather than entered. */
export function derivesPersonalData(idType: IdType): boolean {
  return idType === 'residentId' || idType === 'hmtResidencePermit';
}

export type IdCheck =
  { ok: true; normalized: string; birthDate?: string; sex?: 'male' | 'female' } | { ok: false; message: string };

/** Checks a number by its type. `today` (`YYYY-MM-DD`) bounds birth dates. */
export function checkIdNumber(idType: IdType, raw: string, today: string): IdCheck {
  const normalized = normalizeIdNumber(raw);
  switch (idType) {
    case 'residentId':
    case 'hmtResidencePermit': {
      const check: IdNumberCheck = checkResidentIdNumber(normalized, today);
      if (!check.ok) return { ok: false, message: check.message };
      const isPermit = (PERMIT_REGION_CODES as readonly string[]).includes(check.value.regionCode);
      if (idType === 'residentId' && isPermit) {
        return { ok: false, message: '以 81/82/83 开头的是港澳台居民居住证号码，请把证件类型改为“港澳台居民居住证”' };
      }
      if (idType === 'hmtResidencePermit' && !isPermit) {
        return { ok: false, message: '港澳台居民居住证号码应以 810000、820000 或 830000 开头' };
      }
      return { ok: true, normalized, birthDate: check.value.birthDate, sex: check.value.sex };
    }
    case 'foreignPermanentResidentId':
      // The 2017 and 2023 cards both carry 18 characters; the 2023 card starts with 9 and
      // uses the GB 11643 check, the 2017 card does not, so only the shape is checked here.
      if (!/^[A-Z0-9]{15,18}$/.test(normalized)) {
        return { ok: false, message: '应为 15–18 位字母或数字' };
      }
      return { ok: true, normalized };
    case 'passport':
      if (!/^[A-Z0-9]{5,17}$/.test(normalized)) return { ok: false, message: '应为 5–17 位字母或数字' };
      return { ok: true, normalized };
    case 'other':
      if (normalized.length < 3 || normalized.length > 30) return { ok: false, message: '应为 3–30 个字符' };
      return { ok: true, normalized };
  }
}
