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
