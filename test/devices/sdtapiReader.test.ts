// The vendor-library driver (sdtapi.dll through koffi). Away from Windows it must answer noReader
// in a sentence and load nothing native at import; the library's calls themselves are exercised
// against a stand-in built from C here (support/sdtapiStandIn.c) with the same exported functions,
// loaded through the driver's own koffi declarations — only __stdcall, a no-op on x64, goes untested.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { IdCardRead, IdCardText } from '../../shared/devices/idCard';
import { encodeCardText } from '../../electron/backend/devices/idCard/cardText';
import { SdtapiIdCardReader } from '../../electron/backend/devices/idCard/sdtapiReader';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const run = promisify(execFile);

const CARD: IdCardText = {
  name: '阿依古丽·买买提',
  sex: '女',
  ethnicity: '维吾尔族',
  birthDate: '1988-07-19',
  address: '新疆维吾尔自治区伊宁市解放路42号',
  idNumber: '654002198807190021',
  issuingAuthority: '伊宁市公安局',
  validFrom: '2018-09-01',
  validTo: '2038-09-01',
};

function failureOf(read: IdCardRead): string {
  assert.ok(!read.ok, `expected a failure, got ${JSON.stringify(read)}`);
  return read.failure;
}

describe('the sdtapi driver where the vendor library cannot be', () => {
  test('not Windows: noReader, said in a sentence, without loading anything', async () => {
    const reader = new SdtapiIdCardReader({ platform: 'linux' });
    const read = await reader.read();
    assert.deepEqual(read, {
      ok: false,
      failure: 'noReader',
      message: '本机没有配置身份证读卡器，请手工填写（厂商读卡库 sdtapi.dll 只能在 Windows 上使用）',
    });
    await reader.close();
  });

  test('Windows without the DLL: koffi says so, and the read answers noReader naming the library', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-folder', 'sdtapi.dll');
    const reader = new SdtapiIdCardReader({ platform: 'win32', libraryPath: missing });
    const read = await reader.read();
    assert.equal(failureOf(read), 'noReader');
    assert.ok(!read.ok && read.message.includes(`无法加载厂商读卡库 ${missing}`), !read.ok ? read.message : '');
  });

  test('a library of that name without the SDT_ functions: noReader naming the missing function', async (t) => {
    if (process.platform !== 'linux') return t.skip('uses the C library as the wrong DLL');
    const reader = new SdtapiIdCardReader({ platform: 'win32', libraryPath: 'libc.so.6' });
    const read = await reader.read();
    assert.equal(failureOf(read), 'noReader');
    assert.ok(!read.ok && read.message.includes('SDT_OpenPort'), !read.ok ? read.message : '');
  });

  test('without koffi (an optional dependency a platform may lack): noReader too', async () => {
    const reader = new SdtapiIdCardReader({
      platform: 'win32',
      openLibrary: () => Promise.reject(new Error("Cannot find package 'koffi'")),
    });
    assert.equal(failureOf(await reader.read()), 'noReader');
  });

  test('importing the drivers loads neither koffi nor the serial addon', async (t) => {
    if (process.platform !== 'linux') return t.skip('reads /proc/self/maps');
    const script = `
      await import(${JSON.stringify(path.join(repoRoot, 'electron/backend/devices/idCard/readerFromConfig.ts'))});
      const { readFileSync } = await import('node:fs');
      const loaded = () => {
        const maps = readFileSync('/proc/self/maps', 'utf8');
        return { koffi: maps.includes('koffi.node'), serial: maps.includes('bindings-cpp') };
      };
      const atImport = loaded();
      // The check itself: once the packages are imported, their addons show in the maps.
      await import('koffi');
      await import('serialport');
      console.log(JSON.stringify({ atImport, afterLoading: loaded() }));
    `;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoRoot,
    });
    assert.deepEqual(JSON.parse(stdout.trim()), {
      atImport: { koffi: false, serial: false },
      afterLoading: { koffi: true, serial: true },
    });
  });
});

function compilerAvailable(): boolean {
  if (spawnSync('cc', ['--version'], { stdio: 'ignore' }).status === 0) return true;
  if (process.env.CI === 'true') throw new Error('CI 环境中找不到 C 编译器 cc（build-essential）');
  return false;
}

