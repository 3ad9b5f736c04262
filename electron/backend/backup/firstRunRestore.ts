// Restoring a backup from the first-run screen (从备份恢复), while the township has no user yet:
// list the generations of a backup folder, then restore one into the very data folder the host
// runs on. The copy is checked in full beside the data folder while the fresh backend still
// serves; only then is the backend closed (the host's `DataFolderHolder`), the fresh folder moved
// aside (never overwritten) and the restored one opened in its place — with the recovery key
// made the host's own key first when the backup needs it (`HostDatabaseKey`). Anything failing
// after the close puts the fresh folder back and opens it again.
import { timingSafeEqual } from 'node:crypto';
import { readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FirstRunGeneration, FirstRunRestoreProgress } from '../../../shared/backup/api';
import { fail, failFields } from '../api/failure';
import { localDate, localTime } from '../api/settings';
import { auditRow } from '../api/dispatch';
import type { Db } from '../db/database';
import { generationFolder, generationName, GENERATIONS_FOLDER, listGenerations, sizeOf } from './backupFolder';
import { INTERRUPTED_RUN_MESSAGE } from './backupService';
import { BACKUP_DATABASE_FILE, backupManifest, MANIFEST_FILE, readManifest, type BackupManifest } from './manifest';
import { restoreBackup, type RestoreResult } from './restore';

/** Who the audit log names for a restore at first run: nobody can be signed in yet. */
export const FIRST_RUN_RESTORE_ACTOR = '首次启动恢复';

/** The data folder a host runs on, held so that it can be closed and opened again (backendHolder.ts). */
export interface DataFolderHolder {
  readonly dataDir: string;
  /**
   * Stops taking requests (they are answered “正在换用……”), lets those under way finish, runs
   * `check` on the database still open, then closes everything holding the data folder. When
   * `check` throws, requests are served again, nothing is closed, and the error is thrown on.
   */
  suspend(check: (db: Db) => Promise<void>): Promise<void>;
  /** Opens the data folder with `key` and serves requests again. @returns its database. */
  resume(key: Uint8Array | null): Promise<Db>;
}

/** Where the host's database key lives: the hall host's key file, the desktop app's keychain. */
export interface HostDatabaseKey {
  /** The key the data folder is opened with now (null: a plain host). */
  current(): Uint8Array | null;
  /**
   * Why a recovery key typed at first run cannot become this host's key, in Chinese (the hall
   * host's key file holds another one; no keychain), or null when it can.
   */
  refusal(key: Uint8Array): Promise<string | null>;
  /**
   * Makes `key` the host's key, so that the restored folder opens after a restart too (written
   * into the hall host's key file, wrapped into the desktop's keychain — what was there is kept
   * aside under `stamp`). @returns how to undo it, should the restored folder not open.
   */
  adopt(key: Uint8Array, stamp: string): Promise<() => Promise<void>>;
}

export interface FirstRunRestoreOptions {
  holder: DataFolderHolder;
  keys: HostDatabaseKey;
  now: () => Date;
  timeZone: string;
  log: (line: string) => void;
}

export interface FirstRunRestoreInput {
  folder: string;
  generation: string;
  /** 64 hexadecimal characters, or empty / absent. */
  recoveryKey?: string | undefined;
}

type Running = NonNullable<FirstRunRestoreProgress['running']>;
type Outcome = NonNullable<FirstRunRestoreProgress['outcome']>;

/** What the restore opens the backup with, and the restored folder with. */
interface KeyPlan {
  /** For the backup (null: a plain backup). */
  restoreKey: Uint8Array | null;
  /** For the restored data folder: the backup's key, or the host's for a plain backup. */
  openKey: Uint8Array | null;
  /** A recovery key that becomes the host's key before the restored folder is opened. */
  adopt: Uint8Array | null;
}

export class FirstRunRestore {
  private running: Running | null = null;
  private outcome: Outcome | null = null;
  private current: Promise<void> | null = null;

