import { useEffect, useRef } from 'react';

/**
 * While the screen is locked, page shortcuts must not act behind the lock overlay (Alt+N
 * would otherwise navigate the hidden page).
 */
let suspended = false;
export function setHotkeysSuspended(value: boolean): void {
  suspended = value;
}

/** True while an input method is composing: Enter then commits the pinyin, it is not ours. */
export function isComposing(event: KeyboardEvent | React.KeyboardEvent): boolean {
  const native = 'nativeEvent' in event ? event.nativeEvent : event;
  return native.isComposing || native.keyCode === 229;
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Dialogs (and the lock overlay) own their keys; the page underneath must not react. */
function isInsideDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[role="dialog"], [role="alertdialog"]') !== null;
}

/**
 * Whether the key goes to an open dropdown (Select, date picker), which then uses Enter and
 * Esc itself. Only reliable before the component has handled the key, i.e. while capturing.
 */
export function isOpenPopupTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.getAttribute('aria-expanded') === 'true') return true;
  // A date picker's popup has no aria-expanded; one that is hidden or sliding away is closed.
  const openPicker = '.ant-picker-dropdown:not(.ant-picker-dropdown-hidden):not([class*="-leave"])';
  return target.closest('.ant-picker-focused') !== null && document.querySelector(openPicker) !== null;
}

/**
 * Page-wide shortcuts: `handler` returns true when it used the key, which then does nothing
 * else (F3 would open the browser's find bar, Ctrl+S its save dialog). Listens while the
 * event is captured, so it still sees whether a dropdown was open before the key closed it.
 */
export function useHotkeys(handler: (event: KeyboardEvent) => boolean | void, enabled = true): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      if (suspended || isComposing(event) || isInsideDialog(event.target)) return;
      if (latest.current(event) === true) {
        event.preventDefault();
        // Consumed here: a dialog the shortcut just opened must not receive the same key
        // (Esc would close the “放弃这次填写？” question as soon as it appeared).
        event.stopPropagation();
      }
    };
    window.addEventListener('keydown', listener, { capture: true });
    return () => window.removeEventListener('keydown', listener, { capture: true });
  }, [enabled]);
}

/** `Ctrl+S`, `Alt+N`, `F3`, `Escape`, `/`: exact modifiers, letters case-insensitive. */
export function isShortcut(event: KeyboardEvent, shortcut: string): boolean {
  const parts = shortcut.split('+');
  const key = parts.pop()!;
  const modifiers = new Set(parts.map((p) => p.toLowerCase()));
  if (event.metaKey || event.ctrlKey !== modifiers.has('ctrl') || event.altKey !== modifiers.has('alt')) return false;
  // Shift is part of the character for punctuation on some keyboard layouts, so only letters
  // and named keys compare it.
  const isPunctuation = key.length === 1 && !/[a-z0-9]/i.test(key);
  if (!isPunctuation && event.shiftKey !== modifiers.has('shift')) return false;
  if (key.length > 1) return event.key === key;
  // With Alt held, `event.key` can be another character on some layouts; the key position cannot.
  return (
    event.key.toLowerCase() === key.toLowerCase() || (/[a-z]/i.test(key) && event.code === `Key${key.toUpperCase()}`)
  );
}