describe(
  'the sdtapi driver against a stand-in library, through koffi',
  { skip: !compilerAvailable() && 'cc 未安装' },
  () => {
    let dir: string;
    let library: string;
    let log: string;

    before(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'sdtapi-'));
      library = path.join(dir, 'libsdtapi.so');
      log = path.join(dir, 'calls.log');
      await run('cc', ['-shared', '-fPIC', '-o', library, path.join(here, 'support/sdtapiStandIn.c')]);
      const textFile = path.join(dir, 'text.bin');
      await writeFile(textFile, encodeCardText(CARD));
      process.env.SDT_TEXT_FILE = textFile;
      process.env.SDT_LOG = log;
    });

    after(async () => {
      delete process.env.SDT_TEXT_FILE;
      delete process.env.SDT_LOG;
      delete process.env.SDT_SCENARIO;
      await rm(dir, { recursive: true, force: true });
    });

    beforeEach(async () => {
      process.env.SDT_SCENARIO = 'ok';
      await writeFile(log, '');
    });

    const calls = async () => (await readFile(log, 'utf8')).trim().split('\n').filter(Boolean);
    const reader = (options: { port?: number; callTimeoutMs?: number } = {}) =>
      new SdtapiIdCardReader({ platform: 'win32', libraryPath: library, ...options });

    test('finds the USB port, then find, select and read with the port held open; the fields decoded', async () => {
      const driver = reader();
      const read = await driver.read();
      assert.deepEqual(read, {
        ok: true,
        card: CARD,
        photo: { kind: 'skipped', note: '照片为加密格式（WLT），本机没有厂商解码库，未解码' },
      });
      // The stand-in has its reader on 1003: 1001 and 1002 are tried first.
      assert.deepEqual(await calls(), [
        'SDT_OpenPort 1001 -1',
        'SDT_OpenPort 1002 -1',
        'SDT_OpenPort 1003 -1',
        'SDT_StartFindIDCard 1003 0',
        'SDT_SelectIDCard 1003 0',
        'SDT_ReadBaseMsg 1003 0',
      ]);
      await writeFile(log, '');
      assert.ok((await driver.read()).ok);
      await driver.close();
      assert.deepEqual(await calls(), [
        'SDT_StartFindIDCard 1003 0',
        'SDT_SelectIDCard 1003 0',
        'SDT_ReadBaseMsg 1003 0',
        'SDT_ClosePort 1003 -1',
      ]);
    });

    test('a configured port is the only one opened', async () => {
      const driver = reader({ port: 7 });
      assert.ok((await driver.read()).ok);
      assert.equal((await calls())[0], 'SDT_OpenPort 7 -1');
      await driver.close();
    });

    test('the statuses the library returns: no card, read failure, card removed', async () => {
      const driver = reader({ port: 7 });
      const expectations: Array<[string, string]> = [
        ['noCard', 'noCard'],
        ['readFail', 'readError'],
        ['removed', 'cardRemoved'],
      ];
      for (const [scenario, failure] of expectations) {
        process.env.SDT_SCENARIO = scenario;
        assert.equal(failureOf(await driver.read()), failure, scenario);
      }
      await driver.close();
    });

    test('no reader on any USB port, and a reader unplugged after opening: readerUnplugged, the port opened again next time', async () => {
      process.env.SDT_SCENARIO = 'noPort';
      const none = await reader().read();
      assert.equal(failureOf(none), 'readerUnplugged');
      assert.ok(!none.ok && none.message.includes('USB 端口 1001–1016'));
      assert.equal((await calls()).length, 16);

      process.env.SDT_SCENARIO = 'ok';
      const driver = reader({ port: 7 });
      assert.ok((await driver.read()).ok);
      process.env.SDT_SCENARIO = 'unplugged';
      assert.equal(failureOf(await driver.read()), 'readerUnplugged');
      process.env.SDT_SCENARIO = 'ok';
      await writeFile(log, '');
      assert.ok((await driver.read()).ok);
      assert.equal((await calls())[0], 'SDT_OpenPort 7 -1');
      await driver.close();
    });

    test('a call that hangs: timeout within the bound, busy until it returns, then reads again', async () => {
      process.env.SDT_SCENARIO = 'hang';
      const driver = reader({ port: 7, callTimeoutMs: 300 });
      const started = performance.now();
      assert.equal(failureOf(await driver.read()), 'timeout');
      assert.ok(performance.now() - started < 2_500, 'gave up before the library returned');
      assert.equal(failureOf(await driver.read()), 'busy');
      process.env.SDT_SCENARIO = 'ok';
      // The stand-in's hung call returns after 3 s; until then every read is refused at once.
      const deadline = Date.now() + 10_000;
      let read = await driver.read();
      while (!read.ok && read.failure === 'busy' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        read = await driver.read();
      }
      assert.ok(read.ok, JSON.stringify(read));
      await driver.close();
    });
  },
);
