import type { OutputOf } from '../../../shared/api/procedures';
import { SIGN_IN_FAILED_MESSAGE, type SessionInfo } from '../../../shared/auth/api';
import type { AuditTarget, RequestContext } from '../api/context';
import { fail } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import { localDate, localTime } from '../api/settings';
import type { Db } from '../db/database';
import type { Actor } from '../db/writes';
import { uuidv7 } from '../db/uuidv7';
import { SETTING_TOWNSHIP_NAME, readSetting, writeSetting } from './nodeSettings';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { checkPassword, type PasswordCheck } from './passwordAttempts';
import type { SignInThrottle } from './signInThrottle';
import { newUserRow } from './userRows';
import { endSession, setSessionLocked, startSession, toSessionUser } from './sessions';
import { APP_VERSION } from '../about/appVersion';

/**
 * Sign-in, sessions and the screen lock. Made per backend: the per-address sign-in throttle
 * lives in the backend's memory (signInThrottle.ts says why).
 */
type SystemStatus = OutputOf<'system.status'>;

export function authHandlers(
  throttle: SignInThrottle,
  /** What a village node says of itself (sync/villages, given by the composition root); null on a township. */
  villageNode?: (db: Db, signedIn: boolean) => Promise<SystemStatus['villageNode']>,
): HandlersFor<
  | 'system.status'
  | 'system.setupAdministrator'
  | 'auth.login'
  | 'auth.logout'
  | 'auth.session'
  | 'auth.lock'
  | 'auth.unlock'
  | 'auth.changePassword'
> {
  return {
    async 'system.status'(_input, ctx) {
      return {
        needsSetup: await needsSetup(ctx),
        townshipName: (await readSetting(ctx.db, SETTING_TOWNSHIP_NAME)) ?? '',
        version: APP_VERSION,
        today: ctx.today,
        villageNode: villageNode ? await villageNode(ctx.db, ctx.session !== null) : null,
      };
    },

    async 'system.setupAdministrator'(input, ctx) {
      const passwordHash = await hashPassword(input.password);
      const userId = uuidv7();
      await ctx.write(
        async ({ tx, at, change, insert }) => {
          const existing = await tx.selectFrom('users').select('id').limit(1).executeTakeFirst();
          if (existing) fail('CONFLICT', '本系统已完成首次设置，请用已有账号登录');
          await change({ entity: 'node', id: 'township', op: 'setup' }, async (write) => {
            await writeSetting(write, SETTING_TOWNSHIP_NAME, input.townshipName);
            return { townshipName: input.townshipName };
          });
          await insert(
            'users',
            newUserRow({
              id: userId,
              username: input.username,
              displayName: input.displayName,
              passwordHash,
              roles: ['administrator'],
              mustChangePassword: false,
              at,
              signedInNow: true,
            }),
            {
              entity: 'user',
              id: userId,
              op: 'create',
              data: { username: input.username, displayName: input.displayName, roles: ['administrator'] },
            },
          );
        },
        { id: userId, name: input.displayName },
      );
      return signIn(ctx, userId, false);
    },

    async 'auth.login'(input, ctx) {
      const address = ctx.carrier.origin;
      // Refused unchecked and unaudited: each attempt of a flood would otherwise cost a password
      // hash and an audit row. The start of the pause was audited.
      if (throttle.refusedUntil(address, ctx.now.getTime()) !== null) refuseSignIn();
      const user = await ctx.db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', input.username)
        .executeTakeFirst();
      if (!user) {
        await verifyPassword(input.password, await decoyPasswordHash());
        await ctx.audit('signInFailed', `登录失败：用户名“${input.username.slice(0, 32)}”不存在`);
        return failedSignIn(ctx, throttle);
      }
      const attempted = { id: user.id, name: user.display_name };
      const target = { entity: 'user', entityId: user.id };
      const check = await checkPassword(ctx.db, user.id, input.password, ctx.now, ctx.settings);
      if (check.kind !== 'right') {
        await auditFailedCheck(ctx, check, `账号“${user.username}”登录`, target, attempted);
        return failedSignIn(ctx, throttle);
      }
      if (user.active !== 1) {
        await ctx.audit('signInFailed', `账号“${user.username}”已停用，登录被拒绝`, target, attempted);
        fail('FORBIDDEN', '该账号已停用，请联系系统管理员');
      }
      await ctx.db
        .updateTable('users')
        .set({ last_login_at: ctx.now.toISOString() })
        .where('id', '=', user.id)
        .execute();
      return signIn(ctx, user.id, input.issueToken === true);
    },

    async 'auth.logout'(_input, ctx) {
      if (ctx.session) {
        await endSession(ctx.db, ctx.session.tokenHash, ctx.now);
        await ctx.audit('signOut', '退出登录');
      }
      ctx.carrier.setToken(null);
      return { ok: true };
    },

    async 'auth.session'(_input, ctx) {
      if (!ctx.session) return null;
      return {
        user: ctx.session.user,
        expiresAt: ctx.session.expiresAt,
        idleLockMinutes: ctx.settings.idleLockMinutes,
        locked: ctx.session.locked,
      };
    },

    async 'auth.lock'(_input, ctx) {
      const session = ctx.requireSession();
      if (!session.locked) await setSessionLocked(ctx.db, session.tokenHash, ctx.now.toISOString());
      return { ok: true };
    },

    async 'auth.unlock'(input, ctx) {
      if (!(await isOwnPassword(ctx, input.password, '解锁屏幕'))) {
        fail('VALIDATION', '密码不对', { fieldErrors: { password: '密码：不对，请重新输入' } });
      }
      await setSessionLocked(ctx.db, ctx.requireSession().tokenHash, null);
      return { ok: true };
    },

    async 'auth.changePassword'(input, ctx) {
      const user = ctx.requireUser();
      if (!(await isOwnPassword(ctx, input.currentPassword, '修改密码时核对原密码'))) {
        fail('VALIDATION', '原密码不对', { fieldErrors: { currentPassword: '原密码：不对，请重新输入' } });
      }
      if (input.currentPassword === input.newPassword) {
        fail('VALIDATION', '新密码不能与原密码相同', { fieldErrors: { newPassword: '新密码：不能与原密码相同' } });
      }
      const passwordHash = await hashPassword(input.newPassword);
      await ctx.write(({ at, change }) =>
        change({ entity: 'user', id: user.id, op: 'changePassword' }, async (tx) => {
          await tx
            .updateTable('users')
            .set({ password_hash: passwordHash, must_change_password: 0, updated_at: at })
            .where('id', '=', user.id)
            .execute();
          return {};
        }),
      );
      return { ok: true };
    },
  };
}

