// The main-process side of desktop printing: one IPC channel carrying `(operation, argument)`.
// Plain logic (no 'electron' import; Electron's parts are passed in by main.ts), tested in
// test/electron-shell/printingIpc.test.ts. Like ipcApi.ts it trusts no renderer: the sender is
// checked and every argument is validated here, whatever the preload already did.
import {
  printerSettings,
  printRequest,
  type DesktopPrinting,
  type PrinterInfo,
  type PrinterSettings,
  type PrintOutcome,
  type PrintRequest,
} from '../../shared/documents/printing';
import type { IpcSender, Log } from './ipcApi';
import { isTrustedIpcSender } from './navigationPolicy';
import { planPrintJob, type PrintJobPlan } from './printJob';
import type { PrinterSettingsStore } from './printerSettingsStore';

export type PrintingOperation = keyof DesktopPrinting;

export const PRINTING_OPERATIONS: readonly PrintingOperation[] = [
  'listPrinters',
  'getSettings',
  'setSettings',
  'print',
];

export function isPrintingOperation(value: unknown): value is PrintingOperation {
  return typeof value === 'string' && (PRINTING_OPERATIONS as readonly string[]).includes(value);
}

export interface PrintingHandlerOptions {
  listPrinters(): Promise<PrinterInfo[]>;
  store: PrinterSettingsStore;
  runPrint(request: PrintRequest): Promise<PrintOutcome>;
  log?: Log;
}

const failedOutcome = (message: string): PrintOutcome => ({ ok: false, reason: 'failed', message });

/**
 * The body of `ipcMain.handle(IPC_PRINTING_CHANNEL, …)`. `print` always resolves with a
 * `PrintOutcome` (the UI shows its message); the other operations resolve with their answer or
 * reject with an Error whose message is a Chinese sentence for the clerk (Electron passes only
 * the message to the page, so a `cause` stays here, for the log).
 */
export function createPrintingHandler(options: PrintingHandlerOptions) {
  const log = options.log ?? (() => {});
  return async (sender: IpcSender, operation: unknown, argument: unknown): Promise<unknown> => {
    if (!isTrustedIpcSender(sender)) {
      log(`拒绝来自不受信任页面的打印请求：${String(sender.frameUrl)}`);
      throw new Error('请求来源不受信任。');
    }
    if (!isPrintingOperation(operation)) throw new Error('未知的打印操作。');

    switch (operation) {
      case 'listPrinters':
        try {
          return await options.listPrinters();
        } catch (error) {
          log('读取打印机列表失败', error);
          throw new Error('无法读取本机的打印机列表，请稍后再试。', { cause: error });
        }
      case 'getSettings':
        try {
          return await options.store.read();
        } catch (error) {
          log('读取打印设置失败', error);
          throw new Error('无法读取打印设置，请稍后再试。', { cause: error });
        }
      case 'setSettings': {
        const checked = printerSettings.safeParse(argument);
        if (!checked.success) throw new Error('打印设置的内容无效，没有保存。');
        try {
          return await options.store.write(checked.data);
        } catch (error) {
          log('保存打印设置失败', error);
          throw new Error('保存打印设置失败，请稍后再试；如果反复出现，请联系管理员。', { cause: error });
        }
      }
      case 'print': {
        const checked = printRequest.safeParse(argument);
        if (!checked.success) return failedOutcome('打印请求无效，请重新打开文书后再打印。');
        try {
          return await options.runPrint(checked.data);
        } catch (error) {
          log('打印时出错', error);
          return failedOutcome('打印失败：系统内部错误，请稍后再试；如果反复出现，请联系管理员。');
        }
      }
    }
  };
}

export interface PrintRunnerOptions {
  listPrinters(): Promise<PrinterInfo[]>;
  readSettings(): Promise<PrinterSettings>;
  /** Loads the file on the print page and prints it with the plan's options (printWindow.ts). */
  printPlanned(fileUrl: string, plan: Extract<PrintJobPlan, { ok: true }>): Promise<PrintOutcome>;
}

/** `runPrint` for the handler: this machine's settings and printers decide the job before any window opens. */
export function createPrintRunner(options: PrintRunnerOptions): (request: PrintRequest) => Promise<PrintOutcome> {
  return async (request) => {
    const [settings, printers] = await Promise.all([options.readSettings(), options.listPrinters()]);
    const plan = planPrintJob(request, settings, printers);
    if (!plan.ok) return plan.outcome;
    return options.printPlanned(request.fileUrl, plan);
  };
}
