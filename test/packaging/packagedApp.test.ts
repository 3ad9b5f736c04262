// The desktop package as a township installs it: electron-builder's unpacked target assembled here
// around a stand-in Electron distribution (build/packaging/assemble.ts), its contents checked, and
// its main process started from the package — working directory elsewhere, `process.resourcesPath`
// set as Electron sets it — issuing and printing a receipt. Needs the bundles (`npm run build`).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { extractAll, getRawHeader, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { assembleWithStandIn, measurePackage, type AssembledPackage } from '../../build/packaging/assemble';
import { packagedFontFiles, REPO_ROOT } from '../../build/packaging/fontResources';
import {
  layOutAppForNode,
  startPackagedMain,
  waitForFirstAnswer,
  type PackagedMain,
} from '../../build/packaging/packagedMain';
import { databaseFileState } from '../../electron/backend/db/encryptInPlace';
import { FUSE_DISABLE, FUSE_ENABLE } from '../../build/packaging/standInElectron';
import { catalogFile } from '../../shared/catalog/catalog';
import { DEMO_PASSWORD } from '../../demo/demoTownship';
import { residentId } from '../support/ids';
import { runPoppler, squeeze } from '../support/renderedPdf';
import { TestClient } from '../support/testHall';

const MB = 1024 * 1024;
/** What the issue allows for app.asar and its unpacked files. */
const APP_BUDGET_BYTES = 150 * MB;

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(path.join(REPO_ROOT, 'resources/catalog/demo-service-catalog.json'), 'utf8')),
);
const item = demoCatalog.items.find((candidate) => candidate.code === 'NY-005')!;

/** Package names (`a`, `@scope/a`) under every node_modules of the paths. */
function packagesIn(paths: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of paths) {
    // A package's own files only: the scope folder (`node_modules/@scope`) is not a package.
    const match = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/@][^/]*)\//.exec(file);
    if (match?.[1]) names.add(match[1].replace(/^\//, ''));
  }
  return names;
}

