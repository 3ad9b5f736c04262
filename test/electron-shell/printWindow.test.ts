import { EventEmitter } from 'node:events';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { planPrintJob, type PrintJobPlan } from '../../electron/main/printJob';
import {
  printInHiddenWindow,
  printPageUrl,
  printWindowOptions,
  type PrintWindow,
} from '../../electron/main/printWindow';
import { secureWebPreferences } from '../../electron/main/windowOptions';
import { PRINT_FAILED_TITLE, PRINT_READY_TITLE } from '../../shared/documents/printing';

type PrintCallback = (success: boolean, failureReason: string) => void;

/** A hidden window: records the URL it loads and what it is asked to print. */
class FakePrintWindow extends EventEmitter implements PrintWindow {
  url: string | null = null;
  destroyed = false;
  printCalls: { options: unknown; callback: PrintCallback }[] = [];
  printThrows: Error | null = null;
  loadFails = false;
  readonly webContents = {
    print: (options: unknown, callback: PrintCallback) => {
      if (this.printThrows) throw this.printThrows;
      this.printCalls.push({ options, callback });
    },
  };
  constructor(readonly options: unknown) {
    super();
  }
  loadURL(url: string) {
    this.url = url;
    return this.loadFails ? Promise.reject(new Error('ERR_FAILED')) : Promise.resolve();
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.emit('closed');
  }
  setTitle(title: string) {
    this.emit('page-title-updated', {}, title, true);
  }
}

const FILE_URL = '/files/abcdefghijklmnop/调解协议书.pdf';

const plan = planPrintJob(
  {
    fileUrl: FILE_URL,
    documentType: 'receipt',
    paper: { pageSize: 'receipt80', widthMm: 80, heightMm: 123.5 },
    copies: 2,
    showDialog: false,
  },
  { byDocumentType: { receipt: { deviceName: 'XP-80C', silent: true } } },
  [{ name: 'XP-80C', displayName: 'XP-80C', isDefault: false }],
) as Extract<PrintJobPlan, { ok: true }>;

/** Starts a print on a fake window; `setUp` may adjust the window before it loads. */
function startPrint(setUp: (win: FakePrintWindow) => void = () => {}, readyTimeoutMs = 5_000) {
  let win: FakePrintWindow | null = null;
  const outcome = printInHiddenWindow(
    {
      openWindow: (options) => {
        win = new FakePrintWindow(options);
        setUp(win);
        return win;
      },
      devTools: false,
      readyTimeoutMs,
    },
    FILE_URL,
    plan,
  );
  assert.ok(win, 'the window is opened at once');
  return { win: win as FakePrintWindow, outcome };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the print window', () => {
  test('loads the print route with the file URL encoded, on the app origin', () => {
    assert.equal(
      printPageUrl('/files/abc/a b&c.pdf'),
      'app://township/index.html#/print?file=%2Ffiles%2Fabc%2Fa%20b%26c.pdf',
    );
  });

  test('hidden, with the main window’s protections and no preload', () => {
    const options = printWindowOptions(false);
    assert.equal(options.show, false);
    const { preload: _preload, ...secure } = secureWebPreferences({ preloadPath: '/x/preload.cjs', devTools: false });
    const prefs = options.webPreferences ?? {};
    assert.equal('preload' in prefs, false);
    for (const [key, value] of Object.entries(secure)) assert.deepEqual(prefs[key as keyof typeof prefs], value, key);
  });

  test('prints once the page is ready, reports the outcome, then closes the window', async () => {
    const { win, outcome } = startPrint();
    assert.equal(win.url, printPageUrl(FILE_URL));
    win.setTitle('乡镇一站通');
    await tick();
    assert.equal(win.printCalls.length, 0, 'not before the page says it is ready');
    win.setTitle(PRINT_READY_TITLE);
    await tick();
    assert.equal(win.printCalls.length, 1);
    assert.deepEqual(win.printCalls[0]?.options, plan.options);
    assert.equal(win.destroyed, false, 'open until Electron is done with the job');
    win.printCalls[0]?.callback(true, '');
    assert.deepEqual(await outcome, { ok: true, deviceName: 'XP-80C', silent: true });
    assert.equal(win.destroyed, true);
  });

  test('a cancelled dialog is reported as such', async () => {
    const { win, outcome } = startPrint();
    win.setTitle(PRINT_READY_TITLE);
    await tick();
    win.printCalls[0]?.callback(false, 'cancelled');
    assert.deepEqual(await outcome, { ok: false, reason: 'cancelled', message: '已取消打印' });
    assert.equal(win.destroyed, true);
  });

  test('a page that cannot read the file: failed with its reason, nothing printed', async () => {
    const { win, outcome } = startPrint();
    win.setTitle(`${PRINT_FAILED_TITLE}：文件已过期`);
    assert.deepEqual(await outcome, { ok: false, reason: 'failed', message: '打印失败：文件已过期' });
    assert.equal(win.printCalls.length, 0);
    assert.equal(win.destroyed, true);
  });

  test('a page that never gets ready times out', async () => {
    const { win, outcome } = startPrint(() => {}, 30);
    const result = await outcome;
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', /超时/);
    assert.equal(win.printCalls.length, 0);
    assert.equal(win.destroyed, true);
  });

  test('a page that fails to load, or options Electron refuses: failed, window closed', async () => {
    const notLoaded = startPrint((win) => (win.loadFails = true));
    assert.match(((await notLoaded.outcome) as { message: string }).message, /无法打开打印页面/);
    assert.equal(notLoaded.win.destroyed, true);

    const refused = startPrint((win) => (win.printThrows = new Error('webContents.print(): Invalid deviceName')));
    refused.win.setTitle(PRINT_READY_TITLE);
    assert.deepEqual(await refused.outcome, {
      ok: false,
      reason: 'failed',
      message: '打印失败：webContents.print(): Invalid deviceName',
    });
    assert.equal(refused.win.destroyed, true);
  });
});
