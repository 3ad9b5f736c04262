import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { entityId, requiredText } from '../validation/fields';
import { ROLES } from './roles';

export const PASSWORD_MIN_LENGTH = 8;

/**
 * The one answer to every failed sign-in — wrong password, unknown user name, locked account,
 * too many failures from one address — so that the answer tells a guesser nothing about the
 * accounts (no “再错 N 次”). The audit log keeps the real reason for the administrator.
 */
export const SIGN_IN_FAILED_MESSAGE = '用户名或密码错误，或账号已被暂时锁定；多次失败后请稍后再试或联系系统管理员';

/** Passwords: at least 8 characters with both letters and digits. */
export function passwordField(label: string) {
  return z
    .string()
    .min(PASSWORD_MIN_LENGTH, { message: `至少 ${PASSWORD_MIN_LENGTH} 个字符` })
    .max(128)
    .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { message: '须同时包含字母和数字' })
    .describe(label);
}

export const username = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/, { message: '只能用字母、数字和 _ . -' })
  .describe('用户名');

export const sessionUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  mustChangePassword: z.boolean(),
  /** A village agent's villages: the residents and errands the agent reads. */
  villageIds: z.array(z.string()),
  /** The mediation committees the user serves on (through the mediator linked to the account). */
  committeeIds: z.array(z.string()),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const sessionInfo = z.object({
  user: sessionUser,
  expiresAt: z.string(),
  /** Minutes without input after which the UI locks its screen. */
  idleLockMinutes: z.number(),
  /** The screen is locked: nothing but unlocking (or signing out) is answered. */
  locked: z.boolean(),
  /** Only when asked for (`issueToken`): for scripts that send `Authorization: Bearer`. */
  token: z.string().optional(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;

export const userRecord = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type UserRecord = z.infer<typeof userRecord>;

const rolesField = z.array(z.enum(ROLES)).min(1).max(ROLES.length).describe('角色');

export const authProcedures = defineProcedures({
  'system.status': {
    summary: '系统状态：是否需要首次设置、乡镇名称、版本',
    kind: 'query',
    access: 'public',
    input: z.strictObject({}),
    output: z.object({
      needsSetup: z.boolean(),
      townshipName: z.string(),
      version: z.string(),
      today: z.string(),
      /**
       * On a village node (ARCHITECTURE principle 9): the village it serves and its township, for
       * the header and the screens that name the level above; `syncedAt` is its last successful
       * sync with the township (what the agent's lists stand as of), given only to a signed-in
       * user. Null on a township.
       */
      villageNode: z
        .object({ villageName: z.string(), townshipName: z.string(), syncedAt: z.string().nullable() })
        .nullable(),
    }),
  },
  'system.setupAdministrator': {
    summary: '首次运行：设置乡镇名称并创建系统管理员（仅在尚无用户时可用）',
    kind: 'command',
    access: 'public',
    input: z.strictObject({
      townshipName: requiredText('乡镇（街道）名称', 40),
      username,
      displayName: requiredText('姓名', 30),
      password: passwordField('密码'),
    }),
    output: sessionInfo,
  },
  'auth.login': {
    summary:
      '登录。同一账号连续输错 5 次锁定 15 分钟；同一地址 15 分钟内失败 20 次，暂停该地址登录 15 分钟；各种失败的回答都相同',
    kind: 'command',
    access: 'public',
    input: z.strictObject({
      username: z.string().trim().min(1).max(64).describe('用户名'),
      password: z.string().min(1).max(128).describe('密码'),
      issueToken: z.boolean().optional().describe('返回令牌'),
    }),
    output: sessionInfo,
  },
  'auth.logout': {
    summary: '退出登录',
    kind: 'command',
    access: 'signedIn',
    input: z.strictObject({}),
    output: z.object({ ok: z.literal(true) }),
  },
  'auth.session': {
    summary: '当前会话；未登录时为 null',
    kind: 'query',
    access: 'public',
    input: z.strictObject({}),
    output: sessionInfo.nullable(),
  },
  'auth.lock': {
    summary: '锁定屏幕：此后除解锁、退出外的请求一律拒绝，直到输入本人密码',
    kind: 'command',
    access: 'signedIn',
    input: z.strictObject({}),
    output: z.object({ ok: z.literal(true) }),
  },
  'auth.unlock': {
    summary: '解除屏幕锁定：重新输入本人密码',
    kind: 'command',
    access: 'signedIn',
    input: z.strictObject({ password: z.string().min(1).max(128).describe('密码') }),
    output: z.object({ ok: z.literal(true) }),
  },
  'auth.changePassword': {
    summary: '修改本人密码',
    kind: 'command',
    access: 'signedIn',
    input: z.strictObject({
      currentPassword: z.string().min(1).max(128).describe('原密码'),
      newPassword: passwordField('新密码'),
    }),
    output: z.object({ ok: z.literal(true) }),
  },
  'users.list': {
    summary: '用户列表',
    kind: 'query',
    access: ['administrator'],
    input: z.strictObject({}),
    output: z.object({ items: z.array(userRecord) }),
  },
  'users.create': {
    summary: '新建用户',
    kind: 'command',
    access: ['administrator'],
    input: z.strictObject({
      username,
      displayName: requiredText('姓名', 30),
      roles: rolesField,
      password: passwordField('初始密码'),
    }),
    output: userRecord,
  },
  'users.update': {
    summary: '修改用户的姓名、角色、启用状态（停用即注销其会话）',
    kind: 'command',
    access: ['administrator'],
    input: z.strictObject({
      id: entityId('用户'),
      version: z.number().int().min(1).describe('版本'),
      displayName: requiredText('姓名', 30),
      roles: rolesField,
      active: z.boolean().describe('启用'),
    }),
    output: userRecord,
  },
  'users.resetPassword': {
    summary: '重设用户密码并解除锁定；用户下次登录须改密码',
    kind: 'command',
    access: ['administrator'],
    input: z.strictObject({
      id: entityId('用户'),
      password: passwordField('新密码'),
    }),
    output: z.object({ ok: z.literal(true) }),
  },
});
