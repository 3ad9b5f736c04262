// One backup of a township's data folder into a backup folder: the database copied online (the
// counter keeps working), the new papers and attachments copied into the shared store, a manifest
// written last, the generation checked, and only then given its real name; old generations pruned.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DATABASE_FILE } from '../db/databaseFile';
import { PERSONAL_FILE_FOLDERS } from '../db/dataFiles';
import {
  copyWhole,
  flush,
  generationFolder,
  generationName,
  GENERATIONS_FOLDER,
  listFiles,
  listGenerations,
  removeLeftovers,
  sha256OfFile,
  sizeOf,
  storedFile,
} from './backupFolder';
import { BACKUP_DATABASE_FILE, MANIFEST_FILE, readManifest, sealManifest, type BackupManifest } from './manifest';
import { snapshotDatabase } from './snapshot';
import { verifyGeneration } from './verifyBackup';

export type BackupPhase = 'database' | 'files' | 'verify' | 'prune';

export interface BackupProgress {
  phase: BackupPhase;
  /** Files done of files to copy (the database phase counts 0 of 1, then 1 of 1). */
  done: number;
  total: number;
}

export interface BackupOptions {
  dataDir: string;
  /** The database key (null: a plain data folder, and then a plain backup). */
  key: Uint8Array | null;
  nodeId: string;
  /** The backup folder the administrator chose. */
  folder: string;
  /** Complete generations kept; older ones are removed after a good run. */
  keep: number;
  now: () => Date;
  onProgress?: (progress: BackupProgress) => void;
}

export interface BackupResult {
  generation: string;
  /** Where it is: `<folder>/generations/<generation>`. */
  path: string;
  databaseBytes: number;
  /** Papers and attachments in this generation, and how many were copied this time. */
  files: number;
  newFiles: number;
  newFileBytes: number;
  changeLogLast: number;
  pruned: string[];
  durationMs: number;
}

/**
 * Backs up `dataDir` into `folder`. A run stopped half-way leaves only a `.partial` generation
 * (removed by the next run) and the earlier generations as they were.
 * @throws with a Chinese sentence when the copy cannot be made or does not check out.
 */
export async function runBackup(options: BackupOptions): Promise<BackupResult> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const { folder, key } = options;
  await mkdir(path.join(folder, GENERATIONS_FOLDER), { recursive: true, mode: 0o700 });
  await removeLeftovers(folder);

  const createdAt = options.now();
  const generation = generationName(createdAt);
  const final = generationFolder(folder, generation);
  if ((await listGenerations(folder)).includes(generation))
    throw new Error(`同一秒内已有一份备份 ${generation}，请稍后再试`);
  const partial = `${final}.partial`;
  await mkdir(partial, { recursive: true, mode: 0o700 });
  try {
    progress({ phase: 'database', done: 0, total: 1 });
    const databaseCopy = path.join(partial, BACKUP_DATABASE_FILE);
    const counts = await snapshotDatabase(path.join(options.dataDir, DATABASE_FILE), databaseCopy, key);
    if (counts.integrity !== 'ok') throw new Error(`数据库副本完整性检查未通过：${counts.integrity}`);
    await flush(databaseCopy);
    progress({ phase: 'database', done: 1, total: 1 });

    const known = await previousDigests(folder, key);
    const relatives = await listFiles(options.dataDir, PERSONAL_FILE_FOLDERS);
    const files: BackupManifest['files'] = [];
    const copied = new Set<string>();
    let newFileBytes = 0;
    for (const [index, relative] of relatives.entries()) {
      const source = path.join(options.dataDir, ...relative.split('/'));
      const bytes = (await sizeOf(source))!;
      const target = storedFile(folder, relative);
      const earlier = known.get(relative);
      if (earlier && earlier.bytes === bytes && (await sizeOf(target)) === bytes) {
        files.push(earlier);
      } else {
        await copyWhole(source, target);
        // The digest is taken of the copy: what verification and a restore will read.
        files.push({ path: relative, bytes, sha256: await sha256OfFile(target) });
        copied.add(relative);
        newFileBytes += bytes;
      }
      if (index % 50 === 49 || index === relatives.length - 1)
        progress({ phase: 'files', done: index + 1, total: relatives.length });
    }

    const manifest = sealManifest(
      {
        format: 'township-desk/backup',
        version: 1,
        generation,
        createdAt: createdAt.toISOString(),
        nodeId: options.nodeId,
        encrypted: key !== null,
        database: {
          bytes: (await sizeOf(databaseCopy))!,
          sha256: await sha256OfFile(databaseCopy),
          tables: counts.tables,
          changeLogLast: counts.changeLogLast,
        },
        files,
      },
      key,
    );
    const manifestFile = path.join(partial, MANIFEST_FILE);
    await writeFile(manifestFile, `${JSON.stringify(manifest)}\n`, { mode: 0o600 });
    await flush(manifestFile);

    progress({ phase: 'verify', done: 0, total: 1 });
    // Files copied before this run were checked when they were copied; the weekly drill reads them all.
    await verifyGeneration(partial, folder, key, { hashFiles: (file) => copied.has(file) });
    await rename(partial, final);
    progress({ phase: 'verify', done: 1, total: 1 });

    progress({ phase: 'prune', done: 0, total: 1 });
    const pruned = await pruneGenerations(folder, options.keep);
    progress({ phase: 'prune', done: 1, total: 1 });
    return {
      generation,
      path: final,
      databaseBytes: manifest.database.bytes,
      files: files.length,
      newFiles: copied.size,
      newFileBytes,
      changeLogLast: counts.changeLogLast,
      pruned,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

/** The digests the latest good generation recorded, so unchanged files are neither copied nor read again. */
async function previousDigests(
  folder: string,
  key: Uint8Array | null,
): Promise<Map<string, BackupManifest['files'][number]>> {
  const generations = await listGenerations(folder);
  const latest = generations.at(-1);
  if (!latest) return new Map();
  try {
    const manifest = readManifest(
      await readFile(path.join(generationFolder(folder, latest), MANIFEST_FILE), 'utf8'),
      key,
    );
    return new Map(manifest.files.map((file) => [file.path, file]));
  } catch {
    return new Map(); // an unreadable manifest: copy and hash everything again
  }
}

/** Keeps the newest `keep` generations (at least one). @returns the removed ones. */
export async function pruneGenerations(folder: string, keep: number): Promise<string[]> {
  const generations = await listGenerations(folder);
  const removed = generations.slice(0, Math.max(0, generations.length - Math.max(1, keep)));
  for (const generation of removed) await rm(generationFolder(folder, generation), { recursive: true, force: true });
  return removed;
}
