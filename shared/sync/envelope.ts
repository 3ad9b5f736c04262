// The one format of everything that travels between a township node and the county hub, over
// the link or on a USB stick:
//
//   MAGIC "TDE1" | u32 BE headerLength | header (UTF-8 JSON) | u32 BE ciphertextLength | ciphertext
//   | signature (64 bytes, by the sender's signing key over everything before it)
//
// The payload is deflated, then sealed to the recipient's key, with the header bytes as
// associated data, so the header cannot be swapped onto another ciphertext; the whole is then
// signed by the sender's key, so the hub can refuse an envelope by its signer before it spends
// anything on decryption. The header is readable without any key: it carries what the hub needs
// to route and order (node, sequence range, previous hash) and nothing secret.
//
// The header's `suite` names how (suites.ts): the international suite (HPKE X25519 + AES-256-GCM,
// Ed25519, SHA-256) or the 国密 suite (SM2-sealed SM4-GCM key, SM2 signature, SM3), chosen by the
// county per township at enrollment. The frame is the same for both; `enc`, the signature, the
// key ids and the envelope hash (`prev` of the next batch) follow the suite.
import { Inflate, deflateSync } from 'fflate';
import { z } from 'zod';
import { concatBytes, fromBase64Url, fromUtf8, readU32be, toBase64Url, u32be, utf8 } from './bytes';
import type { SigningKeyPair } from './keys';
import { SUITE_IDS, SUITE_INTERNATIONAL, SUITE_LABELS, isSuiteId, suiteOf, type SuiteId } from './suites';

export const ENVELOPE_VERSION = 1;
/** The international suite, which every node used before the county could choose (kept for callers that name it). */
export const SUITE_ID = SUITE_INTERNATIONAL;

export const ENVELOPE_KINDS = ['batch', 'file', 'registration', 'rotation', 'down', 'rebuild'] as const;
export type EnvelopeKind = (typeof ENVELOPE_KINDS)[number];

const MiB = 1024 * 1024;
/** Largest whole envelope accepted per kind, checked from the declared lengths before any decryption. */
export const MAX_ENVELOPE_BYTES: Record<EnvelopeKind, number> = Object.freeze({
  batch: 8 * MiB,
  file: 24 * MiB,
  registration: 64 * 1024,
  rotation: 64 * 1024,
  down: 16 * MiB,
  rebuild: 16 * MiB,
});
/** Largest plaintext an envelope may inflate to: the cap against a deflate bomb. */
export const MAX_INFLATED_BYTES = 64 * MiB;
const MAX_ANY_ENVELOPE = Math.max(...Object.values(MAX_ENVELOPE_BYTES));
// A header is a few hundred bytes; anything near this is not one of ours.
const MAX_HEADER_BYTES = 16 * 1024;

const MAGIC = utf8('TDE1');
// Ed25519 and SM2 (r ‖ s) signatures are both 64 bytes, AES-GCM and SM4-GCM tags both 16.
const SIGNATURE_BYTES = 64;
const AEAD_TAG_BYTES = 16;

export type EnvelopeErrorCode =
  'malformed' | 'too-large' | 'unsupported-version' | 'unsupported-suite' | 'bad-signature' | 'undecryptable';

/** The default Chinese message of each code, for callers that show the code to a person. */
export const ENVELOPE_ERROR_MESSAGES: Record<EnvelopeErrorCode, string> = {
  malformed: '数据包格式错误',
  'too-large': '数据包超过允许的大小',
  'unsupported-version': '数据包版本不受支持',
  'unsupported-suite': '数据包使用了不受支持的加密算法',
  'bad-signature': '数据包签名校验失败',
  undecryptable: '数据包无法解密',
};

