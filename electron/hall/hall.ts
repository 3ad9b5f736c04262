// The hall host: the backend and the built UI served over HTTP, for a browser on this machine
// (or, with TLS, on the hall LAN). `npm run hall` runs this file's bundle.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupCommand, restoreCommand } from './backupCommands';
import { startHall } from './startHall';
import { HALL_USAGE, SYNC_PASSPHRASE_ENV, parseHallArgs } from './hallOptions';
import { DB_KEY_FILE_ENV } from '../backend/db/databaseKey';

const bundleDir = path.dirname(fileURLToPath(import.meta.url));
const bundledUi = path.resolve(bundleDir, '../renderer');
const parsed = parseHallArgs(process.argv.slice(2), {
  cwd: process.cwd(),
  staticDir: existsSync(path.join(bundledUi, 'index.html')) ? bundledUi : null,
});
if (parsed.ok === 'help') {
  console.log(HALL_USAGE);
  process.exit(0);
}
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(2);
}
// The key file's path, not the key: --db-key-file wins over the environment.
const keyFileFromEnv = process.env[DB_KEY_FILE_ENV];
if (!parsed.options.dbKeyFile && keyFileFromEnv) parsed.options.dbKeyFile = path.resolve(keyFileFromEnv);
if (parsed.options.backupTo || parsed.options.restoreFrom) {
  const command = parsed.options.backupTo ? backupCommand : restoreCommand;
  try {
    await command(parsed.options, (line) => console.log(line));
    process.exit(0);
  } catch (error) {
    console.error(
      `${parsed.options.backupTo ? '备份' : '恢复'}未能完成：${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
}
try {
  // Read once and removed, so that no child process (openssl, a PDF tool) inherits it.
  const passphrase = process.env[SYNC_PASSPHRASE_ENV] ?? null;
  delete process.env[SYNC_PASSPHRASE_ENV];
  const hall = await startHall(parsed.options, (line) => console.log(line), {
    sync: { passphrase, intervalMinutes: parsed.options.syncIntervalMinutes },
    backupSchedule: true,
    // The fonts' packages are found from the program's own folder, not from wherever it was started.
    fonts: { resolveFrom: bundleDir },
  });
  const stop = () => {
    console.log('正在关闭大厅主机……');
    hall.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`大厅主机未能启动：${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
