// The two cipher suites of the sync, behind one interface, so that the envelope, the keys and the
// signed requests are written once and the county chooses per township which suite seals them:
//
//   international  HPKE (RFC 9180) DHKEM(X25519, HKDF-SHA256) + AES-256-GCM; Ed25519; SHA-256
//   国密            SM2 public-key encryption (GB/T 32918.4) of a fresh SM4 key and nonce, the
//                  payload in SM4-GCM; SM2 signatures with the default user id (GB/T 32918.2);
//                  SM3 (GB/T 32905) for key ids, the batch chain and the envelope hash
//
// Why SM2 encryption of a content key rather than SM2 key agreement (GB/T 32918.3): the sync is
// one-way store-and-forward (a batch is sealed once, stored, and may travel weeks later on a USB
// stick), and the key agreement protocol is interactive (both sides' ephemeral points, optional
// confirmation). Sealing a random content key with SM2 encryption and the data with SM4 is the
// digital envelope of GM/T 0010 (SM2 envelopedData), the 国密 counterpart of what HPKE does.
// Why SM4-GCM rather than SM4-CBC + HMAC-SM3: SM4 in GCM is the AEAD of the 国密 transport suites
// (GB/T 38636-2020 TLCP's ECC_SM4_GCM_SM3, RFC 8998's TLS_SM4_GCM_SM3), authenticated encryption
// over SM4 is what GB/T 36624-2018 (可鉴别的加密机制, after ISO/IEC 19772) standardises, and GCM
// takes the header as associated data exactly as the international suite does — one published
// primitive where CBC + HMAC would need a construction of our own (padding, key split, MAC order).
import { concatBytes, sha256Hex, u32be } from './bytes';
import {
  SM2_CIPHERTEXT_OVERHEAD,
  SM4_GCM_NONCE_BYTES,
  SM4_KEY_BYTES,
  guomiRandom,
  isSm2PublicKey,
  sm2Decrypt,
  sm2Encrypt,
  sm2KeyPair,
  sm2PublicKey,
  sm2Sign,
  sm2Verify,
  sm3Hex,
  sm4GcmOpen,
  sm4GcmSeal,
} from './guomi';
import { SUITE_X25519_SHA256_AES256GCM, openBase, setupBaseSender } from './hpke';
import {
  boxPublicKey,
  generateBoxKeyPair,
  generateSigningKeyPair,
  sign as ed25519Sign,
  signingPublicKey,
  verify as ed25519Verify,
} from './keys';
import { SUITE_GUOMI, SUITE_INTERNATIONAL, type SuiteId } from './suiteIds';

export * from './suiteIds';

