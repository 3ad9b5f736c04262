// The county hub: `npm run hub` runs this file's bundle (dist/hub/hub.js).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HUB_USAGE, parseHubArgs } from './options';
import { showCountyToken, startHub, type RunningHub } from './startHub';

const bundleDir = path.dirname(fileURLToPath(import.meta.url));
const bundledUi = path.resolve(bundleDir, '../hub-ui');
const parsed = parseHubArgs(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  uiDir: existsSync(path.join(bundledUi, 'index.html')) ? bundledUi : null,
});
if (parsed.ok === 'help') {
  console.log(HUB_USAGE);
  process.exit(0);
}
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(2);
}
if (parsed.options.showToken) {
  try {
    await showCountyToken(parsed.options.dataDir, (line) => console.log(line));
    process.exit(0);
  } catch (error) {
    console.error(`无法读取县级访问口令：${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
// Listening for the signals before starting: a Ctrl+C during start-up (a slow PostgreSQL, a
// certificate being made) still closes the database cleanly once it is open.
let running: RunningHub | null = null;
let stopping = false;
const stop = () => {
  // A second Ctrl+C while closing: the user means it.
  if (stopping) process.exit(1);
  stopping = true;
  if (!running) return; // start-up sees `stopping` and closes what it opened
  console.log('正在关闭县级平台……');
  running.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`关闭时出错：${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
try {
  // The reports' fonts are found from the program's own folder, not from wherever it was started.
  running = await startHub({ ...parsed.options, fontsFrom: bundleDir }, (line) => console.log(line));
  if (stopping) {
    stopping = false;
    stop();
  }
} catch (error) {
  console.error(`县级平台未能启动：${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
