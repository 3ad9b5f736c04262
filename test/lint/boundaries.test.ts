// Proves that `eslint` fails whenever an import boundary of ARCHITECTURE.md is broken, and
// stays quiet for the imports each area legitimately needs. The code is linted as if it sat at
// the given (virtual) path, through the repository's own eslint.config.js.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BOUNDARY_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals']);

type BoundaryRule = 'no-restricted-imports' | 'no-restricted-syntax' | 'no-restricted-globals';

let eslint: ESLint;
before(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const absolute = path.join(repoRoot, filePath);
  assert.equal(await eslint.isPathIgnored(absolute), false, `${filePath} must not be ignored by lint`);
  const [result] = await eslint.lintText(code, { filePath: absolute });
  assert.ok(result);
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], `parse error in test snippet for ${filePath}`);
  return result.messages;
}

async function assertForbidden(filePath: string, code: string, rule: BoundaryRule, messagePart?: string) {
  const messages = await lint(filePath, code);
  const hits = messages.filter((m) => m.ruleId === rule);
  assert.ok(
    hits.length > 0,
    `expected ${rule} to report in ${filePath}:\n  ${code}\n  got: ${JSON.stringify(messages.map((m) => m.ruleId))}`,
  );
  for (const hit of hits) assert.equal(hit.severity, 2, 'boundary problems must be errors, so lint fails');
  if (messagePart) {
    assert.ok(
      hits.some((m) => m.message.includes(messagePart)),
      `expected a message containing "${messagePart}", got ${JSON.stringify(hits.map((m) => m.message))}`,
    );
  }
}

async function assertAllowed(filePath: string, code: string) {
  const messages = await lint(filePath, code);
  const hits = messages.filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId));
  assert.deepEqual(
    hits.map((m) => `${m.ruleId}: ${m.message}`),
    [],
    `expected no boundary problem in ${filePath}:\n  ${code}`,
  );
}

const SHARED_FILE = 'shared/residents/x.ts';
const RENDERER_FILE = 'renderer/residents/x.tsx';
const BACKEND_FILE = 'electron/backend/residents/x.ts';

