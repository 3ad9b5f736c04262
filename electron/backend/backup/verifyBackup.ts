// Checking a backup generation: its manifest (and HMAC), the database copy's digest, that the copy
// opens with the key, passes `integrity_check` and holds the counted rows and change-log sequence,
// and that every paper and attachment it names is in the store — by size, and by digest where asked
// (each run hashes what it copied; the weekly drill and a restore hash everything).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256OfFile, sizeOf, storedFile } from './backupFolder';
import { BACKUP_DATABASE_FILE, MANIFEST_FILE, readManifest, type BackupManifest } from './manifest';
import { countDatabase } from './snapshot';

export class BackupCheckError extends Error {
  constructor(readonly problems: string[]) {
    const shown = problems.slice(0, 5).join('；');
    super(`备份校验未通过：${shown}${problems.length > 5 ? `（另有 ${problems.length - 5} 处）` : ''}`);
    this.name = 'BackupCheckError';
  }
}

export interface VerifyOptions {
  /** Which files to hash (default: all of them). */
  hashFiles?: (relative: string) => boolean;
}

/**
 * Checks the generation in `generationDir`, whose papers and attachments are in `folder`'s store.
 * @returns the manifest. @throws BackupCheckError naming each problem, or the manifest's own error.
 */
export async function verifyGeneration(
  generationDir: string,
  folder: string,
  key: Uint8Array | null,
  options: VerifyOptions = {},
): Promise<BackupManifest> {
  const manifest = readManifest(await readFile(path.join(generationDir, MANIFEST_FILE), 'utf8'), key);
  const problems = await databaseProblems(path.join(generationDir, BACKUP_DATABASE_FILE), manifest, key);
  const hash = options.hashFiles ?? (() => true);
  for (const file of manifest.files) {
    const stored = storedFile(folder, file.path);
    const bytes = await sizeOf(stored);
    if (bytes === null) problems.push(`缺少文件 ${file.path}`);
    else if (bytes !== file.bytes) problems.push(`文件 ${file.path} 大小不符`);
    else if (hash(file.path) && (await sha256OfFile(stored)) !== file.sha256)
      problems.push(`文件 ${file.path} 内容已改变`);
  }
  if (problems.length > 0) throw new BackupCheckError(problems);
  return manifest;
}

/** What is wrong with a database copy measured against a manifest (empty: nothing). */
export async function databaseProblems(
  file: string,
  manifest: BackupManifest,
  key: Uint8Array | null,
): Promise<string[]> {
  const bytes = await sizeOf(file);
  if (bytes === null) return ['缺少数据库副本'];
  if (bytes !== manifest.database.bytes || (await sha256OfFile(file)) !== manifest.database.sha256)
    return ['数据库副本的内容与清单不符（文件已损坏或被改动）'];
  let counts;
  try {
    counts = await countDatabase(file, key);
  } catch (error) {
    return [`数据库副本无法打开：${error instanceof Error ? error.message : String(error)}`];
  }
  const problems: string[] = [];
  if (counts.integrity !== 'ok') problems.push(`数据库副本完整性检查未通过：${counts.integrity}`);
  if (counts.changeLogLast !== manifest.database.changeLogLast)
    problems.push(`变更记录的最后序号不符（清单 ${manifest.database.changeLogLast}，副本 ${counts.changeLogLast}）`);
  const tables = new Set([...Object.keys(counts.tables), ...Object.keys(manifest.database.tables)]);
  for (const table of tables)
    if (counts.tables[table] !== manifest.database.tables[table])
      problems.push(
        `表 ${table} 的行数不符（清单 ${manifest.database.tables[table] ?? '无'}，副本 ${counts.tables[table] ?? '无'}）`,
      );
  return problems;
}
