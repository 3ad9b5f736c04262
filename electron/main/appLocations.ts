// Where the desktop app finds what it reads besides its bundles. Kept apart from main.ts (no
// 'electron' import) so the packaged layout can be checked without Electron.
import path from 'node:path';
import type { FontLocation } from '../backend/documents/fonts';

export interface AppPaths {
  isPackaged: boolean;
  /** Electron's `process.resourcesPath`: …/resources, holding app.asar and the fonts. */
  resourcesPath: string;
  /** `app.getAppPath()`: app.asar when packaged, the repository in development. */
  appPath: string;
}

/**
 * The papers' fonts: in the package, the copies under resources/fonts (electron-builder.yml's
 * extraResources); in development, the npm packages. node_modules (the WOFF2 decoder) is always
 * searched from the app itself — never from the working directory, which is wherever a shortcut
 * or a service started the program.
 */
export function documentFontLocation(paths: AppPaths): FontLocation {
  return paths.isPackaged
    ? { fontsDir: path.join(paths.resourcesPath, 'fonts'), resolveFrom: paths.appPath }
    : { resolveFrom: paths.appPath };
}
