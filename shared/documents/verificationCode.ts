/**
 * Verification codes printed on every issued document: 12 characters of Crockford's base32
 * (no I, L, O, U, so nothing is misread from paper) in three groups, the last character a
 * check symbol (mod 37) that catches any single mistyped character and any swap of two
 * neighbours: `7K3M-9QX2-HT4C`. The 55 random bits make guessing a valid code hopeless.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_SYMBOLS = ALPHABET + '*~$=U';
const BODY_LENGTH = 11;

/** `randomValues` are bytes from a cryptographic source (the caller's: shared/ has no crypto). */
export function makeVerificationCode(randomValues: Uint8Array): string {
  if (randomValues.length < BODY_LENGTH) throw new Error(`需要至少 ${BODY_LENGTH} 个随机字节`);
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i++) body += ALPHABET[randomValues[i]! % 32];
  return group(body + checkSymbol(body));
}

/** Normalises what someone typed from paper: case, spaces, dashes, and O/I/L read as 0/1/1. */
export function normalizeVerificationCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s\-—_]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export type CodeCheck = { ok: true; code: string } | { ok: false; message: string };

export function checkVerificationCode(typed: string): CodeCheck {
  const plain = normalizeVerificationCode(typed);
  if (plain.length !== BODY_LENGTH + 1)
    return { ok: false, message: `应为 ${BODY_LENGTH + 1} 位（现在 ${plain.length} 位）` };
  const body = plain.slice(0, BODY_LENGTH);
  if (![...body].every((c) => ALPHABET.includes(c))) return { ok: false, message: '含有不会出现在核验码中的字符' };
  if (checkSymbol(body) !== plain[BODY_LENGTH]) return { ok: false, message: '核验码有误，请逐字核对' };
  return { ok: true, code: group(plain) };
}

function checkSymbol(body: string): string {
  let value = 0;
  for (const c of body) value = (value * 32 + ALPHABET.indexOf(c)) % 37;
  return CHECK_SYMBOLS[value]!;
}

function group(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}
