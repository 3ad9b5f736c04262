/**
 * A reload must not open a locked screen. The mark lives in sessionStorage (this tab only,
 * gone when it closes) and holds no personal data; the server session is what grants access.
 */
const KEY = 'township-desk.locked';

export function hasLockMark(): boolean {
  try {
    return window.sessionStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function setLockMark(): void {
  try {
    window.sessionStorage.setItem(KEY, '1');
  } catch {
    // Storage disabled: the lock still holds until the page is reloaded.
  }
}

export function clearLockMark(): void {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}
