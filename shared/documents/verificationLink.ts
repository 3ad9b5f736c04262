// The verification link a paper's QR code carries: the base address the administrator set
// (usually the county hub's public 核验 page) + `?v=` + a token holding the paper's key facts
// signed by the township's sync signing key (Ed25519, or SM2 for a township on the 国密 suite:
// both signatures are 64 bytes, so the token is the same). The county knows every enrolled
// township's public key and suite, so it can confirm a paper without the township's database;
// the township checks the same link against its archive.
//
// Token (base64url, compact enough for a 20 mm QR code):
//   1 | key id (8 bytes) | signature (64) | content digest (16) | facts text (UTF-8)
// facts text: code (12 characters, no dashes) \n kind \n number \n issue date \n masked holder.
// Signed message: DOMAIN | key id | content digest | facts text. The domain string keeps a
// document signature from ever being taken for a sync envelope signed by the same key.
//
// The content digest is SHA-256 of the record as issued (what the paper is drawn from, kept in
// the archive; a 补打 copy is drawn from it too): the PDF's own hash cannot be inside the PDF.
import { z } from 'zod';
import { concatBytes, fromBase64Url, fromHex, fromUtf8, toBase64Url, toHex, utf8 } from '../sync/bytes';
import { verify } from '../sync/keys';
import { checkVerificationCode, normalizeVerificationCode } from './verificationCode';
import { printable } from '../validation/printable';

/** The facts of a paper that its link names and signs. */
export interface DocumentFacts {
  /** The verification code, grouped: `7K3M-9QX2-HT4C`. */
  code: string;
  /** The paper's title: 受理回执. */
  kind: string;
  /** The human number of its record (SL-2026-000306); '' when the paper has none. */
  number: string;
  /** Issue date, `YYYY-MM-DD` (China Standard Time, as printed). */
  issuedOn: string;
  /** Whom the paper was issued for, masked (张*三); '' when nobody in particular. */
  holder: string;
  /** base64url of the first 16 bytes of SHA-256 of the record as issued. */
  digest: string;
}

/** What signs a paper's facts: the township's current sync signing key. */
export interface FactsSigner {
  /** 16 hex characters (`keyId` of shared/sync/keys). */
  keyId: string;
  sign(message: Uint8Array): Uint8Array;
}

/** The query parameter of a signed link (`?v=`) and of a bare code (`?c=`, when nothing could sign). */
export const TOKEN_PARAM = 'v';
export const CODE_PARAM = 'c';

const VERSION = 1;
const KEY_ID_BYTES = 8;
const SIGNATURE_BYTES = 64;
const DIGEST_BYTES = 16;
const HEAD_BYTES = 1 + KEY_ID_BYTES + SIGNATURE_BYTES + DIGEST_BYTES;
const DOMAIN = utf8('township-desk/document-facts/v1\n');
/** A token longer than this is no token of ours (a QR code could not hold it anyway). */
export const MAX_TOKEN_LENGTH = 1200;

/** 张三丰 → 张*丰, 张三 → 张*, 欧阳娜娜 → 欧**娜: the first and last character stay. */
export function maskHolderName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** The first 16 bytes of SHA-256 of the record as issued, base64url (22 characters). */
export function contentDigest(sha256OfRecord: Uint8Array): string {
  return toBase64Url(sha256OfRecord.slice(0, DIGEST_BYTES));
}

function factsText(facts: DocumentFacts): string {
  const fields = [normalizeVerificationCode(facts.code), facts.kind, facts.number, facts.issuedOn, facts.holder];
  for (const field of fields) if (field.includes('\n')) throw new Error('文书信息中不能有换行');
  return fields.join('\n');
}

function signedMessage(keyId: Uint8Array, digest: Uint8Array, text: Uint8Array): Uint8Array {
  return concatBytes(DOMAIN, keyId, digest, text);
}

/** Signs the facts; returns the token for `?v=`. */
export function signDocumentFacts(facts: DocumentFacts, signer: FactsSigner): string {
  const keyId = fromHex(signer.keyId);
  if (keyId.length !== KEY_ID_BYTES) throw new Error('签名密钥编号应为 16 位十六进制');
  const digest = fromBase64Url(facts.digest);
  if (digest.length !== DIGEST_BYTES) throw new Error('内容指纹应为 16 字节');
  const text = utf8(factsText(facts));
  const signature = signer.sign(signedMessage(keyId, digest, text));
  return toBase64Url(concatBytes(Uint8Array.of(VERSION), keyId, signature, digest, text));
}