describe('shared/ stays pure', () => {
  const leaving = [
    [SHARED_FILE, "import { x } from '../../electron/backend/db/schema';"],
    [SHARED_FILE, "import { x } from '../../renderer/residents/page';"],
    [SHARED_FILE, "import { x } from '../../hub/batches';"],
    [SHARED_FILE, "import pkg from '../../package.json';"],
    [SHARED_FILE, "import { x } from '../../../outside-the-repo';"],
    [SHARED_FILE, "import x from '../..';"],
    [SHARED_FILE, "export * from '../../electron/backend/db/schema';"],
    [SHARED_FILE, "export { x } from '../../renderer/x';"],
    [SHARED_FILE, "import type { X } from '../../electron/backend/db/schema';"],
    ['shared/x.ts', "import { x } from '../electron/db/schema';"],
    ['shared/x.ts', "import { x } from '../renderer/x';"],
    ['shared/a/b/c/d.ts', "import { x } from '../../../../electron/x';"],
    ['shared/a/b/c/d/e/f/g/h/i/j/k/l.ts', "import { x } from '../../../../../../../../../../../../electron/x';"],
    // written in a non-normal form to dodge the depth count
    [SHARED_FILE, "import { x } from './../../electron/x';"],
    [SHARED_FILE, "import { x } from '../api/../../electron/x';"],
    [SHARED_FILE, "import { x } from '..\\\\..\\\\electron\\\\x';"],
  ] as const;
  for (const [file, code] of leaving) {
    test(`refuses a relative import that leaves shared/: ${file}: ${code}`, () =>
      assertForbidden(file, code, 'no-restricted-imports'));
  }

  const builtins = [
    'node:fs',
    'node:fs/promises',
    'node:test',
    'node:sqlite',
    'fs',
    'fs/promises',
    'path',
    'crypto',
    'os',
    'child_process',
    'http',
    'https',
    'url',
    'util',
    'events',
    'stream',
    'zlib',
    'worker_threads',
  ];
  for (const name of builtins) {
    test(`refuses the Node builtin '${name}'`, () =>
      assertForbidden(SHARED_FILE, `import * as m from '${name}';`, 'no-restricted-imports', 'Node'));
  }

  const packages = [
    'electron',
    'electron/main',
    'electron-updater',
    'better-sqlite3-multiple-ciphers',
    'kysely',
    'react',
    'react/jsx-runtime',
    'antd',
    'antd/es/button',
  ];
  for (const name of packages) {
    test(`refuses the package '${name}'`, () =>
      assertForbidden(SHARED_FILE, `import * as m from '${name}';`, 'no-restricted-imports', 'shared/ must stay pure'));
  }
  test('refuses type-only imports of forbidden packages too', () =>
    assertForbidden(SHARED_FILE, "import type { Kysely } from 'kysely';", 'no-restricted-imports'));
  test('refuses import x = require()', () =>
    assertForbidden(SHARED_FILE, "import fs = require('fs');", 'no-restricted-imports'));

  test('refuses dynamic import() of a builtin', () =>
    assertForbidden(SHARED_FILE, "export const m = await import('node:fs');", 'no-restricted-syntax', 'Node'));
  test('refuses dynamic import() that leaves shared/', () =>
    assertForbidden(SHARED_FILE, "export const m = await import('../../electron/x');", 'no-restricted-syntax'));
  test('refuses dynamic import() of a computed name', () =>
    assertForbidden(SHARED_FILE, 'export const f = (n: string) => import(n);', 'no-restricted-syntax'));
  test('refuses import() types of electron', () =>
    assertForbidden(SHARED_FILE, "export type W = import('electron').BrowserWindow;", 'no-restricted-syntax'));
  test('refuses require() of a builtin', () =>
    assertForbidden(SHARED_FILE, "export const m = require('os');", 'no-restricted-syntax'));

  const forbiddenGlobals = [
    'window',
    'document',
    'navigator',
    'localStorage',
    'sessionStorage',
    'fetch',
    'process',
    'Buffer',
    'require',
    '__dirname',
    '__filename',
    'setImmediate',
  ];
  for (const name of forbiddenGlobals) {
    test(`refuses the global ${name}`, () =>
      assertForbidden(SHARED_FILE, `export const v = ${name};`, 'no-restricted-globals', name));
  }
  test('refuses globalThis.process', () =>
    assertForbidden(SHARED_FILE, 'export const v = globalThis.process;', 'no-restricted-syntax'));

  const allowed = [
    [SHARED_FILE, "import { z } from 'zod';"],
    [SHARED_FILE, "import { pinyin } from 'pinyin-pro';"],
    [SHARED_FILE, "import { isApiError } from '../api/errors';"],
    [SHARED_FILE, "import type { Role } from '../auth/roles';"],
    [SHARED_FILE, "import { checkResidentIdNumber } from './idNumber';"],
    [SHARED_FILE, "export * from './search';"],
    [SHARED_FILE, "export const m = () => import('./search');"],
    ['shared/x.ts', "import { isApiError } from './api/errors';"],
    ['shared/a/b/c/d.ts', "import { isApiError } from '../../../api/errors';"],
    // a local binding is not the global
    [SHARED_FILE, 'export function f(process: number) { return process + 1; }'],
    [SHARED_FILE, 'export const now = () => new Date(Date.now());'],
  ] as const;
  for (const [file, code] of allowed) {
    test(`allows ${file}: ${code}`, () => assertAllowed(file, code));
  }
});

