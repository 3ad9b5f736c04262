// Prints a document without Chromium's PDF plugin (which has a long history of blank pages):
// a hidden window opens the UI's print page on the file, the page draws each PDF page as an
// image at its own size and says so through its title, then the window's contents are printed.
// The window constructor is passed in (the 'electron' import is for types only), so the flow is
// tested in plain Node: test/electron-shell/printWindow.test.ts and mainProcess.test.ts.
import type { BrowserWindowConstructorOptions, WebContentsPrintOptions } from 'electron';
import { PRINT_FAILED_TITLE, PRINT_READY_TITLE, PRINT_ROUTE, type PrintOutcome } from '../../shared/documents/printing';
import { APP_START_URL } from './appProtocol';
import type { Log } from './ipcApi';
import { printOutcomeFrom, type PrintFailure, type PrintJobPlan } from './printJob';
import { secureWebPreferences } from './windowOptions';

/** How long the print page may take to fetch and draw the file (a 50-page document on a slow PC). */
export const PRINT_PAGE_TIMEOUT_MS = 60_000;

/** The parts of a `BrowserWindow` the print flow uses. */
export interface PrintWindow {
  readonly webContents: {
    print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
  };
  on(event: 'page-title-updated', listener: (event: unknown, title: string) => void): unknown;
  once(event: 'closed', listener: () => void): unknown;
  loadURL(url: string): Promise<void>;
  isDestroyed(): boolean;
  destroy(): void;
}

export interface PrintWindowEnv {
  openWindow(options: BrowserWindowConstructorOptions): PrintWindow;
  devTools: boolean;
  log?: Log;
  /** For tests; defaults to PRINT_PAGE_TIMEOUT_MS. */
  readyTimeoutMs?: number;
}

/** `app://township/index.html#/print?file=<fileUrl>`: the UI's print page, on the same origin as the file. */
export function printPageUrl(fileUrl: string): string {
  return `${APP_START_URL}${PRINT_ROUTE}?file=${encodeURIComponent(fileUrl)}`;
}

/**
 * The main window's protections, without its preload: the print page needs no bridge, so it
 * gets none. Never shown; not throttled while hidden, so it draws its pages at full speed.
 */
export function printWindowOptions(devTools: boolean): BrowserWindowConstructorOptions {
  const { preload: _noPreload, ...webPreferences } = secureWebPreferences({ preloadPath: '', devTools });
  return {
    title: '乡镇一站通 · 打印',
    width: 800,
    height: 1000,
    show: false,
    skipTaskbar: true,
    webPreferences: { ...webPreferences, backgroundThrottling: false },
  };
}

const failed = (message: string): PrintFailure => ({ ok: false, reason: 'failed', message });

/** `打印失败：reason` from the page, kept short: it ends up in a message box. */
function pageFailure(title: string): PrintFailure {
  const reason = title
    .slice(PRINT_FAILED_TITLE.length)
    .replace(/^[：:]\s*/, '')
    .trim()
    .slice(0, 200);
  return failed(`打印失败：${reason || '无法读取要打印的文件'}`);
}

/** Resolves with null once the page is ready to print, or with why it never will be. */
function waitForPrintPage(win: PrintWindow, url: string, timeoutMs: number, log: Log): Promise<PrintFailure | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(
      () =>
        resolve(failed(`准备打印内容超时（${Math.round(timeoutMs / 1000)} 秒），请重试；如果反复出现，请联系管理员`)),
      timeoutMs,
    );
    const finish = (result: PrintFailure | null) => {
      clearTimeout(timer);
      resolve(result);
    };
    win.on('page-title-updated', (_event, title) => {
      if (title === PRINT_READY_TITLE) finish(null);
      else if (title.startsWith(PRINT_FAILED_TITLE)) finish(pageFailure(title));
    });
    win.once('closed', () => finish(failed('打印窗口在打印前被关闭，没有打印')));
    win.loadURL(url).catch((error: unknown) => {
      log('打印页面加载失败', error);
      finish(failed('无法打开打印页面，请重试；如果反复出现，请联系管理员'));
    });
  });
}

/** Opens the print page on `fileUrl`, prints it with the plan's options, and always closes the window. */
export async function printInHiddenWindow(
  env: PrintWindowEnv,
  fileUrl: string,
  plan: Extract<PrintJobPlan, { ok: true }>,
): Promise<PrintOutcome> {
  const log = env.log ?? (() => {});
  const win = env.openWindow(printWindowOptions(env.devTools));
  try {
    const notReady = await waitForPrintPage(
      win,
      printPageUrl(fileUrl),
      env.readyTimeoutMs ?? PRINT_PAGE_TIMEOUT_MS,
      log,
    );
    if (notReady) return notReady;
    if (win.isDestroyed()) return failed('打印窗口在打印前被关闭，没有打印');
    return await new Promise<PrintOutcome>((resolve) => {
      try {
        win.webContents.print(plan.options, (success, failureReason) =>
          resolve(printOutcomeFrom(plan, success, failureReason)),
        );
      } catch (error) {
        // Electron throws for options it refuses (an unknown deviceName, a page size it cannot use).
        log('打印参数被拒绝', error);
        resolve(failed(`打印失败：${error instanceof Error ? error.message : String(error)}`));
      }
    });
  } finally {
    if (!win.isDestroyed()) win.destroy();
  }
}
