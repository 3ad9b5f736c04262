// Which ID-card reader the desktop app opens in its main process, kept in `id-card-reader.json` in
// Electron's userData folder (the reader is this machine's, like its printers): `{ "reader":
// "serial:COM3" }`, in the words of the hall host's --id-card-reader. Plain Node (no 'electron').
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { IdCardReader } from '../backend/devices/idCard/reader';
import { readerFromConfig } from '../backend/devices/idCard/readerFromConfig';

export const ID_CARD_READER_SETTING_FILE = 'id-card-reader.json';

/**
 * The reader the setting names; none when the file is absent. A damaged file or unknown words are
 * logged and read as none: the app must open without its reader, whose forms then say so.
 */
export async function openIdCardReaderSetting(
  folder: string,
  log: (message: string, error?: unknown) => void = () => {},
): Promise<IdCardReader | null> {
  const file = path.join(folder, ID_CARD_READER_SETTING_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code !== 'ENOENT') log(`无法读取读卡器设置 ${file}`, error);
    return null;
  }
  try {
    const reader = (JSON.parse(text) as { reader?: unknown } | null)?.reader;
    return readerFromConfig(typeof reader === 'string' ? reader : null);
  } catch (error) {
    log(`读卡器设置 ${file} 无效，按未配置读卡器处理`, error);
    return null;
  }
}
