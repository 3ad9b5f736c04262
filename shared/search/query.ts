// What the one search box was given: a 受理编号 in full or its tail, a 调解案号, a 信访编号, a
// verification code (typed from paper, or scanned from a receipt's QR code — bare or inside a
// link), or a person (name, pinyin initials, ID or phone tail). One query may mean several
// things at once (`000306` is a case number's tail and an ID number's tail): each meaning is
// searched and the answers are grouped by kind of record.
import { formatCaseNumber } from '../counter/caseNumbers';
import { checkVerificationCode } from '../documents/verificationCode';
import { parseVerificationInput, readVerificationToken } from '../documents/verificationLink';
import { describeTerms, parseResidentQuery, type SearchTerm } from '../residents/search';

/** The longest query: a scanned verification link with its signature fits. */
export const MAX_QUERY_CHARS = 300;

/** A number's tail is its sequence, typed with or without the leading zeros (`306`, `000306`). */
export const MAX_TAIL_DIGITS = 6;

export type SearchIntent =
  /** `SL-2026-000306`: one case. */
  | { kind: 'caseNumber'; number: string }
  /** `（2026）青调字第12号`: the dispute of that year and sequence (of the committee whose prefix it names). */
  | { kind: 'disputeNumber'; year: number; sequence: number; prefix: string }
  /** `青信〔2026〕12号`: the petition of that year and sequence. */
  | { kind: 'petitionNumber'; year: number; sequence: number }
  /** A verification code, checked (check symbol and all), as the archive stores it. */
  | { kind: 'code'; code: string }
  /** 1–6 digits: the sequence of a case, dispute or petition number of any year. */
  | { kind: 'tail'; sequence: number }
  /** Residents (and the parties and petitioners who are not registered as residents). */
  | { kind: 'person'; terms: SearchTerm[] };

export type ParsedSearch =
  { ok: true; normalized: string; intents: SearchIntent[]; interpretedAs: string } | { ok: false; message: string };

/**
 * What was typed, made comparable: full-width letters, digits and brackets as their ASCII
 * forms (NFKC: `ＳＬ－２０２６` → `SL-2026`, `（` → `(`), every kind of dash a hyphen, runs of
 * spaces one space.
 */
export function normalizeSearchText(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63]/g, '-')
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

/**
 * The code carried by a scanned verification link, or null when `text` is no link; an empty
 * string when it is a link without a readable code. Links carry the code as `code=`, as a bare
 * `c=`, or inside the signed token `v=` (whose facts are read, not trusted: the archive answers).
 */
export function codeFromLink(text: string): string | null {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !/[?&#](?:code|c|v)=/i.test(text)) return null;
  const named = /[?&#]code=([^&#\s]*)/i.exec(text);
  if (named) return safeDecode(named[1]!.replace(/\+/g, ' '));
  const input = parseVerificationInput(text);
  if (input && 'token' in input) {
    const read = readVerificationToken(input.token);
    return read.ok ? read.token.facts.code : '';
  }
  return input && /[?&#]c=/i.test(text) ? input.code : '';
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `SL-2026-000306`, `sl2026000306`, `SL-2026-306`, `2026-306`. */
const CASE_NUMBER = /^(?:SL-?(\d{4})-?|(\d{4})-)(\d{1,6})$/;
/** `(2026)青调字第12号`, `(2026)青调12号`, `[2026]第12号`: the year in brackets first. */
const DISPUTE_NUMBER = /^[([〔【](\d{4})[)\]〕】]\s*([^\d\s]*?)\s*(?:字)?\s*(?:第)?\s*(\d{1,6})\s*号?$/;
/** `青信〔2026〕12号`, `青信[2026]12`, `青信(2026)第12号`: a prefix, then the year in brackets. */
const PETITION_NUMBER = /^([^\d\s([〔【]+)\s*[([〔【](\d{4})[)\]〕】]\s*(?:第)?\s*(\d{1,6})\s*号?$/;

/** Reads the search box. */
export function parseSearchQuery(raw: string): ParsedSearch {
  const normalized = normalizeSearchText(raw);
  if (!normalized) return { ok: false, message: '请输入编号、核验码、姓名、拼音首字母或证件号码尾号' };

  const linked = codeFromLink(normalized);
  if (linked !== null) {
    const checked = checkVerificationCode(normalizeSearchText(linked));
    if (!checked.ok)
      return { ok: false, message: `扫描的链接中没有有效的核验码（${linked ? checked.message : '缺少核验码'}）` };
    return only(normalized, { kind: 'code', code: checked.code }, `按核验码 ${checked.code} 查找`);
  }

  const upper = normalized.toUpperCase();
  const compact = upper.replace(/ /g, '');
  const caseNumber = CASE_NUMBER.exec(compact);
  if (caseNumber) {
    const number = formatCaseNumber(Number(caseNumber[1] ?? caseNumber[2]), Number(caseNumber[3]));
    return only(normalized, { kind: 'caseNumber', number }, `按受理编号 ${number} 查找`);
  }
  const dispute = DISPUTE_NUMBER.exec(normalized);
  if (dispute && Number(dispute[3]) > 0) {
    const prefix = dispute[2]!.replace(/字$/, '');
    return only(
      normalized,
      { kind: 'disputeNumber', year: Number(dispute[1]), sequence: Number(dispute[3]), prefix },
      `按调解案号（${dispute[1]}）${prefix ? `${prefix}字` : ''}第${Number(dispute[3])}号查找`,
    );
  }
  const petition = PETITION_NUMBER.exec(normalized);
  if (petition && Number(petition[3]) > 0) {
    return only(
      normalized,
      { kind: 'petitionNumber', year: Number(petition[2]), sequence: Number(petition[3]) },
      `按信访编号 ${petition[1]}〔${petition[2]}〕${Number(petition[3])}号查找`,
    );
  }
  const intents: SearchIntent[] = [];
  const said: string[] = [];
  // A code typed from paper. Its check character makes anything else passing for one unlikely;
  // letters alone (a Latin name?) or digits alone (a phone with its area code) are searched
  // as what else they may be as well.
  if (/^[0-9A-Z*~$=-]{12,16}$/.test(compact)) {
    const checked = checkVerificationCode(compact);
    if (checked.ok) {
      if (/[A-Z]/.test(compact) && /\d/.test(compact)) {
        return only(normalized, { kind: 'code', code: checked.code }, `按核验码 ${checked.code} 查找`);
      }
      intents.push({ kind: 'code', code: checked.code });
      said.push(`核验码 ${checked.code}`);
    }
  }
  if (/^\d+$/.test(compact) && compact.length <= MAX_TAIL_DIGITS && Number(compact) > 0) {
    intents.push({ kind: 'tail', sequence: Number(compact) });
    said.push(`编号尾号 ${compact}`);
  }
  const person = parseResidentQuery(normalized);
  if (person.ok) {
    intents.push({ kind: 'person', terms: person.terms });
    said.push(describeTerms(person.terms));
  } else if (intents.length === 0) {
    return { ok: false, message: person.message };
  }
  return { ok: true, normalized, intents, interpretedAs: `按${said.join('或')}查找` };
}

function only(normalized: string, intent: SearchIntent, interpretedAs: string): ParsedSearch {
  return { ok: true, normalized, intents: [intent], interpretedAs };
}
