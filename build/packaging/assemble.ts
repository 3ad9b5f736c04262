// Assembles the desktop package with electron-builder's unpacked target (`--dir`) around a stand-in
// Electron distribution: everything electron-builder does — the asar, the unpacked addon, the
// resources, the fuses — without the Electron binary, which cannot be downloaded here. The
// packaging test and the bench run this; so can anyone:
//
//   npm run package:check        (builds, then prints where the package is and its sizes as JSON)
//
// Differences from `npm run dist`, both on purpose: the addon is not rebuilt against Electron's
// headers (that downloads them; the Node build that `npm ci` made goes in, which is also what lets
// a test run the packaged main process under plain Node), and no installer is made.
import { spawn } from 'node:child_process';
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyFontResources, REPO_ROOT } from './fontResources';
import { makeStandInElectronDist } from './standInElectron';

export interface AssembledPackage {
  /** The unpacked app (…/linux-unpacked): the executable, locales/, resources/. */
  appOutDir: string;
  /** Its resources folder: app.asar, app.asar.unpacked/, fonts/, app-update.yml. */
  resourcesDir: string;
  executable: string;
  /** electron-builder's own output, for a failure message. */
  log: string;
}

export interface PackageSizes {
  appAsarBytes: number;
  asarUnpackedBytes: number;
  fontsBytes: number;
  /** app.asar plus its unpacked files: what the size budget holds. */
  appBytes: number;
  /** Everything electron-builder put in the folder (the stand-in executable is a few bytes). */
  totalBytes: number;
}

const executableName = 'township-desk';

/** Builds the package into `workDir` (created; its stand-in distribution lives there too). */
export async function assembleWithStandIn(workDir: string): Promise<AssembledPackage> {
  const electronVersion = (
    JSON.parse(await readFile(path.join(REPO_ROOT, 'node_modules/electron/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const distDir = path.join(workDir, 'electron-dist');
  const outputDir = path.join(workDir, 'release');
  await rm(workDir, { recursive: true, force: true });
  await makeStandInElectronDist(distDir, electronVersion);
  await copyFontResources();
  const cli = createRequire(path.join(REPO_ROOT, 'package.json')).resolve('electron-builder/cli.js');
  const platformFlag = { win32: '--win', darwin: '--mac' }[process.platform as string] ?? '--linux';
  const log = await run(process.execPath, [
    cli,
    '--config',
    'electron-builder.yml',
    '--dir',
    platformFlag,
    `-c.electronDist=${distDir}`,
    `-c.electronVersion=${electronVersion}`,
    '-c.npmRebuild=false',
    `-c.directories.output=${outputDir}`,
  ]);
  const appOutDir = path.join(outputDir, (await readdir(outputDir)).find((name) => name.endsWith('-unpacked')) ?? '');
  const resourcesDir = path.join(appOutDir, 'resources');
  await stat(path.join(resourcesDir, 'app.asar')).catch(() => {
    throw new Error(`electron-builder 没有生成 app.asar：\n${log}`);
  });
  return {
    appOutDir,
    resourcesDir,
    executable: path.join(appOutDir, process.platform === 'win32' ? `${executableName}.exe` : executableName),
    log,
  };
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    // Piped, never inherited: a test's stdout is its runner's channel.
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`electron-builder 失败（退出码 ${code}）：\n${output}`)),
    );
  });
}

async function folderBytes(folder: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return bytes;
}

export async function measurePackage(assembled: AssembledPackage): Promise<PackageSizes> {
  const appAsarBytes = (await stat(path.join(assembled.resourcesDir, 'app.asar'))).size;
  const asarUnpackedBytes = await folderBytes(path.join(assembled.resourcesDir, 'app.asar.unpacked')).catch(() => 0);
  const fontsBytes = await folderBytes(path.join(assembled.resourcesDir, 'fonts'));
  return {
    appAsarBytes,
    asarUnpackedBytes,
    fontsBytes,
    appBytes: appAsarBytes + asarUnpackedBytes,
    totalBytes: await folderBytes(assembled.appOutDir),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const workDir = path.join(REPO_ROOT, 'release', 'stand-in');
  const assembled = await assembleWithStandIn(workDir);
  const sizes = await measurePackage(assembled);
  console.log(JSON.stringify({ appOutDir: assembled.appOutDir, ...sizes }, null, 2));
}
