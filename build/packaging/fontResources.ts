// The papers' fonts for the package: exactly the files `listFontAssets()` names, copied to
// dist/fonts as `<package>/<path>` — the layout `resolveFontFiles({ fontsDir })` reads — so that
// electron-builder ships them as resources/fonts (extraResources) instead of whole font packages
// (hundreds of WOFF2 parts and other weights nobody prints).
//
//   node --import tsx build/packaging/fontResources.ts     (npm run dist runs it)
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFontAssets, resolveFontFiles } from '../../electron/backend/documents/fonts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the copy goes; electron-builder.yml's extraResources takes it from here. */
export const FONT_RESOURCES_DIR = path.join(REPO_ROOT, 'dist', 'fonts');

/** The fonts' files as the package must carry them (relative paths under resources/fonts). */
export function packagedFontFiles(): Array<{ from: string; to: string }> {
  return listFontAssets(resolveFontFiles({ resolveFrom: REPO_ROOT }));
}

/** Replaces `target` with a copy of the fonts' files; returns how many and their bytes. */
export async function copyFontResources(target = FONT_RESOURCES_DIR): Promise<{ files: number; bytes: number }> {
  await rm(target, { recursive: true, force: true });
  let bytes = 0;
  const files = packagedFontFiles();
  for (const { from, to } of files) {
    const destination = path.join(target, ...to.split('/'));
    await mkdir(path.dirname(destination), { recursive: true });
    await copyFile(from, destination);
    bytes += (await stat(destination)).size;
  }
  return { files: files.length, bytes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const copied = await copyFontResources();
  console.log(`字体文件已复制到 ${FONT_RESOURCES_DIR}：${copied.files} 个，${(copied.bytes / 1048576).toFixed(1)} MB`);
}
