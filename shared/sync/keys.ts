// The long-lived keys of the sync: an Ed25519 pair that signs what a party sends and an X25519
// pair that what is sent to it is sealed to. Pure implementations (noble) rather than WebCrypto
// or node:crypto, because shared/ must run unchanged in Node, in Electron (BoringSSL, whose
// X25519/Ed25519 exposure differs) and in a browser.
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { gcm } from '@noble/ciphers/aes.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { fromBase64Url, sha256Hex, toBase64Url, utf8 } from './bytes';

/** Ed25519: 32-byte seed as the private key, 32-byte public key. */
export interface SigningKeyPair {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

/** X25519: 32-byte private scalar, 32-byte public key. */
export interface BoxKeyPair {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

/** A fresh Ed25519 key pair from the platform's CSPRNG. */
export function generateSigningKeyPair(): SigningKeyPair {
  const { secretKey, publicKey } = ed25519.keygen();
  return { privateKey: secretKey, publicKey };
}

/** A fresh X25519 key pair from the platform's CSPRNG. */
export function generateBoxKeyPair(): BoxKeyPair {
  const { secretKey, publicKey } = x25519.keygen();
  return { privateKey: secretKey, publicKey };
}

/** Ed25519 public key of a 32-byte seed (to check a stored pair or rebuild the public half). */
export function signingPublicKey(privateKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(privateKey);
}

/** X25519 public key of a private key. */
export function boxPublicKey(privateKey: Uint8Array): Uint8Array {
  return x25519.getPublicKey(privateKey);
}

/**
 * Key id: the first 16 hex characters (64 bits) of SHA-256 of the public key. Short enough to
 * read aloud and to put in every envelope header; a collision only makes a lookup ambiguous, it
 * never makes a forged signature verify, because the signature is checked against the key itself.
 */
export function keyId(publicKey: Uint8Array): string {
  return sha256Hex(publicKey).slice(0, 16);
}

/** Ed25519 signature (64 bytes) of message. */
export function sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array {
  return ed25519.sign(message, privateKey);
}

/** Whether signature is a valid Ed25519 signature of message by publicKey; false on any malformed input. */
export function verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  // noble throws on malformed lengths or encodings; to a caller those are simply invalid signatures.
  try {
    return ed25519.verify(signature, message, publicKey);
  } catch {
    return false;
  }
}

/** Wrong passphrase (or a stored key that was tampered with: AES-GCM cannot tell the two apart). */
export class WrongPassphraseError extends Error {
  constructor(message = '口令不正确，无法解开私钥') {
    super(message);
    this.name = 'WrongPassphraseError';
  }
}

const SCRYPT_N = 2 ** 15;
const SCRYPT_R = 8;
const SCRYPT_P = 1;
// Binds the ciphertext to its purpose, so the blob cannot be replayed as some other AES-GCM message.
const PROTECT_AAD = utf8('township-desk/v1/protected-key');

const protectedKey = z.strictObject({
  v: z.literal(1),
  kdf: z.literal('scrypt'),
  // Bounded so a planted file cannot make unlocking allocate gigabytes (memory = 128·N·r bytes).
  N: z
    .number()
    .int()
    .min(2 ** 14)
    .max(2 ** 20)
    .refine((n) => (n & (n - 1)) === 0, 'N 必须是 2 的幂'),
  r: z.number().int().min(1).max(16),
  p: z.number().int().min(1).max(4),
  salt: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  ct: z.string().min(1).max(100_000),
});

function deriveKey(passphrase: string, salt: Uint8Array, N: number, r: number, p: number): Uint8Array {
  // NFC so the same passphrase typed through different input methods gives the same key.
  return scrypt(utf8(passphrase.normalize('NFC')), salt, { N, r, p, dkLen: 32 });
}

/**
 * Protects a private key with a passphrase for the hall host, which has no OS keychain:
 * scrypt(N=2^15, r=8, p=1, 16-byte salt) → AES-256-GCM with a 12-byte nonce.
 * @returns JSON `{v:1,kdf:'scrypt',N,r,p,salt,nonce,ct}`, binary fields in base64url.
 */
export function protectWithPassphrase(secret: Uint8Array, passphrase: string): string {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const key = deriveKey(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P);
  const ct = gcm(key, nonce, PROTECT_AAD).encrypt(secret);
  key.fill(0);
  return JSON.stringify({
    v: 1,
    kdf: 'scrypt',
    N: SCRYPT_N,
    r: SCRYPT_R,
    p: SCRYPT_P,
    salt: toBase64Url(salt),
    nonce: toBase64Url(nonce),
    ct: toBase64Url(ct),
  });
}

/**
 * Recovers a secret protected by {@link protectWithPassphrase}.
 * @throws WrongPassphraseError when the passphrase is wrong (or the ciphertext altered);
 *   Error when the stored text is not a protected key at all.
 */
export function unprotectWithPassphrase(protectedJson: string, passphrase: string): Uint8Array {
  let stored: z.infer<typeof protectedKey>;
  let salt: Uint8Array;
  let nonce: Uint8Array;
  let ct: Uint8Array;
  try {
    stored = protectedKey.parse(JSON.parse(protectedJson));
    salt = fromBase64Url(stored.salt);
    nonce = fromBase64Url(stored.nonce);
    ct = fromBase64Url(stored.ct);
    if (nonce.length !== 12 || salt.length < 8 || ct.length < 16) throw new Error('length');
  } catch {
    throw new Error('受保护的私钥格式无效，无法读取');
  }
  const key = deriveKey(passphrase, salt, stored.N, stored.r, stored.p);
  try {
    return gcm(key, nonce, PROTECT_AAD).decrypt(ct);
  } catch {
    throw new WrongPassphraseError();
  } finally {
    key.fill(0);
  }
}