describe('renderer/ imports only shared/ and UI packages', () => {
  const forbidden = [
    [RENDERER_FILE, "import { x } from '../../electron/backend/residents/service';"],
    [RENDERER_FILE, "import { x } from '../../electron/backend/backend';"],
    [RENDERER_FILE, "import { x } from '../../hub/x';"],
    [RENDERER_FILE, "import { x } from '../../bench/x';"],
    [RENDERER_FILE, "import { x } from '../../e2e/x';"],
    [RENDERER_FILE, "import { x } from '../../build/build.mjs';"],
    [RENDERER_FILE, "import { x } from '../../test/x';"],
    [RENDERER_FILE, "import { x } from '../../../etc/x';"],
    [RENDERER_FILE, "import { x } from './../../electron/x';"],
    [RENDERER_FILE, "import { x } from '../common/../../electron/x';"],
    ['renderer/App.tsx', "import { x } from '../electron/host/backend';"],
    ['renderer/app/shell/layout/Side.tsx', "import { x } from '../../../../electron/x';"],
    [RENDERER_FILE, "import path from 'node:path';"],
    [RENDERER_FILE, "import path from 'path';"],
    [RENDERER_FILE, "import fs from 'fs';"],
    [RENDERER_FILE, "import { ipcRenderer } from 'electron';"],
    [RENDERER_FILE, "import { ipcRenderer } from 'electron/renderer';"],
    [RENDERER_FILE, "import Database from 'better-sqlite3-multiple-ciphers';"],
    [RENDERER_FILE, "import { Kysely } from 'kysely';"],
  ] as const;
  for (const [file, code] of forbidden) {
    test(`refuses ${file}: ${code}`, () => assertForbidden(file, code, 'no-restricted-imports'));
  }
  test('refuses dynamic import() of the backend', () =>
    assertForbidden(RENDERER_FILE, "export const m = () => import('../../electron/x');", 'no-restricted-syntax'));
  test('refuses dynamic import() of a computed name', () =>
    assertForbidden(RENDERER_FILE, 'export const m = (n: string) => import(n);', 'no-restricted-syntax'));

  const allowed = [
    [RENDERER_FILE, "import { residentsProcedures } from '../../shared/residents/api';"],
    [RENDERER_FILE, "import type { ApiResult } from '../../shared/api/errors';"],
    [RENDERER_FILE, "import logo from '../../resources/icons/logo.svg';"],
    [RENDERER_FILE, "import { x } from '../common/Table';"],
    [RENDERER_FILE, "import { x } from './Form';"],
    [RENDERER_FILE, "import { Button } from 'antd';"],
    [RENDERER_FILE, "import { UserOutlined } from '@ant-design/icons';"],
    [RENDERER_FILE, "import { useState } from 'react';"],
    [RENDERER_FILE, "import { createRoot } from 'react-dom/client';"],
    [RENDERER_FILE, "import dayjs from 'dayjs';"],
    [RENDERER_FILE, "export const Page = () => import('./Page');"],
    [RENDERER_FILE, 'export const title = () => document.title + window.location.href;'],
    ['renderer/App.tsx', "import { DESKTOP_BRIDGE_KEY } from '../shared/api/bridge';"],
    ['renderer/app/shell/layout/Side.tsx', "import { x } from '../../../../shared/api/bridge';"],
    ['build/vite.renderer.config.ts', "import path from 'node:path';\nimport { defineConfig } from 'vite';"],
  ] as const;
  for (const [file, code] of allowed) {
    test(`allows ${file}: ${code}`, () => assertAllowed(file, code));
  }
});

