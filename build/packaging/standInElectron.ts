// A stand-in Electron distribution for electron-builder (`electronDist`): the Electron binary cannot
// be downloaded on our machines, yet the package must be assembled and checked here. The folder has
// what electron-builder copies and edits in a real distribution — an executable of the right name
// carrying Electron's fuse wire (so the fuses step flips real bytes, as it would in Electron's
// binary), the Chromium locales it prunes, the version file — and nothing it would run.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** @electron/fuses finds the wire right after this marker in the binary. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
export const FUSE_WIRE_VERSION = 1;
/** '0' disabled, '1' enabled (@electron/fuses FuseState). */
export const FUSE_DISABLE = 0x30;
export const FUSE_ENABLE = 0x31;

/**
 * The wire as Electron ships it (electron/build/fuses/fuses.json5, wire version 1): run as node on,
 * cookie encryption off, NODE_OPTIONS on, --inspect on, asar integrity off, only-asar off, browser
 * V8 snapshot off, file:// privileges on. A build that forgot a fuse would leave its shipped state.
 */
export const SHIPPED_FUSES = [
  FUSE_ENABLE,
  FUSE_DISABLE,
  FUSE_ENABLE,
  FUSE_ENABLE,
  FUSE_DISABLE,
  FUSE_DISABLE,
  FUSE_DISABLE,
  FUSE_ENABLE,
] as const;

/** Chromium's locale files; electron-builder keeps those `electronLanguages` names. */
const LOCALES = ['en-US', 'zh-CN', 'zh-TW', 'de', 'fr', 'ja'];

export const STAND_IN_MESSAGE = '这是打包检查用的 Electron 替身，不能运行';

/** Writes the stand-in distribution for this platform into `dir` (created). */
export async function makeStandInElectronDist(dir: string, electronVersion: string): Promise<void> {
  await mkdir(path.join(dir, 'locales'), { recursive: true });
  await mkdir(path.join(dir, 'resources'), { recursive: true });
  const executable = path.join(dir, process.platform === 'win32' ? 'electron.exe' : 'electron');
  const script = Buffer.from(`#!/bin/sh\necho '${STAND_IN_MESSAGE}' >&2\nexit 70\n# `, 'utf8');
  const wire = Buffer.from([
    ...Buffer.from(FUSE_SENTINEL, 'ascii'),
    FUSE_WIRE_VERSION,
    SHIPPED_FUSES.length,
    ...SHIPPED_FUSES,
  ]);
  await writeFile(executable, Buffer.concat([script, wire, Buffer.from('\n')]));
  await chmod(executable, 0o755);
  for (const locale of LOCALES) await writeFile(path.join(dir, 'locales', `${locale}.pak`), `stand-in ${locale}`);
  await writeFile(path.join(dir, 'version'), electronVersion);
  await writeFile(path.join(dir, 'LICENSE'), 'Stand-in for the Electron distribution (MIT).\n');
}
