// The two Electron bundles, built in memory with the options of build/build.mjs: the sandboxed
// preload may require nothing but 'electron', and the main bundle nothing outside Electron,
// Node and the native database addon (electron-updater is loaded at run time, see updater.ts).
import { builtinModules } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function bundle(entry: string): Promise<string> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron', 'better-sqlite3-multiple-ciphers', 'electron-updater'],
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  assert.ok(output);
  return output.text;
}

/** Every `require("…")` with a literal argument in a bundle. */
function requiredModules(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1] ?? ''))].sort();
}

test('the preload bundle requires only electron', async () => {
  const code = await bundle('electron/preload/preload.ts');
  assert.deepEqual(requiredModules(code), ['electron']);
  assert.doesNotMatch(code, /\bimport\(/, 'no dynamic import in a sandboxed preload');
  assert.match(code, /exposeInMainWorld/);
});

test('the main bundle requires only electron, Node builtins and the database addon', async () => {
  const code = await bundle('electron/main/main.ts');
  const allowed = new Set([
    'electron',
    'better-sqlite3-multiple-ciphers',
    ...builtinModules,
    ...builtinModules.map((m) => `node:${m}`),
  ]);
  const unexpected = requiredModules(code).filter((m) => !allowed.has(m) && !m.startsWith('node:'));
  assert.deepEqual(unexpected, []);
});