describe('hub/ui/ (the county page) imports only shared/ and UI packages', () => {
  const PAGE_FILE = 'hub/ui/TownshipsTab.tsx';
  const forbidden = [
    [PAGE_FILE, "import { openHub } from '../hub';"],
    [PAGE_FILE, "import { x } from '../db/schema';"],
    [PAGE_FILE, "import x from '..';"],
    ['hub/ui/tabs/x.tsx', "import { x } from '../../server';"],
    ['hub/ui/tabs/x.tsx', "import { x } from '../../db/x';"],
    ['hub/ui/a/b/c/d/e/f/g/h/x.tsx', "import { x } from '../../../../../../../../../server';"],
    [PAGE_FILE, "import { x } from '../../electron/backend/db/sqlite3Dialect';"],
    [PAGE_FILE, "import { x } from '../../renderer/app/theme';"],
    [PAGE_FILE, "import { x } from '../../resources/x.svg';"],
    [PAGE_FILE, "import { x } from './../server';"],
    [PAGE_FILE, "import path from 'node:path';"],
    [PAGE_FILE, "import { readFile } from 'fs';"],
    [PAGE_FILE, "import Database from 'better-sqlite3-multiple-ciphers';"],
    [PAGE_FILE, "import pg from 'pg';"],
    [PAGE_FILE, "import { Kysely } from 'kysely';"],
  ] as const;
  for (const [file, code] of forbidden) {
    test(`refuses ${file}: ${code}`, () => assertForbidden(file, code, 'no-restricted-imports'));
  }
  test('refuses dynamic import() of the hub server', () =>
    assertForbidden(PAGE_FILE, "export const m = () => import('../server');", 'no-restricted-syntax'));

  const allowed = [
    [PAGE_FILE, "import { COUNTY_PATHS } from '../../shared/sync/countyApi';"],
    ['hub/ui/tabs/x.tsx', "import { x } from '../../../shared/sync/protocol';"],
    ['hub/ui/tabs/x.tsx', "import { useCounty } from '../countyContext';"],
    [PAGE_FILE, "import { useCounty } from './countyContext';"],
    [PAGE_FILE, "import { Button } from 'antd';"],
    [PAGE_FILE, "import { useState } from 'react';"],
    [PAGE_FILE, 'export const token = () => sessionStorage.getItem(document.title);'],
    // the hub server may read the page's files; only the other direction is closed
    ['hub/server.ts', "import { x } from './ui/countyClient';"],
    ['hub/server.ts', "import { readFile } from 'node:fs/promises';"],
  ] as const;
  for (const [file, code] of allowed) {
    test(`allows ${file}: ${code}`, () => assertAllowed(file, code));
  }
});

describe("only electron/main and electron/preload import 'electron'", () => {
  const forbidden = [
    [BACKEND_FILE, "import { app } from 'electron';"],
    [BACKEND_FILE, "import type { BrowserWindow } from 'electron';"],
    [BACKEND_FILE, "import { ipcMain } from 'electron/main';"],
    [BACKEND_FILE, "import { autoUpdater } from 'electron-updater';"],
    ['electron/hall/hall.ts', "import { app } from 'electron';"],
    ['demo/demoTownship.ts', "import { app } from 'electron';"],
    ['electron/x.ts', "import { app } from 'electron';"],
    ['hub/server.ts', "import { app } from 'electron';"],
    ['bench/run.ts', "import { app } from 'electron';"],
    ['test/electron-shell/x.test.ts', "import { app } from 'electron';"],
    ['test/api/x.test.ts', "import { autoUpdater } from 'electron-updater';"],
    ['e2e/x.spec.ts', "import { app } from 'electron';"],
    ['shared/x.ts', "import { app } from 'electron';"],
    [RENDERER_FILE, "import { app } from 'electron';"],
  ] as const;
  for (const [file, code] of forbidden) {
    test(`refuses ${file}: ${code}`, () => assertForbidden(file, code, 'no-restricted-imports', 'electron'));
  }
  test('refuses dynamic import() of electron in the backend', () =>
    assertForbidden(BACKEND_FILE, "export const e = () => import('electron');", 'no-restricted-syntax'));
  test('refuses require() of electron in the backend', () =>
    assertForbidden(BACKEND_FILE, "export const e = require('electron');", 'no-restricted-syntax'));

  const allowed = [
    ['electron/main/main.ts', "import { app, BrowserWindow } from 'electron';"],
    ['electron/main/main.ts', "import { openBackend } from '../backend/backend';"],
    ['electron/main/main.ts', "import { IPC_API_CHANNEL } from '../../shared/api/bridge';"],
    ['electron/main/main.ts', "export const u = () => import('electron-updater');"],
    ['electron/preload/preload.ts', "import { contextBridge, ipcRenderer } from 'electron';"],
    ['electron/preload/preload.ts', "import { DESKTOP_BRIDGE_KEY } from '../../shared/api/bridge';"],
    ['electron/main/sub/x.ts', "import { app } from 'electron';"],
    // The shell's tests drive electron-updater's real updater with stand-ins (updater.test.ts).
    ['test/electron-shell/x.test.ts', "import { NsisUpdater } from 'electron-updater';"],
  ] as const;
  for (const [file, code] of allowed) {
    test(`allows ${file}: ${code}`, () => assertAllowed(file, code));
  }
});