export interface ReadToken {
  keyId: string;
  facts: DocumentFacts;
  /**
   * Checks the signature against a public key: Ed25519 (32 bytes) unless `verify` is the
   * township's suite's (SM2 for a 国密 township; the hub passes it, knowing the suite).
   */
  signedBy(publicKey: Uint8Array, verify?: SignatureCheck): boolean;
}

/** A suite's signature check (shared/sync/suites `CipherSuite.verify`). */
export type SignatureCheck = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;

export type TokenRead = { ok: true; token: ReadToken } | { ok: false; message: string };

/** Reads a token (not yet trusting it: `signedBy` decides). */
export function readVerificationToken(token: string): TokenRead {
  const broken = (why: string): TokenRead => ({ ok: false, message: `核验链接不完整或已损坏（${why}）` });
  if (token.length > MAX_TOKEN_LENGTH) return broken('过长');
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(token);
  } catch {
    return broken('含有无效字符');
  }
  if (bytes.length <= HEAD_BYTES) return broken('过短');
  if (bytes[0] !== VERSION) return broken(`不认识的版本 ${bytes[0]}`);
  const keyId = bytes.slice(1, 1 + KEY_ID_BYTES);
  const signature = bytes.slice(1 + KEY_ID_BYTES, 1 + KEY_ID_BYTES + SIGNATURE_BYTES);
  const digest = bytes.slice(HEAD_BYTES - DIGEST_BYTES, HEAD_BYTES);
  const textBytes = bytes.slice(HEAD_BYTES);
  let text: string;
  try {
    text = fromUtf8(textBytes);
  } catch {
    return broken('文字编码无效');
  }
  const fields = text.split('\n');
  if (fields.length !== 5) return broken('信息项数不对');
  const [code, kind, number, issuedOn, holder] = fields as [string, string, string, string, string];
  const checked = checkVerificationCode(code);
  if (!checked.ok) return broken('核验码无效');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(issuedOn)) return broken('日期无效');
  const message = signedMessage(keyId, digest, textBytes);
  return {
    ok: true,
    token: {
      keyId: toHex(keyId),
      facts: { code: checked.code, kind, number, issuedOn, holder, digest: toBase64Url(digest) },
      signedBy: (publicKey, check = verify) => check(publicKey, message, signature),
    },
  };
}

/** `base?v=token` (or `&v=` when the base has a query already); `?c=CODE` when nothing signed. */
export function verificationLink(baseUrl: string, value: { token: string } | { code: string }): string {
  const separator = baseUrl.includes('?') ? (/[?&]$/.test(baseUrl) ? '' : '&') : '?';
  const param = 'token' in value ? `${TOKEN_PARAM}=${value.token}` : `${CODE_PARAM}=${value.code}`;
  return `${baseUrl}${separator}${param}`;
}

export type VerificationInput = { token: string } | { code: string } | null;

/**
 * What was typed, pasted or scanned into a verify box: a whole link (`…?v=token` or `…?c=CODE`),
 * a bare token, or a code. Null for nothing at all.
 */
export function parseVerificationInput(text: string): VerificationInput {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const token = new RegExp(`[?&#]${TOKEN_PARAM}=([A-Za-z0-9_-]+)`).exec(trimmed);
  if (token) return { token: token[1]! };
  const code = new RegExp(`[?&#]${CODE_PARAM}=([^&#\\s]+)`).exec(trimmed);
  if (code) return { code: safeDecode(code[1]!) };
  if (/^[A-Za-z0-9_-]{100,}$/.test(trimmed)) return { token: trimmed };
  return { code: trimmed };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** 受理回执 SL-2026-000306 2026-09-29 张*三 */
export function factsLine(facts: Pick<DocumentFacts, 'kind' | 'number' | 'issuedOn' | 'holder'>): string {
  return [facts.kind, facts.number, facts.issuedOn, facts.holder].filter((part) => part !== '').join(' ');
}

/** The administrator's base address: http(s), no fragment, short enough for the QR code. */
export const verificationBaseUrl = printable(
  z
    .string()
    .trim()
    .max(120, { message: '不能超过 120 个字符（网址越长，二维码越密，越难扫）' })
    .refine((value) => value === '' || z.url({ protocol: /^https?$/ }).safeParse(value).success, {
      message: '应为以 http:// 或 https:// 开头的完整网址，如 https://县级平台地址:4790/verify',
    })
    .refine((value) => !value.includes('#'), { message: '不能含有“#”' }),
).describe('核验网址');
