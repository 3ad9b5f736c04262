import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { mimeTypeFor } from './mimeTypes';

export interface StaticFile {
  body: Buffer;
  contentType: string;
  /** Vite's hashed assets never change under the same name. */
  immutable: boolean;
}

/**
 * Maps a URL path to a file inside `root`, refusing anything that would leave it. Paths
 * without an extension get index.html (the UI routes by hash, but a reload of `/` must work).
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = path.posix.normalize(decoded).replace(/^\/+/, '');
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  const wantsIndex = relative === '' || !path.posix.extname(relative);
  const file = path.resolve(root, wantsIndex ? 'index.html' : relative);
  if (file !== path.resolve(root) && !file.startsWith(path.resolve(root) + path.sep)) return null;
  try {
    const info = await stat(file);
    if (!info.isFile()) return null;
    return {
      body: await readFile(file),
      contentType: mimeTypeFor(file),
      immutable: relative.startsWith('assets/'),
    };
  } catch {
    return null;
  }
}
