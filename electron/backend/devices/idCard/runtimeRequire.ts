// Loads a driver's native package when a read first needs it, never at import: the serial addon
// and koffi are needed only where such a reader is configured. `require` through createRequire
// (which esbuild leaves alone, so the package stays outside the bundle and finds its prebuilt
// binary beside its own files) rather than `import()`: dynamic import() from inside app.asar has
// broken in several Electron releases, require never has (as electron/main/updater.ts found).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// __filename in the CommonJS main bundle; import.meta.url in the hall's ESM bundle and under tsx.
const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);

export function requireAtRunTime<T>(name: string): T {
  return createRequire(here)(name) as T;
}