describe('the desktop package, assembled with a stand-in Electron distribution', () => {
  let workDir: string;
  let assembled: AssembledPackage;
  let asarPath: string;
  let entries: string[];

  before(async () => {
    assert.ok(
      existsSync(path.join(REPO_ROOT, 'dist/electron/main.cjs')) && existsSync(path.join(REPO_ROOT, 'dist/renderer')),
      '先运行 npm run build',
    );
    workDir = await mkdtemp(path.join(os.tmpdir(), 'township-package-'));
    assembled = await assembleWithStandIn(path.join(workDir, 'package'));
    asarPath = path.join(assembled.resourcesDir, 'app.asar');
    entries = listPackage(asarPath, { isPack: false }).map((entry) => entry.split(path.sep).join('/'));
  });

  after(() => rm(workDir, { recursive: true, force: true }));

  test('the executable is renamed, only the Chinese and English locales kept, the fuses flipped as configured', async () => {
    assert.ok(existsSync(assembled.executable), assembled.log);
    assert.deepEqual((await readdir(path.join(assembled.appOutDir, 'locales'))).sort(), ['en-US.pak', 'zh-CN.pak']);
    const wire = await getCurrentFuseWire(assembled.executable);
    const expected: Array<[FuseV1Options, number]> = [
      [FuseV1Options.RunAsNode, FUSE_DISABLE],
      [FuseV1Options.EnableCookieEncryption, FUSE_ENABLE],
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable, FUSE_DISABLE],
      [FuseV1Options.EnableNodeCliInspectArguments, FUSE_DISABLE],
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, FUSE_ENABLE],
      [FuseV1Options.OnlyLoadAppFromAsar, FUSE_ENABLE],
      [FuseV1Options.GrantFileProtocolExtraPrivileges, FUSE_DISABLE],
    ];
    for (const [fuse, state] of expected) assert.equal(wire[fuse], state, FuseV1Options[fuse]);
  });

  test('app.asar holds the main, preload and renderer bundles, the manifest naming the main bundle, and no source maps', async () => {
    for (const file of [
      '/package.json',
      '/dist/electron/main.cjs',
      '/dist/electron/preload.cjs',
      '/dist/electron/renderWorker.cjs',
      '/dist/renderer/index.html',
    ]) {
      assert.ok(entries.includes(file), `${file} missing from app.asar`);
    }
    assert.ok(
      entries.some((file) => /^\/dist\/renderer\/assets\/.+\.js$/.test(file)),
      'the UI scripts',
    );
    assert.deepEqual(
      entries.filter((file) => file.endsWith('.map')),
      [],
    );
    const extracted = path.join(workDir, 'manifest-check');
    extractAll(asarPath, extracted);
    const manifest = JSON.parse(await readFile(path.join(extracted, 'package.json'), 'utf8')) as { main: string };
    assert.equal(manifest.main, 'dist/electron/main.cjs');
    assert.deepEqual(
      entries.filter((file) => file.startsWith('/dist/hub')),
      [],
      'the county hub is not part of the desktop app',
    );
  });

  test('exactly the font files the papers use, under resources/fonts, and no font package in app.asar', async () => {
    const shipped = (
      await readdir(path.join(assembled.resourcesDir, 'fonts'), { recursive: true, withFileTypes: true })
    )
      .filter((entry) => entry.isFile())
      .map((entry) =>
        path.relative(path.join(assembled.resourcesDir, 'fonts'), path.join(entry.parentPath, entry.name)),
      )
      .map((file) => file.split(path.sep).join('/'))
      .sort();
    const expected = packagedFontFiles()
      .map((asset) => asset.to)
      .sort();
    assert.ok(expected.length > 10);
    assert.deepEqual(shipped, expected);
    for (const asset of packagedFontFiles().slice(0, 5)) {
      const copy = await readFile(path.join(assembled.resourcesDir, 'fonts', ...asset.to.split('/')));
      assert.ok(copy.equals(await readFile(asset.from)), asset.to);
    }
    for (const fontPackage of ['@chinese-fonts', '@expo-google-fonts', 'hanamin']) {
      assert.ok(!entries.some((file) => file.includes(`/node_modules/${fontPackage}`)), `${fontPackage} in app.asar`);
    }
  });

  test('the SQLite addon is unpacked beside app.asar, without its C sources or build intermediates', () => {
    const addon = '/node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node';
    assert.ok(entries.includes(addon));
    const header = getRawHeader(asarPath).header as { files: Record<string, unknown> };
    let node: unknown = header;
    for (const part of addon.slice(1).split('/')) node = (node as { files: Record<string, unknown> }).files[part];
    assert.equal((node as { unpacked?: boolean }).unpacked, true, 'marked unpacked in the asar header');
    assert.ok(existsSync(path.join(assembled.resourcesDir, 'app.asar.unpacked', ...addon.slice(1).split('/'))));
    for (const unwanted of ['/deps/', '/src/', '/obj.target/', 'test_extension.node', 'sqlite3.a']) {
      assert.ok(
        !entries.some(
          (file) => file.startsWith('/node_modules/better-sqlite3-multiple-ciphers/') && file.includes(unwanted),
        ),
        unwanted,
      );
    }
  });

  test('every native addon is unpacked beside app.asar, the ID-card readers’ (serial port, koffi) among them', () => {
    const header = getRawHeader(asarPath).header as { files: Record<string, unknown> };
    const addons = entries.filter((file) => file.endsWith('.node'));
    for (const expected of ['/node_modules/@serialport/bindings-cpp/', '/node_modules/@koromix/koffi-']) {
      assert.ok(
        addons.some((file) => file.startsWith(expected)),
        `no addon under ${expected}`,
      );
    }
    const packed = addons.filter((file) => {
      let node: unknown = header;
      for (const part of file.slice(1).split('/')) node = (node as { files: Record<string, unknown> }).files[part];
      return (node as { unpacked?: boolean }).unpacked !== true;
    });
    assert.deepEqual(packed, []);
  });

  test('no development dependency is packaged', async () => {
    // electron-builder hoists nested production packages, so a packaged folder is matched to the
    // lockfile by name and version, not by path: each must be a production entry of package-lock.json.
    const lock = JSON.parse(await readFile(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; dev?: boolean }>;
    };
    const production = new Set(
      Object.entries(lock.packages)
        .filter(([key, entry]) => key !== '' && entry.dev !== true)
        .map(([key, entry]) => `${key.replace(/^.*node_modules\//, '')}@${entry.version}`),
    );
    const extracted = path.join(workDir, 'dependency-check');
    extractAll(asarPath, extracted);
    const packaged = [...packagesIn(entries)];
    assert.ok(
      packaged.includes('node_modules/pdfkit') && packaged.includes('node_modules/better-sqlite3-multiple-ciphers'),
    );
    const notProduction: string[] = [];
    for (const folder of packaged) {
      const manifest = JSON.parse(await readFile(path.join(extracted, folder, 'package.json'), 'utf8')) as {
        version: string;
      };
      const id = `${folder.replace(/^.*node_modules\//, '')}@${manifest.version}`;
      if (!production.has(id)) notProduction.push(id);
    }
    assert.deepEqual(notProduction, []);
    for (const devOnly of ['electron', 'react', 'antd', 'typescript', 'vite', 'kysely', 'zod', 'pg']) {
      assert.ok(!packaged.includes(`node_modules/${devOnly}`), devOnly);
    }
  });

  test('app.asar and its unpacked files hold under 150 MB', async (t) => {
    const sizes = await measurePackage(assembled);
    t.diagnostic(
      `app.asar ${(sizes.appAsarBytes / MB).toFixed(1)} MB + unpacked ${(sizes.asarUnpackedBytes / MB).toFixed(1)} MB; fonts ${(sizes.fontsBytes / MB).toFixed(1)} MB; whole folder ${(sizes.totalBytes / MB).toFixed(1)} MB`,
    );
    assert.ok(sizes.appBytes < APP_BUDGET_BYTES, `${(sizes.appBytes / MB).toFixed(1)} MB`);
  });

  describe('started from the package under plain Node, with a stand-in electron module', () => {
    let main: PackagedMain;
    let userData: string;

    async function api<T = Record<string, unknown>>(procedure: string, input: unknown): Promise<T> {
      const answer = await main.api<T>(procedure, input);
      assert.equal(answer.ok, true, `${procedure}: ${JSON.stringify(answer.error)}\n${main.output()}`);
      return answer.result as T;
    }

    before(async () => {
      const appDir = path.join(workDir, 'as-electron-sees-it', 'app');
      layOutAppForNode(assembled.resourcesDir, appDir);
      userData = path.join(workDir, 'userData');
      const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'township-cwd-'));
      main = startPackagedMain({ appDir, resourcesDir: assembled.resourcesDir, userData, cwd: elsewhere });
      await waitForFirstAnswer(main, 120_000);
    });

    after(() => main.quit());

    test('the backend opens its data folder under userData, encrypted under the keychain-wrapped key', async () => {
      assert.equal(await databaseFileState(path.join(userData, 'data', 'township.sqlite')), 'encrypted');
      const state = await main.state();
      assert.deepEqual(state.errorBoxes, []);
      assert.deepEqual(state.windows, ['app://township/index.html']);
      const page = await main.fetch('app://township/index.html');
      assert.equal(page.status, 200);
      assert.match(page.body.toString('utf8'), /<div id="root">/);
    });

    test('a receipt is issued, its fonts found through the resources path, and its PDF printed to a file', async () => {
      await api('system.setupAdministrator', {
        townshipName: '青石镇',
        username: 'admin',
        displayName: '王管理',
        password: 'Admin2026',
      });
      await api('places.saveVillage', { name: '东岗村', kind: 'village', groups: [{ name: '第一村民小组' }] });
      await api('catalog.importFile', demoCatalog);
      await api('users.create', {
        username: 'clerk',
        displayName: '赵窗口',
        roles: ['counterClerk'],
        password: 'Initial123',
      });
      await api('auth.login', { username: 'clerk', password: 'Initial123' });
      await api('auth.changePassword', { currentPassword: 'Initial123', newPassword: 'Counter2026' });
      await assertReceiptPrints(
        api,
        async (fileUrl) => {
          const file = await main.fetch(new URL(fileUrl, 'app://township/').href);
          assert.equal(file.status, 200);
          return file.body;
        },
        path.join(workDir, '桌面程序受理回执.pdf'),
      );
      assert.deepEqual((await main.state()).errorBoxes, []);
      assert.ok(!existsSync(path.join(workDir, 'as-electron-sees-it', 'app', 'node_modules', '@expo-google-fonts')));
    });
  });

  test('the hall host started from another directory finds its UI and fonts and prints a receipt', async () => {
    const dataDir = path.join(workDir, 'hall-data');
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'township-hall-cwd-'));
    const hall = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'dist/hall/hall.js'), '--data', dataDir, '--port', '0', '--demo', '--demo-residents', '60'],
      { cwd: elsewhere, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      hall.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const started = /大厅主机已启动：(\S+)/.exec(output);
        if (started?.[1]) resolve(started[1]);
      });
      hall.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      hall.once('exit', (code) => reject(new Error(`大厅主机退出（${code}）：${output}`)));
    });
    try {
      const page = await fetch(url);
      assert.match(await page.text(), /<div id="root">/, 'the UI found from the program’s folder');
      const clerk = new TestClient(url);
      await clerk.ok('auth.login', { username: 'demo-clerk', password: DEMO_PASSWORD });
      await assertReceiptPrints(
        (procedure, input) => clerk.ok(procedure as never, input as never),
        async (fileUrl) => Buffer.from(await (await clerk.fetchFile(fileUrl)).arrayBuffer()),
        path.join(workDir, '大厅受理回执.pdf'),
      );
    } finally {
      const exited = new Promise((resolve) => hall.once('exit', resolve));
      hall.kill('SIGTERM');
      await exited;
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});