/** Why an envelope was refused; `code` is what the sync protocol reports. */
export class EnvelopeError extends Error {
  constructor(
    readonly code: EnvelopeErrorCode,
    message: string = ENVELOPE_ERROR_MESSAGES[code],
  ) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

const hex64 = /^[0-9a-f]{64}$/;
const nonNegativeInt = (field: string) =>
  z
    .number({ error: `${field} 必须是数字` })
    .int(`${field} 必须是整数`)
    .nonnegative(`${field} 不能为负数`);

/** The header, validated field by field: it is read before anything else is trusted. */
const envelopeHeader = z
  .strictObject({
    v: z.literal(ENVELOPE_VERSION),
    suite: z.enum(SUITE_IDS),
    kind: z.enum(ENVELOPE_KINDS, { error: 'kind 不是已知的数据包类型' }),
    node: z.string().min(1, 'node 不能为空').max(100, 'node 过长'),
    first: nonNegativeInt('first').optional(),
    last: nonNegativeInt('last').optional(),
    prev: z
      .string()
      .refine((s) => s === '' || hex64.test(s), 'prev 必须为空或 64 位小写十六进制')
      .optional(),
    downApplied: nonNegativeInt('downApplied').optional(),
    sha256: z.string().regex(hex64, 'sha256 必须是 64 位小写十六进制').optional(),
    recipient: z.string().regex(/^[0-9a-f]{16}$/, 'recipient 必须是 16 位十六进制密钥编号'),
    signer: z.string().regex(/^[0-9a-f]{16}$/, 'signer 必须是 16 位十六进制密钥编号'),
    enc: z.string().max(400, 'enc 过长'),
    created: z.iso.datetime({ offset: true, error: 'created 必须是 ISO 时间' }),
  })
  .superRefine((h, ctx) => {
    const encBytes = isSuiteId(h.suite) ? suiteOf(h.suite).encBytes : 0;
    if (encBytes > 0 && !isEncapsulation(h.enc, encBytes)) {
      ctx.addIssue({ code: 'custom', path: ['enc'], message: `enc 必须是 ${encBytes} 字节的 base64url` });
    }
    if (h.kind === 'batch') {
      if (h.first === undefined) ctx.addIssue({ code: 'custom', path: ['first'], message: '批次缺少 first' });
      if (h.last === undefined) ctx.addIssue({ code: 'custom', path: ['last'], message: '批次缺少 last' });
      if (h.prev === undefined) ctx.addIssue({ code: 'custom', path: ['prev'], message: '批次缺少 prev' });
      if (h.first !== undefined && h.last !== undefined && h.first > h.last) {
        ctx.addIssue({ code: 'custom', path: ['last'], message: '批次的 last 不能小于 first' });
      }
    }
    if (h.kind === 'file' && h.sha256 === undefined) {
      ctx.addIssue({ code: 'custom', path: ['sha256'], message: '文件数据包缺少 sha256' });
    }
  });

function isEncapsulation(s: string, bytes: number): boolean {
  try {
    return fromBase64Url(s).length === bytes;
  } catch {
    return false;
  }
}

/** The readable header of an envelope. */
export interface EnvelopeHeader {
  v: 1;
  suite: SuiteId;
  kind: EnvelopeKind;
  /** The township node id (county-assigned). */
  node: string;
  /** batch: change-log sequence range, inclusive. */
  first?: number;
  last?: number;
  /** batch: hex hash (the suite's: SHA-256 or SM3) of the previous batch's whole envelope ('' for the first batch). */
  prev?: string;
  /** batch: highest downward package sequence the node has applied. */
  downApplied?: number;
  /**
   * file: hex SHA-256 of the plaintext file, in both suites. It is the attachment's identity (the
   * township's attachment rows, the hub's files folder, the upload metadata and the hub's list of
   * stored files all name a file by it), not a protection: under the 国密 suite the content is
   * protected by SM4-GCM and the SM2 signature over the whole envelope, this header included.
   */
  sha256?: string;
  /** Key id of the recipient's box key (X25519 or SM2 encryption key). */
  recipient: string;
  /** Key id of the signer's key (Ed25519 or SM2 signing key). */
  signer: string;
  /** base64url encapsulation: HPKE's enc (32 bytes), or the SM2 ciphertext of the SM4 key and nonce (125 bytes). */
  enc: string;
  /** ISO time. */
  created: string;
}

/** What a caller supplies of the header; the rest is filled in by {@link sealEnvelope}. */
export type EnvelopeHeaderInput = Omit<EnvelopeHeader, 'v' | 'suite' | 'recipient' | 'signer' | 'enc' | 'created'> & {
  created?: string;
};

/** An envelope split into its parts; nothing in it is verified except its shape and sizes. */
/** Raw DEFLATE (RFC 1951, no zlib or gzip wrapper) at `level` 1–9. */
export type DeflateRaw = (bytes: Uint8Array, level: 1 | 9) => Uint8Array;

export interface ParsedEnvelope {
  header: EnvelopeHeader;
  /** The header exactly as it was sealed (the HPKE associated data). */
  headerBytes: Uint8Array;
  /** Everything the signature covers. */
  signedPart: Uint8Array;
  ciphertext: Uint8Array;
  signature: Uint8Array;
  /** Hex hash of the whole envelope bytes by the suite's hash (what the next batch's `prev` names). */
  hash: string;
}

function hpkeInfo(kind: EnvelopeKind): Uint8Array {
  // Binds the ciphertext to its kind, so a 'file' ciphertext cannot be re-labelled as a 'batch'.
  return utf8('township-desk/v1/' + kind);
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return ENVELOPE_ERROR_MESSAGES.malformed;
  const field = issue.path.join('.');
  return `数据包头无效：${field ? `${field}：` : ''}${issue.message}`;
}

/**
 * Compresses, seals to the recipient and signs. Fills in v, suite, recipient, signer, enc and
 * (unless given) created.
 * @throws EnvelopeError('malformed') when the header is invalid; EnvelopeError('too-large') when
 *   the result would exceed {@link MAX_ENVELOPE_BYTES} for its kind (the caller sends less).
 */
export function sealEnvelope(input: {
  /** The node's suite (the county's choice at enrollment); both keys below are of it. */
  suite: SuiteId;
  header: EnvelopeHeaderInput;
  plaintext: Uint8Array;
  recipientPublicKey: Uint8Array;
  signer: SigningKeyPair;
  /**
   * A raw-DEFLATE compressor to use instead of fflate's. Node's zlib packs our JSON about 12%
   * smaller than fflate at the same level, which on a 256 kbit/s link is 12% of the time; the
   * township passes it in (shared/ cannot import Node). The receiver inflates either alike.
   */
  deflateRaw?: DeflateRaw;
}): Uint8Array {
  const { header: given, plaintext, recipientPublicKey, signer } = input;
  if (plaintext.length > MAX_INFLATED_BYTES) {
    throw new EnvelopeError('too-large', `数据包内容超过 ${MAX_INFLATED_BYTES / MiB} MiB`);
  }
  const suite = suiteOf(input.suite);
  if (!suite.isPublicKey(recipientPublicKey)) {
    throw new EnvelopeError('malformed', `接收方公钥不是「${SUITE_LABELS[suite.id]}」的公钥`);
  }
  // Batches and downward packages are JSON and compress well at the highest level; files are
  // mostly already-compressed scans, where level 1 costs little and saves little either way.
  const level = given.kind === 'file' ? 1 : 9;
  const compressed = input.deflateRaw ? input.deflateRaw(plaintext, level) : deflateSync(plaintext, { level });
  // The encapsulation comes before the header because enc belongs in the header, which is the aad.
  const { enc, seal } = suite.encapsulate(recipientPublicKey, hpkeInfo(given.kind));
  const header: EnvelopeHeader = {
    v: ENVELOPE_VERSION,
    suite: suite.id,
    kind: given.kind,
    node: given.node,
    ...(given.first !== undefined ? { first: given.first } : {}),
    ...(given.last !== undefined ? { last: given.last } : {}),
    ...(given.prev !== undefined ? { prev: given.prev } : {}),
    ...(given.downApplied !== undefined ? { downApplied: given.downApplied } : {}),
    ...(given.sha256 !== undefined ? { sha256: given.sha256 } : {}),
    recipient: suite.keyId(recipientPublicKey),
    signer: suite.keyId(signer.publicKey),
    enc: toBase64Url(enc),
    created: given.created ?? new Date().toISOString(),
  };
  const checked = envelopeHeader.safeParse(header);
  if (!checked.success) throw new EnvelopeError('malformed', describe(checked.error));
  const headerBytes = utf8(JSON.stringify(header));
  if (headerBytes.length > MAX_HEADER_BYTES) throw new EnvelopeError('malformed', '数据包头过长');
  const total = MAGIC.length + 4 + headerBytes.length + 4 + compressed.length + AEAD_TAG_BYTES + SIGNATURE_BYTES;
  if (total > MAX_ENVELOPE_BYTES[header.kind]) {
    throw new EnvelopeError(
      'too-large',
      `数据包 ${total} 字节，超过「${header.kind}」允许的 ${MAX_ENVELOPE_BYTES[header.kind]} 字节`,
    );
  }
  const ciphertext = seal(headerBytes, compressed);
  const signedPart = concatBytes(MAGIC, u32be(headerBytes.length), headerBytes, u32be(ciphertext.length), ciphertext);
  return concatBytes(signedPart, suite.sign(signer.privateKey, signedPart));
}

/**
 * Splits an envelope and validates its header and sizes. Verifies nothing cryptographic.
 * @throws EnvelopeError 'malformed' (bad framing, bad header, truncated, trailing bytes),
 *   'too-large' (declared sizes beyond the kind's maximum), 'unsupported-version', 'unsupported-suite'.
 */
export function parseEnvelope(bytes: Uint8Array): ParsedEnvelope {
  if (bytes.length > MAX_ANY_ENVELOPE) throw new EnvelopeError('too-large');
  if (bytes.length < MAGIC.length + 4) throw new EnvelopeError('malformed', '数据包不完整');
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) throw new EnvelopeError('malformed', '不是乡镇一站通的数据包');
  }
  const headerLength = readU32be(bytes, 4);
  if (headerLength > MAX_HEADER_BYTES) throw new EnvelopeError('malformed', '数据包头过长');
  const headerEnd = 8 + headerLength;
  if (bytes.length < headerEnd + 4) throw new EnvelopeError('malformed', '数据包不完整');
  const headerBytes = bytes.subarray(8, headerEnd);

  let raw: unknown;
  try {
    raw = JSON.parse(fromUtf8(headerBytes));
  } catch {
    throw new EnvelopeError('malformed', '数据包头不是有效的 JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new EnvelopeError('malformed', '数据包头不是 JSON 对象');
  }
  // Version and suite first, so that a newer or different format is reported as such rather
  // than as a pile of unknown fields.
  const { v, suite } = raw as { v?: unknown; suite?: unknown };
  if (v !== ENVELOPE_VERSION) throw new EnvelopeError('unsupported-version', `数据包版本 ${String(v)} 不受支持`);
  if (!isSuiteId(suite)) throw new EnvelopeError('unsupported-suite', `数据包的加密算法「${String(suite)}」不受支持`);
  const checked = envelopeHeader.safeParse(raw);
  if (!checked.success) throw new EnvelopeError('malformed', describe(checked.error));
  const header = checked.data as EnvelopeHeader;

  const ciphertextLength = readU32be(bytes, headerEnd);
  const declared = headerEnd + 4 + ciphertextLength + SIGNATURE_BYTES;
  if (declared > MAX_ENVELOPE_BYTES[header.kind]) {
    throw new EnvelopeError(
      'too-large',
      `数据包声明 ${declared} 字节，超过「${header.kind}」允许的 ${MAX_ENVELOPE_BYTES[header.kind]} 字节`,
    );
  }
  if (bytes.length < declared) throw new EnvelopeError('malformed', '数据包不完整（可能传输中断）');
  if (bytes.length > declared) throw new EnvelopeError('malformed', '数据包末尾有多余的数据');
  if (ciphertextLength < AEAD_TAG_BYTES) throw new EnvelopeError('malformed', '数据包密文过短');

  const signedEnd = headerEnd + 4 + ciphertextLength;
  return {
    header,
    headerBytes,
    signedPart: bytes.subarray(0, signedEnd),
    ciphertext: bytes.subarray(headerEnd + 4, signedEnd),
    signature: bytes.subarray(signedEnd),
    hash: suiteOf(header.suite).hashHex(bytes),
  };
}