  constructor(private readonly options: FirstRunRestoreOptions) {}

  progress(): FirstRunRestoreProgress {
    return { running: this.running, outcome: this.outcome };
  }

  /** Resolves once no restore is under way (the host waits on it before closing). */
  async idle(): Promise<void> {
    await this.current;
  }

  /** The generations of `folder`, newest first, each quickly checked (manifest, seal, database copy's size). */
  async generations(
    folder: string,
    recoveryKey: string | undefined,
  ): Promise<{ folder: string; generations: FirstRunGeneration[] }> {
    const resolved = await this.checkedFolder(folder);
    const typed = keyOf(recoveryKey);
    const names = (await listGenerations(resolved)).reverse();
    const generations: FirstRunGeneration[] = [];
    for (const name of names) generations.push(await this.inspect(resolved, name, typed));
    return { folder: resolved, generations };
  }

  /**
   * Checks what can be checked at once (the folder, the generation, the key) and refuses beside
   * the field; then restores in the background: progress and outcome in `progress()`.
   */
  async start(input: FirstRunRestoreInput, origin: string): Promise<{ started: boolean; message: string }> {
    if (this.running) fail('CONFLICT', '正在从备份恢复，请等它完成');
    const folder = await this.checkedFolder(input.folder);
    if (!(await listGenerations(folder)).includes(input.generation))
      failFields({ generation: `要恢复的备份：${folder} 中没有 ${input.generation}，请重新查看备份后选择` });
    const manifest = await manifestText(folder, input.generation).catch(() => null);
    const parsed = manifest === null ? null : parseManifest(manifest);
    if (manifest === null || !parsed)
      failFields({ generation: `要恢复的备份：${input.generation} 的清单已损坏或不是本程序的备份，请选择另一份` });
    const keys = await this.keyPlan(manifest, parsed, keyOf(input.recoveryKey));
    // Asked again after the checks: two requests may have passed the first question together.
    if (this.running) fail('CONFLICT', '正在从备份恢复，请等它完成');
    this.running = {
      generation: input.generation,
      phase: 'verify',
      done: 0,
      total: 1,
      startedAt: this.options.now().toISOString(),
    };
    this.outcome = null;
    this.current = this.run(folder, input.generation, keys, origin).finally(() => {
      this.running = null;
      this.current = null;
    });
    return { started: true, message: `已开始从备份 ${input.generation} 恢复` };
  }

  private async keyPlan(text: string, manifest: BackupManifest, typed: Uint8Array | null): Promise<KeyPlan> {
    const host = this.options.keys.current();
    if (!manifest.encrypted) return { restoreKey: null, openKey: host, adopt: null };
    if (typed) {
      if (!opensManifest(text, typed))
        failFields({
          recoveryKey: '恢复密钥：与这份备份不符（备份清单校验失败），请核对原电脑导出的“数据库恢复密钥”文件的第一行',
        });
      if (host && sameKey(host, typed)) return { restoreKey: typed, openKey: typed, adopt: null };
      const refusal = await this.options.keys.refusal(typed);
      if (refusal) failFields({ recoveryKey: `恢复密钥：${refusal}` });
      return { restoreKey: typed, openKey: typed, adopt: typed };
    }
    if (host && opensManifest(text, host)) return { restoreKey: host, openKey: host, adopt: null };
    failFields({
      recoveryKey: `恢复密钥：这份备份是加密的，${host ? '本机的数据库密钥打不开它' : '本机没有它的密钥'}，请输入原电脑导出的“数据库恢复密钥”（文件第一行，64 个字符）`,
    });
  }

