// Backups of the township's data folder on the typed API: where they go and how often, the state
// the administrator's screens show (the last good backup, a run in progress), "backup now" and
// the restore drill.
import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import type { Role } from '../auth/roles';
import { requiredText } from '../validation/fields';

export const BACKUP_ADMINS: readonly Role[] = ['administrator'];

export const DEFAULT_BACKUP_SETTINGS = Object.freeze({
  keep: 14,
  maxAgeDays: 2,
  dailyAt: '12:10',
});

export const backupSettings = z.strictObject({
  /** A folder on the host's machine: a second disk, a USB drive, a share. */
  folder: requiredText('备份位置', 400),
  keep: z
    .number({ message: '请填写保留份数' })
    .int({ message: '保留份数应为整数' })
    .min(1, { message: '至少保留 1 份' })
    .max(90, { message: '最多保留 90 份' })
    .describe('保留份数'),
  /** The administrator's screens turn red when the last good backup is older than this. */
  maxAgeDays: z
    .number({ message: '请填写提醒天数' })
    .int({ message: '提醒天数应为整数' })
    .min(1, { message: '提醒天数至少为 1 天' })
    .max(30, { message: '提醒天数不能超过 30 天' })
    .describe('超过几天未备份即提醒'),
  /** The daily run's time of day (the host's time zone); a PC off then runs it when next on. */
  dailyAt: z
    .string({ message: '请填写每日备份时间' })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '每日备份时间应为 时:分，如 12:10' })
    .describe('每日备份时间'),
});
export type BackupSettings = z.infer<typeof backupSettings>;

export const BACKUP_PHASES = ['database', 'files', 'verify', 'prune', 'copy', 'check'] as const;
export const BACKUP_PHASE_LABELS: Record<(typeof BACKUP_PHASES)[number], string> = {
  database: '正在复制数据库',
  files: '正在复制存档文书和附件',
  verify: '正在校验备份',
  prune: '正在清理过期备份',
  copy: '正在恢复到临时目录',
  check: '正在核对恢复结果',
};

export const BACKUP_RUN_KINDS = ['backup', 'drill'] as const;
export const BACKUP_RUN_KIND_LABELS: Record<(typeof BACKUP_RUN_KINDS)[number], string> = {
  backup: '备份',
  drill: '恢复演练',
};

export const backupRun = z.object({
  id: z.string(),
  kind: z.enum(BACKUP_RUN_KINDS),
  /** Who asked: a name, or 自动 for the schedule. */
  startedBy: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  outcome: z.enum(['running', 'ok', 'failed']),
  folder: z.string(),
  generation: z.string().nullable(),
  databaseBytes: z.number().nullable(),
  files: z.number().nullable(),
  newFiles: z.number().nullable(),
  durationMs: z.number().nullable(),
  /** Why it failed, in Chinese; null when it did not. */
  message: z.string().nullable(),
});
export type BackupRunRecord = z.infer<typeof backupRun>;

export const backupStatus = z.object({
  settings: backupSettings.nullable(),
  running: z
    .object({
      kind: z.enum(BACKUP_RUN_KINDS),
      phase: z.enum(BACKUP_PHASES),
      done: z.number(),
      total: z.number(),
      startedAt: z.string(),
    })
    .nullable(),
  lastGood: backupRun.nullable(),
  lastRun: backupRun.nullable(),
  lastDrill: backupRun.nullable(),
  /**
   * Why the administrator's screens are red (never set up, the last good backup too old, the last
   * run failed), in Chinese; null when all is well.
   */
  warning: z.string().nullable(),
  /** Advice that does not make the screens red (the folder on the data's own disk). */
  notice: z.string().nullable(),
  /**
   * Plain copies the database's in-place encryption left in the data folder (file names): they
   * hold every resident in clear until removed.
   */
  plainCopies: z.array(z.string()),
  recent: z.array(backupRun),
});
export type BackupStatus = z.infer<typeof backupStatus>;

const started = z.object({ started: z.boolean(), message: z.string() });

/** The key file a restore on another machine needs (the desktop app's key lives in one PC's keychain). */
export const DATABASE_KEY_FILE_NAME = '乡镇一站通-数据库恢复密钥.txt';

/**
 * A recovery key as typed at first run (the first line of the exported key file, 64 hexadecimal
 * characters); spaces and line breaks between groups, as copied from a printout, are dropped.
 * Empty: none typed.
 */
export const recoveryKeyField = z
  .string({ message: '应为文字' })
  .max(200, { message: '最多 200 个字符（恢复密钥是 64 个字符）' })
  .regex(/^[\s0-9a-fA-F]*$/, {
    message: '只能含数字 0–9 和字母 a–f（即导出的“数据库恢复密钥”文件的第一行）',
  })
  .transform((text) => text.replace(/\s+/g, '').toLowerCase())
  .superRefine((hex, ctx) => {
    if (hex.length !== 0 && hex.length !== 64)
      ctx.addIssue({ code: 'custom', message: `应为 64 个字符，现在是 ${hex.length} 个` });
  })
  .optional()
  .describe('恢复密钥');

const backupGenerationName = z
  .string({ message: '请从列表中选择一份备份' })
  .regex(/^\d{8}T\d{6}Z$/, { message: '请从列表中选择一份备份' })
  .describe('要恢复的备份');

