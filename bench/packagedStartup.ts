// Cold start of the packaged desktop app: the package assembled with the stand-in Electron
// distribution (build/packaging), its main process started from it under plain Node, timed from
// the spawn to the first answer of system.status through the window's IPC channel — the same
// moment a clerk's first screen can ask something. What Electron itself adds (loading Chromium,
// painting the window) is not in it: the binary cannot run here.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { assembleWithStandIn, measurePackage, type PackageSizes } from '../build/packaging/assemble';
import { layOutAppForNode, startPackagedMain, waitForFirstAnswer } from '../build/packaging/packagedMain';
import { WRAPPED_DATABASE_KEY_FILE } from '../electron/main/databaseKeychain';
import { median, round } from './stats';

export interface PackagedStartupResult {
  runs: number;
  /** Spawn → first `{ ok: true }` of system.status over the IPC channel. */
  firstAnswerMs: { median: number; max: number; all: number[] };
  /** Assembling the package with electron-builder (--dir, stand-in Electron). */
  assembleMs: number;
  sizesMB: Record<keyof PackageSizes, number>;
}

/**
 * Starts the packaged main process `runs` times on `dataDir` (kept), with the key the database
 * is encrypted with (wrapped as the stand-in keychain wraps it), or none.
 */
export async function benchPackagedStartup(
  dataDir: string,
  databaseKey: Uint8Array | null,
  runs: number,
  log: (line: string) => void,
): Promise<PackagedStartupResult> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'township-bench-package-'));
  try {
    log('用替身 Electron 组装安装包……');
    const assembleStarted = performance.now();
    const assembled = await assembleWithStandIn(path.join(workDir, 'package'));
    const assembleMs = performance.now() - assembleStarted;
    const sizes = await measurePackage(assembled);
    const appDir = path.join(workDir, 'app');
    layOutAppForNode(assembled.resourcesDir, appDir);
    // The desktop keeps its data in <userData>/data and the wrapped key beside it.
    const userData = path.join(workDir, 'userData');
    await mkdir(userData);
    await symlink(path.resolve(dataDir), path.join(userData, 'data'), 'dir');
    if (databaseKey) {
      const wrapped = Buffer.from(`wrapped:${Buffer.from(databaseKey).toString('base64url')}`).toString('base64');
      await writeFile(path.join(userData, WRAPPED_DATABASE_KEY_FILE), `${wrapped}\n`);
    }
    const answers: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const main = startPackagedMain({
        appDir,
        resourcesDir: assembled.resourcesDir,
        userData,
        cwd: workDir,
        keychain: databaseKey ? 'available' : 'none',
      });
      try {
        await waitForFirstAnswer(main);
        answers.push(performance.now() - started);
      } finally {
        await main.quit();
      }
    }
    const MB = 1024 * 1024;
    return {
      runs,
      firstAnswerMs: {
        median: round(median(answers), 1),
        max: round(Math.max(...answers), 1),
        all: answers.map((x) => round(x, 1)),
      },
      assembleMs: round(assembleMs, 0),
      sizesMB: Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, round(v / MB, 1)])) as Record<
        keyof PackageSizes,
        number
      >,
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
