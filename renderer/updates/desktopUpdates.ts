// The program's own updates, as the page sees them: only in the desktop app (the preload's
// `updates`, shared/updates/bridge.ts); in the hall's browser windows there is no updater and
// `desktopUpdates()` is null, so nothing about updates is shown.
import { useEffect, useSyncExternalStore } from 'react';
import { DESKTOP_BRIDGE_KEY } from '../../shared/api/bridge';
import type { DesktopUpdates, UpdateStatus } from '../../shared/updates/bridge';
import { hasUnsavedInput } from '../common/leaveGuard';

export function desktopUpdates(): DesktopUpdates | null {
  if (typeof window === 'undefined') return null;
  const bridge = (window as unknown as Record<string, unknown>)[DESKTOP_BRIDGE_KEY] as
    { updates?: unknown } | undefined;
  const updates = bridge?.updates as DesktopUpdates | undefined;
  return typeof updates === 'object' && updates !== null && typeof updates.status === 'function' ? updates : null;
}

// The main process asks before 立即安装 closes the app whether any form holds unsaved input; the
// form guard knows. Registered as soon as the page loads (this module is part of the signed-in
// shell's header), so the question is answered on every screen, the sign-in screen included.
desktopUpdates()?.answerFormQuestions(hasUnsavedInput);

let current: UpdateStatus | null = null;
const listeners = new Set<() => void>();
let subscribed = false;

function publish(status: UpdateStatus): void {
  current = status;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const updates = desktopUpdates();
  if (updates && !subscribed) {
    subscribed = true;
    updates.onStatus(publish);
    updates.status().then(publish, () => {});
  }
  return () => {
    listeners.delete(listener);
  };
}

/** The latest update status (null: not known yet, or not the desktop app). */
export function useUpdateStatus(): UpdateStatus | null {
  const status = useSyncExternalStore(subscribe, () => current);
  // Asked again when a screen that shows it opens: an event missed while the page reloaded.
  useEffect(() => {
    desktopUpdates()
      ?.status()
      .then(publish, () => {});
  }, []);
  return status;
}

/** For the page after the administrator's 检查更新 (its answer is the newest status). */
export function showUpdateStatus(status: UpdateStatus): void {
  publish(status);
}