/** How a generation looks when listed at first run (a quick check: the full one runs at restore). */
export const FIRST_RUN_CHECKS = ['ok', 'needsKey', 'broken'] as const;
export const FIRST_RUN_CHECK_LABELS: Record<(typeof FIRST_RUN_CHECKS)[number], string> = {
  ok: '清单校验通过',
  needsKey: '已加密，需要恢复密钥',
  broken: '已损坏',
};

export const firstRunGeneration = z.object({
  /** The generation's name, its UTC time: `20261207T041000Z`. */
  name: z.string(),
  /** When the backup was taken (ISO), from its manifest; null when the manifest cannot be read. */
  createdAt: z.string().nullable(),
  encrypted: z.boolean().nullable(),
  databaseBytes: z.number().nullable(),
  /** Papers and attachments it holds. */
  files: z.number().nullable(),
  /**
   * `ok`: the manifest reads, its seal matches the key at hand and the database copy is there at
   * its size (every byte is checked when restoring); `needsKey`: encrypted, and neither this
   * host's key nor the typed recovery key opens it; `broken`: `problem` says what.
   */
  check: z.enum(FIRST_RUN_CHECKS),
  problem: z.string().nullable(),
});
export type FirstRunGeneration = z.infer<typeof firstRunGeneration>;

export const firstRunRestoreProgress = z.object({
  running: z
    .object({
      generation: z.string(),
      phase: z.enum(BACKUP_PHASES),
      done: z.number(),
      total: z.number(),
      startedAt: z.string(),
    })
    .nullable(),
  /** The last restore's end: where the data came from, and where the folder that was in its way went. */
  outcome: z
    .object({
      ok: z.boolean(),
      generation: z.string(),
      /** The fresh data folder that was in the way, renamed (never overwritten); null when there was none. */
      movedAside: z.string().nullable(),
      /** Why it failed, in Chinese; null when it did not. */
      message: z.string().nullable(),
      finishedAt: z.string(),
    })
    .nullable(),
});
export type FirstRunRestoreProgress = z.infer<typeof firstRunRestoreProgress>;

export const backupProcedures = defineProcedures({
  'backup.firstRunGenerations': {
    summary:
      '首次启动（尚无任何用户时）：列出备份位置中的备份（时间、数据库大小、文件数、清单是否校验通过）；加密的备份可附恢复密钥',
    kind: 'query',
    access: 'public',
    input: z.strictObject({ folder: requiredText('备份位置', 400), recoveryKey: recoveryKeyField }),
    output: z.object({
      /** The folder as resolved on the host. */
      folder: z.string(),
      /** Newest first. */
      generations: z.array(firstRunGeneration),
    }),
  },
  'backup.firstRunRestore': {
    summary:
      '首次启动（尚无任何用户时）：从备份恢复。在后台逐项校验、复制到新目录、再核对，原数据目录改名保留（不覆盖），然后换用恢复的数据；进度见 backup.firstRunProgress',
    kind: 'command',
    access: 'public',
    input: z.strictObject({
      folder: requiredText('备份位置', 400),
      generation: backupGenerationName,
      recoveryKey: recoveryKeyField,
    }),
    output: started,
  },
  'backup.firstRunProgress': {
    summary: '首次启动时从备份恢复的进度和结果（换用数据的片刻回答 503，稍后再问即可）',
    kind: 'query',
    access: 'public',
    input: z.strictObject({}),
    output: firstRunRestoreProgress,
  },
  'backup.status': {
    summary: '备份状态：设置、最近一次成功的备份、正在进行的备份或演练及进度、是否需要提醒',
    kind: 'query',
    access: BACKUP_ADMINS,
    input: z.strictObject({}),
    output: backupStatus,
  },
  'backup.saveSettings': {
    summary: '保存备份设置（位置、保留份数、提醒天数、每日时间）；位置须可写且不在数据目录之内',
    kind: 'command',
    access: BACKUP_ADMINS,
    input: backupSettings,
    output: backupStatus,
  },
  'backup.runNow': {
    summary: '立即备份：在后台联机备份数据库、存档文书和附件并校验；进度见 backup.status',
    kind: 'command',
    access: BACKUP_ADMINS,
    input: z.strictObject({}),
    output: started,
  },
  'backup.exportKey': {
    summary: '导出数据库恢复密钥（须再次输入本人密码）：在另一台电脑上恢复加密的备份时需要它，请离线妥善保管',
    kind: 'command',
    access: BACKUP_ADMINS,
    audit: { action: 'export', what: '导出数据库恢复密钥' },
    input: z.strictObject({
      password: z
        .string({ message: '请输入您的登录密码' })
        .min(1, { message: '请输入您的登录密码' })
        .max(200)
        .describe('登录密码'),
    }),
    output: z.object({ fileUrl: z.string(), fileName: z.string() }),
  },
  'backup.removePlainCopies': {
    summary: '删除数据库就地加密时留下的明文副本（其中是全部台账的明文）',
    kind: 'command',
    access: BACKUP_ADMINS,
    input: z.strictObject({}),
    output: backupStatus,
  },
  'backup.drillNow': {
    summary: '立即做一次恢复演练：把最新的备份恢复到临时目录并逐项核对，然后删除',
    kind: 'command',
    access: BACKUP_ADMINS,
    input: z.strictObject({}),
    output: started,
  },
});
