// Builds the bundles: the township UI and the county page (Vite), the Electron main + preload,
// the hall host and the county hub (esbuild). Vite for the UIs because it is the React build the
// team knows and its output is plain static files the hall host and the hub can serve; esbuild
// for Node bundles because the backend needs no plugins and builds in well under a second.
// electron-vite was not used: it wraps the same two tools but expects the Electron binary at
// development time.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.includes('--node-only')
  ? 'node'
  : process.argv.includes('--renderer-only')
    ? 'renderer'
    : 'all';
const started = Date.now();

/** Native or Electron-provided modules, and packages that read their own data files at run time, stay outside the bundles. */
const external = [
  'electron',
  'better-sqlite3-multiple-ciphers',
  'electron-updater',
  'pdfkit',
  'fontkit',
  'wawoff2',
  'exceljs',
  // The hub's PostgreSQL client, loaded only when a county gives a connection string (it loads
  // the optional pg-native by name, which a bundle cannot resolve); a township receiving its
  // villages uses the same library on SQLite and never reaches it.
  'pg',
  // The ID-card readers' native addons (the serial port; koffi, the vendor DLL's foreign-function
  // layer, an optional dependency): each finds its prebuilt binary beside its own files. The
  // drivers require them at run time (devices/idCard/runtimeRequire.ts), which esbuild does not
  // follow; listed here so that an import written later cannot pull them into a bundle either.
  'serialport',
  'koffi',
];

async function buildNode() {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    external,
    logLevel: 'warning',
    absWorkingDir: root,
  };
  await Promise.all([
    esbuild({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs' }),
    // A sandboxed preload must be one CommonJS file that requires nothing but 'electron'.
    esbuild({
      ...common,
      entryPoints: ['electron/preload/preload.ts'],
      outfile: 'dist/electron/preload.cjs',
      format: 'cjs',
    }),
    esbuild({
      ...common,
      entryPoints: ['hub/main.ts'],
      outfile: 'dist/hub/hub.js',
      format: 'esm',
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
    }),
    // The paper render worker (electron/backend/documents/renderPool.ts) is started from a file
    // next to each host's bundle: its own entry, CommonJS in both (a worker needs no ESM here).
    ...['dist/electron/renderWorker.cjs', 'dist/hall/renderWorker.cjs'].map((outfile) =>
      esbuild({ ...common, entryPoints: ['electron/backend/documents/renderWorker.ts'], outfile, format: 'cjs' }),
    ),
    esbuild({
      ...common,
      entryPoints: ['electron/hall/hall.ts'],
      outfile: 'dist/hall/hall.js',
      format: 'esm',
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
    }),
  ]);
}

async function buildRenderer() {
  // One after the other: two Vite builds at once only compete for the build machine's two cores.
  await viteBuild({ configFile: path.join(root, 'build/vite.renderer.config.ts'), logLevel: 'warn' });
  await viteBuild({ configFile: path.join(root, 'build/vite.hub.config.ts'), logLevel: 'warn' });
}

if (only !== 'renderer') {
  await rm(path.join(root, 'dist/electron'), { recursive: true, force: true });
  await rm(path.join(root, 'dist/hub'), { recursive: true, force: true });
}
await Promise.all([only !== 'renderer' ? buildNode() : null, only !== 'node' ? buildRenderer() : null]);
console.log(`构建完成（${only}），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
