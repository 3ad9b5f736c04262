// What one desktop print asks of Electron, decided from the request, this machine's printer
// settings and its printers. Plain logic (no 'electron' import), tested in
// test/electron-shell/printJob.test.ts; printWindow.ts hands the options to `webContents.print`.
import {
  isThermalPaper,
  type PaperSpec,
  type PrinterChoice,
  type PrinterInfo,
  type PrinterSettings,
  type PrintOutcome,
  type PrintRequest,
} from '../../shared/documents/printing';

/** The subset of Electron's `WebContentsPrintOptions` a print job sets (checked against it in printWindow.ts). */
export interface PrintJobOptions {
  silent: boolean;
  /** Absent: the system default printer (silent) or whatever the dialog preselects. */
  deviceName?: string;
  copies: number;
  /** The print page draws each PDF page edge to edge; any margin would shrink or clip it. */
  margins: { marginType: 'none' };
  printBackground: boolean;
  landscape: boolean;
  /** In microns, Electron's unit for a custom page size. */
  pageSize: { width: number; height: number };
  /** Percent; only set for thermal rolls, which must never be shrunk onto a sheet. */
  scaleFactor?: number;
}

export type PrintFailure = Extract<PrintOutcome, { ok: false }>;

export type PrintJobPlan =
  | {
      ok: true;
      options: PrintJobOptions;
      /** What a successful outcome reports: the printer a silent job went to; null when the dialog chose. */
      reportedDeviceName: string | null;
    }
  | { ok: false; outcome: PrintFailure };

/** Chromium refuses custom page sizes below this (in microns) and throws instead of printing. */
export const MIN_PAGE_MICRONS = 353;

const NO_CHOICE: PrinterChoice = { deviceName: null, silent: false };

const failed = (message: string): PrintFailure => ({ ok: false, reason: 'failed', message });

/** The PDF page in microns; A4 too, so that no printer driver's default paper ever wins. */
export function pageSizeMicrons(paper: PaperSpec): { width: number; height: number } {
  return { width: Math.round(paper.widthMm * 1000), height: Math.round(paper.heightMm * 1000) };
}

/** The machine's choice for a document type; own keys only, so `constructor` or `toString` is no type. */
export function printerChoiceFor(settings: PrinterSettings, documentType: string): PrinterChoice {
  const byType = settings.byDocumentType;
  return (Object.hasOwn(byType, documentType) ? byType[documentType] : undefined) ?? NO_CHOICE;
}

/**
 * Decides the print options, or why not to print at all. A silent job must know where it goes:
 * a chosen printer that has disappeared (unplugged, renamed) or a machine without a known
 * default printer fails with a message instead of sending the document somewhere unexpected.
 * A dialog job can always go ahead: the clerk picks the printer there.
 */
export function planPrintJob(
  request: PrintRequest,
  settings: PrinterSettings,
  printers: readonly PrinterInfo[],
): PrintJobPlan {
  const choice = printerChoiceFor(settings, request.documentType);
  const silent = choice.silent && !request.showDialog;
  const pageSize = pageSizeMicrons(request.paper);
  if (pageSize.width < MIN_PAGE_MICRONS || pageSize.height < MIN_PAGE_MICRONS) {
    return {
      ok: false,
      outcome: failed(`纸张尺寸无效（${request.paper.widthMm} × ${request.paper.heightMm} 毫米），无法打印`),
    };
  }

  const chosen = choice.deviceName;
  const chosenIsPresent = chosen !== null && printers.some((printer) => printer.name === chosen);
  let deviceName: string | undefined;
  let reportedDeviceName: string | null = null;
  if (silent) {
    if (chosen !== null && !chosenIsPresent) {
      return {
        ok: false,
        outcome: failed(`设置的打印机“${chosen}”不在本机的打印机列表中，请在“打印设置”中重新选择`),
      };
    }
    if (chosen === null) {
      if (printers.length === 0) return { ok: false, outcome: failed('本机没有可用的打印机，请先安装打印机') };
      // Windows builds of Electron do not say which printer is the default; Chromium still
      // prints to it when no deviceName is given, so a missing flag only costs the name.
      reportedDeviceName = printers.find((printer) => printer.isDefault)?.name ?? null;
    } else {
      deviceName = chosen;
      reportedDeviceName = chosen;
    }
  } else if (chosenIsPresent) {
    deviceName = chosen;
  }

  const options: PrintJobOptions = {
    silent,
    copies: request.copies,
    margins: { marginType: 'none' },
    printBackground: false,
    landscape: false,
    pageSize,
  };
  if (deviceName !== undefined) options.deviceName = deviceName;
  if (isThermalPaper(request.paper.pageSize)) options.scaleFactor = 100;
  return { ok: true, options, reportedDeviceName };
}

/**
 * Electron's `print` callback as an outcome. Electron reports a dismissed dialog as
 * `cancelled` (older builds and the docs: `Print job canceled`); any spelling of "cancel" is
 * taken as the clerk's choice rather than an error.
 */
export function printOutcomeFrom(
  plan: Extract<PrintJobPlan, { ok: true }>,
  success: boolean,
  failureReason: string,
): PrintOutcome {
  if (success) return { ok: true, deviceName: plan.reportedDeviceName, silent: plan.options.silent };
  if (/cancel/i.test(failureReason)) return { ok: false, reason: 'cancelled', message: '已取消打印' };
  return failed(`打印失败：${failureReason || '原因不明'}`);
}

/** Electron 45's `PrinterInfo`, read defensively: older builds had `isDefault`, CUPS puts it in `options`. */
export interface ElectronPrinterLike {
  name?: unknown;
  displayName?: unknown;
  isDefault?: unknown;
  options?: unknown;
}

/** Printers as the UI sees them; entries without a usable name are dropped. */
export function toPrinterInfos(printers: readonly ElectronPrinterLike[]): PrinterInfo[] {
  const infos: PrinterInfo[] = [];
  for (const printer of printers) {
    if (typeof printer.name !== 'string' || printer.name === '') continue;
    const displayName =
      typeof printer.displayName === 'string' && printer.displayName !== '' ? printer.displayName : printer.name;
    const options = typeof printer.options === 'object' && printer.options !== null ? printer.options : {};
    const flag = (options as Record<string, unknown>)['printer-is-default'];
    const isDefault = printer.isDefault === true || flag === true || flag === 'true';
    infos.push({ name: printer.name, displayName, isDefault });
  }
  return infos;
}