/**
 * Whether `password` is the signed-in user's own (screen unlock, password change), counted
 * against the account's lockout like a sign-in. When the tries are used up (or the account was
 * locked meanwhile, from a sign-in elsewhere) the session ends: whoever is at this screen has to
 * sign in again once the lock is over.
 */
/**
 * Whether `password` is the signed-in user's own, counted against the account's lockout like a
 * sign-in (too many wrong ones end the session); `what` names the check in the audit log.
 */
export async function isOwnPassword(ctx: RequestContext, password: string, what: string): Promise<boolean> {
  const user = ctx.requireUser();
  const check = await checkPassword(ctx.db, user.id, password, ctx.now, ctx.settings);
  if (check.kind === 'right') return true;
  await auditFailedCheck(ctx, check, what, { entity: 'user', entityId: user.id });
  if (check.kind === 'wrong') return false;
  await endSession(ctx.db, ctx.requireSession().tokenHash, ctx.now);
  ctx.carrier.setToken(null);
  await ctx.audit('signOut', `${what}时账号被锁定，会话已结束`, { entity: 'user', entityId: user.id });
  fail('UNAUTHENTICATED', '密码连续输错，账号已被暂时锁定，本次登录已结束；请稍后重新登录，或请系统管理员重设密码');
}

/** The audit event of a password check that failed, with its real reason (the caller is told less). */
async function auditFailedCheck(
  ctx: RequestContext,
  check: Exclude<PasswordCheck, { kind: 'right' }>,
  what: string,
  target: AuditTarget,
  actor?: Actor,
): Promise<void> {
  const at = (iso: string) => localDateTime(new Date(iso), ctx.settings.timeZone);
  switch (check.kind) {
    case 'wrong':
      return ctx.audit('signInFailed', `${what}：密码错误（连续第 ${check.failures} 次）`, target, actor);
    case 'lockedNow':
      return ctx.audit(
        'accountLocked',
        `${what}：密码错误，连续 ${ctx.settings.lockoutThreshold} 次尝试机会已用完，账号锁定至 ${at(check.until)}`,
        target,
        actor,
      );
    case 'refused':
      return ctx.audit(
        'signInFailed',
        check.until
          ? `${what}：账号锁定至 ${at(check.until)}，被拒绝（未核对密码）`
          : `${what}：同时进行的尝试已用完 ${ctx.settings.lockoutThreshold} 次机会，被拒绝（未核对密码）`,
        target,
        actor,
      );
  }
}

/** Every failed sign-in: counted against the caller's address, then the one answer. */
async function failedSignIn(ctx: RequestContext, throttle: SignInThrottle): Promise<never> {
  const address = ctx.carrier.origin;
  const pausedUntil = throttle.recordFailure(address, ctx.now.getTime(), {
    failures: ctx.settings.signInThrottleFailures,
    minutes: ctx.settings.signInThrottleMinutes,
  });
  if (pausedUntil !== null) {
    await ctx.audit(
      'signInFailed',
      `来自 ${address} 的登录 ${ctx.settings.signInThrottleMinutes} 分钟内失败 ${ctx.settings.signInThrottleFailures} 次，` +
        `暂停受理该地址的登录至 ${localDateTime(new Date(pausedUntil), ctx.settings.timeZone)}`,
    );
  }
  refuseSignIn();
}

function refuseSignIn(): never {
  fail('UNAUTHENTICATED', SIGN_IN_FAILED_MESSAGE);
}

function localDateTime(instant: Date, timeZone: string): string {
  return `${localDate(instant, timeZone)} ${localTime(instant, timeZone)}`;
}

async function needsSetup(ctx: RequestContext): Promise<boolean> {
  return !(await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst());
}

async function signIn(ctx: RequestContext, userId: string, issueToken: boolean): Promise<SessionInfo> {
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const { token, expiresAt } = await startSession(
    ctx.db,
    userId,
    ctx.carrier.origin,
    ctx.now,
    ctx.settings,
    ctx.carrier.via ?? null,
  );
  ctx.carrier.setToken(token);
  const sessionUser = await toSessionUser(ctx.db, user);
  await ctx.audit(
    'signIn',
    `登录（${ctx.carrier.origin}）`,
    { entity: 'user', entityId: user.id },
    { id: user.id, name: user.display_name },
  );
  return {
    user: sessionUser,
    expiresAt,
    idleLockMinutes: ctx.settings.idleLockMinutes,
    locked: false,
    ...(issueToken ? { token } : {}),
  };
}
