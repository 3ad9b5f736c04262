// HPKE (RFC 9180), base mode only, DHKEM(X25519, HKDF-SHA256) + HKDF-SHA256 + AES-GCM.
//
// Written out on top of noble's primitives rather than taken from an HPKE package because the
// code must be pure (no WebCrypto, no node:crypto: Electron's BoringSSL and the browser differ
// in what they expose) and the few lines of key schedule are easier to audit here, against the
// RFC's test vectors in test/sync/hpke.test.ts, than a dependency's abstraction layers.
import { x25519 } from '@noble/curves/ed25519.js';
import { gcm } from '@noble/ciphers/aes.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { expand, extract } from '@noble/hashes/hkdf.js';
import { concatBytes, utf8 } from './bytes';

/** AEAD ids of RFC 9180 §7.3: 0x0001 AES-128-GCM, 0x0002 AES-256-GCM. */
export type AeadId = 0x0001 | 0x0002;

/** A cipher suite: only DHKEM(X25519, HKDF-SHA256) and HKDF-SHA256 are implemented. */
export interface HpkeSuite {
  kem: 0x0020;
  kdf: 0x0001;
  aead: AeadId;
}

/** The suite the sync ships with. */
export const SUITE_X25519_SHA256_AES256GCM: HpkeSuite = Object.freeze({ kem: 0x0020, kdf: 0x0001, aead: 0x0002 });
/** The suite of RFC 9180 Appendix A.1, kept for the test vectors. */
export const SUITE_X25519_SHA256_AES128GCM: HpkeSuite = Object.freeze({ kem: 0x0020, kdf: 0x0001, aead: 0x0001 });

/** Any HPKE failure: a bad key, a bad encapsulation, or a ciphertext that does not authenticate. */
export class HpkeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HpkeError';
  }
}

const MODE_BASE = 0x00;
const N_SECRET = 32; // DHKEM(X25519) Nsecret
const N_SK = 32;
const N_H = 32; // SHA-256
const N_N = 12; // AES-GCM nonce
const N_T = 16; // AES-GCM tag
const HPKE_V1 = utf8('HPKE-v1');
const EMPTY = new Uint8Array(0);

function i2osp(n: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1, v = n; i >= 0; i--, v = Math.floor(v / 256)) out[i] = v & 0xff;
  return out;
}

function aeadKeyLength(aead: AeadId): number {
  return aead === 0x0001 ? 16 : 32;
}

function checkSuite(suite: HpkeSuite): void {
  // Guards against a suite object built from untrusted input claiming something we do not do.
  if (suite.kem !== 0x0020 || suite.kdf !== 0x0001 || (suite.aead !== 0x0001 && suite.aead !== 0x0002)) {
    throw new HpkeError('不支持的 HPKE 算法组合');
  }
}

function kemSuiteId(suite: HpkeSuite): Uint8Array {
  return concatBytes(utf8('KEM'), i2osp(suite.kem, 2));
}

function hpkeSuiteId(suite: HpkeSuite): Uint8Array {
  return concatBytes(utf8('HPKE'), i2osp(suite.kem, 2), i2osp(suite.kdf, 2), i2osp(suite.aead, 2));
}

function labeledExtract(suiteId: Uint8Array, salt: Uint8Array, label: string, ikm: Uint8Array): Uint8Array {
  // An empty salt is what the RFC means by "": HMAC pads it to HashLen zeros, as RFC 5869 asks.
  return extract(sha256, concatBytes(HPKE_V1, suiteId, utf8(label), ikm), salt);
}

function labeledExpand(suiteId: Uint8Array, prk: Uint8Array, label: string, info: Uint8Array, l: number): Uint8Array {
  if (!Number.isInteger(l) || l < 0 || l > 255 * N_H) throw new HpkeError('HPKE 派生长度无效');
  return expand(sha256, prk, concatBytes(i2osp(l, 2), HPKE_V1, suiteId, utf8(label), info), l);
}

/** DeriveKeyPair of DHKEM(X25519): a key pair from at least 32 bytes of input keying material. */
export function deriveKeyPair(suite: HpkeSuite, ikm: Uint8Array): { privateKey: Uint8Array; publicKey: Uint8Array } {
  checkSuite(suite);
  if (ikm.length < N_SK) throw new HpkeError('HPKE 密钥材料不足 32 字节');
  const sid = kemSuiteId(suite);
  const dkpPrk = labeledExtract(sid, EMPTY, 'dkp_prk', ikm);
  const privateKey = labeledExpand(sid, dkpPrk, 'sk', EMPTY, N_SK);
  return { privateKey, publicKey: x25519.getPublicKey(privateKey) };
}

/** A random X25519 key pair. */
export function generateKeyPair(): { privateKey: Uint8Array; publicKey: Uint8Array } {
  const { secretKey, publicKey } = x25519.keygen();
  return { privateKey: secretKey, publicKey };
}

function dh(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  if (privateKey.length !== 32 || publicKey.length !== 32) throw new HpkeError('X25519 密钥长度无效');
  let shared: Uint8Array;
  try {
    shared = x25519.getSharedSecret(privateKey, publicKey);
  } catch {
    throw new HpkeError('X25519 公钥无效');
  }
  // RFC 9180 §7.1.4: a low-order public key yields all zeros, which must be refused (noble
  // already throws; checked again so the guarantee does not rest on a library detail).
  let acc = 0;
  for (const b of shared) acc |= b;
  if (acc === 0) throw new HpkeError('X25519 共享密钥为全零');
  return shared;
}

function extractAndExpand(suite: HpkeSuite, dhOut: Uint8Array, kemContext: Uint8Array): Uint8Array {
  const sid = kemSuiteId(suite);
  const eaePrk = labeledExtract(sid, EMPTY, 'eae_prk', dhOut);
  return labeledExpand(sid, eaePrk, 'shared_secret', kemContext, N_SECRET);
}

