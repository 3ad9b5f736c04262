import type { UserRecord } from '../../../shared/auth/api';
import { fail } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { Tx } from '../db/writes';
import { uuidv7 } from '../db/uuidv7';
import { hashPassword } from './passwords';
import { newUserRow } from './userRows';
import { endSessionsOfUser, parseRoles } from './sessions';

export const usersHandlers: HandlersFor<'users.list' | 'users.create' | 'users.update' | 'users.resetPassword'> = {
  async 'users.list'(_input, ctx) {
    const rows = await ctx.db.selectFrom('users').selectAll().orderBy('created_at').execute();
    return { items: rows.map(toUserRecord) };
  },

  async 'users.create'(input, ctx) {
    const passwordHash = await hashPassword(input.password);
    const id = uuidv7();
    await ctx.write(async ({ tx, at, insert }) => {
      const taken = await tx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
      if (taken)
        fail('DUPLICATE', `用户名“${input.username}”已被使用`, {
          fieldErrors: { username: `用户名：“${input.username}”已被使用` },
        });
      await insert(
        'users',
        newUserRow({
          id,
          username: input.username,
          displayName: input.displayName,
          passwordHash,
          roles: input.roles,
          // The administrator knows this password; the user must replace it.
          mustChangePassword: true,
          at,
        }),
        {
          entity: 'user',
          id,
          op: 'create',
          data: { username: input.username, displayName: input.displayName, roles: input.roles },
        },
      );
    });
    return toUserRecord(await loadUser(ctx.db, id));
  },

  async 'users.update'(input, ctx) {
    const me = ctx.requireUser();
    if (input.id === me.id && (!input.active || !input.roles.includes('administrator'))) {
      fail('CONFLICT', '不能停用自己或取消自己的管理员角色，以免系统无人管理');
    }
    await ctx.write(async ({ tx, at, update }) => {
      await loadUser(tx, input.id);
      await update(
        'users',
        input,
        {
          display_name: input.displayName,
          roles: JSON.stringify(input.roles),
          active: input.active ? 1 : 0,
          updated_at: at,
        },
        {
          entity: 'user',
          id: input.id,
          op: 'update',
          data: { displayName: input.displayName, roles: input.roles, active: input.active },
        },
        '该用户刚被别人修改过，请刷新后再改',
      );
    });
    // Role or status changes take effect at once: the user signs in again.
    await endSessionsOfUser(ctx.db, input.id, ctx.now);
    return toUserRecord(await loadUser(ctx.db, input.id));
  },

  async 'users.resetPassword'(input, ctx) {
    const passwordHash = await hashPassword(input.password);
    await ctx.write(async ({ tx, at, update }) => {
      const current = await loadUser(tx, input.id);
      await update(
        'users',
        current,
        { password_hash: passwordHash, must_change_password: 1, failed_logins: 0, locked_until: null, updated_at: at },
        { entity: 'user', id: input.id, op: 'resetPassword', data: {} },
        '该用户刚被别人修改过，请刷新后再改',
      );
    });
    await endSessionsOfUser(ctx.db, input.id, ctx.now);
    return { ok: true };
  },
};

async function loadUser(db: Db | Tx, id: string): Promise<Database['users']> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) fail('NOT_FOUND', '没有这个用户');
  return row;
}

function toUserRecord(row: Database['users']): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: parseRoles(row.roles),
    active: row.active === 1,
    lockedUntil: row.locked_until,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    version: row.version,
  };
}
