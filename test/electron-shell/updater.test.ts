import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startAutoUpdate, type UpdaterLike } from '../../electron/main/updater';

function fakeUpdater(check: () => Promise<unknown>) {
  const listeners = new Map<string, (arg: never) => void>();
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    on(event: string, listener: (arg: never) => void) {
      listeners.set(event, listener);
      return updater;
    },
    checkForUpdates: check,
  };
  return { updater: updater as UpdaterLike, listeners };
}

test('downloads in the background and installs on quit', async () => {
  const { updater } = fakeUpdater(async () => null);
  await startAutoUpdate(
    () => {},
    () => updater,
  );
  assert.equal(updater.autoDownload, true);
  assert.equal(updater.autoInstallOnAppQuit, true);
});

test('never fatal: an unreachable server, an error event, or a missing updater is only logged', async () => {
  const logged: string[] = [];
  const log = (m: string) => logged.push(m);
  const { updater, listeners } = fakeUpdater(() => Promise.reject(new Error('ENOTFOUND update.example.invalid')));
  await startAutoUpdate(log, () => updater);
  (listeners.get('error') as (e: Error) => void)(new Error('bad signature'));
  await startAutoUpdate(log, () => {
    throw new Error('electron-updater not found');
  });
  assert.equal(logged.length, 3);
});
