// The 国密 primitives of the second sync suite — SM2 (GB/T 32918), SM3 (GB/T 32905), SM4
// (GB/T 32907) in GCM — as byte-in, byte-out functions over `sm-crypto-v2`.
//
// Why that library: it is pure TypeScript built on the @noble primitives the international suite
// already uses (noble-curves' Weierstrass code with the SM2 curve, noble's GHASH for GCM), so it
// runs alike in Node, in Electron (whose BoringSSL has no SM algorithms at all; Node's OpenSSL 3
// has SM3 and SM4-CBC/CTR but no SM4-GCM) and in a browser; it is maintained (releases through
// 2025, 1.15.1 here) and its own tests carry the standards' values (the SM4 million-round vector,
// RFC 8998's SM4-GCM vector). `sm-crypto` (the original) is unmaintained and on jsbn; `gm-crypto`
// has no GCM. test/sync/guomi.test.ts checks the published values of GB/T 32905, GB/T 32907,
// GB/T 32918.5 (GM/T 0003.5) and RFC 8998 through this module.
//
// The library's API speaks hex strings and is lenient where a verifier must not be; this module
// adds the checks: lengths, the 0x04 point prefix, points on the curve, 1 ≤ r, s ≤ n−1, private
// keys in [1, n−2], a GCM tag always checked (the library skips the check when no tag is given),
// and a failed SM2 decryption turned into an exception (the library returns an empty array).
import { sm2, sm3 as sm3ToHex, sm4 } from 'sm-crypto-v2';
import { randomBytes } from '@noble/hashes/utils.js';
import { concatBytes, fromHex, toHex } from './bytes';

/** The default user id of GB/T 32918.2 (and GM/T 0009 §10) that every signature's Z value uses. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';
/** The order n of the SM2 recommended curve (GB/T 32918.5). */
const SM2_N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');

export const SM2_PRIVATE_KEY_BYTES = 32;
/** Uncompressed point 04 ‖ x ‖ y, the form the standard hashes into Z (and we into key ids). */
export const SM2_PUBLIC_KEY_BYTES = 65;
export const SM2_SIGNATURE_BYTES = 64;
/** C1 (65) ‖ C3 (32) in front of C2, whose length is the plaintext's. */
export const SM2_CIPHERTEXT_OVERHEAD = 97;
export const SM4_KEY_BYTES = 16;
export const SM4_GCM_NONCE_BYTES = 12;
export const SM4_GCM_TAG_BYTES = 16;

/** Any failure of the SM primitives: a bad key, a ciphertext that does not decrypt or authenticate. */
export class GuomiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuomiError';
  }
}

// ---------------------------------------------------------------------------------------------
// SM3
// ---------------------------------------------------------------------------------------------

/** SM3 digest (32 bytes). */
export function sm3(bytes: Uint8Array): Uint8Array {
  return fromHex(sm3ToHex(bytes));
}

/** Lowercase hex SM3. */
export function sm3Hex(bytes: Uint8Array): string {
  return sm3ToHex(bytes);
}

// ---------------------------------------------------------------------------------------------
// SM2 keys
// ---------------------------------------------------------------------------------------------

function scalarOf(privateKey: Uint8Array): bigint {
  if (privateKey.length !== SM2_PRIVATE_KEY_BYTES) throw new GuomiError('SM2 私钥应为 32 字节');
  const d = BigInt('0x' + toHex(privateKey));
  // GB/T 32918.1 §6.1: d ∈ [1, n−2], so that (1 + d)⁻¹ exists for signing.
  if (d < 1n || d > SM2_N - 2n) throw new GuomiError('SM2 私钥超出取值范围');
  return d;
}

/** Whether `publicKey` is an uncompressed point (04 ‖ x ‖ y) on the SM2 curve. */
export function isSm2PublicKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== SM2_PUBLIC_KEY_BYTES || publicKey[0] !== 0x04) return false;
  try {
    return sm2.verifyPublicKey(toHex(publicKey));
  } catch {
    return false;
  }
}

function publicKeyHex(publicKey: Uint8Array): string {
  if (!isSm2PublicKey(publicKey)) throw new GuomiError('SM2 公钥无效：应为曲线上的点 04‖x‖y（65 字节）');
  return toHex(publicKey);
}

/** The public key (04 ‖ x ‖ y) of a private key. */
export function sm2PublicKey(privateKey: Uint8Array): Uint8Array {
  scalarOf(privateKey);
  return fromHex(sm2.getPublicKeyFromPrivateKey(toHex(privateKey)));
}

/** A fresh SM2 key pair from the platform's CSPRNG (crypto.getRandomValues, through noble). */
export function sm2KeyPair(): { privateKey: Uint8Array; publicKey: Uint8Array } {
  for (;;) {
    const pair = sm2.generateKeyPairHex();
    const privateKey = fromHex(pair.privateKey);
    // noble draws from [1, n−1]; n−1 is no SM2 private key (the chance is 2⁻²⁵⁶, the check is free).
    try {
      scalarOf(privateKey);
    } catch {
      continue;
    }
    return { privateKey, publicKey: fromHex(pair.publicKey) };
  }
}

// ---------------------------------------------------------------------------------------------
// SM2 signatures (GB/T 32918.2)
// ---------------------------------------------------------------------------------------------

/** Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), GB/T 32918.2 §5.5. */
export function sm2Z(publicKey: Uint8Array, userId: string = SM2_DEFAULT_USER_ID): Uint8Array {
  return sm2.getZ(publicKeyHex(publicKey), userId);
}

