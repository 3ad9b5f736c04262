import { z } from 'zod';

/**
 * The paper a document is printed on, as the printer needs it: the page of the PDF in
 * millimetres. A thermal slip is 80 (or 58) mm wide and as long as its content.
 */
export const paperSpec = z.object({
  /** The document type's page size name (`receipt80`, `a4Formal` …). */
  pageSize: z.string(),
  widthMm: z.number().positive(),
  heightMm: z.number().positive(),
});
export type PaperSpec = z.infer<typeof paperSpec>;

/** Thermal rolls: printed at their own width and length, never scaled onto a sheet. */
export function isThermalPaper(pageSize: string): boolean {
  return pageSize === 'receipt80' || pageSize === 'receipt58';
}

/** How the paper of a document type is named in the UI. */
export function paperLabel(pageSize: string): string {
  switch (pageSize) {
    case 'receipt80':
      return '80 mm 热敏纸';
    case 'receipt58':
      return '58 mm 热敏纸';
    case 'a5':
      return 'A5';
    default:
      return 'A4';
  }
}

/** The file given to the print page: `#/print?file=…` (the print page renders it page by page). */
export const PRINT_ROUTE = '#/print';
/** The print page sets this as the document title once every page is ready to print. */
export const PRINT_READY_TITLE = '打印就绪';
/** …or this one (followed by `：reason`) when the file could not be read. */
export const PRINT_FAILED_TITLE = '打印失败';

// ── Desktop printing (Electron only) ─────────────────────────────────────────────────────────

export const printerInfo = z.object({
  /** The OS's name of the printer, what `deviceName` takes. */
  name: z.string(),
  displayName: z.string(),
  isDefault: z.boolean(),
});
export type PrinterInfo = z.infer<typeof printerInfo>;

/** Where one document type goes on this machine: a printer (null: the system default) and whether to skip the dialog. */
export const printerChoice = z.object({
  deviceName: z.string().max(200).nullable(),
  silent: z.boolean(),
});
export type PrinterChoice = z.infer<typeof printerChoice>;

/** Per document type; kept by the desktop app on this machine (the printers are this machine's). */
export const printerSettings = z.object({
  byDocumentType: z.record(z.string().max(64), printerChoice),
});
export type PrinterSettings = z.infer<typeof printerSettings>;

export const printRequest = z.strictObject({
  /** `/files/<ticket>/<name>.pdf`, as `documents.print` returned it. */
  fileUrl: z.string().regex(/^\/files\/[A-Za-z0-9_-]{16,64}\/[^/?#\\]{1,120}$/),
  documentType: z.string().max(64),
  paper: paperSpec,
  copies: z.number().int().min(1).max(20),
  /** Force the dialog even when the type is set to print silently. */
  showDialog: z.boolean(),
});
export type PrintRequest = z.infer<typeof printRequest>;

export type PrintOutcome =
  | { ok: true; deviceName: string | null; silent: boolean }
  | { ok: false; reason: 'cancelled' | 'failed'; message: string };

/** What the desktop app adds to the bridge; absent in a browser. */
export interface DesktopPrinting {
  listPrinters(): Promise<PrinterInfo[]>;
  getSettings(): Promise<PrinterSettings>;
  setSettings(settings: PrinterSettings): Promise<PrinterSettings>;
  print(request: PrintRequest): Promise<PrintOutcome>;
}
