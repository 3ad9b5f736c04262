/**
 * Masks for lists and printouts: a list shows `4101**********1234`, the full number only in
 * an opened record (and that opening is audited).
 */
export function maskIdNumber(idNumber: string): string {
  const chars = [...idNumber];
  if (chars.length <= 8)
    return chars.length <= 2
      ? '*'.repeat(chars.length)
      : chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
  return chars.slice(0, 4).join('') + '*'.repeat(chars.length - 8) + chars.slice(-4).join('');
}

export function maskPhone(phone: string): string {
  const chars = [...phone];
  if (chars.length < 7) return chars.length ? chars[0] + '*'.repeat(chars.length - 1) : '';
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('');
}

/** An 18-character resident ID number standing anywhere in a text. */
const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/**
 * A logged value (a change-log entry's data) as a list may show it: every resident ID number
 * masked wherever it stands, and every value under a key naming an ID number, a document
 * number or a phone masked too (passports and permits have other shapes).
 */
export function maskPersonalData(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (/id_?number/i.test(key)) return maskIdNumber(value);
    if (/phone/i.test(key)) return maskPhone(value);
    return value.replace(ID_NUMBER_IN_TEXT, (found) => maskIdNumber(found));
  }
  if (Array.isArray(value)) return value.map((item) => maskPersonalData(item, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPersonalData(v, k)]));
  }
  return value;
}
