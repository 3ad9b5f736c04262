// The county access token: the one secret between the county's staff and the county page.
// Made on first start and shown that once; kept in <data>/county-token readable by the hub's
// user only. Later it is shown only when asked for (`npm run hub -- --show-token`), so that it
// does not sit in every start-up log, terminal scrollback or service journal. Replacing it
// means deleting the file and restarting.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const COUNTY_TOKEN_FILE = 'county-token';

export interface CountyToken {
  token: string;
  /** Made just now: the one time it is shown without being asked for. */
  created: boolean;
  file: string;
}

export async function loadOrCreateCountyToken(dataDir: string): Promise<CountyToken> {
  const file = path.join(dataDir, COUNTY_TOKEN_FILE);
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length < 32) {
      throw new Error(`${file} 中的县级访问口令太短（至少 32 个字符）；删除该文件后重新启动即可生成新口令`);
    }
    // A copy put back by hand (or restored from a backup) may have lost its mode: only the hub's user reads it.
    if (process.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
    return { token: stored, created: false, file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const token = randomBytes(32).toString('base64url');
  // 'wx': two hubs started at once on one folder must not each write their own token.
  try {
    await writeFile(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateCountyToken(dataDir);
    throw error;
  }
  await chmod(file, 0o600);
  return { token, created: true, file };
}

/** Compares in constant time (through hashes, so the lengths need not match). */
export function countyTokenMatches(expected: string, presented: string | null | undefined): boolean {
  if (!presented) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer …` header. */
export function bearerToken(header: string | undefined): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? null;
}