export interface SuiteKeyPair {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

/** Everything the sync does with keys, for one suite. */
export interface CipherSuite {
  readonly id: SuiteId;
  /** Lowercase hex of the suite's hash: the batch chain (`prev`) and the envelope hash. */
  hashHex(bytes: Uint8Array): string;
  /**
   * Key id: the first 16 hex characters (64 bits) of the suite's hash of the public key. A
   * collision only makes a lookup ambiguous; every signature is checked against the key itself.
   */
  keyId(publicKey: Uint8Array): string;
  generateSigningKeyPair(): SuiteKeyPair;
  generateBoxKeyPair(): SuiteKeyPair;
  signingPublicKey(privateKey: Uint8Array): Uint8Array;
  boxPublicKey(privateKey: Uint8Array): Uint8Array;
  /** Whether bytes are a public key of this suite (length and, for SM2, a point on the curve). */
  isPublicKey(publicKey: Uint8Array): boolean;
  /** Length of a public key in bytes, for messages. */
  readonly publicKeyBytes: number;
  /** Signature of `message` (64 bytes in both suites). */
  sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array;
  /** Whether `signature` is valid; false on any malformed input. */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  /** Length of the encapsulation that travels in the envelope header (`enc`). */
  readonly encBytes: number;
  /**
   * Begins sealing to `recipientPublicKey`: `enc` is known first (it goes into the header), and
   * the header is then the associated data of the one `seal`. `info` binds the use (the kind).
   */
  encapsulate(
    recipientPublicKey: Uint8Array,
    info: Uint8Array,
  ): { enc: Uint8Array; seal(aad: Uint8Array, plaintext: Uint8Array): Uint8Array };
  /** Opens what `encapsulate…seal` made; throws on a wrong key or altered bytes. */
  open(
    enc: Uint8Array,
    recipientPrivateKey: Uint8Array,
    info: Uint8Array,
    aad: Uint8Array,
    ciphertext: Uint8Array,
  ): Uint8Array;
}

const international: CipherSuite = {
  id: SUITE_INTERNATIONAL,
  hashHex: sha256Hex,
  keyId: (publicKey) => sha256Hex(publicKey).slice(0, 16),
  generateSigningKeyPair,
  generateBoxKeyPair,
  signingPublicKey,
  boxPublicKey,
  // X25519 and Ed25519 public keys are 32 bytes; a bad Ed25519 point fails verification later.
  isPublicKey: (publicKey) => publicKey.length === 32,
  publicKeyBytes: 32,
  sign: ed25519Sign,
  verify: ed25519Verify,
  encBytes: 32,
  encapsulate(recipientPublicKey, info) {
    const { enc, context } = setupBaseSender(SUITE_X25519_SHA256_AES256GCM, recipientPublicKey, info);
    return { enc, seal: (aad, plaintext) => context.seal(aad, plaintext) };
  },
  open: (enc, recipientPrivateKey, info, aad, ciphertext) =>
    openBase(SUITE_X25519_SHA256_AES256GCM, enc, recipientPrivateKey, info, aad, ciphertext),
};

/** SM4 key ‖ GCM nonce: what SM2 encryption seals for each envelope. */
const CONTENT_SECRET_BYTES = SM4_KEY_BYTES + SM4_GCM_NONCE_BYTES;

/**
 * The SM4-GCM associated data: the use (`info`, length-prefixed) and then the header, so a
 * 'file' ciphertext cannot be re-labelled as a 'batch' any more than under HPKE's info.
 */
function guomiAad(info: Uint8Array, aad: Uint8Array): Uint8Array {
  return concatBytes(u32be(info.length), info, aad);
}

const guomi: CipherSuite = {
  id: SUITE_GUOMI,
  hashHex: sm3Hex,
  keyId: (publicKey) => sm3Hex(publicKey).slice(0, 16),
  generateSigningKeyPair: sm2KeyPair,
  // A pair of its own for encryption, as the 国密 practice of separate signing and encryption
  // certificates (双证书) has it: the signing key never decrypts anything.
  generateBoxKeyPair: sm2KeyPair,
  signingPublicKey: sm2PublicKey,
  boxPublicKey: sm2PublicKey,
  isPublicKey: isSm2PublicKey,
  publicKeyBytes: 65,
  sign: (privateKey, message) => sm2Sign(privateKey, message),
  verify: sm2Verify,
  encBytes: SM2_CIPHERTEXT_OVERHEAD + CONTENT_SECRET_BYTES,
  encapsulate(recipientPublicKey, info) {
    // A fresh key and nonce for every envelope: each key encrypts exactly one message.
    const secret = guomiRandom(CONTENT_SECRET_BYTES);
    const enc = sm2Encrypt(recipientPublicKey, secret);
    let used = false;
    return {
      enc,
      seal(aad, plaintext) {
        if (used) throw new Error('每个数据包只能加密一次');
        used = true;
        try {
          return sm4GcmSeal(
            secret.subarray(0, SM4_KEY_BYTES),
            secret.subarray(SM4_KEY_BYTES),
            guomiAad(info, aad),
            plaintext,
          );
        } finally {
          secret.fill(0);
        }
      },
    };
  },
  open(enc, recipientPrivateKey, info, aad, ciphertext) {
    const secret = sm2Decrypt(recipientPrivateKey, enc);
    if (secret.length !== CONTENT_SECRET_BYTES) throw new Error('SM2 封装的内容密钥长度不对');
    try {
      return sm4GcmOpen(
        secret.subarray(0, SM4_KEY_BYTES),
        secret.subarray(SM4_KEY_BYTES),
        guomiAad(info, aad),
        ciphertext,
      );
    } finally {
      secret.fill(0);
    }
  },
};

const SUITES: Record<SuiteId, CipherSuite> = { [SUITE_INTERNATIONAL]: international, [SUITE_GUOMI]: guomi };

/** The suite of an id (which the caller has checked with `isSuiteId` or a schema). */
export function suiteOf(id: SuiteId): CipherSuite {
  const suite = SUITES[id];
  if (!suite) throw new Error(`不支持的加密算法套件：${String(id)}`);
  return suite;
}
