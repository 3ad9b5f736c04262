// `npm test`: every check a change must pass, in the order that fails fastest.
// Formatting, lint (with the import-boundary rules), type checks of the three layers, the
// build, then one run of Node's test runner over the unit, integration and browser tests.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const onlyTests = process.argv.includes('--tests-only');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function step(title, command, args) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`✖ ${title} 未通过（退出码 ${result.status ?? result.signal}）`);
    process.exit(result.status || 1);
  }
  console.log(`✔ ${title}（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
}

function testFiles(folder) {
  return readdirSync(path.join(root, folder), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => path.join(folder, file))
    .sort();
}

if (!onlyTests) {
  step('格式检查 (prettier)', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
  step('代码检查 (eslint)', bin('eslint'), ['.', '--max-warnings', '0']);
  for (const project of ['tsconfig.shared.json', 'tsconfig.renderer.json', 'tsconfig.json']) {
    step(`类型检查 (${project})`, bin('tsc'), ['-p', project]);
  }
  step('构建', process.execPath, ['build/build.mjs']);
}
step('测试 (单元、集成、浏览器)', process.execPath, [
  '--import',
  'tsx',
  '--test',
  '--test-reporter=spec',
  ...testFiles('test'),
  ...testFiles('e2e'),
]);
