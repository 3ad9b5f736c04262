// Which printer each document type goes to on this machine, kept in `printer-settings.json`
// in Electron's userData folder (the printers are this machine's, so the settings are too).
// Plain Node (no 'electron' import), tested in test/electron-shell/printerSettingsStore.test.ts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { printerSettings, type PrinterSettings } from '../../shared/documents/printing';
import { replaceSettingsFile } from './settingsFile';

export const PRINTER_SETTINGS_FILE = 'printer-settings.json';

export interface PrinterSettingsStore {
  /** Never rejects for a missing or damaged file: printing must still work, just without settings. */
  read(): Promise<PrinterSettings>;
  /** Validates, replaces the file in one step and resolves with what was stored. */
  write(settings: PrinterSettings): Promise<PrinterSettings>;
}

export interface PrinterSettingsStoreOptions {
  log?: (message: string, error?: unknown) => void;
  /** For tests: a rename that fails, to show that the old file survives. */
  rename?: (from: string, to: string) => Promise<void>;
}

export const emptyPrinterSettings = (): PrinterSettings => ({ byDocumentType: {} });

export function createPrinterSettingsStore(
  folder: string,
  options: PrinterSettingsStoreOptions = {},
): PrinterSettingsStore {
  const file = path.join(folder, PRINTER_SETTINGS_FILE);
  const log = options.log ?? (() => {});
  const rename = options.rename;
  // Writes run one after another, so the file ends up with the last settings asked for.
  let lastWrite: Promise<unknown> = Promise.resolve();

  async function read(): Promise<PrinterSettings> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException | null)?.code !== 'ENOENT') log(`无法读取打印设置 ${file}`, error);
      return emptyPrinterSettings();
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      log(`打印设置文件已损坏，按未设置处理：${file}`, error);
      return emptyPrinterSettings();
    }
    const checked = printerSettings.safeParse(parsed);
    if (!checked.success) {
      log(`打印设置文件内容无效，按未设置处理：${file}`, checked.error);
      return emptyPrinterSettings();
    }
    return checked.data;
  }

  function write(settings: PrinterSettings): Promise<PrinterSettings> {
    const done = lastWrite.then(async () => {
      const checked = printerSettings.parse(settings);
      await replaceSettingsFile(file, checked, rename);
      return checked;
    });
    lastWrite = done.catch(() => {});
    return done;
  }

  return { read, write };
}
