/**
 * Verification codes printed on every issued document: 12 characters of Crockford's base32
 * (digits and letters without I, L, O, U, so nothing is misread from paper) in three groups,
 * `7K3M-9QX2-HT4C`. The last character is a check character from the same 32 letters and
 * digits (Damm's scheme over GF(32), below): it catches any single mistyped character, any
 * swap of two neighbours and any swap across one character. The 55 random bits make guessing
 * a valid code hopeless.
 *
 * Codes issued before 2026-12 ended in a mod-37 check symbol, which could be `*`, `~`, `$`,
 * `=` or `U`; they stay valid (`scheme: 'legacy'`), but only the archive can tell such a code
 * from a mistyped new one, so the caller looks it up and says 核验码有误 when it is not there.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LEGACY_CHECK_SYMBOLS = ALPHABET + '*~$=U';
const BODY_LENGTH = 11;

/** `randomValues` are bytes from a cryptographic source (the caller's: shared/ has no crypto). */
export function makeVerificationCode(randomValues: Uint8Array): string {
  if (randomValues.length < BODY_LENGTH) throw new Error(`需要至少 ${BODY_LENGTH} 个随机字节`);
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i++) body += ALPHABET[randomValues[i]! % 32];
  return group(body + checkCharacter(body));
}

/**
 * Normalises what someone typed or scanned from paper: full-width characters (a Chinese input
 * method's `７Ｋ３Ｍ－…`), case, spaces and dashes of any width, and O/I/L read as 0/1/1.
 */
export function normalizeVerificationCode(typed: string): string {
  return typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―_·]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export type CodeCheck = { ok: true; code: string; scheme: 'current' | 'legacy' } | { ok: false; message: string };

export function checkVerificationCode(typed: string): CodeCheck {
  const plain = normalizeVerificationCode(typed);
  if (plain.length !== BODY_LENGTH + 1)
    return { ok: false, message: `应为 ${BODY_LENGTH + 1} 位（现在 ${plain.length} 位）` };
  const body = plain.slice(0, BODY_LENGTH);
  if (![...body].every((c) => ALPHABET.includes(c))) return { ok: false, message: '含有不会出现在核验码中的字符' };
  const last = plain[BODY_LENGTH]!;
  if (checkCharacter(body) === last) return { ok: true, code: group(plain), scheme: 'current' };
  if (legacyCheckSymbol(body) === last) return { ok: true, code: group(plain), scheme: 'legacy' };
  return { ok: false, message: '核验码有误，请逐字核对' };
}

/** The message for a code that passed only the legacy check and is not in the archive. */
export const MISTYPED_CODE_MESSAGE = '核验码有误，请逐字核对';

/**
 * Damm's check over the field GF(32) (x⁵ + x² + 1): fold each character's value into
 * `2·interim + value`; the check character makes the fold of the whole code zero. Multiplying
 * by 2 is invertible and 2 + 1 ≠ 0, so a wrong character or two swapped neighbours always
 * change the result.
 */
function checkCharacter(body: string): string {
  let interim = 0;
  for (const c of body) interim = times2(interim) ^ ALPHABET.indexOf(c);
  return ALPHABET[times2(interim)]!;
}

function times2(value: number): number {
  const shifted = value << 1;
  return shifted & 32 ? shifted ^ 0b100101 : shifted;
}

function legacyCheckSymbol(body: string): string {
  let value = 0;
  for (const c of body) value = (value * 32 + ALPHABET.indexOf(c)) % 37;
  return LEGACY_CHECK_SYMBOLS[value]!;
}

function group(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}
