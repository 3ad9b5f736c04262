import type { SessionInfo } from '../../../shared/auth/api';
import type { RequestContext } from '../api/context';
import { fail } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import { localTime } from '../api/settings';
import { uuidv7 } from '../db/uuidv7';
import { SETTING_TOWNSHIP_NAME, readSetting, writeSetting } from './nodeSettings';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { newUserRow } from './userRows';
import { endSession, setSessionLocked, startSession, toSessionUser } from './sessions';

export const APP_VERSION = '0.1.0';

export const authHandlers: HandlersFor<
  | 'system.status'
  | 'system.setupAdministrator'
  | 'auth.login'
  | 'auth.logout'
  | 'auth.session'
  | 'auth.lock'
  | 'auth.unlock'
  | 'auth.changePassword'
> = {
  async 'system.status'(_input, ctx) {
    return {
      needsSetup: await needsSetup(ctx),
      townshipName: (await readSetting(ctx.db, SETTING_TOWNSHIP_NAME)) ?? '',
      version: APP_VERSION,
      today: ctx.today,
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
    const user = await ctx.db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
    if (!user) {
      await verifyPassword(input.password, await decoyPasswordHash());
      await ctx.audit('signInFailed', `登录失败：用户名“${input.username.slice(0, 32)}”不存在`);
      fail('UNAUTHENTICATED', '用户名或密码错误', { fieldErrors: { password: '密码：用户名或密码错误' } });
    }
    const nowIso = ctx.now.toISOString();
    if (user.locked_until && user.locked_until > nowIso) {
      fail(
        'ACCOUNT_LOCKED',
        `该账号因连续输错密码已锁定，请在 ${localTime(new Date(user.locked_until), ctx.settings.timeZone)} 之后再试，或请系统管理员重设密码`,
      );
    }
    if (!(await verifyPassword(input.password, user.password_hash))) {
      const failures = user.failed_logins + 1;
      const attempted = { id: user.id, name: user.display_name };
      if (failures >= ctx.settings.lockoutThreshold) {
        const until = new Date(ctx.now.getTime() + ctx.settings.lockoutMinutes * 60_000);
        await ctx.db
          .updateTable('users')
          .set({ failed_logins: 0, locked_until: until.toISOString() })
          .where('id', '=', user.id)
          .execute();
        await ctx.audit(
          'accountLocked',
          `连续 ${failures} 次输错密码，账号“${user.username}”锁定至 ${until.toISOString()}`,
          {
            entity: 'user',
            entityId: user.id,
          },
          attempted,
        );
        fail(
          'ACCOUNT_LOCKED',
          `密码连续输错 ${failures} 次，账号已锁定 ${ctx.settings.lockoutMinutes} 分钟，请在 ${localTime(until, ctx.settings.timeZone)} 之后再试`,
        );
      }
      await ctx.db.updateTable('users').set({ failed_logins: failures }).where('id', '=', user.id).execute();
      await ctx.audit(
        'signInFailed',
        `账号“${user.username}”密码错误（第 ${failures} 次）`,
        { entity: 'user', entityId: user.id },
        attempted,
      );
      const left = ctx.settings.lockoutThreshold - failures;
      fail('UNAUTHENTICATED', `用户名或密码错误，再错 ${left} 次账号将被锁定`, {
        fieldErrors: { password: `密码：用户名或密码错误，再错 ${left} 次账号将被锁定` },
      });
    }
    if (user.active !== 1) fail('FORBIDDEN', '该账号已停用，请联系系统管理员');
    await ctx.db
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: nowIso })
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
    if (!(await isOwnPassword(ctx, input.password))) {
      await ctx.audit('signInFailed', '解锁屏幕时密码错误', { entity: 'user', entityId: ctx.requireUser().id });
      fail('VALIDATION', '密码不对', { fieldErrors: { password: '密码：不对，请重新输入' } });
    }
    await setSessionLocked(ctx.db, ctx.requireSession().tokenHash, null);
    return { ok: true };
  },

  async 'auth.changePassword'(input, ctx) {
    const user = ctx.requireUser();
    if (!(await isOwnPassword(ctx, input.currentPassword))) {
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

/** Whether `password` is the signed-in user's own (screen unlock, password change). */
async function isOwnPassword(ctx: RequestContext, password: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', ctx.requireUser().id)
    .executeTakeFirstOrThrow();
  return verifyPassword(password, row.password_hash);
}

async function needsSetup(ctx: RequestContext): Promise<boolean> {
  return !(await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst());
}

async function signIn(ctx: RequestContext, userId: string, issueToken: boolean): Promise<SessionInfo> {
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const { token, expiresAt } = await startSession(ctx.db, userId, ctx.carrier.origin, ctx.now, ctx.settings);
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