/** The state of one HPKE context (RFC 9180 §5.2), for one direction only. */
export interface HpkeContext {
  readonly key: Uint8Array;
  readonly baseNonce: Uint8Array;
  readonly exporterSecret: Uint8Array;
  readonly sharedSecret: Uint8Array;
  readonly keyScheduleContext: Uint8Array;
  /** Encrypts the next message (sender contexts only). */
  seal(aad: Uint8Array, plaintext: Uint8Array): Uint8Array;
  /** Decrypts the next message (recipient contexts only); throws HpkeError if it does not authenticate. */
  open(aad: Uint8Array, ciphertext: Uint8Array): Uint8Array;
  /** Secret export (RFC 9180 §5.3). */
  export(exporterContext: Uint8Array, length: number): Uint8Array;
}

function keySchedule(
  suite: HpkeSuite,
  sharedSecret: Uint8Array,
  info: Uint8Array,
  role: 'sender' | 'recipient',
): HpkeContext {
  const sid = hpkeSuiteId(suite);
  // Base mode: psk and psk_id are empty.
  const pskIdHash = labeledExtract(sid, EMPTY, 'psk_id_hash', EMPTY);
  const infoHash = labeledExtract(sid, EMPTY, 'info_hash', info);
  const keyScheduleContext = concatBytes(Uint8Array.of(MODE_BASE), pskIdHash, infoHash);
  const secret = labeledExtract(sid, sharedSecret, 'secret', EMPTY);
  const key = labeledExpand(sid, secret, 'key', keyScheduleContext, aeadKeyLength(suite.aead));
  const baseNonce = labeledExpand(sid, secret, 'base_nonce', keyScheduleContext, N_N);
  const exporterSecret = labeledExpand(sid, secret, 'exp', keyScheduleContext, N_H);

  let seq = 0;
  const nextNonce = (): Uint8Array => {
    // The RFC's limit is 2^96-1; stopping at 2^53 keeps the counter an exact JS number and is
    // unreachable in practice (the sync seals one message per context).
    if (seq >= Number.MAX_SAFE_INTEGER) throw new HpkeError('HPKE 消息序号已用尽');
    const nonce = i2osp(seq, N_N);
    for (let i = 0; i < N_N; i++) nonce[i] = nonce[i]! ^ baseNonce[i]!;
    return nonce;
  };

  return {
    key,
    baseNonce,
    exporterSecret,
    sharedSecret,
    keyScheduleContext,
    seal(aad, plaintext) {
      if (role !== 'sender') throw new HpkeError('接收方上下文不能加密');
      const ct = gcm(key, nextNonce(), aad).encrypt(plaintext);
      seq++;
      return ct;
    },
    open(aad, ciphertext) {
      if (role !== 'recipient') throw new HpkeError('发送方上下文不能解密');
      if (ciphertext.length < N_T) throw new HpkeError('HPKE 密文过短');
      let pt: Uint8Array;
      try {
        pt = gcm(key, nextNonce(), aad).decrypt(ciphertext);
      } catch {
        // The sequence number only advances on success, as RFC 9180 §5.2 specifies.
        throw new HpkeError('HPKE 解密失败：密文或附加数据不符');
      }
      seq++;
      return pt;
    },
    export(exporterContext, length) {
      return labeledExpand(sid, exporterSecret, 'sec', exporterContext, length);
    },
  };
}

/**
 * SetupBaseS: encapsulates to the recipient's public key and returns the sender context.
 * @param ikmE fixed ephemeral keying material, for test vectors only; production omits it.
 */
export function setupBaseSender(
  suite: HpkeSuite,
  recipientPublicKey: Uint8Array,
  info: Uint8Array,
  ikmE?: Uint8Array,
): { enc: Uint8Array; context: HpkeContext } {
  checkSuite(suite);
  const eph = ikmE ? deriveKeyPair(suite, ikmE) : generateKeyPair();
  const dhOut = dh(eph.privateKey, recipientPublicKey);
  const enc = eph.publicKey;
  const sharedSecret = extractAndExpand(suite, dhOut, concatBytes(enc, recipientPublicKey));
  eph.privateKey.fill(0);
  return { enc, context: keySchedule(suite, sharedSecret, info, 'sender') };
}

/** SetupBaseR: decapsulates enc with the recipient's private key and returns the recipient context. */
export function setupBaseRecipient(
  suite: HpkeSuite,
  enc: Uint8Array,
  recipientPrivateKey: Uint8Array,
  info: Uint8Array,
): HpkeContext {
  checkSuite(suite);
  const dhOut = dh(recipientPrivateKey, enc);
  const pkRm = x25519.getPublicKey(recipientPrivateKey);
  const sharedSecret = extractAndExpand(suite, dhOut, concatBytes(enc, pkRm));
  return keySchedule(suite, sharedSecret, info, 'recipient');
}

/** Single-shot seal (RFC 9180 §6.1). */
export function sealBase(
  suite: HpkeSuite,
  recipientPublicKey: Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
  plaintext: Uint8Array,
): { enc: Uint8Array; ciphertext: Uint8Array } {
  const { enc, context } = setupBaseSender(suite, recipientPublicKey, info);
  return { enc, ciphertext: context.seal(aad, plaintext) };
}

/** Single-shot open (RFC 9180 §6.1); throws HpkeError on any failure. */
export function openBase(
  suite: HpkeSuite,
  enc: Uint8Array,
  recipientPrivateKey: Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
  ciphertext: Uint8Array,
): Uint8Array {
  return setupBaseRecipient(suite, enc, recipientPrivateKey, info).open(aad, ciphertext);
}
