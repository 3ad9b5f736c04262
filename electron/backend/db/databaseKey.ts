// Where the hall host's database key comes from: a file the administrator makes once
// (`openssl rand -hex 32`), readable by the host's account only and kept outside the data folder,
// so that a copied data folder (a stolen disk, a backup on a USB stick) holds no key.
// The desktop app will take its key from the OS keychain (Electron safeStorage) instead.
import { realpath, stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DATABASE_KEY_BYTES } from './sqlite3Dialect';

/** The environment variable naming the key file (the `--db-key-file` option wins over it). */
export const DB_KEY_FILE_ENV = 'TOWNSHIP_DB_KEY_FILE';

/** How an administrator makes a key file, named in every refusal. */
export const DB_KEY_FILE_HOWTO =
  "openssl rand -hex 32 > <文件> && chmod 600 <文件>（Windows：node -e \"console.log(require('crypto').randomBytes(32).toString('hex'))\" > <文件>）";

const HEX_KEY = new RegExp(`^[0-9a-fA-F]{${DATABASE_KEY_BYTES * 2}}$`);

/**
 * Reads the 32-byte database key from `keyFile` (64 hexadecimal characters). Refuses, with a
 * sentence the administrator can act on: a missing file, a file inside `dataDir`, a file that
 * other accounts can read (POSIX; on Windows the folder's ACL decides), and any other content.
 */
export async function readDatabaseKeyFile(keyFile: string, dataDir: string): Promise<Buffer> {
  const file = path.resolve(keyFile);
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new Error(`找不到数据库密钥文件 ${file}。生成方法：${DB_KEY_FILE_HOWTO}`);
  }
  if (!info.isFile()) throw new Error(`数据库密钥 ${file} 不是一个文件`);
  if (isInside(await realPathOf(file), await realPathOf(path.resolve(dataDir)))) {
    throw new Error(
      `数据库密钥文件 ${file} 位于数据目录 ${path.resolve(dataDir)} 之内：密钥不能和数据放在一起（拷走数据目录的人会连密钥一起拿走），请把它移到数据目录之外`,
    );
  }
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
    throw new Error(`数据库密钥文件 ${file} 的权限为 ${mode}，其他用户也能读取：请执行 chmod 600 ${file}`);
  }
  // The first line: the recovery key the administrator exports (backup.exportKey) carries its
  // instructions below it and is usable as it is.
  const text = (await readFile(file, 'utf8')).trimStart().split(/\r?\n/)[0]!.trim();
  if (!HEX_KEY.test(text)) {
    throw new Error(
      `数据库密钥文件 ${file} 的内容应为 ${DATABASE_KEY_BYTES * 2} 个十六进制字符（${DATABASE_KEY_BYTES} 字节随机数）。生成方法：${DB_KEY_FILE_HOWTO}`,
    );
  }
  return Buffer.from(text, 'hex');
}

/**
 * The warning a host prints when it runs without a key (the database stays plain, as before);
 * `remedy` says what would give it one (the hall host's options by default).
 */
export function plainDatabaseWarning(
  dataDir: string,
  remedy = `请用 --db-key-file <文件> 或环境变量 ${DB_KEY_FILE_ENV} 指定密钥文件（放在数据目录之外），现有数据库会在下次启动时就地加密并先留备份。`,
): string {
  return `警告：未配置数据库密钥，${path.resolve(dataDir)} 中的数据库以明文保存，居民身份证号、电话等个人信息未加密。${remedy}`;
}

/** The real path of `p`, or of its nearest existing parent joined with the rest (a data folder not made yet). */
async function realPathOf(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    const parent = path.dirname(p);
    return parent === p ? p : path.join(await realPathOf(parent), path.basename(p));
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
