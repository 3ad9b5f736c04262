// The layout of a backup folder (a second disk, a USB drive, a share) and the file work on it:
//
//   <folder>/generations/<20261207T031500Z>/township.sqlite   the database copy (encrypted as the data)
//   <folder>/generations/<20261207T031500Z>/manifest.json     written last
//   <folder>/generations/<…>.partial/                         a generation being written
//   <folder>/files/documents/…, files/attachments/…            papers and attachments, each copied once
//
// Papers and attachments never change once written, so they are kept once for all generations
// and each run copies only the new ones.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

export const GENERATIONS_FOLDER = 'generations';
export const FILE_STORE_FOLDER = 'files';
const GENERATION_NAME = /^\d{8}T\d{6}Z$/;

export function generationName(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export function generationFolder(folder: string, generation: string): string {
  return path.join(folder, GENERATIONS_FOLDER, generation);
}

export function storedFile(folder: string, relative: string): string {
  return path.join(folder, FILE_STORE_FOLDER, ...relative.split('/'));
}

/** Complete generations of `folder`, oldest first (a `.partial` one is not a generation). */
export async function listGenerations(folder: string): Promise<string[]> {
  try {
    return (await readdir(path.join(folder, GENERATIONS_FOLDER))).filter((name) => GENERATION_NAME.test(name)).sort();
  } catch {
    return [];
  }
}

/** Removes what a run that was stopped (a power cut, kill -9) left half-written. */
export async function removeLeftovers(folder: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(path.join(folder, GENERATIONS_FOLDER));
  } catch {
    return;
  }
  for (const name of names)
    if (name.endsWith('.partial'))
      await rm(path.join(folder, GENERATIONS_FOLDER, name), { recursive: true, force: true });
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

export async function sizeOf(file: string): Promise<number | null> {
  return stat(file).then(
    (info) => (info.isFile() ? info.size : null),
    () => null,
  );
}

/** Copies `from` to `to` through a temporary name, flushed: `to` is whole or absent. */
export async function copyWhole(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true, mode: 0o700 });
  const partial = `${to}.partial`;
  await copyFile(from, partial);
  await flush(partial);
  await rename(partial, to);
}

export async function flush(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Every file under `root`'s `folders`, as paths relative to root with forward slashes; `.partial` files left out. */
export async function listFiles(root: string, folders: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const folder of folders) {
    let names: string[];
    try {
      names = (await readdir(path.join(root, folder), { recursive: true })).map(String);
    } catch {
      continue;
    }
    for (const name of names) {
      if (name.endsWith('.partial')) continue;
      const relative = path.posix.join(folder, name.split(path.sep).join('/'));
      if ((await sizeOf(path.join(root, ...relative.split('/')))) !== null) found.push(relative);
    }
  }
  return found.sort();
}
