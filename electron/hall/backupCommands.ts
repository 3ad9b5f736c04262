// `npm run hall -- --backup <dir>` and `--restore <dir>`: the administrator's backup and restore
// from the command line, with progress printed, each exiting when done.
import { BACKUP_PHASE_LABELS } from '../../shared/backup/api';
import { DEFAULT_SETTINGS } from '../backend/api/settings';
import { SETTING_NODE_ID, readSetting } from '../backend/auth/nodeSettings';
import { BackupService } from '../backend/backup/backupService';
import { openDatabase } from '../backend/db/database';
import { readDatabaseKeyFile } from '../backend/db/databaseKey';
import { restoreBackup } from '../backend/backup/restore';
import type { HallOptions } from './hallOptions';

async function keyOf(options: HallOptions): Promise<Uint8Array | null> {
  return options.dbKeyFile ? readDatabaseKeyFile(options.dbKeyFile, options.dataDir) : null;
}

/**
 * Backs the data folder up into `options.backupTo`, recorded in the data folder like any run. Only
 * the database is opened — not the whole backend — so that a hall host running on the same
 * folder keeps its uploads, sync and runs untouched.
 */
export async function backupCommand(options: HallOptions, print: (line: string) => void): Promise<void> {
  const key = await keyOf(options);
  const db = await openDatabase(options.dataDir, { key });
  try {
    const backups = new BackupService({
      db,
      dataDir: options.dataDir,
      key,
      nodeId: (await readSetting(db, SETTING_NODE_ID)) ?? 'unknown',
      now: () => new Date(),
      timeZone: DEFAULT_SETTINGS.timeZone,
      log: () => {},
    });
    let shown = '';
    const unwatch = backups.watch((running) => {
      const line = `${BACKUP_PHASE_LABELS[running.phase]}（${running.done}/${running.total}）`;
      if (line !== shown) print((shown = line));
    });
    const answer = await backups.start('backup', '命令行', options.backupTo!);
    if (!answer.started) throw new Error(answer.message);
    await backups.idle().finally(unwatch);
    const { lastRun } = await backups.status();
    if (lastRun?.outcome !== 'ok') throw new Error(lastRun?.message ?? '备份失败');
    print(
      `备份完成：${lastRun.folder} 中的 ${lastRun.generation}（数据库 ${mb(lastRun.databaseBytes)}，文书和附件 ${lastRun.files} 个，本次新增 ${lastRun.newFiles} 个，用时 ${((lastRun.durationMs ?? 0) / 1000).toFixed(1)} 秒，已校验）`,
    );
  } finally {
    await db.destroy();
  }
}

/** Restores `options.restoreFrom` into the data folder, moving a folder in the way aside. */
export async function restoreCommand(options: HallOptions, print: (line: string) => void): Promise<void> {
  let shown = '';
  const result = await restoreBackup({
    folder: options.restoreFrom!,
    generation: options.restoreGeneration ?? undefined,
    dataDir: options.dataDir,
    key: await keyOf(options),
    now: () => new Date(),
    onProgress: (progress) => {
      const line = `${BACKUP_PHASE_LABELS[progress.phase]}（${progress.done}/${progress.total}）`;
      if (line !== shown) print((shown = line));
    },
  });
  print(`已从备份 ${result.generation} 恢复到 ${options.dataDir}，并已逐项核对。`);
  if (result.movedAside) print(`原来的数据目录已改名保留为 ${result.movedAside}`);
}

function mb(bytes: number | null): string {
  return `${((bytes ?? 0) / 1024 / 1024).toFixed(1)} MB`;
}