  private async run(folder: string, generation: string, keys: KeyPlan, origin: string): Promise<void> {
    const { holder, now, log } = this.options;
    const stamp = generationName(now());
    const previousKey = this.options.keys.current();
    let suspended = false;
    let restored: RestoreResult | null = null;
    let undoKey: (() => Promise<void>) | null = null;
    try {
      restored = await restoreBackup({
        folder,
        generation,
        dataDir: holder.dataDir,
        key: keys.restoreKey,
        now,
        onProgress: (progress) => {
          if (this.running) this.running = { ...this.running, ...progress };
        },
        beforeReplace: async () => {
          await holder.suspend(stillFirstRun);
          suspended = true;
        },
      });
      if (keys.adopt) undoKey = await this.options.keys.adopt(keys.adopt, stamp);
      const db = await holder.resume(keys.openKey);
      await this.record(db, folder, restored, origin);
      this.finish({ ok: true, generation, movedAside: restored.movedAside, message: null });
      log(
        `已从 ${folder} 中的备份 ${generation} 恢复${restored.movedAside ? `，原数据目录改名保留为 ${restored.movedAside}` : ''}`,
      );
    } catch (error) {
      let message = error instanceof Error ? error.message : String(error);
      if (suspended) message += await this.putBack(restored, undoKey, previousKey, stamp);
      log(`从备份恢复失败：${message}`);
      this.finish({ ok: false, generation, movedAside: null, message });
    }
  }

  /** After a failure past the close: the fresh folder back in its place, and open again. @returns what to add to the message. */
  private async putBack(
    restored: RestoreResult | null,
    undoKey: (() => Promise<void>) | null,
    previousKey: Uint8Array | null,
    stamp: string,
  ): Promise<string> {
    const { holder } = this.options;
    let said = '';
    try {
      await undoKey?.();
      if (restored?.movedAside) {
        const failed = `${holder.dataDir}.failed-restore-${stamp}`;
        await rename(holder.dataDir, failed);
        await rename(restored.movedAside, holder.dataDir);
        said = `；已换回原来的数据目录，恢复出的数据留在 ${failed}`;
      }
      await holder.resume(previousKey);
      return said;
    } catch (again) {
      return `${said}；原来的数据目录也未能重新打开（${again instanceof Error ? again.message : String(again)}），请重新启动程序`;
    }
  }

  private finish(outcome: Omit<Outcome, 'finishedAt'>): void {
    this.outcome = { ...outcome, finishedAt: this.options.now().toISOString() };
  }

  /**
   * In the restored database: the audit event (nobody is signed in — the actor is
   * 首次启动恢复, with where the request came from), the backup run the snapshot caught under way
   * settled, and the sessions it held ended (whoever was signed in on the old PC signs in again).
   */
  private async record(db: Db, folder: string, restored: RestoreResult, origin: string): Promise<void> {
    const { now, timeZone } = this.options;
    const at = now();
    const created = new Date(restored.manifest.createdAt);
    const summary =
      `从备份恢复：${folder} 中的 ${restored.generation}（备份于 ${localDate(created, timeZone)} ${localTime(created, timeZone)}，` +
      `数据库 ${restored.manifest.database.bytes} 字节，文书和附件 ${restored.manifest.files.length} 个），逐项核对无误后换用` +
      (restored.movedAside ? `；原数据目录改名保留为 ${restored.movedAside}` : '');
    await db
      .insertInto('audit_events')
      .values(
        auditRow(
          { now: at, procedure: 'backup.firstRunRestore', origin, who: { id: null, name: FIRST_RUN_RESTORE_ACTOR } },
          'restore',
          summary,
          undefined,
        ),
      )
      .execute();
    // The snapshot was taken while its own run was under way: that run did finish (its
    // generation is what was just restored), so it counts as the last good backup, of its time.
    const run = await db
      .selectFrom('backup_runs')
      .select('id')
      .where('kind', '=', 'backup')
      .where('outcome', '=', 'failed')
      .where('message', '=', INTERRUPTED_RUN_MESSAGE)
      .where('started_at', '<=', restored.manifest.createdAt)
      .where('started_at', '>=', new Date(created.getTime() - 10 * 60_000).toISOString())
      .orderBy('started_at', 'desc')
      .executeTakeFirst();
    if (run)
      await db
        .updateTable('backup_runs')
        .set({
          outcome: 'ok',
          generation: restored.generation,
          finished_at: restored.manifest.createdAt,
          database_bytes: restored.manifest.database.bytes,
          files: restored.manifest.files.length,
          message: '这一份备份已被用来恢复（恢复时据其清单补记为成功）',
        })
        .where('id', '=', run.id)
        .execute();
    await db.updateTable('sessions').set({ ended_at: at.toISOString() }).where('ended_at', 'is', null).execute();
  }

