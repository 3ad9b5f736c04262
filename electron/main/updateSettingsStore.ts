// The administrator's update settings (系统管理 → 软件更新: the county's update server, and how
// its certificate is trusted), kept in `update-settings.json` in Electron's userData folder:
// they belong to this PC's program, not to the township's data (a restored backup must not
// point the program at another server). Plain Node (no 'electron' import), tested in
// test/updates/updateSettings.test.ts.
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EMPTY_UPDATE_SETTINGS, type UpdateSettings } from '../../shared/updates/bridge';
import { updateSettings, updateSettingsProblem } from '../../shared/updates/settings';
import type { Log } from './ipcApi';
import { replaceSettingsFile } from './settingsFile';

export const UPDATE_SETTINGS_FILE = 'update-settings.json';

export interface UpdateSettingsStore {
  /** Never rejects: a missing or damaged file means "as built" (and a damaged one is logged). */
  read(): Promise<UpdateSettings>;
  /** Validates (zod, then the CA certificate is parsed), replaces the file in one step, resolves with what was stored. */
  write(settings: unknown): Promise<UpdateSettings>;
}

/** Settings as given, checked; throws an Error whose message names the field, in Chinese. */
export function checkUpdateSettings(input: unknown): UpdateSettings {
  const parsed = updateSettings.safeParse(input);
  if (!parsed.success) throw new Error(updateSettingsProblem(parsed.error));
  const settings = parsed.data;
  if (settings.caCertificatePem !== '') {
    try {
      const ca = new X509Certificate(settings.caCertificatePem);
      if (!ca.ca) throw new Error('not a CA');
    } catch {
      throw new Error('CA 证书无法读取，或不是 CA 证书：请选择县里发放的根证书（PEM 格式）');
    }
  }
  return settings;
}

export function createUpdateSettingsStore(folder: string, log: Log = () => {}): UpdateSettingsStore {
  const file = path.join(folder, UPDATE_SETTINGS_FILE);
  let lastWrite: Promise<unknown> = Promise.resolve();

  async function read(): Promise<UpdateSettings> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`无法读取更新设置 ${file}`, error);
      return EMPTY_UPDATE_SETTINGS;
    }
    try {
      return checkUpdateSettings(JSON.parse(text));
    } catch (error) {
      log(`更新设置文件无效，按安装包中的更新服务器处理：${file}`, error);
      return EMPTY_UPDATE_SETTINGS;
    }
  }

  function write(input: unknown): Promise<UpdateSettings> {
    const done = lastWrite.then(async () => {
      const settings = checkUpdateSettings(input);
      await replaceSettingsFile(file, settings);
      return settings;
    });
    lastWrite = done.catch(() => {});
    return done;
  }

  return { read, write };
}