/**
 * Refuses an envelope sealed with another suite than the one agreed for its node (the county's
 * choice at enrollment): a township enrolled for 国密 may not fall back to the other suite, nor
 * the other way round.
 * @throws EnvelopeError('unsupported-suite')
 */
export function requireSuite(parsed: ParsedEnvelope, expected: SuiteId): void {
  if (parsed.header.suite !== expected) {
    throw new EnvelopeError(
      'unsupported-suite',
      `数据包使用「${SUITE_LABELS[parsed.header.suite]}」，本节点约定使用「${SUITE_LABELS[expected]}」`,
    );
  }
}

/**
 * Checks the signature against the signer's public key (which the caller looks up by
 * `header.signer`). A key whose id is not the header's signer is refused too, so an envelope
 * cannot be attributed to one key and verified by another.
 * @throws EnvelopeError('bad-signature')
 */
export function verifyEnvelope(parsed: ParsedEnvelope, signerPublicKey: Uint8Array): void {
  const suite = suiteOf(parsed.header.suite);
  if (suite.keyId(signerPublicKey) !== parsed.header.signer) {
    throw new EnvelopeError('bad-signature', '数据包签名校验失败：签名密钥与数据包标注的不符');
  }
  if (!suite.verify(signerPublicKey, parsed.signedPart, parsed.signature)) {
    throw new EnvelopeError('bad-signature', '数据包签名校验失败');
  }
}

