// The hall host's database key for a restore at first run. The key lives in the file named by
// `--db-key-file`, read at start; a restored encrypted backup must open after the next restart
// too, so its recovery key is taken only where that file can hold it:
// - started with `--db-key-file` and the file holds the same key: nothing to do;
// - the file holds another key: refused — restart with the recovery key file as `--db-key-file`
//   (the key file is the administrator's to manage; the host never overwrites it);
// - the file is gone (removed since the start): the recovery key is written there (0600);
// - started without a key file: refused — there is nowhere the key would be found on restart.
import { timingSafeEqual } from 'node:crypto';
import { open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { HostDatabaseKey } from '../backend/backup/firstRunRestore';
import { readDatabaseKeyFile } from '../backend/db/databaseKey';

export function hallDatabaseKey(keyFile: string | null, dataDir: string, key: Uint8Array | null): HostDatabaseKey {
  let current = key;
  return {
    current: () => current,
    async refusal(recoveryKey) {
      if (!keyFile)
        return '本主机启动时没有指定数据库密钥文件，恢复的加密数据重新启动后将无法打开：请把导出的恢复密钥文件放到数据目录之外（chmod 600），用 --db-key-file <该文件> 重新启动大厅主机后再恢复（那时无需再输入恢复密钥）';
      const file = path.resolve(keyFile);
      if (!(await exists(file))) return null;
      let held: Uint8Array;
      try {
        held = await readDatabaseKeyFile(file, dataDir);
      } catch (error) {
        return `本主机的密钥文件无法读取（${error instanceof Error ? error.message : String(error)}）`;
      }
      if (held.length === recoveryKey.length && timingSafeEqual(held, recoveryKey)) return null;
      return `本主机的密钥文件 ${file} 中是另一把密钥，恢复后将打不开：请用恢复密钥文件作为 --db-key-file 重新启动大厅主机后再恢复（那时无需再输入恢复密钥）`;
    },
    async adopt(recoveryKey) {
      const file = path.resolve(keyFile!);
      const written = !(await exists(file));
      if (written) await writeKeyFile(file, recoveryKey);
      const before = current;
      current = recoveryKey;
      return async () => {
        current = before;
        if (written) await rm(file, { force: true });
      };
    },
  };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** As `openssl rand -hex 32 > file && chmod 600 file` would, flushed: the key is the data. */
async function writeKeyFile(file: string, key: Uint8Array): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(`${Buffer.from(key).toString('hex')}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}
