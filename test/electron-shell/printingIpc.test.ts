import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IpcSender } from '../../electron/main/ipcApi';
import { emptyPrinterSettings, type PrinterSettingsStore } from '../../electron/main/printerSettingsStore';
import { createPrintingHandler, createPrintRunner } from '../../electron/main/printingIpc';
import type { PrinterInfo, PrinterSettings, PrintOutcome, PrintRequest } from '../../shared/documents/printing';

const appPage: IpcSender = { webContentsId: 1, frameUrl: 'app://township/index.html', isMainFrame: true };

const printers: PrinterInfo[] = [{ name: 'XP-80C', displayName: '芯烨 XP-80C', isDefault: true }];

const validRequest: PrintRequest = {
  fileUrl: '/files/abcdefghijklmnop/receipt.pdf',
  documentType: 'receipt',
  paper: { pageSize: 'receipt80', widthMm: 80, heightMm: 123.5 },
  copies: 2,
  showDialog: false,
};

/** A handler over an in-memory store and a print that records its requests. */
function setUp() {
  let stored: PrinterSettings = emptyPrinterSettings();
  const store: PrinterSettingsStore = {
    read: async () => stored,
    write: async (settings) => (stored = settings),
  };
  const printed: PrintRequest[] = [];
  const logged: string[] = [];
  const handle = createPrintingHandler({
    listPrinters: async () => printers,
    store,
    runPrint: async (request) => {
      printed.push(request);
      return { ok: true, deviceName: 'XP-80C', silent: true };
    },
    log: (message) => logged.push(message),
  });
  return { handle, printed, logged, stored: () => stored };
}

