// The township's side of upward sync on the typed API: enrollment, status and progress,
// "sync now", the USB file both ways, key rotation, and the county's instructions.
import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { uploadIdField } from '../api/uploads';
import { printable } from '../validation/printable';
import type { Role } from '../auth/roles';
import { passwordField, username } from '../auth/api';
import { optionalText, requiredText } from '../validation/fields';
import { instruction } from './protocol';
import type { InstructionRecordKind } from './instructionAbout';
import { SUITE_IDS } from './suiteIds';

/** Who runs sync: the administrator; leaders may look. */
export const SYNC_ADMINS: readonly Role[] = ['administrator'];
export const SYNC_READERS: readonly Role[] = ['administrator', 'leader'];

/**
 * Whether a user's desk must acknowledge an instruction addressed to `responsibleRole`: their
 * own role's; a committee head answers for the mediators too. (The administrator and leaders see
 * every instruction, but are responsible only for their own.)
 */
export function isResponsibleFor(userRoles: readonly Role[], responsibleRole: string): boolean {
  return (
    userRoles.some((role) => role === responsibleRole) ||
    (responsibleRole === 'mediator' && userRoles.includes('committeeHead'))
  );
}

const passphrase = z
  .string({ message: '请输入密钥口令' })
  .min(8, { message: '密钥口令至少 8 个字符' })
  .max(200, { message: '密钥口令不能超过 200 个字符' })
  .describe('密钥口令');

const fileUrl = z.object({ fileUrl: z.string(), fileName: z.string() });

export const SYNC_PHASES = ['idle', 'connecting', 'uploading', 'files', 'downloading', 'done', 'failed'] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];
export const SYNC_PHASE_LABELS: Record<SyncPhase, string> = {
  idle: '空闲',
  connecting: '正在连接县级平台',
  uploading: '正在上传变更',
  files: '正在上传附件',
  downloading: '正在接收下发内容',
  done: '同步完成',
  failed: '同步失败',
};

