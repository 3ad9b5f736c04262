// ESLint flat config. Two jobs:
//  1. typescript-eslint `recommended` (not the type-checked variants: too slow for a 2-core
//     build machine) for every TypeScript file, @eslint/js `recommended` for JavaScript.
//  2. The import boundaries of ARCHITECTURE.md, checked by lint instead of by memory:
//       shared/    imports nothing of ours outside shared/, no Node, no DOM, no electron/db/UI;
//       renderer/  imports only shared/ (and assets in resources/) and UI packages;
//       hub/ui/    (the county page, a browser) imports only shared/ and UI packages;
//       only electron/main and electron/preload import 'electron';
//       the backend (electron/backend, electron/hall), demo/ and hub/ never import renderer/.
//     test/lint/boundaries.test.ts proves that each broken rule makes lint fail.
//
// How the relative-import checks work: `no-restricted-imports` only sees the import string,
// not the file it resolves to. So the configs are generated per folder depth: a file in
// `renderer/a/b/` (depth 3) leaves renderer/ exactly when its import starts with three or more
// `../`, and `../../../shared/…` is the only way out it may take. Imports written in a
// non-normal form (`./../x`, `../a/../../x`) are refused so that they cannot dodge that count.
//
// ESLint gives each rule the options of the LAST config object that sets it, so the boundary
// configs below never overlap: each file gets exactly one of them, which carries every
// restriction of its area.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** File extensions the boundary rules look at. */
const CODE = '{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
/** Configs are generated for folder depths 1 … MAX_DEPTH; deeper files share the last one. */
const MAX_DEPTH = 10;

// ---------------------------------------------------------------------------------------------
// Restrictions: each is a regular expression over the import string plus a message.
// ---------------------------------------------------------------------------------------------

/** @typedef {{ regex: string, message: string }} Restriction */

