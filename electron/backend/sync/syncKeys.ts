// Enrollment, unlocking and key rotation: the commands that make or open the node's keys.
//
// Rotation, as built: the new keys are announced in a 'rotation' envelope signed by the current
// key and become current AT ONCE. The hub accepts a retired key only for what was sealed before
// the rotation (by the envelope's `created` time), so everything sealed afterwards must carry
// the new signature; the rotation envelope is therefore kept and sent ahead of every batch —
// first thing in each link run, first in each USB file — until the hub confirms it (its 200 to
// /rotate, or a downward envelope sealed to the new box key). The old set is kept (retired) to
// open downward packages the hub sealed to its box key before it learnt the new one. A second
// rotation waits until the first is confirmed.
import { markVillageNode } from './villages/villageNode';
import { toBase64Url } from '../../../shared/sync/bytes';
import { WrongPassphraseError } from '../../../shared/sync/keys';
import { fail, failFields } from '../api/failure';
import { runWrite } from '../db/writeScope';
import type { Actor } from '../db/writes';
import { parseEnrollmentFile, sealRegistration, sealRotation, suiteOfFile, toStoredEnrollment } from './enrollment';
import {
  assemble,
  createKeySet,
  joinSecret,
  unlockWithPassphrase,
  unlockWithProtector,
  type KeySet,
  type UnlockedKeys,
} from './keyStore';
import type { SyncCore } from './syncCore';
import {
  SYNC_SETTINGS,
  clearSetting,
  readEnrollment,
  readText,
  writeBytes,
  writeEnrollment,
  writeText,
} from './syncState';

/** The entity of the node's own sync events in the change log (enrollment, key changes). */
export const SYNC_NODE_ENTITY = 'syncNode';

function publicSummary(keys: KeySet) {
  return {
    suite: keys.suite,
    signingKeyId: keys.signingKeyId,
    boxKeyId: keys.boxKeyId,
    signingPublicKey: toBase64Url(keys.signing.publicKey),
    boxPublicKey: toBase64Url(keys.box.publicKey),
  };
}

/**
 * The enrollment file, checked for its purpose: a replacement PC's file names a township whose
 * records are at the hub — imported anywhere but a fresh installation rebuilding from them, it
 * would start a second chain — and only such a file rebuilds.
 */
export function parseEnrollmentFileFor(input: unknown, now: Date, purpose: 'join' | 'replace') {
  const file = parseEnrollmentFile(input, now);
  if (file.replacement && purpose === 'join') {
    failFields({
      file: '入网文件：这是县级平台为更换电脑签发的入网文件，只能在新安装的首次启动时选择“从县级平台重建”使用',
    });
  }
  if (!file.replacement && purpose === 'replace') {
    failFields({ file: '入网文件：这不是更换电脑用的入网文件，请县级平台在乡镇列表中“授权更换电脑”后重新导出' });
  }
  return file;
}

/**
 * Stores the enrollment, makes the node's keys and seals the registration envelope (sent by
 * the caller, or carried as a file). A node already registered and not revoked is refused: a
 * second enrollment would start a new chain at the hub.
 */
export async function enrollNode(
  core: SyncCore,
  input: unknown,
  passphrase: string,
  actor: Actor,
  purpose: 'join' | 'replace' = 'join',
): Promise<KeySet> {
  const now = core.now();
  const file = parseEnrollmentFileFor(input, now, purpose);
  return core.locked(async () => {
    const existing = await readEnrollment(core.db);
    const revoked = (await readText(core.db, SYNC_SETTINGS.revokedAt)) !== null;
    if (existing && (await core.isRegistered()) && !revoked) {
      fail(
        'CONFLICT',
        existing.nodeId === file.nodeId
          ? `本节点已入网并在县级平台登记（节点 ${existing.nodeId}），无需再次导入入网文件`
          : `本节点已作为“${existing.townshipName}”（节点 ${existing.nodeId}）入网；如需更换，请先由县级平台吊销原节点`,
      );
    }
    const at = now.toISOString();
    // Keys of the suite the county chose for this township (国密 or international).
    const { stored, keys } = await createKeySet(suiteOfFile(file), passphrase, core.options.keyProtector, at);
    const registration = sealRegistration(file, keys, now);
    await runWrite(core.db, actor, at, (scope) =>
      scope.change({ entity: SYNC_NODE_ENTITY, id: file.nodeId, op: 'enroll' }, async (tx) => {
        await writeEnrollment(tx, toStoredEnrollment(file, at));
        await writeText(tx, SYNC_SETTINGS.keys, JSON.stringify({ current: stored, retired: [] }));
        await writeBytes(tx, SYNC_SETTINGS.registration, registration);
        // Until the rebuild has put the township's records back, nothing may be sent up.
        if (file.replacement) await writeText(tx, SYNC_SETTINGS.rebuildPending, file.replacement.authorizedAt);
        // A file from a township makes this a village node (its numbers then come from blocks).
        if (file.village) await markVillageNode(tx, file.village);
        for (const key of [
          SYNC_SETTINGS.registeredAt,
          SYNC_SETTINGS.revokedAt,
          SYNC_SETTINGS.rotation,
          SYNC_SETTINGS.ackThrough,
          SYNC_SETTINGS.downApplied,
          SYNC_SETTINGS.lastError,
        ]) {
          await clearSetting(tx, key);
        }
        // Batches and file envelopes made under an earlier enrollment name another node or key;
        // the change log they came from is all still there and is batched afresh.
        await tx.deleteFrom('sync_batches').execute();
        await tx.deleteFrom('sync_files').execute();
        return {
          nodeId: file.nodeId,
          townshipName: file.townshipName,
          hubUrl: file.hubUrl,
          certificateFingerprint: file.certificateFingerprint,
          ...publicSummary(keys),
        };
      }),
    );
    core.setKeys(assemble(keys, []));
    return keys;
  });
}