describe('the backend and the hub never import renderer/', () => {
  const forbidden = [
    [BACKEND_FILE, "import { x } from '../../../renderer/residents/page';"],
    [BACKEND_FILE, "import type { X } from '../../../renderer/residents/page';"],
    [BACKEND_FILE, "export * from '../../../renderer/x';"],
    ['electron/x.ts', "import { x } from '../renderer/x';"],
    ['electron/hall/a/b/c/d/e/f/g/h/i/j/k.ts', "import { x } from '../../../../../../../../../../../../renderer/x';"],
    ['electron/main/main.ts', "import { x } from '../../renderer/x';"],
    ['electron/preload/preload.ts', "import { x } from '../../renderer/x';"],
    ['hub/server.ts', "import { x } from '../renderer/x';"],
    ['hub/routes/x.ts', "import { x } from '../../renderer/x';"],
    [BACKEND_FILE, "import { x } from '../db/../../../renderer/x';"],
    ['demo/x.ts', "import { x } from '../renderer/x';"],
    ['demo/a/x.ts', "import { x } from '../../renderer/x';"],
  ] as const;
  for (const [file, code] of forbidden) {
    test(`refuses ${file}: ${code}`, () => assertForbidden(file, code, 'no-restricted-imports'));
  }
  test('refuses dynamic import() of renderer/ in the backend', () =>
    assertForbidden(BACKEND_FILE, "export const m = () => import('../../../renderer/x');", 'no-restricted-syntax'));

  const allowed = [
    ['electron/hall/x.ts', "import { isApiError } from '../../shared/api/errors';"],
    ['demo/x.ts', "import { openBackend } from '../electron/backend/backend';"],
    [BACKEND_FILE, "import { readFile } from 'node:fs/promises';"],
    [BACKEND_FILE, "import Database from 'better-sqlite3-multiple-ciphers';"],
    [BACKEND_FILE, "import { Kysely } from 'kysely';"],
    [BACKEND_FILE, "import { x } from '../db/connection';"],
    // a module of the backend that happens to be called "renderer" (e.g. a PDF renderer)
    ['electron/backend/documents/x.ts', "import { x } from './renderer';"],
    ['electron/backend/documents/x.ts', "import { x } from '../renderer/x';"],
    ['hub/server.ts', "import { x } from '../shared/api/errors';"],
    ['hub/server.ts', "import { x } from '../electron/backend/db/connection';"],
  ] as const;
  for (const [file, code] of allowed) {
    test(`allows ${file}: ${code}`, () => assertAllowed(file, code));
  }
});

describe('boundary rules are not switched off inline', () => {
  // `// eslint-disable…` or `/* eslint rule: off */` would make the rules above toothless.
  const AREAS = ['shared', 'renderer', 'electron', 'hub', 'demo', 'bench', 'e2e', 'test'];
  const SELF = path.relative(repoRoot, fileURLToPath(import.meta.url));
  const DIRECTIVE = /\/[/*]\s*eslint(?:-disable(?:-next-line|-line)?(?<rules>[^\n*]*)|\s+(?<config>[^\n*]*))/g;

  async function* files(dir: string): AsyncGenerator<string> {
    let entries;
    try {
      entries = await readdir(path.join(repoRoot, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'results') yield* files(rel);
      } else if (/\.(?:[cm]?[jt]sx?)$/.test(entry.name)) {
        yield rel;
      }
    }
  }

  test('no file disables no-restricted-imports / -syntax / -globals, or all rules', async () => {
    const offenders: string[] = [];
    for (const area of AREAS) {
      for await (const file of files(area)) {
        if (file === SELF) continue;
        const text = await readFile(path.join(repoRoot, file), 'utf8');
        for (const match of text.matchAll(DIRECTIVE)) {
          const rules = match.groups?.rules;
          const config = match.groups?.config ?? '';
          const blanket = rules !== undefined && rules.replace(/--.*$/, '').trim() === '';
          const named = [...BOUNDARY_RULES].some((r) => (rules ?? config).includes(r));
          if (blanket || named) offenders.push(`${file}: ${match[0].trim()}`);
        }
      }
    }
    assert.deepEqual(offenders, []);
  });
});
