import { pinyinInitialsVariants } from './pinyinInitials';

/**
 * Resident search works on tokens computed when a resident is saved, so that a lookup is an
 * index probe, never a scan: `n:` + every substring of the name up to MAX_NAME_TOKEN_CHARS
 * characters, `p:` + every prefix (two letters or more) of each pinyin-initials variant.
 * ID numbers and phones are searched by their reversed form, so "the last 4 digits" is a
 * prefix range on an index.
 */
export const MAX_NAME_TOKEN_CHARS = 4;
export const MIN_DIGITS = 4;

export function residentSearchTokens(name: string): string[] {
  const tokens = new Set<string>();
  const chars = [...name.toLowerCase()];
  for (let start = 0; start < chars.length; start++) {
    for (let len = 1; len <= MAX_NAME_TOKEN_CHARS && start + len <= chars.length; len++) {
      const piece = chars.slice(start, start + len).join('');
      if (piece.trim() === piece && piece.length > 0) tokens.add(`n:${piece}`);
    }
  }
  for (const variant of pinyinInitialsVariants(name)) {
    for (let len = 2; len <= variant.length; len++) tokens.add(`p:${variant.slice(0, len)}`);
    if (variant.length === 1) tokens.add(`p:${variant}`);
  }
  return [...tokens];
}

export function reverseString(value: string): string {
  return [...value].reverse().join('');
}

export type SearchTerm =
  /** Chinese (or other) name text: substring match. */
  | { kind: 'name'; text: string }
  /** Latin letters: pinyin initials, or a Latin name. */
  | { kind: 'letters'; text: string }
  /** A full 18-character ID number. */
  | { kind: 'fullIdNumber'; text: string }
  /** Digits: the end of an ID number or of a phone number (or a whole phone number). */
  | { kind: 'digits'; text: string };

export type ParsedQuery = { ok: true; terms: SearchTerm[] } | { ok: false; message: string };

/** Splits what the clerk typed into terms, all of which must match (`张 1234`). */
export function parseResidentQuery(raw: string): ParsedQuery {
  const pieces = raw
    .normalize('NFC')
    .trim()
    .split(/[\s\u3000]+/)
    .filter(Boolean);
  if (pieces.length === 0) return { ok: false, message: '请输入姓名、拼音首字母、证件号码或电话' };
  if (pieces.length > 4) return { ok: false, message: '最多输入 4 个关键词' };
  const terms: SearchTerm[] = [];
  for (const piece of pieces) {
    if (/^\d{17}[\dxX]$/.test(piece)) {
      terms.push({ kind: 'fullIdNumber', text: piece.toUpperCase() });
    } else if (/^\d+[xX]?$/.test(piece)) {
      if (piece.length < MIN_DIGITS) {
        return { ok: false, message: `证件号码或电话请至少输入后 ${MIN_DIGITS} 位` };
      }
      terms.push({ kind: 'digits', text: piece.toUpperCase() });
    } else if (/^[a-zA-Z]+$/.test(piece)) {
      terms.push({ kind: 'letters', text: piece.toLowerCase() });
    } else {
      terms.push({ kind: 'name', text: piece.toLowerCase() });
    }
  }
  return { ok: true, terms };
}

export function describeTerms(terms: readonly SearchTerm[]): string {
  const names: Record<SearchTerm['kind'], string> = {
    name: '姓名',
    letters: '拼音首字母',
    fullIdNumber: '证件号码',
    digits: '证件号码或电话尾号',
  };
  return terms.map((t) => `${names[t.kind]}“${t.text}”`).join(' 且 ');
}