describe('printing IPC handler', () => {
  test('answers the app page: printers, settings, print', async () => {
    const { handle, printed, stored } = setUp();
    assert.deepEqual(await handle(appPage, 'listPrinters', undefined), printers);
    assert.deepEqual(await handle(appPage, 'getSettings', undefined), { byDocumentType: {} });
    const settings = { byDocumentType: { receipt: { deviceName: 'XP-80C', silent: true } } };
    assert.deepEqual(await handle(appPage, 'setSettings', settings), settings);
    assert.deepEqual(stored(), settings);
    assert.deepEqual(await handle(appPage, 'print', validRequest), { ok: true, deviceName: 'XP-80C', silent: true });
    assert.deepEqual(printed, [validRequest]);
  });

  test('refuses every operation from a sender that is not the app page', async () => {
    const { handle, printed, stored, logged } = setUp();
    const untrusted: IpcSender[] = [
      { webContentsId: 1, frameUrl: 'https://evil.example/', isMainFrame: true },
      { webContentsId: 1, frameUrl: 'app://township/index.html', isMainFrame: false },
      { webContentsId: 1, frameUrl: null, isMainFrame: true },
    ];
    for (const sender of untrusted) {
      for (const operation of ['listPrinters', 'getSettings', 'setSettings', 'print']) {
        await assert.rejects(handle(sender, operation, validRequest), { message: '请求来源不受信任。' });
      }
    }
    assert.deepEqual(printed, []);
    assert.deepEqual(stored(), { byDocumentType: {} });
    assert.equal(logged.length, untrusted.length * 4);
  });

  test('an unknown operation is refused', async () => {
    const { handle } = setUp();
    for (const operation of ['deleteEverything', '__proto__', 'constructor', 42, null, undefined]) {
      await assert.rejects(handle(appPage, operation, {}), { message: '未知的打印操作。' }, String(operation));
    }
  });

  test('invalid settings are refused in Chinese and not stored', async () => {
    const { handle, stored } = setUp();
    for (const bad of [
      undefined,
      null,
      'receipt',
      {},
      { byDocumentType: { receipt: { deviceName: 7, silent: true } } },
      { byDocumentType: { receipt: { deviceName: 'x'.repeat(201), silent: true } } },
      { byDocumentType: { ['t'.repeat(65)]: { deviceName: null, silent: false } } },
    ]) {
      await assert.rejects(handle(appPage, 'setSettings', bad), { message: '打印设置的内容无效，没有保存。' });
    }
    assert.deepEqual(stored(), { byDocumentType: {} });
  });

  test('an invalid print request is a failed outcome in Chinese, and nothing is printed', async () => {
    const { handle, printed } = setUp();
    const bad: unknown[] = [
      undefined,
      { ...validRequest, fileUrl: 'https://evil.example/x.pdf' },
      { ...validRequest, fileUrl: '/files/abcdefghijklmnop/../../secret.pdf' },
      { ...validRequest, fileUrl: 'file:///C:/Windows/win.ini' },
      { ...validRequest, copies: 0 },
      { ...validRequest, copies: 1000 },
      { ...validRequest, copies: 1.5 },
      { ...validRequest, paper: { pageSize: 'receipt80', widthMm: -80, heightMm: 100 } },
      { ...validRequest, showDialog: 'no' },
      { ...validRequest, extra: 'not allowed' },
    ];
    for (const request of bad) {
      const outcome = (await handle(appPage, 'print', request)) as PrintOutcome;
      assert.deepEqual(
        outcome,
        { ok: false, reason: 'failed', message: '打印请求无效，请重新打开文书后再打印。' },
        JSON.stringify(request),
      );
    }
    assert.deepEqual(printed, []);
  });

  test('failures behind the handler become Chinese messages, not English errors', async () => {
    const logged: string[] = [];
    const handle = createPrintingHandler({
      listPrinters: () => Promise.reject(new Error('spooler down')),
      store: {
        read: () => Promise.reject(new Error('EACCES')),
        write: () => Promise.reject(new Error('ENOSPC')),
      },
      runPrint: () => Promise.reject(new Error('boom')),
      log: (message) => logged.push(message),
    });
    await assert.rejects(handle(appPage, 'listPrinters', undefined), { message: /打印机列表/ });
    await assert.rejects(handle(appPage, 'getSettings', undefined), { message: /打印设置/ });
    await assert.rejects(handle(appPage, 'setSettings', { byDocumentType: {} }), { message: /保存打印设置失败/ });
    const outcome = (await handle(appPage, 'print', validRequest)) as PrintOutcome;
    assert.equal(outcome.ok, false);
    assert.match(!outcome.ok ? outcome.message : '', /^打印失败：/);
    assert.equal(logged.length, 4);
  });
});

describe('print runner', () => {
  test('a job the settings refuse never opens a print window', async () => {
    let windows = 0;
    const run = createPrintRunner({
      listPrinters: async () => printers,
      readSettings: async () => ({ byDocumentType: { receipt: { deviceName: 'Gone', silent: true } } }),
      printPlanned: async () => {
        windows++;
        return { ok: true, deviceName: null, silent: false };
      },
    });
    const outcome = await run(validRequest);
    assert.equal(outcome.ok, false);
    assert.match(!outcome.ok ? outcome.message : '', /“Gone”不在本机的打印机列表中/);
    assert.equal(windows, 0);
  });

  test('a planned job goes to the print window with the file and the options', async () => {
    const calls: unknown[] = [];
    const run = createPrintRunner({
      listPrinters: async () => printers,
      readSettings: async () => ({ byDocumentType: { receipt: { deviceName: 'XP-80C', silent: true } } }),
      printPlanned: async (fileUrl, plan) => {
        calls.push([fileUrl, plan.options]);
        return { ok: true, deviceName: plan.reportedDeviceName, silent: plan.options.silent };
      },
    });
    assert.deepEqual(await run(validRequest), { ok: true, deviceName: 'XP-80C', silent: true });
    assert.deepEqual(calls, [
      [
        validRequest.fileUrl,
        {
          silent: true,
          deviceName: 'XP-80C',
          copies: 2,
          margins: { marginType: 'none' },
          printBackground: false,
          landscape: false,
          pageSize: { width: 80000, height: 123500 },
          scaleFactor: 100,
        },
      ],
    ]);
  });
});
