// Restoring a backup generation into a data folder: the generation is checked in full first, the
// copy is assembled in a folder of its own and checked again, and only then takes the data
// folder's name. A data folder already there is never overwritten: it is moved aside and named.
// The restore drill does the same into a temporary folder and throws it away.
import { chmod, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { DATABASE_FILE } from '../db/databaseFile';
import { copyWhole, generationFolder, generationName, listGenerations, sha256OfFile, storedFile } from './backupFolder';
import { BACKUP_DATABASE_FILE, type BackupManifest } from './manifest';
import { BackupCheckError, databaseProblems, verifyGeneration } from './verifyBackup';

export interface RestoreOptions {
  /** The backup folder. */
  folder: string;
  /** Which generation (default: the newest). */
  generation?: string;
  /** Where the restored data folder goes. */
  dataDir: string;
  key: Uint8Array | null;
  now: () => Date;
  onProgress?: (progress: { phase: 'verify' | 'copy' | 'check'; done: number; total: number }) => void;
  /**
   * Runs once the copy has checked out, just before the folder in the way is moved aside: a host
   * restoring the data folder it runs on closes it here (its database and files must not be open
   * while they are renamed). Throwing stops the restore; the copy is removed.
   */
  beforeReplace?: () => Promise<void>;
}

export interface RestoreResult {
  generation: string;
  manifest: BackupManifest;
  /** Where the data folder that was in the way now is; null when there was none. */
  movedAside: string | null;
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const progress = options.onProgress ?? (() => {});
  const generations = await listGenerations(options.folder);
  const generation = options.generation ?? generations.at(-1);
  if (!generation || !generations.includes(generation))
    throw new Error(
      options.generation ? `备份目录中没有 ${options.generation} 这一份备份` : `${options.folder} 中没有可用的备份`,
    );
  const source = generationFolder(options.folder, generation);
  progress({ phase: 'verify', done: 0, total: 1 });
  const manifest = await verifyGeneration(source, options.folder, options.key);
  progress({ phase: 'verify', done: 1, total: 1 });

  const target = path.resolve(options.dataDir);
  const stamp = generationName(options.now());
  const work = `${target}.restoring-${stamp}`;
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true, mode: 0o700 });
  try {
    const total = manifest.files.length + 1;
    await copyWhole(path.join(source, BACKUP_DATABASE_FILE), path.join(work, DATABASE_FILE));
    progress({ phase: 'copy', done: 1, total });
    for (const [index, file] of manifest.files.entries()) {
      await copyWhole(storedFile(options.folder, file.path), path.join(work, ...file.path.split('/')));
      if (index % 50 === 49 || index === manifest.files.length - 1) progress({ phase: 'copy', done: index + 2, total });
    }
    await makePrivate(work);

    progress({ phase: 'check', done: 0, total: 1 });
    const problems = await databaseProblems(path.join(work, DATABASE_FILE), manifest, options.key);
    for (const file of manifest.files)
      if ((await sha256OfFile(path.join(work, ...file.path.split('/')))) !== file.sha256)
        problems.push(`恢复后的文件 ${file.path} 与备份不符`);
    if (problems.length > 0) throw new BackupCheckError(problems);
    progress({ phase: 'check', done: 1, total: 1 });

    await options.beforeReplace?.();
    let movedAside: string | null = null;
    if (await exists(target)) {
      movedAside = `${target}.before-restore-${stamp}`;
      await rename(target, movedAside);
    }
    try {
      await rename(work, target);
    } catch (error) {
      // The folder that was in the way goes back: a failed restore leaves things as they were.
      if (movedAside) await rename(movedAside, target);
      throw error;
    }
    return { generation, manifest, movedAside };
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw error;
  }
}

async function exists(folder: string): Promise<boolean> {
  return readdir(folder).then(
    () => true,
    () => false,
  );
}

async function makePrivate(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  await chmod(folder, 0o700);
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    await chmod(file, entry.isDirectory() ? 0o700 : 0o600);
  }
}