type Call = <T = Record<string, unknown>>(procedure: string, input: unknown) => Promise<T>;

/**
 * A counter clerk (signed in through `call`) registers a resident, accepts a case and prints its
 * receipt; the PDF, fetched through `download`, is written to `pdfFile` and read back.
 */
async function assertReceiptPrints(call: Call, download: (fileUrl: string) => Promise<Buffer>, pdfFile: string) {
  const { items } = await call<{ items: Array<{ id: string }> }>('places.listVillages', {});
  const resident = await call<{ id: string }>('residents.register', {
    name: '李秀英',
    idType: 'residentId',
    idNumber: residentId('19620305', 21),
    phone: '13900000000',
    ethnicity: '汉族',
    villageId: items[0]!.id,
  });
  const intake = await call<{ document: { id: string } | null }>('counter.intake', {
    requestId: randomUUID(),
    residentId: resident.id,
    itemCode: item.code,
    receivedMaterials: item.materials.filter((m) => m.required).map((m) => m.name),
    window: '1号窗口',
    decision: 'accept',
    receiptPaper: 'a5',
  });
  assert.ok(intake.document, 'a receipt was issued');
  const print = await call<{ fileUrl: string }>('documents.print', { documentId: intake.document.id, copies: 1 });
  await writeFile(pdfFile, await download(print.fileUrl));
  const text = squeeze(runPoppler('pdftotext', [pdfFile, '-']));
  assert.ok(text.includes('李秀英') && text.includes(squeeze(item.name)), text);
  assert.match(runPoppler('pdffonts', [pdfFile]), /NotoSerifSC/);
}
