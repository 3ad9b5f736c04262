// A fresh installation becomes the township again (docs/rebuild.md): it enrolls with the
// county's replacement file, rebuilds from the hub's copy (rebuild.ts), and the person doing it
// gets an administrator account to sign in with. The other accounts come back without their
// passwords — passwords never leave a PC — and the administrator sets new ones.
import { hasAnyRole, type Role } from '../../../shared/auth/roles';
import { fail, failFields } from '../api/failure';
import { hashPassword } from '../auth/passwords';
import { newUserRow } from '../auth/userRows';
import type { Db } from '../db/database';
import { runWrite } from '../db/writeScope';
import type { Actor } from '../db/writes';
import { uuidv7 } from '../db/uuidv7';
import type { RebuildProgressSink, RebuildSummary } from './rebuild';
import type { SyncEngine } from './syncEngine';
import { SYNC_NODE_ENTITY, parseEnrollmentFileFor } from './syncKeys';
import { SYNC_SETTINGS, readEnrollment, readText } from './syncState';

export interface RebuildTownshipInput {
  /** The replacement enrollment file the county issued. */
  file: unknown;
  /** Protects the new PC's sync keys. */
  passphrase: string;
  /** The account the person rebuilding signs in with afterwards (an administrator). */
  administrator: { username: string; displayName: string; password: string };
  /** The county's rebuild file (USB), for a PC without a link; absent: over the link. */
  rebuildFile?: Uint8Array;
}

export interface RebuildOutcome extends RebuildSummary {
  townshipName: string;
  /** Accounts that came back and need a new password from the administrator. */
  accountsToReset: number;
}

const REBUILD_ACTOR: Actor = { id: null, name: '从县级平台重建' };

/**
 * Enrolled with the replacement file: at the first attempt by enrolling (keys made, registered
 * over the link if there is one); at a later attempt with the same file, by unlocking the keys
 * that attempt made. @returns whether the hub holds our keys yet.
 */
export async function enrollForRebuild(
  backend: { db: Db; sync: SyncEngine; now: () => Date },
  input: Pick<RebuildTownshipInput, 'file' | 'passphrase'>,
): Promise<{ registered: boolean; message: string }> {
  const { db, sync } = backend;
  if (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) {
    fail('CONFLICT', '本系统已有账号：从县级平台重建只用于新安装、尚未设置的电脑');
  }
  const file = parseEnrollmentFileFor(input.file, backend.now(), 'replace');
  const enrolled = await readEnrollment(db);
  const pending = (await readText(db, SYNC_SETTINGS.rebuildPending)) !== null;
  if (!pending || enrolled?.nodeId !== file.nodeId) {
    return sync.enroll(input.file, input.passphrase, REBUILD_ACTOR, 'replace');
  }
  if (!sync.unlocked) {
    await sync
      .unlock(input.passphrase)
      .catch(() => failFields({ passphrase: '密钥口令：与上次开始重建时设置的口令不符' }));
  }
  return sync.registerNow();
}

export async function rebuildTownship(
  backend: { db: Db; sync: SyncEngine; now: () => Date },
  input: RebuildTownshipInput,
  onProgress: RebuildProgressSink,
): Promise<RebuildOutcome> {
  const { db, sync } = backend;
  const passwordHash = await hashPassword(input.administrator.password);
  const enrolled = await enrollForRebuild(backend, input);
  // Over the link the hub must hold our keys first; a file from the county proves it does.
  if (!input.rebuildFile && !enrolled.registered) fail('CONFLICT', enrolled.message);
  const summary = await sync.rebuildFromHub(onProgress, input.rebuildFile);
  if (input.rebuildFile) await sync.confirmRegistered();

  const at = backend.now().toISOString();
  const { username, displayName } = input.administrator;
  return runWrite(db, REBUILD_ACTOR, at, async (scope) => {
    const existing = await scope.tx
      .selectFrom('users')
      .select(['id', 'roles', 'version', 'display_name'])
      .where('username', '=', username)
      .executeTakeFirst();
    if (existing) {
      const roles = JSON.parse(existing.roles) as Role[];
      const withAdministrator: Role[] = hasAnyRole(roles, ['administrator']) ? roles : [...roles, 'administrator'];
      await scope.update(
        'users',
        existing,
        {
          password_hash: passwordHash,
          roles: JSON.stringify(withAdministrator),
          active: 1,
          must_change_password: 0,
          updated_at: at,
        },
        {
          entity: 'user',
          id: existing.id,
          op: 'rebuildAdministrator',
          data: { username, roles: withAdministrator, summary: `从县级平台重建后由 ${username} 重新设置密码` },
        },
        '账号刚被修改，请重试',
      );
    } else {
      const id = uuidv7();
      await scope.insert(
        'users',
        newUserRow({
          id,
          username,
          displayName,
          passwordHash,
          roles: ['administrator'],
          mustChangePassword: false,
          at,
        }),
        { entity: 'user', id, op: 'create', data: { username, displayName, roles: ['administrator'] } },
      );
    }
    const enrollment = await scope.tx
      .selectFrom('node_settings')
      .select('value')
      .where('key', '=', 'township.name')
      .executeTakeFirst();
    const townshipName = enrollment?.value ?? '';
    await scope.change({ entity: SYNC_NODE_ENTITY, id: 'rebuild', op: 'rebuild' }, async () => ({
      appliedThrough: summary.appliedThrough,
      entries: summary.entries,
      files: summary.files,
      missingFiles: summary.missingFiles.length,
      summary: `从县级平台重建：变更 ${summary.entries} 条，附件 ${summary.files} 个`,
    }));
    const others = await scope.tx
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('username', '!=', username)
      .executeTakeFirstOrThrow();
    return { ...summary, townshipName, accountsToReset: Number(others.n) };
  });
}
