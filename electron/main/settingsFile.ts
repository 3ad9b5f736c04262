// This machine's settings files in the app's user-data folder (printers, update server): written
// to a temporary file beside the real one, flushed, then renamed over it, so a crash or power cut
// mid-write leaves either the old settings or the new ones, never half a file.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename as fsRename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Replaces `file` with `value` as JSON; `rename` is for tests (one that fails keeps the old file). */
export async function replaceSettingsFile(
  file: string,
  value: unknown,
  rename: (from: string, to: string) => Promise<void> = fsRename,
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
}