  private async inspect(folder: string, name: string, typed: Uint8Array | null): Promise<FirstRunGeneration> {
    const unread = { name, createdAt: null, encrypted: null, databaseBytes: null, files: null };
    const text = await manifestText(folder, name).catch(() => null);
    if (text === null) return { ...unread, check: 'broken', problem: '缺少备份清单 manifest.json' };
    const manifest = parseManifest(text);
    if (!manifest) return { ...unread, check: 'broken', problem: '备份清单已损坏或不是本程序的备份' };
    const shown = {
      name,
      createdAt: manifest.createdAt,
      encrypted: manifest.encrypted,
      databaseBytes: manifest.database.bytes,
      files: manifest.files.length,
    };
    if (manifest.encrypted) {
      const host = this.options.keys.current();
      if (!(typed && opensManifest(text, typed)) && !(host && opensManifest(text, host)))
        return {
          ...shown,
          check: 'needsKey',
          problem: typed
            ? '输入的恢复密钥与它不符（或清单被改动过）'
            : host
              ? '本机的数据库密钥打不开它'
              : '本机没有它的密钥',
        };
    }
    const bytes = await sizeOf(path.join(generationFolder(folder, name), BACKUP_DATABASE_FILE));
    if (bytes !== manifest.database.bytes)
      return { ...shown, check: 'broken', problem: bytes === null ? '缺少数据库副本' : '数据库副本的大小与清单不符' };
    return { ...shown, check: 'ok', problem: null };
  }

  private async checkedFolder(folder: string): Promise<string> {
    if (!path.isAbsolute(folder))
      failFields({ folder: '备份位置：请填写完整路径，如 E:\\乡镇一站通备份 或 /mnt/backup' });
    const resolved = path.resolve(folder);
    const info = await stat(resolved).catch(() => null);
    if (!info) failFields({ folder: `备份位置：找不到 ${resolved}（U 盘未插好、共享目录未连接，或路径有误？）` });
    if (!info.isDirectory()) failFields({ folder: `备份位置：${resolved} 不是文件夹` });
    if ((await listGenerations(resolved)).length === 0) {
      const hasFolder = await stat(path.join(resolved, GENERATIONS_FOLDER)).then(
        (generations) => generations.isDirectory(),
        () => false,
      );
      failFields({
        folder: hasFolder
          ? `备份位置：${resolved} 中没有完成的备份`
          : `备份位置：${resolved} 中没有备份（本程序的备份位置里有 ${GENERATIONS_FOLDER} 文件夹）`,
      });
    }
    return resolved;
  }
}

/** Checked once requests have stopped: someone may have completed first-run setup meanwhile. */
async function stillFirstRun(db: Db): Promise<void> {
  if (await db.selectFrom('users').select('id').limit(1).executeTakeFirst())
    throw new Error('恢复期间本机已完成首次设置（建立了用户），恢复已取消，现有数据未动');
}

function keyOf(hex: string | undefined): Uint8Array | null {
  return hex ? Buffer.from(hex, 'hex') : null;
}

function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

async function manifestText(folder: string, generation: string): Promise<string> {
  return readFile(path.join(generationFolder(folder, generation), MANIFEST_FILE), 'utf8');
}

function parseManifest(text: string): BackupManifest | null {
  try {
    const parsed = backupManifest.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Whether `key` opens the manifest's seal (the HMAC under a key derived from the database key). */
function opensManifest(text: string, key: Uint8Array): boolean {
  try {
    readManifest(text, key);
    return true;
  } catch {
    return false;
  }
}
