// The desktop app's second wrapping of the sync keys: the OS keychain, through Electron's
// safeStorage (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux). With it the app
// unlocks its keys at start without asking; the passphrase copy stays as the way back when the
// OS account or the machine changes. Electron's object is passed in rather than imported here,
// so this file is tested in plain Node with a stand-in.
import { fromBase64Url, toBase64Url } from '../../shared/sync/bytes';
import type { KeyProtector } from '../backend/sync/keyStore';

/** The part of Electron's safeStorage this uses. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt?: boolean }>;
  /** Linux only: which store is behind it. */
  getSelectedStorageBackend?(): string;
}

/**
 * A KeyProtector over safeStorage, or null when the OS offers no real protection: on Linux
 * without a keyring Chromium falls back to a key built into the program ('basic_text'), which
 * would only pretend to protect the keys — then the passphrase alone is used.
 */
export async function createKeychainProtector(
  storage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): Promise<KeyProtector | null> {
  if (!(await storage.isAsyncEncryptionAvailable())) return null;
  if (platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text') return null;
  return {
    async protect(secret) {
      // safeStorage takes strings; the secret travels as base64url and is never logged.
      return (await storage.encryptStringAsync(toBase64Url(secret))).toString('base64');
    },
    async unprotect(stored) {
      const { result } = await storage.decryptStringAsync(Buffer.from(stored, 'base64'));
      return fromBase64Url(result);
    },
  };
}
