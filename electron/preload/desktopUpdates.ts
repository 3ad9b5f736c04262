// The bridge's `updates` (the desktop app only): the update status the main process reports,
// the administrator's operations, and the page's answer to "does any form hold unsaved input?"
// (the install waits for it, electron/main/updateInstall.ts). Plain logic (the IPC calls are
// passed in), tested in test/updates/desktopUpdates.test.ts; bundled into the sandboxed preload,
// so it imports only types and pure code.
import type {
  DesktopUpdates,
  InstallAnswer,
  UpdateSettings,
  UpdateStatus,
  UpdatesEvent,
  UpdatesOperation,
} from '../../shared/updates/bridge';
import { printingIpcError } from './desktopBridge';

/** `ipcRenderer.invoke(IPC_UPDATES_CHANNEL, operation, argument)`. */
export type InvokeUpdates = (operation: UpdatesOperation, argument: unknown) => Promise<unknown>;
/** `ipcRenderer.on(IPC_UPDATES_EVENT, …)`, handing over the event's payload. */
export type SubscribeUpdates = (listener: (event: unknown) => void) => void;

export function createDesktopUpdates(invoke: InvokeUpdates, subscribe: SubscribeUpdates): DesktopUpdates {
  const listeners = new Set<(status: UpdateStatus) => void>();
  let isDirty: (() => boolean) | null = null;

  subscribe((payload) => {
    const event = payload as UpdatesEvent | null;
    if (event?.kind === 'status') {
      for (const listener of listeners) listener(event.status);
    } else if (event?.kind === 'askForms' && typeof event.id === 'number' && isDirty) {
      let dirty: boolean;
      try {
        dirty = isDirty() === true;
      } catch {
        dirty = true; // a check that fails counts as unsaved input: nothing is thrown away on a guess
      }
      void Promise.resolve()
        .then(() => invoke('answerForms', { id: event.id, dirty }))
        .catch(() => {});
    }
    // A page that registered no check does not answer: the main process then waits (to be safe).
  });

  // The main process rejects with Chinese sentences; anything else becomes the general one.
  const forward = <T>(operation: UpdatesOperation, argument?: unknown): Promise<T> =>
    Promise.resolve()
      .then(() => invoke(operation, argument))
      .then(
        (result) => result as T,
        (error: unknown) => Promise.reject(printingIpcError(error)),
      );

  const updates: DesktopUpdates = {
    status: () => forward<UpdateStatus>('status'),
    onStatus(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    check: () => forward<UpdateStatus>('check'),
    install: () => forward<InstallAnswer>('install'),
    getSettings: () => forward<UpdateSettings>('getSettings'),
    setSettings: (settings) => forward<UpdateSettings>('setSettings', settings),
    answerFormQuestions(check) {
      isDirty = check;
    },
  };
  return Object.freeze(updates);
}
