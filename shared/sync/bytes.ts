// Byte helpers for the sync formats. shared/ runs in a browser and in Node, so nothing here may
// touch Buffer, btoa or TextEncoder's Node-only cousins: everything is plain Uint8Array code on
// top of @noble/hashes, which is pure as well.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes as nobleConcat, hexToBytes } from '@noble/hashes/utils.js';

// TextEncoder/TextDecoder exist in every home of shared/ (browsers, Node, Electron) but in no
// lib of tsconfig.shared.json, which deliberately includes neither DOM nor Node types; these
// declarations describe just the part used here.
declare const TextEncoder: new () => { encode(input: string): Uint8Array };
declare const TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(input: Uint8Array): string };

const encoder = new TextEncoder();
// fatal: a key or header that is not valid UTF-8 is a malformed input, not a string with U+FFFD in it.
const decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** The string of UTF-8 bytes; throws TypeError on invalid UTF-8. */
export function fromUtf8(b: Uint8Array): string {
  return decoder.decode(b);
}

/** Lowercase hex. */
export function toHex(b: Uint8Array): string {
  return bytesToHex(b);
}

/** Bytes of a hex string (either case); throws on odd length or non-hex characters. */
export function fromHex(s: string): Uint8Array {
  return hexToBytes(s);
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64URL.length; i++) B64URL_INDEX[B64URL.charCodeAt(i)] = i;

/** base64url without padding (RFC 4648 §5), the encoding of keys in JSON. */
export function toBase64Url(b: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]! + B64URL[n & 63]!;
  }
  const rest = b.length - i;
  if (rest === 1) {
    const n = b[i]! << 16;
    out += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8);
    out += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]!;
  }
  return out;
}

/**
 * Bytes of a base64url string without padding. Strict: padding, '+', '/', whitespace, an
 * impossible length or non-zero trailing bits throw, so one key has exactly one spelling and a
 * key id computed from the decoded bytes cannot be dodged by re-spelling the text.
 */
export function fromBase64Url(s: string): Uint8Array {
  if (s.length % 4 === 1) throw new TypeError('base64url 长度无效');
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64URL_INDEX[c]! : -1;
    if (v < 0) throw new TypeError('base64url 含有无效字符');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
      acc &= (1 << bits) - 1;
    }
  }
  if (acc !== 0) throw new TypeError('base64url 末尾位不为零');
  return out;
}

/** One array of all parts, in order. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  return nobleConcat(...parts);
}

/** Constant-time (in the content) equality; lengths are not secret. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Lowercase hex SHA-256. */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** SHA-256 digest bytes. */
export function sha256Bytes(bytes: Uint8Array): Uint8Array {
  return sha256(bytes);
}

/** Big-endian u32 bytes; throws on a value outside 0..2^32-1 rather than wrapping silently. */
export function u32be(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`u32 超出范围: ${n}`);
  return new Uint8Array([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

/** Big-endian u32 at offset; the caller checks that four bytes are there. */
export function readU32be(b: Uint8Array, offset: number): number {
  return ((b[offset]! << 24) >>> 0) + (b[offset + 1]! << 16) + (b[offset + 2]! << 8) + b[offset + 3]!;
}
