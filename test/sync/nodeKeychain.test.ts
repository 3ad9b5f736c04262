import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createKeychainProtector, type SafeStorageLike } from '../../electron/main/keychain';
import { SUITE_GUOMI } from '../../shared/sync/suites';
import { TestClock } from '../support/testHall';
import { PASSPHRASE, startNodeHall, startTestHub, type TestHubServer } from './nodeHarness';

/** Stands in for Electron's safeStorage: a reversible wrapping the test can see through. */
function fakeSafeStorage(backend = 'gnome_libsecret'): SafeStorageLike & { calls: number } {
  const storage = {
    calls: 0,
    isAsyncEncryptionAvailable: async () => true,
    getSelectedStorageBackend: () => backend,
    async encryptStringAsync(plainText: string) {
      storage.calls++;
      return Buffer.from(`os-keychain:${[...plainText].reverse().join('')}`, 'utf8');
    },
    async decryptStringAsync(encrypted: Buffer) {
      const text = encrypted.toString('utf8');
      if (!text.startsWith('os-keychain:')) throw new Error('not ours');
      return { result: [...text.slice('os-keychain:'.length)].reverse().join(''), shouldReEncrypt: false };
    },
  };
  return storage;
}

describe('the desktop app’s OS keychain copy of the sync keys', () => {
  const clock = new TestClock();
  let hub: TestHubServer;
  before(async () => {
    hub = await startTestHub(clock);
  });
  after(() => hub.close());

  test('no protection is pretended: unavailable, or Linux’s built-in key, gives no protector', async () => {
    const unavailable = { ...fakeSafeStorage(), isAsyncEncryptionAvailable: async () => false };
    assert.equal(await createKeychainProtector(unavailable, 'win32'), null);
    assert.equal(await createKeychainProtector(fakeSafeStorage('basic_text'), 'linux'), null);
    assert.ok(await createKeychainProtector(fakeSafeStorage('basic_text'), 'win32'));
    const protector = (await createKeychainProtector(fakeSafeStorage(), 'linux'))!;
    const secret = new Uint8Array(64).map((_, i) => i);
    assert.deepEqual(await protector.unprotect(await protector.protect(secret)), secret);
  });

  test('enrolled with a keychain: the keys open at start without the passphrase, only with that keychain', async () => {
    const storage = fakeSafeStorage();
    const keyProtector = await createKeychainProtector(storage, 'linux');
    const node = await startNodeHall(clock, { keyProtector });
    try {
      await node.admin.ok('sync.enroll', { file: await hub.enrollment(), passphrase: PASSPHRASE });
      const stored = await node.backend.db
        .selectFrom('node_settings')
        .select('value')
        .where('key', '=', 'sync.keys')
        .executeTakeFirstOrThrow();
      const keys = JSON.parse(stored.value) as { current: { keychain: string | null; passphrase: string } };
      assert.match(keys.current.keychain ?? '', /^[A-Za-z0-9+/=]+$/);
      assert.match(keys.current.passphrase, /scrypt/, 'the passphrase copy is kept beside it');

      await node.restart({ keyProtector });
      assert.equal((await node.admin.ok('sync.status', {})).locked, false);
      assert.equal((await node.backend.sync.runOnce()).ok, true);

      // Another machine (no keychain, or another OS account's): locked until the passphrase is given.
      await node.restart({});
      assert.equal((await node.admin.ok('sync.status', {})).locked, true);
      await node.restart({ keyProtector: await createKeychainProtector(fakeSafeStorage(), 'linux') });
      assert.equal((await node.admin.ok('sync.status', {})).locked, false, 'same wrapping opens');
    } finally {
      await node.close();
    }
  });

  test('keys enrolled on the hall host get their keychain copy when first unlocked in the desktop app', async () => {
    const node = await startNodeHall(clock);
    try {
      await node.admin.ok('sync.enroll', { file: await hub.enrollment('白沙乡'), passphrase: PASSPHRASE });
      const storage = fakeSafeStorage();
      const keyProtector = await createKeychainProtector(storage, 'linux');
      await node.restart({ keyProtector });
      assert.equal((await node.admin.ok('sync.status', {})).locked, true);
      await node.admin.ok('sync.unlock', { passphrase: PASSPHRASE });
      assert.equal(storage.calls, 1);
      await node.restart({ keyProtector });
      assert.equal((await node.admin.ok('sync.status', {})).locked, false);
    } finally {
      await node.close();
    }
  });

  test('a 国密 township’s SM2 keys get the same keychain copy and open at start with it', async () => {
    const keyProtector = await createKeychainProtector(fakeSafeStorage(), 'linux');
    const node = await startNodeHall(clock, { keyProtector });
    try {
      await node.admin.ok('sync.enroll', { file: await hub.enrollment('国密镇', SUITE_GUOMI), passphrase: PASSPHRASE });
      await node.restart({ keyProtector });
      const status = await node.admin.ok('sync.status', {});
      assert.equal(status.locked, false);
      assert.equal(status.enrollment?.suite, SUITE_GUOMI);
      const run = await node.backend.sync.runOnce();
      assert.equal(run.ok, true, run.message);
    } finally {
      await node.close();
    }
  });
});