/** Opens the private keys with the passphrase; a wrong one is refused on the field. */
export async function unlockKeys(core: SyncCore, passphrase: string): Promise<UnlockedKeys> {
  const stored = await core.storedKeys();
  if (!stored) fail('CONFLICT', '尚未入网：请先导入县级平台发放的入网文件');
  let keys: UnlockedKeys;
  try {
    keys = unlockWithPassphrase(stored, passphrase);
  } catch (error) {
    if (error instanceof WrongPassphraseError) failFields({ passphrase: '密钥口令：口令不正确，无法解开本节点的私钥' });
    throw error;
  }
  core.setKeys(keys);
  await addKeychainCopy(core, keys);
  return keys;
}

/**
 * Keys enrolled where there was no keychain (the hall host, or before the OS offered one) get
 * their keychain copy the first time the passphrase opens them in the desktop app.
 */
async function addKeychainCopy(core: SyncCore, keys: UnlockedKeys): Promise<void> {
  const protector = core.options.keyProtector;
  if (!protector) return;
  await core.locked(async () => {
    const stored = await core.storedKeys();
    if (!stored || stored.current.keychain) return;
    const secret = joinSecret(keys.current.signing, keys.current.box);
    try {
      const keychain = await protector.protect(secret);
      await writeText(
        core.db,
        SYNC_SETTINGS.keys,
        JSON.stringify({ ...stored, current: { ...stored.current, keychain } }),
      );
    } catch {
      // The keychain refused: the passphrase copy is enough.
    } finally {
      secret.fill(0);
    }
  });
}

/** At start: the OS keychain copy (desktop app), if there is one and it opens. */
export async function unlockFromKeychain(core: SyncCore): Promise<boolean> {
  const protector = core.options.keyProtector;
  const stored = await core.storedKeys();
  if (!protector || !stored) return false;
  const keys = await unlockWithProtector(stored, protector);
  if (keys) core.setKeys(keys);
  return keys !== null;
}

/** New keys, announced under the current signature and used from now on. */
export async function rotateNodeKeys(core: SyncCore, passphrase: string, actor: Actor): Promise<KeySet> {
  const ready = await core.readyOrFail();
  if (!(await core.isRegistered())) fail('CONFLICT', '本节点尚未在县级平台登记，不能更换密钥；请先完成登记');
  return core.locked(async () => {
    const stored = await core.storedKeys();
    if (!stored) fail('CONFLICT', '尚未入网：请先导入县级平台发放的入网文件');
    if ((await readText(core.db, SYNC_SETTINGS.rotation)) !== null) {
      fail('CONFLICT', '上一次更换的密钥尚未得到县级平台确认，请先同步或导入县级平台的回执文件');
    }
    try {
      // The passphrase must be the one in use: the new keys are protected with it.
      unlockWithPassphrase({ current: stored.current, retired: [] }, passphrase);
    } catch (error) {
      if (error instanceof WrongPassphraseError) failFields({ passphrase: '密钥口令：口令不正确，无法更换密钥' });
      throw error;
    }
    const now = core.now();
    const at = now.toISOString();
    // The same suite as before: the county's choice holds for the node's whole life.
    const { stored: next, keys } = await createKeySet(
      ready.enrollment.suite,
      passphrase,
      core.options.keyProtector,
      at,
    );
    const rotation = sealRotation(ready.enrollment, ready.keys.current, keys, now);
    await runWrite(core.db, actor, at, (scope) =>
      scope.change({ entity: SYNC_NODE_ENTITY, id: ready.enrollment.nodeId, op: 'rotateKeys' }, async (tx) => {
        await writeText(
          tx,
          SYNC_SETTINGS.keys,
          JSON.stringify({ current: next, retired: [...stored.retired, stored.current] }),
        );
        await writeBytes(tx, SYNC_SETTINGS.rotation, rotation);
        return publicSummary(keys);
      }),
    );
    const boxKeys = new Map(ready.keys.boxKeys);
    boxKeys.set(keys.boxKeyId, keys.box);
    // The old signing key is no longer needed in memory.
    ready.keys.current.signing.privateKey.fill(0);
    core.keys = { current: keys, boxKeys };
    return keys;
  });
}
