// The host's backups: one run at a time (a backup or a restore drill), its progress for the
// screens, its result in `backup_runs`, the daily schedule (a PC that was off at the time runs it
// when next on) and the weekly drill, and the warning the administrator's screens show.
import { mkdir, mkdtemp, readdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Selectable } from 'kysely';
import {
  BACKUP_RUN_KIND_LABELS,
  backupSettings,
  DEFAULT_BACKUP_SETTINGS,
  type BackupRunRecord,
  type BackupSettings,
  type BackupStatus,
} from '../../../shared/backup/api';
import { SETTING_NODE_ID, readSetting, writeSetting } from '../auth/nodeSettings';
import { failFields } from '../api/failure';
import { localDate, localDayStartUtc } from '../api/settings';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { uuidv7 } from '../db/uuidv7';
import { runBackup, type BackupProgress } from './backupRun';
import { restoreBackup } from './restore';

export const BACKUP_SETTINGS_KEY = 'backup.settings';
const DRILL_EVERY_DAYS = 7;
/** What encryptInPlace names the plain backup it takes first. */
const PLAIN_COPY = /\.before-encryption-\d{8}T\d{6}Z\.sqlite$/;
const SCHEDULE_CHECK_MS = 60_000;
/** What a run left open by a stopped program is marked with on the next start. */
export const INTERRUPTED_RUN_MESSAGE = '程序在运行中途退出（断电或被关闭），这一次没有完成';
const DAY_MS = 24 * 60 * 60 * 1000;

export interface BackupServiceOptions {
  db: Db;
  dataDir: string;
  key: Uint8Array | null;
  nodeId: string;
  now: () => Date;
  /** The township's time zone: the daily time is a time of its day. */
  timeZone: string;
  log: (line: string) => void;
}

type RunKind = BackupRunRecord['kind'];
type Running = NonNullable<BackupStatus['running']>;

export class BackupService {
  private running: Running | null = null;
  private current: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly watchers = new Set<(running: Running) => void>();

  constructor(private readonly options: BackupServiceOptions) {}

  /** Closes the runs a stopped program left open: they did not finish, and say so. */
  async init(): Promise<void> {
    await this.options.db
      .updateTable('backup_runs')
      .set({
        outcome: 'failed',
        message: INTERRUPTED_RUN_MESSAGE,
        finished_at: this.options.now().toISOString(),
      })
      .where('outcome', '=', 'running')
      .execute();
  }

  /** The database key, for the recovery key the administrator exports (null: a plain host). */
  databaseKey(): Uint8Array | null {
    return this.options.key;
  }

  async settings(): Promise<BackupSettings | null> {
    const text = await readSetting(this.options.db, BACKUP_SETTINGS_KEY);
    if (!text) return null;
    const parsed = backupSettings.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  }

  /** Checks the folder (absolute, outside the data folder, writable) and keeps the settings. */
  async saveSettings(settings: BackupSettings): Promise<BackupStatus> {
    const folder = await this.checkedFolder(settings.folder);
    await writeSetting(this.options.db, BACKUP_SETTINGS_KEY, JSON.stringify({ ...settings, folder }));
    return this.status();
  }

  async status(): Promise<BackupStatus> {
    const { db } = this.options;
    const settings = await this.settings();
    const plainCopies = await this.plainCopies();
    const rows = await db.selectFrom('backup_runs').selectAll().orderBy('started_at', 'desc').limit(10).execute();
    const latest = async (kind: RunKind, outcome?: 'ok') => {
      let query = db.selectFrom('backup_runs').selectAll().where('kind', '=', kind);
      if (outcome) query = query.where('outcome', '=', outcome);
      const row = await query.orderBy('started_at', 'desc').executeTakeFirst();
      return row ? toRecord(row) : null;
    };
    const lastGood = await latest('backup', 'ok');
    const lastRun = await latest('backup');
    const lastDrill = await latest('drill');
    return {
      settings,
      running: this.running,
      lastGood,
      lastRun,
      lastDrill,
      warning: this.warning(plainCopies, settings, lastGood, lastRun, lastDrill),
      notice: settings ? await this.sameDiskNotice(settings.folder) : null,
      plainCopies,
      recent: rows.map(toRecord),
    };
  }