const escapeRegex = (/** @type {string} */ s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `name`, `name/sub/path`, and nothing else (`electron-updater` is not `electron`). */
const packagesRegex = (/** @type {string[]} */ names) => `^(?:${names.map(escapeRegex).join('|')})(?:/.*)?$`;

const NODE_BUILTINS = [...new Set(builtinModules.map((m) => m.replace(/^node:/, '').split('/')[0] ?? m))];
const nodeBuiltinsRegex = `^(?:node:.*|${packagesRegex(NODE_BUILTINS).slice(1, -1)})$`;

/** @returns {Restriction} */
const noElectron = () => ({
  // electron-updater loads 'electron' as soon as it is imported.
  regex: packagesRegex(['electron', 'electron-updater']),
  message:
    '只有 electron/main 与 electron/preload 可以引用 electron（及 electron-updater），其余代码必须能在纯 Node 中运行 ' +
    '(only electron/main and electron/preload may import electron)',
});

/** @returns {Restriction} */
const noNodeBuiltins = (/** @type {string} */ area, /** @type {string} */ why) => ({
  regex: nodeBuiltinsRegex,
  message: `${area}/ 不能使用 Node 内置模块，${why}`,
});

/**
 * Relative imports from a file at folder depth `depth` that climb to the repository root (or
 * above) and do not come back down into one of `allowedTops`.
 * @returns {Restriction}
 */
const noLeaving = (/** @type {number} */ depth, /** @type {string[]} */ allowedTops, /** @type {string} */ message) => {
  const climb = `^(?:\\.\\./){${depth - 1}}\\.\\.`;
  const regex = allowedTops.length
    ? `${climb}(?:$|/(?!(?:${allowedTops.map(escapeRegex).join('|')})(?:/|$)))`
    : `${climb}(?:/|$)`;
  return { regex, message };
};

/**
 * Relative imports from a file at folder depth `depth` that land in the top folder `top`
 * (`{depth,}`: files deeper than MAX_DEPTH share one config, so count "at least").
 */
const noInto = (/** @type {number} */ depth, /** @type {string} */ top, /** @type {string} */ message) => ({
  regex: `^(?:\\.\\./){${depth},}${escapeRegex(top)}(?:/|$)`,
  message,
});

/**
 * Relative imports from a file at folder depth `depth` in an area nested `base` folders deep
 * (hub/ui: 2) that leave the area but stop short of the repository root, landing in the folders
 * around it (hub/ for hub/ui). Imports that climb to the root are `noLeaving`'s business.
 */
const noIntoParents = (/** @type {number} */ depth, /** @type {number} */ base, /** @type {string} */ message) => {
  const least = depth - base; // `../` before the `..` that steps out of the area
  return { regex: `^(?:\\.\\./){${least},${depth - 2}}\\.\\.(?:/(?!\\.\\.(?:/|$))|$)`, message };
};

/** `./../x`, `../a/../../x`, `./x/.`: a `.` or `..` segment after an ordinary one. */
const noDenormalized = () => ({
  regex: '^(?=\\.)(?:[^/]*/)*?(?!\\.\\.(?:/|$))[^/]+/(?:[^/]+/)*?\\.\\.?(?:/|$)',
  message:
    '相对路径请写成规范形式（中间不要出现 ./ 或 ../），以便检查模块边界 ' +
    '(write relative imports in normal form so the boundary rules can check them)',
});

const noBackslash = () => ({
  regex: '\\\\',
  message: '导入路径请使用 / 而不是 \\ (use / in import paths)',
});

const SHARED_PURE = 'shared/ 只能引用 shared/ 内部与纯 npm 包 (shared/ must stay pure)';
const RENDERER_ONLY =
  'renderer/ 只能引用 shared/（以及 resources/ 中的静态资源）与界面 npm 包；后台请通过类型化 API 调用 ' +
  '(renderer/ may import only shared/ and UI packages; reach the backend through the typed API)';
const COUNTY_PAGE_ONLY =
  'hub/ui/（县级平台页面）只能引用 shared/ 与界面 npm 包；平台服务请通过 /county/api 调用 ' +
  '(hub/ui may import only shared/ and UI packages; reach the hub through its HTTP API)';
const NO_RENDERER =
  '后台与 hub 不能引用 renderer/；两边共用的代码请放进 shared/ (the backend never imports renderer/; move common code to shared/)';

/** Globals that do not exist in one of shared/'s two homes (a browser and plain Node). */
const SHARED_FORBIDDEN_GLOBALS = [
  'window',
  'self',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'process',
  'Buffer',
  'global',
  'require',
  'module',
  'exports',
  '__dirname',
  '__filename',
  'setImmediate',
  'clearImmediate',
];

// ---------------------------------------------------------------------------------------------
// Areas of the repository and what each may not import.
// ---------------------------------------------------------------------------------------------

/**
 * @typedef {object} Area
 * @property {string} name
 * @property {string} dir folder, relative to the repository root
 * @property {string[]} [ignores] globs inside `dir` that belong to another area
 * @property {(depth: number) => Restriction[]} restrictions `depth`: folder depth of the file
 * @property {boolean} [depthDependent] whether `restrictions` looks at the depth
 * @property {Record<string, string>} [restrictedGlobals] name → message
 * @property {boolean} [literalDynamicImports] require `import()` of a string literal
 */

/** @type {Area[]} */
const AREAS = [
  {
    name: 'shared',
    dir: 'shared',
    depthDependent: true,
    restrictions: (depth) => [
      noLeaving(depth, [], SHARED_PURE),
      noNodeBuiltins('shared', '它要同时在浏览器与 Node 中运行 (shared/ must stay pure: no Node builtins)'),
      {
        regex: packagesRegex([
          'electron',
          'electron-updater',
          'better-sqlite3-multiple-ciphers',
          'kysely',
          'pdfkit',
          'react',
          'react-dom',
          'antd',
          '@ant-design/icons',
          '@ant-design/cssinjs',
          'playwright-core',
        ]),
        message: `${SHARED_PURE}：不能依赖 electron、数据库、PDF 或界面库 (no electron, SQLite, kysely, react, antd)`,
      },
    ],
    restrictedGlobals: Object.fromEntries(
      SHARED_FORBIDDEN_GLOBALS.map((name) => [
        name,
        `shared/ 中不能使用 ${name}：它不是浏览器与 Node 共有的 (shared/ must stay pure: ${name} is not in both a browser and Node)`,
      ]),
    ),
    literalDynamicImports: true,
  },
  {
    name: 'renderer',
    dir: 'renderer',
    depthDependent: true,
    restrictions: (depth) => [
      noLeaving(depth, ['shared', 'resources'], RENDERER_ONLY),
      noNodeBuiltins('renderer', '界面运行在浏览器中 (renderer/ runs in a browser: no Node builtins)'),
      {
        regex: packagesRegex(['electron', 'electron-updater', 'better-sqlite3-multiple-ciphers', 'kysely', 'pdfkit']),
        message: RENDERER_ONLY,
      },
    ],
    literalDynamicImports: true,
  },
  {
    name: 'desktop-shell',
    dir: 'electron/main',
    depthDependent: true,
    restrictions: (depth) => [noInto(depth, 'renderer', NO_RENDERER)],
  },
  {
    name: 'desktop-preload',
    dir: 'electron/preload',
    depthDependent: true,
    restrictions: (depth) => [noInto(depth, 'renderer', NO_RENDERER)],
  },
  {
    name: 'backend',
    dir: 'electron',
    ignores: ['electron/main/**', 'electron/preload/**'],
    depthDependent: true,
    restrictions: (depth) => [noElectron(), noInto(depth, 'renderer', NO_RENDERER)],
  },
  {
    name: 'demo',
    dir: 'demo',
    depthDependent: true,
    restrictions: (depth) => [noElectron(), noInto(depth, 'renderer', NO_RENDERER)],
  },
  {
    name: 'county-page',
    dir: 'hub/ui',
    depthDependent: true,
    restrictions: (depth) => [
      noIntoParents(depth, 2, COUNTY_PAGE_ONLY),
      noLeaving(depth, ['shared'], COUNTY_PAGE_ONLY),
      noNodeBuiltins('hub/ui', '页面运行在浏览器中 (hub/ui runs in a browser: no Node builtins)'),
      {
        regex: packagesRegex([
          'electron',
          'electron-updater',
          'better-sqlite3-multiple-ciphers',
          'kysely',
          'pdfkit',
          'pg',
        ]),
        message: COUNTY_PAGE_ONLY,
      },
    ],
    literalDynamicImports: true,
  },
  {
    name: 'hub',
    dir: 'hub',
    ignores: ['hub/ui/**'],
    depthDependent: true,
    restrictions: (depth) => [noElectron(), noInto(depth, 'renderer', NO_RENDERER)],
  },
  // Benchmarks, tests and browser tests run in plain Node: 'electron' is not there.
  { name: 'bench', dir: 'bench', restrictions: () => [noElectron()] },
  { name: 'test', dir: 'test', ignores: ['test/electron-shell/**'], restrictions: () => [noElectron()] },
  // The shell's tests drive electron-updater's real updater (updater.test.ts), standing in for
  // every part of it that would load 'electron'; 'electron' itself stays out of reach.
  {
    name: 'test-electron-shell',
    dir: 'test/electron-shell',
    restrictions: () => [
      {
        regex: packagesRegex(['electron']),
        message:
          'Electron 无法在测试中运行，请像 mainProcess.test.ts 那样使用替身 (electron is not available in tests)',
      },
    ],
  },
  { name: 'e2e', dir: 'e2e', restrictions: () => [noElectron()] },
];

/** An esquery regex literal for `no-restricted-syntax`. */
const selectorRegex = (/** @type {string} */ regex) => `/${regex.replace(/\//g, '\\/')}/i`;

/** @returns {import('eslint').Linter.RulesRecord} */
function boundaryRules(/** @type {Area} */ area, /** @type {number} */ depth) {
  const restrictions = [...area.restrictions(depth), noDenormalized(), noBackslash()];
  /** @type {{ selector: string, message: string }[]} */
  const syntax = [];
  // `no-restricted-imports` sees import/export declarations and `import x = require()`;
  // the same restrictions are applied to `import('…')`, `require('…')` and `import('…').T` types.
  for (const { regex, message } of restrictions) {
    const re = selectorRegex(regex);
    syntax.push(
      { selector: `ImportExpression[source.value=${re}]`, message },
      { selector: `CallExpression[callee.type='Identifier'][callee.name='require'][arguments.0.value=${re}]`, message },
      { selector: `TSImportType[source.value=${re}]`, message },
    );
  }
  if (area.literalDynamicImports) {
    syntax.push({
      selector: "ImportExpression[source.type!='Literal']",
      message: `${area.dir}/ 中的 import() 请使用字符串字面量，以便检查模块边界 (dynamic imports must be string literals here)`,
    });
  }
  /** @type {import('eslint').Linter.RulesRecord} */
  const rules = {};
  if (area.restrictedGlobals) {
    const entries = Object.entries(area.restrictedGlobals);
    rules['no-restricted-globals'] = ['error', ...entries.map(([name, message]) => ({ name, message }))];
    // `globalThis.process`, `globalThis.window` … are the same thing by another name.
    syntax.push({
      selector: `MemberExpression[object.name='globalThis'][property.name=/^(?:${entries.map(([n]) => n).join('|')})$/]`,
      message: 'shared/ 中不能通过 globalThis 使用浏览器或 Node 独有的对象 (shared/ must stay pure)',
    });
  }
  rules['no-restricted-imports'] = [
    'error',
    { patterns: restrictions.map(({ regex, message }) => ({ regex, message })) },
  ];
  rules['no-restricted-syntax'] = ['error', ...syntax];
  return rules;
}

/** One config object per folder depth (or one for the whole area when depth does not matter). */
function boundaryConfigs(/** @type {Area} */ area) {
  const base = area.dir.split('/').length;
  /** @type {import('eslint').Linter.Config[]} */
  const configs = [];
  if (!area.depthDependent) {
    configs.push({
      name: `township/boundaries/${area.name}`,
      files: [`${area.dir}/**/*.${CODE}`],
      ...(area.ignores ? { ignores: area.ignores } : {}),
      rules: boundaryRules(area, base),
    });
    return configs;
  }
  for (let depth = base; depth <= MAX_DEPTH; depth++) {
    const middle = '*/'.repeat(depth - base);
    const glob = depth < MAX_DEPTH ? `${area.dir}/${middle}*.${CODE}` : `${area.dir}/${middle}**/*.${CODE}`;
    configs.push({
      name: `township/boundaries/${area.name}/depth-${depth}`,
      files: [glob],
      ...(area.ignores ? { ignores: area.ignores } : {}),
      rules: boundaryRules(area, depth),
    });
  }
  return configs;
}

export default defineConfig([
  globalIgnores([
    'dist/',
    'release/',
    'node_modules/',
    'bench/results/',
    'data/',
    'hub-data/',
    'test-results/',
    '.tmp/',
  ]),

  {
    name: 'township/javascript',
    files: ['**/*.{js,mjs,cjs,jsx}'],
    extends: [js.configs.recommended],
  },
  {
    name: 'township/typescript',
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },

  // Where each file runs (only matters to `no-undef` in JavaScript; TypeScript checks its own).
  {
    name: 'township/globals/node',
    files: [`{electron,hub,demo,bench,build,test,e2e}/**/*.${CODE}`, `*.${CODE}`],
    ignores: ['hub/ui/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'township/globals/browser',
    files: [`{renderer,hub/ui}/**/*.${CODE}`],
    languageOptions: { globals: { ...globals.browser } },
  },

  ...AREAS.flatMap(boundaryConfigs),
]);
