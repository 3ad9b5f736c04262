// `npm run hall -- --backup <dir>` and `--restore <dir>`: the administrator's backup and restore
// from the command line, with progress printed, each exiting when done.
import { BACKUP_PHASE_LABELS } from '../../shared/backup/api';
import { openBackend } from '../backend/backend';
import { readDatabaseKeyFile } from '../backend/db/databaseKey';
import { restoreBackup } from '../backend/backup/restore';
import type { HallOptions } from './hallOptions';

async function keyOf(options: HallOptions): Promise<Uint8Array | null> {
  return options.dbKeyFile ? readDatabaseKeyFile(options.dbKeyFile, options.dataDir) : null;
}

/** Backs the data folder up into `options.backupTo`; recorded in the data folder like any run. */
export async function backupCommand(options: HallOptions, print: (line: string) => void): Promise<void> {
  const backend = await openBackend({
    dataDir: options.dataDir,
    databaseKey: await keyOf(options),
    logError: () => {},
  });
  try {
    let shown = '';
    const unwatch = backend.backups.watch((running) => {
      const line = `${BACKUP_PHASE_LABELS[running.phase]}（${running.done}/${running.total}）`;
      if (line !== shown) print((shown = line));
    });
    const answer = await backend.backups.start('backup', '命令行', options.backupTo!);
    if (!answer.started) throw new Error(answer.message);
    await backend.backups.idle().finally(unwatch);
    const { lastRun } = await backend.backups.status();
    if (lastRun?.outcome !== 'ok') throw new Error(lastRun?.message ?? '备份失败');
    print(
      `备份完成：${lastRun.folder} 中的 ${lastRun.generation}（数据库 ${mb(lastRun.databaseBytes)}，文书和附件 ${lastRun.files} 个，本次新增 ${lastRun.newFiles} 个，用时 ${((lastRun.durationMs ?? 0) / 1000).toFixed(1)} 秒，已校验）`,
    );
  } finally {
    await backend.close();
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