  /**
   * Starts a run in the background unless one is going; `folder` (the command line's
   * `--backup <dir>`) stands in for the saved location.
   */
  async start(kind: RunKind, startedBy: string, folder?: string): Promise<{ started: boolean; message: string }> {
    const label = BACKUP_RUN_KIND_LABELS[kind];
    if (this.running)
      return { started: false, message: `正在${BACKUP_RUN_KIND_LABELS[this.running.kind]}，请等它完成` };
    const saved = await this.settings();
    const settings = folder ? { ...DEFAULT_BACKUP_SETTINGS, ...saved, folder: path.resolve(folder) } : saved;
    if (!settings) return { started: false, message: '尚未设置备份位置：请先在“备份与恢复”中设置' };
    this.running = {
      kind,
      phase: kind === 'backup' ? 'database' : 'verify',
      done: 0,
      total: 1,
      startedAt: this.options.now().toISOString(),
    };
    this.current = this.run(kind, startedBy, settings).finally(() => {
      this.running = null;
      this.current = null;
    });
    return { started: true, message: `已开始${label}` };
  }

  /** Resolves when the run in progress (if any) has ended: tests and `--backup` wait on it. */
  async idle(): Promise<void> {
    await this.current;
  }

  /** Calls `watcher` at each step of every run (the command line prints them). @returns how to stop. */
  watch(watcher: (running: Running) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** Checks the schedule every minute: the daily backup once its time has passed, the weekly drill. */
  startScheduler(): void {
    const tick = () =>
      void this.runDue().catch((error: unknown) => this.options.log(`备份计划检查出错：${String(error)}`));
    this.timer = setInterval(tick, SCHEDULE_CHECK_MS);
    this.timer.unref();
    tick();
  }

  /** Removes the plain copies in-place encryption left (only with a key: then the database is encrypted). */
  async removePlainCopies(): Promise<BackupStatus> {
    if (this.options.key)
      for (const name of await this.plainCopies()) await rm(path.join(this.options.dataDir, name), { force: true });
    return this.status();
  }

  private async plainCopies(): Promise<string[]> {
    if (!this.options.key) return [];
    const names = await readdir(this.options.dataDir).catch(() => [] as string[]);
    return names.filter((name) => PLAIN_COPY.test(name)).sort();
  }

  /** Starts what is due now (used by the scheduler; tests call it with a moved clock). */
  async runDue(): Promise<RunKind | null> {
    if (this.running) return null;
    const settings = await this.settings();
    if (!settings) return null;
    const status = await this.status();
    const now = this.options.now();
    const lastAttempt = status.lastRun ? new Date(status.lastRun.startedAt) : null;
    if (isBackupDue(now, settings.dailyAt, this.options.timeZone, lastAttempt)) {
      await this.start('backup', '自动');
      return 'backup';
    }
    const lastDrill = status.lastDrill ? new Date(status.lastDrill.startedAt).getTime() : 0;
    if (status.lastGood && now.getTime() - lastDrill >= DRILL_EVERY_DAYS * DAY_MS) {
      await this.start('drill', '自动');
      return 'drill';
    }
    return null;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.current;
  }

  private async run(kind: RunKind, startedBy: string, settings: BackupSettings): Promise<void> {
    const { db, now } = this.options;
    const id = uuidv7();
    const startedAt = now().toISOString();
    await db
      .insertInto('backup_runs')
      .values({ id, kind, started_by: startedBy, started_at: startedAt, outcome: 'running', folder: settings.folder })
      .execute();
    const onProgress = (
      progress: BackupProgress | { phase: 'verify' | 'copy' | 'check'; done: number; total: number },
    ) => {
      if (!this.running) return;
      this.running = { ...this.running, ...progress };
      for (const watcher of this.watchers) watcher(this.running);
    };
    try {
      const values =
        kind === 'backup' ? await this.backup(settings, onProgress) : await this.drill(settings, onProgress);
      await db
        .updateTable('backup_runs')
        .set({ ...values, outcome: 'ok', finished_at: now().toISOString() })
        .where('id', '=', id)
        .execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.log(`${BACKUP_RUN_KIND_LABELS[kind]}失败：${message}`);
      await db
        .updateTable('backup_runs')
        .set({ outcome: 'failed', message, finished_at: now().toISOString() })
        .where('id', '=', id)
        .execute();
    }
  }

  private async backup(settings: BackupSettings, onProgress: (progress: BackupProgress) => void) {
    const result = await runBackup({
      dataDir: this.options.dataDir,
      key: this.options.key,
      // Read at each run: a rebuild from the county brings the township's own id back.
      nodeId: (await readSetting(this.options.db, SETTING_NODE_ID)) ?? this.options.nodeId,
      folder: settings.folder,
      keep: settings.keep,
      now: this.options.now,
      onProgress,
    });
    return {
      generation: result.generation,
      database_bytes: result.databaseBytes,
      files: result.files,
      new_files: result.newFiles,
      duration_ms: result.durationMs,
    };
  }

  /** The newest generation restored into a temporary folder, checked in full, and removed. */
  private async drill(
    settings: BackupSettings,
    onProgress: (progress: { phase: 'verify' | 'copy' | 'check'; done: number; total: number }) => void,
  ) {
    const started = performance.now();
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'township-restore-drill-'));
    try {
      const result = await restoreBackup({
        folder: settings.folder,
        dataDir: path.join(scratch, 'data'),
        key: this.options.key,
        now: this.options.now,
        onProgress,
      });
      return {
        generation: result.generation,
        database_bytes: result.manifest.database.bytes,
        files: result.manifest.files.length,
        new_files: null,
        duration_ms: Math.round(performance.now() - started),
      };
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  private warning(
    plainCopies: readonly string[],
    settings: BackupSettings | null,
    lastGood: BackupRunRecord | null,
    lastRun: BackupRunRecord | null,
    lastDrill: BackupRunRecord | null,
  ): string | null {
    if (plainCopies.length > 0)
      return `数据目录中还留有数据库加密前的明文副本（${plainCopies.join('、')}）：其中是全部台账的明文，核对数据无误后请删除`;
    if (!settings) return '尚未设置数据备份：电脑损坏或丢失时，全部台账将无法找回';
    if (lastRun?.outcome === 'failed') return `最近一次备份失败：${lastRun.message ?? '原因不明'}`;
    if (!lastGood) return '还没有成功的备份';
    const ageDays =
      (this.options.now().getTime() - new Date(lastGood.finishedAt ?? lastGood.startedAt).getTime()) / DAY_MS;
    if (ageDays > settings.maxAgeDays)
      return `已经 ${Math.floor(ageDays)} 天没有成功备份（超过设定的 ${settings.maxAgeDays} 天）`;
    if (lastDrill?.outcome === 'failed') return `最近一次恢复演练失败：${lastDrill.message ?? '原因不明'}`;
    return null;
  }

  private async sameDiskNotice(folder: string): Promise<string | null> {
    const [data, backup] = await Promise.all([
      stat(this.options.dataDir).catch(() => null),
      stat(folder).catch(() => null),
    ]);
    if (!backup) return `备份位置 ${folder} 现在无法访问（U 盘未插或共享目录未连接？）`;
    if (data && data.dev === backup.dev)
      return '备份位置与数据在同一块磁盘上：磁盘损坏时会一起丢失，建议改用另一块磁盘、U 盘或共享目录';
    return null;
  }

  private async checkedFolder(folder: string): Promise<string> {
    if (!path.isAbsolute(folder))
      failFields({ folder: '备份位置：请填写完整路径，如 D:\\乡镇一站通备份 或 /mnt/backup' });
    const resolved = path.resolve(folder);
    try {
      await mkdir(resolved, { recursive: true, mode: 0o700 });
      const probe = path.join(resolved, `.write-test-${process.pid}`);
      await writeFile(probe, 'ok');
      await rm(probe, { force: true });
    } catch (error) {
      failFields({
        folder: `备份位置：无法写入 ${resolved}（${(error as NodeJS.ErrnoException).code ?? String(error)}）`,
      });
    }
    const [real, data] = await Promise.all([realpath(resolved), realpath(this.options.dataDir)]);
    const inside = path.relative(data, real);
    if (inside === '' || (!inside.startsWith('..') && !path.isAbsolute(inside)))
      failFields({ folder: '备份位置：不能在数据目录之内（数据目录损坏时会一起丢失）' });
    return resolved;
  }
}

/**
 * Whether the daily backup is due at `now`: today's time has passed (in `timeZone`) and nothing
 * was tried since it. A run that failed is not retried until the next day's time, or by hand.
 */
export function isBackupDue(now: Date, dailyAt: string, timeZone: string, lastAttempt: Date | null): boolean {
  const [hours, minutes] = dailyAt.split(':').map(Number) as [number, number];
  const todayStart = new Date(localDayStartUtc(localDate(now, timeZone), timeZone)).getTime();
  let due = todayStart + (hours * 60 + minutes) * 60_000;
  if (due > now.getTime()) due -= DAY_MS;
  return lastAttempt === null || lastAttempt.getTime() < due;
}

function toRecord(row: Selectable<Database['backup_runs']>): BackupRunRecord {
  return {
    id: row.id,
    kind: row.kind,
    startedBy: row.started_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: row.outcome,
    folder: row.folder,
    generation: row.generation,
    databaseBytes: row.database_bytes,
    files: row.files,
    newFiles: row.new_files,
    durationMs: row.duration_ms,
    message: row.message,
  };
}
