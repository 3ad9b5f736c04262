// The node's own keys, of the suite the county chose: a signing pair that signs what goes up
// (Ed25519, or SM2) and a box pair that what comes down is sealed to (X25519, or a second SM2
// pair: 国密 practice keeps signing and encryption keys apart). Both suites' private keys are 32
// bytes, so they are protected alike. Private keys never leave this machine and are never stored in clear:
// the settings table holds them protected by the administrator's passphrase (scrypt →
// AES-256-GCM, shared/sync/keys) and, in the desktop app, also by the OS keychain (a
// KeyProtector given by Electron's main process), so the desktop can unlock itself at start
// while the hall host waits for the passphrase. Unlocked keys live only in memory.
import { z } from 'zod';
import { toBase64Url } from '../../../shared/sync/bytes';
import {
  protectWithPassphrase,
  unprotectWithPassphrase,
  type BoxKeyPair,
  type SigningKeyPair,
} from '../../../shared/sync/keys';
import { DEFAULT_SUITE, SUITE_IDS, suiteOf, type SuiteId } from '../../../shared/sync/suites';

/** Another wrapping of the private keys, e.g. the OS keychain through Electron's safeStorage. */
export interface KeyProtector {
  protect(secret: Uint8Array): Promise<string>;
  unprotect(stored: string): Promise<Uint8Array>;
}

/** One generation of keys as stored: public halves in clear, private halves only protected. */
const storedKeySet = z.object({
  /** The suite of the pair (a set stored before the 国密 suite existed: the international one). */
  suite: z.enum(SUITE_IDS).default(DEFAULT_SUITE),
  signingPublicKey: z.string(),
  boxPublicKey: z.string(),
  createdAt: z.string(),
  /** signing private key ‖ box private key (64 bytes), protected with the passphrase: one scrypt per set. */
  passphrase: z.string(),
  keychain: z.string().nullable(),
});
export type StoredKeySet = z.input<typeof storedKeySet>;

export const storedKeys = z.object({
  current: storedKeySet,
  /** Earlier sets: their box keys still open downward packages sealed before the hub learnt the new one. */
  retired: z.array(storedKeySet),
});
export type StoredKeys = z.output<typeof storedKeys>;

export interface KeySet {
  suite: SuiteId;
  signing: SigningKeyPair;
  box: BoxKeyPair;
  signingKeyId: string;
  boxKeyId: string;
}

export interface UnlockedKeys {
  current: KeySet;
  /** Every box key we hold, by key id: a downward envelope names the one it was sealed to. */
  boxKeys: Map<string, BoxKeyPair>;
}

function toKeySet(suite: SuiteId, signing: SigningKeyPair, box: BoxKeyPair): KeySet {
  const s = suiteOf(suite);
  return { suite, signing, box, signingKeyId: s.keyId(signing.publicKey), boxKeyId: s.keyId(box.publicKey) };
}

/** Fresh key pairs of `suite`, protected with the passphrase (and the protector when there is one). */
export async function createKeySet(
  suite: SuiteId,
  passphrase: string,
  protector: KeyProtector | null,
  at: string,
): Promise<{ stored: StoredKeySet; keys: KeySet }> {
  const s = suiteOf(suite);
  const signing = s.generateSigningKeyPair();
  const box = s.generateBoxKeyPair();
  const secret = joinSecret(signing, box);
  try {
    const stored: StoredKeySet = {
      suite,
      signingPublicKey: toBase64Url(signing.publicKey),
      boxPublicKey: toBase64Url(box.publicKey),
      createdAt: at,
      passphrase: protectWithPassphrase(secret, passphrase),
      keychain: protector ? await protector.protect(secret) : null,
    };
    return { stored, keys: toKeySet(suite, signing, box) };
  } finally {
    secret.fill(0);
  }
}

/** The 64 bytes a key set is protected as: signing private key ‖ box private key (32 bytes each in both suites). */
export function joinSecret(signing: SigningKeyPair, box: BoxKeyPair): Uint8Array {
  if (signing.privateKey.length !== 32 || box.privateKey.length !== 32) throw new Error('私钥应为 32 字节');
  const secret = new Uint8Array(64);
  secret.set(signing.privateKey, 0);
  secret.set(box.privateKey, 32);
  return secret;
}

/** Rebuilds a set from its secret and checks it against the stored public halves. */
function fromSecret(stored: StoredKeySet, secret: Uint8Array): KeySet {
  if (secret.length !== 64) throw new Error('受保护的私钥长度不对');
  const suite = stored.suite ?? DEFAULT_SUITE;
  const s = suiteOf(suite);
  const signingPrivate = secret.slice(0, 32);
  const boxPrivate = secret.slice(32, 64);
  secret.fill(0);
  const signing = { privateKey: signingPrivate, publicKey: s.signingPublicKey(signingPrivate) };
  const box = { privateKey: boxPrivate, publicKey: s.boxPublicKey(boxPrivate) };
  // A stored set whose private half does not make its public half was tampered with or mixed up.
  if (
    toBase64Url(signing.publicKey) !== stored.signingPublicKey ||
    toBase64Url(box.publicKey) !== stored.boxPublicKey
  ) {
    throw new Error('私钥与登记的公钥不符，密钥记录可能已损坏');
  }
  return toKeySet(suite, signing, box);
}

export function assemble(current: KeySet, retired: KeySet[]): UnlockedKeys {
  const boxKeys = new Map<string, BoxKeyPair>();
  for (const set of [...retired, current]) boxKeys.set(set.boxKeyId, set.box);
  return { current, boxKeys };
}

/**
 * Unlocks every stored set with the passphrase.
 * @throws WrongPassphraseError (shared/sync/keys) when the passphrase does not open the current set.
 */
export function unlockWithPassphrase(stored: StoredKeys, passphrase: string): UnlockedKeys {
  const open = (set: StoredKeySet) => fromSecret(set, unprotectWithPassphrase(set.passphrase, passphrase));
  const current = open(stored.current);
  // Older sets were protected with the passphrase of their day; one that no longer opens only
  // means packages sealed to it cannot be read, which the hub will re-seal to the current key.
  const retired: KeySet[] = [];
  for (const set of stored.retired) {
    try {
      retired.push(open(set));
    } catch {
      // Skipped on purpose (see above).
    }
  }
  return assemble(current, retired);
}

/** Unlocks with the OS keychain copy, or returns null when there is none or it does not open. */
export async function unlockWithProtector(stored: StoredKeys, protector: KeyProtector): Promise<UnlockedKeys | null> {
  const open = async (set: StoredKeySet) => {
    if (!set.keychain) throw new Error('no keychain copy');
    return fromSecret(set, await protector.unprotect(set.keychain));
  };
  try {
    const current = await open(stored.current);
    const retired: KeySet[] = [];
    for (const set of stored.retired) {
      try {
        retired.push(await open(set));
      } catch {
        // As with the passphrase: an old set that does not open is not needed to work.
      }
    }
    return assemble(current, retired);
  } catch {
    return null;
  }
}

export function parseStoredKeys(raw: string): StoredKeys {
  return storedKeys.parse(JSON.parse(raw));
}

/** Overwrites private key bytes held in memory (on lock and close). */
export function wipe(keys: UnlockedKeys | null): void {
  if (!keys) return;
  keys.current.signing.privateKey.fill(0);
  for (const box of keys.boxKeys.values()) box.privateKey.fill(0);
}