export const syncProgress = z.object({
  running: z.boolean(),
  phase: z.enum(SYNC_PHASES),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  itemsDone: z.number(),
  itemsTotal: z.number(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  /** Plain Chinese: why the last run failed, or null. */
  error: z.string().nullable(),
});
export type SyncProgress = z.infer<typeof syncProgress>;

export const syncBatchRecord = z.object({
  first: z.number(),
  last: z.number(),
  entries: z.number(),
  bytes: z.number(),
  hash: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  /** 'link' or 'file' (USB), for an acknowledged batch. */
  via: z.enum(['link', 'file']).nullable(),
});
export type SyncBatchRecord = z.infer<typeof syncBatchRecord>;

export const syncStatus = z.object({
  enrolled: z.boolean(),
  enrollment: z
    .object({
      nodeId: z.string(),
      townshipName: z.string(),
      /** The cipher suite the county chose at enrollment (国密 or international): every envelope and key is of it. */
      suite: z.enum(SUITE_IDS),
      hubUrl: z.string(),
      enrolledAt: z.string(),
      /** The hub has the township's keys (registered over the link, or confirmed by a returned file). */
      registered: z.boolean(),
      signingKeyId: z.string(),
      boxKeyId: z.string(),
      certificateFingerprint: z.string(),
      revoked: z.boolean(),
    })
    .nullable(),
  /** The private keys are protected by a passphrase that has not been entered since start. */
  locked: z.boolean(),
  lastContactAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  pending: z.object({ entries: z.number(), bytes: z.number(), files: z.number() }),
  acknowledgedThrough: z.number(),
  downAppliedThrough: z.number(),
  progress: syncProgress,
  batches: z.array(syncBatchRecord),
  /** Catalog and calendar versions that came down, for the screen. */
  reference: z.object({
    catalogVersion: z.string().nullable(),
    calendarVersion: z.string().nullable(),
  }),
});
export type SyncStatus = z.infer<typeof syncStatus>;

export const REBUILD_PHASES = ['enroll', 'entries', 'files', 'finish'] as const;
export type RebuildPhase = (typeof REBUILD_PHASES)[number];
export const REBUILD_PHASE_LABELS: Record<RebuildPhase, string> = {
  enroll: '正在入网并向县级平台登记',
  entries: '正在下载并恢复本乡镇的记录',
  files: '正在下载附件',
  finish: '正在收尾（续接编号与同步链）',
};

/** Rebuilding a fresh installation from the county hub's copy (docs/rebuild.md). */
export const rebuildProgress = z.object({
  running: z
    .object({ phase: z.enum(REBUILD_PHASES), done: z.number(), total: z.number(), startedAt: z.string() })
    .nullable(),
  outcome: z
    .object({
      ok: z.boolean(),
      /** Why it failed, in Chinese; null when it did not. */
      message: z.string().nullable(),
      townshipName: z.string().nullable(),
      entries: z.number(),
      files: z.number(),
      /** Attachments the old PC never sent up (their records are back, the files are not). */
      missingFiles: z.number(),
      /** Accounts that came back without passwords: the administrator sets new ones. */
      accountsToReset: z.number(),
      /** The administrator account to sign in with. */
      username: z.string().nullable(),
      finishedAt: z.string(),
    })
    .nullable(),
});
export type RebuildProgress = z.infer<typeof rebuildProgress>;

export const INSTRUCTION_STATES = ['new', 'acknowledged', 'replied'] as const;
export const instructionRecord = z.object({
  instruction,
  arrivedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  repliedBy: z.string().nullable(),
  state: z.enum(INSTRUCTION_STATES),
  /**
   * The record of this township the instruction is about (`instruction.about`), found by its
   * number in the township's tables; null when it points at none or at a number not found here.
   */
  aboutRecordId: z.string().nullable().optional(),
});
export type InstructionRecord = z.infer<typeof instructionRecord>;

/** The county's instructions about one record, for that record's page (electron/backend/sync/instructionsStore.ts). */
function instructionsAbout<const K extends InstructionRecordKind>(kind: K, noun: string) {
  return {
    summary: `县级平台关于这件${noun}的交办、督办事项（按编号对应；能查看这件${noun}的人可见）`,
    kind: 'query',
    access: 'signedIn',
    record: { kind, field: 'id' },
    input: z.strictObject({ id: z.uuid({ message: `${noun}编号不正确` }) }),
    output: z.object({ instructions: z.array(instructionRecord) }),
  } as const;
}

export const syncProcedures = defineProcedures({
  'sync.status': {
    summary: '同步状态：入网情况、待上报条目与字节、最近联系与错误、批次记录、进度',
    kind: 'query',
    access: SYNC_READERS,
    input: z.strictObject({}),
    output: syncStatus,
  },
  'sync.enroll': {
    summary: '导入县级平台发放的入网文件：生成本节点密钥（口令保护）并向平台登记（无网络时导出登记文件）',
    kind: 'command',
    access: SYNC_ADMINS,
    input: z.strictObject({ file: z.unknown().describe('入网文件'), passphrase }),
    output: z.object({ registered: z.boolean(), message: z.string() }),
  },
  'sync.firstRunRebuild': {
    summary:
      '首次启动（尚无任何用户时）：用县级平台“授权更换电脑”的入网文件入网，从县级平台下载本乡镇已上报的记录和附件重建数据，并设置管理员账号；在后台进行，进度见 sync.firstRunRebuildProgress',
    kind: 'command',
    access: 'public',
    input: z.strictObject({
      file: z.unknown().describe('入网文件'),
      passphrase,
      username,
      displayName: requiredText('姓名', 30),
      password: passwordField('密码'),
      /** The county's rebuild file on this computer (a USB stick); absent: download over the link. */
      rebuildFile: optionalText('重建文件位置', 400),
    }),
    output: z.object({ started: z.boolean(), message: z.string() }),
  },
  'sync.firstRunRegistrationFile': {
    summary:
      '首次启动、无网络时从县级平台重建的第一步：用更换电脑入网文件入网（生成密钥），把登记文件写到指定目录（如 U 盘），由县级平台导入后导出重建文件',
    kind: 'command',
    access: 'public',
    input: z.strictObject({
      file: z.unknown().describe('入网文件'),
      passphrase,
      folder: requiredText('登记文件保存位置', 400),
    }),
    output: z.object({ registered: z.boolean(), path: z.string().nullable(), message: z.string() }),
  },
  'sync.firstRunRebuildProgress': {
    summary: '首次启动时从县级平台重建的进度和结果',
    kind: 'query',
    access: 'public',
    input: z.strictObject({}),
    output: rebuildProgress,
  },
  'sync.registrationFile': {
    summary: '导出登记文件（无网络时带到县级平台导入）',
    kind: 'query',
    access: SYNC_ADMINS,
    audit: {
      action: 'export',
      what: '导出登记文件',
      describe: (_input: unknown, output: { fileName: string }) => `导出登记文件“${output.fileName}”`,
    },
    input: z.strictObject({}),
    output: fileUrl,
  },
  'sync.unlock': {
    summary: '输入密钥口令，解锁本节点的私钥（主机重启后需要）',
    kind: 'command',
    access: SYNC_ADMINS,
    input: z.strictObject({ passphrase }),
    output: z.object({ unlocked: z.boolean() }),
  },
  'sync.syncNow': {
    summary: '立即同步：在后台上传未确认的变更与附件并接收下发内容；进度见 sync.status',
    kind: 'command',
    access: SYNC_ADMINS,
    input: z.strictObject({}),
    output: z.object({ started: z.boolean(), message: z.string() }),
  },
  'sync.exportFile': {
    summary: '导出同步文件（U 盘带到县级平台）：所有尚未确认的批次与附件，加密并签名',
    kind: 'command',
    access: SYNC_ADMINS,
    audit: {
      action: 'export',
      what: '导出同步文件',
      describe: (_input: unknown, output: { fileName: string; batches: number; files: number }) =>
        `导出同步文件“${output.fileName}”（${output.batches} 个批次，${output.files} 个附件）`,
    },
    input: z.strictObject({}),
    output: fileUrl.extend({ batches: z.number(), entries: z.number(), files: z.number(), bytes: z.number() }),
  },
  'sync.importFile': {
    summary: '导入县级平台的回执文件：确认已接收的批次并应用下发的目录、日历与指令；重复导入不改变任何内容',
    kind: 'command',
    access: SYNC_ADMINS,
    input: z.strictObject({
      fileName: z.string().max(200),
      /** The reply file, uploaded first (shared/api/uploads.ts). */
      uploadId: uploadIdField('回执文件'),
    }),
    output: z.object({
      acknowledgedThrough: z.number(),
      newlyAcknowledged: z.number(),
      packagesApplied: z.number(),
      message: z.string(),
    }),
  },
  'sync.rotateKeys': {
    summary: '更换本节点密钥：新密钥由旧密钥签名向平台登记',
    kind: 'command',
    access: SYNC_ADMINS,
    input: z.strictObject({ passphrase }),
    output: z.object({ signingKeyId: z.string(), boxKeyId: z.string(), registered: z.boolean() }),
  },
  'instructions.list': {
    summary: '县级交办、督办事项（本人角色负责的；管理员与领导看全部）',
    kind: 'query',
    access: 'signedIn',
    input: z.strictObject({ onlyOpen: z.boolean().default(false) }),
    output: z.object({ instructions: z.array(instructionRecord) }),
  },
  'instructions.acknowledge': {
    summary: '签收交办、督办事项（签收时间随下次同步上报）',
    kind: 'command',
    access: 'signedIn',
    input: z.strictObject({ id: z.uuid({ message: '事项编号不正确' }) }),
    output: instructionRecord,
  },
  'instructions.reply': {
    summary: '反馈交办、督办事项的办理情况（随下次同步上报，闭环）',
    kind: 'command',
    access: 'signedIn',
    input: z.strictObject({
      id: z.uuid({ message: '事项编号不正确' }),
      reply: printable(
        z
          .string({ message: '请填写反馈内容' })
          .trim()
          .min(2, { message: '反馈内容至少 2 个字' })
          .max(4000, { message: '反馈内容不能超过 4000 字' }),
        { multiline: true },
      ).describe('反馈内容'),
    }),
    output: instructionRecord,
  },
  'instructions.aboutMatter': instructionsAbout('matter', '群众诉求'),
  'instructions.aboutPetition': instructionsAbout('petition', '信访件'),
  'instructions.aboutDispute': instructionsAbout('dispute', '纠纷'),
  'instructions.aboutCase': instructionsAbout('counterCase', '受理件'),
});

/** The procedure a record's page asks for its county instructions, by kind. */
export const INSTRUCTIONS_ABOUT_PROCEDURE = {
  matter: 'instructions.aboutMatter',
  petition: 'instructions.aboutPetition',
  dispute: 'instructions.aboutDispute',
  counterCase: 'instructions.aboutCase',
} as const satisfies Record<InstructionRecordKind, string>;