/** e = SM3(Z ‖ M): what the signature signs (steps A1–A2 of GB/T 32918.2 §6.1). */
export function sm2Digest(publicKey: Uint8Array, message: Uint8Array, userId?: string): Uint8Array {
  return sm3(concatBytes(sm2Z(publicKey, userId), message));
}

/**
 * SM2 signature r ‖ s (64 bytes) of `message` with the default user id. The digest is computed
 * here, once over bytes, rather than by the library, which turns the message into a hex string
 * and a plain array first (a 24 MiB attachment envelope would cost hundreds of megabytes).
 */
export function sm2Sign(privateKey: Uint8Array, message: Uint8Array, publicKey?: Uint8Array): Uint8Array {
  scalarOf(privateKey);
  const e = sm2Digest(publicKey ?? sm2PublicKey(privateKey), message);
  const signature = fromHex(sm2.doSignature(e, toHex(privateKey), { hash: false }));
  if (signature.length !== SM2_SIGNATURE_BYTES) throw new GuomiError('SM2 签名长度不对');
  return signature;
}

/** Whether `signature` (r ‖ s) is a valid SM2 signature of `message` by `publicKey`; false on any malformed input. */
export function sm2Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== SM2_SIGNATURE_BYTES || !isSm2PublicKey(publicKey)) return false;
  // GB/T 32918.2 §7.1 B1–B2: r′, s′ ∈ [1, n−1]. The library does not check (an s ≥ n throws inside
  // noble; an r ≥ n merely fails), so a non-canonical signature is refused here, not by accident.
  const r = BigInt('0x' + toHex(signature.subarray(0, 32)));
  const s = BigInt('0x' + toHex(signature.subarray(32)));
  if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) return false;
  try {
    const e = sm2Digest(publicKey, message);
    return sm2.doVerifySignature(e, toHex(signature), toHex(publicKey), { hash: false });
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// SM2 public-key encryption (GB/T 32918.4), ciphertext C1 ‖ C3 ‖ C2 with C1 = 04 ‖ x1 ‖ y1
// ---------------------------------------------------------------------------------------------

/** Encrypts `plaintext` (a content key: a few dozen bytes) to an SM2 public key. */
export function sm2Encrypt(publicKey: Uint8Array, plaintext: Uint8Array): Uint8Array {
  // cipherMode 1 = C1C3C2, the order of GB/T 32918.4-2016; the library leaves C1's 04 off.
  const hex = sm2.doEncrypt(plaintext, publicKeyHex(publicKey), 1);
  const ciphertext = fromHex('04' + hex);
  if (ciphertext.length !== SM2_CIPHERTEXT_OVERHEAD + plaintext.length) throw new GuomiError('SM2 密文长度不对');
  return ciphertext;
}

/**
 * Decrypts C1 ‖ C3 ‖ C2; the result has the length C2 has.
 * @throws GuomiError when C1 is not a point on the curve or C3 does not match (wrong key, altered bytes).
 */
export function sm2Decrypt(privateKey: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  if (ciphertext.length < SM2_CIPHERTEXT_OVERHEAD || ciphertext[0] !== 0x04) {
    throw new GuomiError('SM2 密文格式不对');
  }
  scalarOf(privateKey);
  let plaintext: unknown;
  try {
    plaintext = sm2.doDecrypt(toHex(ciphertext.subarray(1)), toHex(privateKey), 1, { output: 'array' });
  } catch {
    throw new GuomiError('SM2 密文中的点无效');
  }
  // On a C3 mismatch the library answers an empty plain array rather than throwing.
  if (!(plaintext instanceof Uint8Array) || plaintext.length !== ciphertext.length - SM2_CIPHERTEXT_OVERHEAD) {
    throw new GuomiError('SM2 解密失败：密钥不符或密文已被改动');
  }
  return plaintext;
}

// ---------------------------------------------------------------------------------------------
// SM4-GCM (the GCM of NIST SP 800-38D over the SM4 block, as in RFC 8998 and GB/T 36624)
// ---------------------------------------------------------------------------------------------

function checkGcm(key: Uint8Array, nonce: Uint8Array): void {
  if (key.length !== SM4_KEY_BYTES) throw new GuomiError('SM4 密钥应为 16 字节');
  if (nonce.length !== SM4_GCM_NONCE_BYTES) throw new GuomiError('SM4-GCM 随机数应为 12 字节');
}

/** ciphertext ‖ tag (16 bytes). */
export function sm4GcmSeal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
  checkGcm(key, nonce);
  const { output, tag } = sm4.encrypt(plaintext, key, {
    mode: 'gcm',
    iv: nonce,
    associatedData: aad,
    output: 'array',
    outputTag: true,
  });
  if (!tag || tag.length !== SM4_GCM_TAG_BYTES) throw new GuomiError('SM4-GCM 未给出认证标签');
  return concatBytes(output, tag);
}

/** The plaintext of ciphertext ‖ tag; throws GuomiError when the tag does not authenticate. */
export function sm4GcmOpen(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array {
  checkGcm(key, nonce);
  if (sealed.length < SM4_GCM_TAG_BYTES) throw new GuomiError('SM4-GCM 密文过短');
  const split = sealed.length - SM4_GCM_TAG_BYTES;
  try {
    // The tag is always passed: without one the library decrypts without authenticating.
    return sm4.decrypt(sealed.subarray(0, split), key, {
      mode: 'gcm',
      iv: nonce,
      associatedData: aad,
      tag: sealed.subarray(split),
      output: 'array',
    });
  } catch {
    throw new GuomiError('SM4-GCM 解密失败：密文或附加数据不符');
  }
}

/** Random bytes from the platform's CSPRNG. */
export function guomiRandom(length: number): Uint8Array {
  return randomBytes(length);
}