/**
 * Decrypts and inflates the payload. Call {@link verifyEnvelope} first: decryption proves only
 * that someone who knew the recipient's public key sealed it.
 * @throws EnvelopeError 'undecryptable' (wrong key, altered header or ciphertext), 'malformed'
 *   (bad deflate stream), 'too-large' (inflates beyond {@link MAX_INFLATED_BYTES}).
 */
export function openEnvelope(parsed: ParsedEnvelope, recipientPrivateKey: Uint8Array): Uint8Array {
  let compressed: Uint8Array;
  try {
    compressed = suiteOf(parsed.header.suite).open(
      fromBase64Url(parsed.header.enc),
      recipientPrivateKey,
      hpkeInfo(parsed.header.kind),
      parsed.headerBytes,
      parsed.ciphertext,
    );
  } catch {
    // HpkeError or GuomiError from the AEAD or the key encapsulation, or a malformed private key:
    // to the caller all the same.
    throw new EnvelopeError('undecryptable', '数据包无法解密：密钥不符或内容已被改动');
  }
  return inflateCapped(compressed, MAX_INFLATED_BYTES);
}

// Input is fed in small slices because fflate inflates a whole push at once: one 16 KiB slice
// can grow to at most ~16.5 MiB (deflate's ratio is bounded by ~1032:1), so a bomb is caught
// after one slice past the cap instead of after it has filled memory.
const INFLATE_SLICE = 16 * 1024;

function inflateCapped(compressed: Uint8Array, cap: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > cap) throw new EnvelopeError('too-large', `数据包解压后超过 ${cap / MiB} MiB`);
    if (chunk.length) chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    if (compressed.length === 0) throw new EnvelopeError('malformed', '数据包内容的压缩数据为空');
    for (let offset = 0; offset < compressed.length; offset += INFLATE_SLICE) {
      const end = Math.min(offset + INFLATE_SLICE, compressed.length);
      inflater.push(compressed.subarray(offset, end), end === compressed.length);
    }
  } catch (error) {
    if (error instanceof EnvelopeError) throw error;
    throw new EnvelopeError('malformed', '数据包内容的压缩数据已损坏');
  }
  if (!ended) throw new EnvelopeError('malformed', '数据包内容的压缩数据不完整');
  return chunks.length === 1 ? chunks[0]! : concatBytes(...chunks);
}
