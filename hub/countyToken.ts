// The county access token: the one secret between the county's staff and the county page.
// Made on first start, kept in <data>/county-token readable by the hub's user only, printed
// at every start. Replacing it means deleting the file and restarting.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const COUNTY_TOKEN_FILE = 'county-token';

export async function loadOrCreateCountyToken(dataDir: string): Promise<string> {
  const file = path.join(dataDir, COUNTY_TOKEN_FILE);
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= 32) return stored;
    throw new Error(`${file} 中的县级访问口令太短（至少 32 个字符）；删除该文件后重新启动即可生成新口令`);
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
  return token;
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
