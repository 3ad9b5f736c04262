// Which window of the hall this computer is (3号窗口): chosen once on the calling panel and kept
// on this machine (localStorage), like the counter's 受理窗口 — never anything personal.
const KEY = 'township-desk.queue.window';

export interface ChosenWindow {
  id: string;
  name: string;
}

export function chosenQueueWindow(): ChosenWindow | null {
  try {
    const saved = JSON.parse(window.localStorage.getItem(KEY) ?? 'null') as unknown;
    if (saved && typeof saved === 'object' && 'id' in saved && 'name' in saved) {
      const { id, name } = saved as Record<string, unknown>;
      if (typeof id === 'string' && typeof name === 'string') return { id, name };
    }
  } catch {
    // Unreadable or unavailable: the window is chosen again.
  }
  return null;
}

export function chooseQueueWindow(chosen: ChosenWindow | null): void {
  try {
    if (chosen) window.localStorage.setItem(KEY, JSON.stringify(chosen));
    else window.localStorage.removeItem(KEY);
  } catch {
    // Storage may be unavailable (a locked-down profile): the panel asks again next time.
  }
}
