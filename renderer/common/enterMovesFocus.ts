import type React from 'react';
import { isComposing, isOpenPopupTarget } from './keyboard';

/**
 * Counter clerks type a whole form without the mouse: Enter moves to the next field instead
 * of submitting. An open dropdown (Select, date picker) still gets its Enter to pick the
 * highlighted option; a textarea keeps Shift+Enter for a new line. Attach as
 * `onKeyDownCapture`, so the decision is made before the dropdown reacts to the key.
 */
export function enterMovesFocus(event: React.KeyboardEvent<HTMLElement>): void {
  moveFocusOnEnter(event);
}

/** As `enterMovesFocus`; Enter in the last field calls `onLastField` (a dialog submits). */
export function enterMovesFocusThen(onLastField: () => void) {
  return (event: React.KeyboardEvent<HTMLElement>) => moveFocusOnEnter(event, onLastField);
}

/**
 * The field whose open dropdown took the last Enter. A Select closes a moment after picking
 * (antd delays it), so a quick second Enter would still find it “open”; it moves on instead.
 */
let pickedWithEnter: EventTarget | null = null;

function moveFocusOnEnter(event: React.KeyboardEvent<HTMLElement>, onLastField?: () => void): void {
  if (event.key !== 'Enter') {
    pickedWithEnter = null;
    return;
  }
  if (event.ctrlKey || event.altKey || event.metaKey || isComposing(event)) return;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return;
  if (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement) return;
  if (target instanceof HTMLTextAreaElement && event.shiftKey) return;
  if (isOpenPopupTarget(target) && pickedWithEnter !== target) {
    pickedWithEnter = target;
    // The dropdown still gets the key; only the browser's implicit form submission is stopped
    // (the date picker leaves it on).
    event.preventDefault();
    return;
  }
  pickedWithEnter = null;
  const next = nextField(event.currentTarget, target);
  if (!next) {
    if (!onLastField || target instanceof HTMLTextAreaElement) return;
    event.preventDefault();
    event.stopPropagation();
    onLastField();
    return;
  }
  event.preventDefault();
  event.stopPropagation();
  next.focus();
  if (next instanceof HTMLInputElement && next.type === 'text' && next.getAttribute('role') !== 'combobox')
    next.select();
}

function nextField(container: HTMLElement, current: HTMLElement): HTMLElement | undefined {
  const fields = focusableFields(container);
  const index = fields.findIndex((field) => field === current || field.contains(current));
  return index >= 0 ? fields[index + 1] : undefined;
}

export function focusableFields(container: HTMLElement): HTMLElement[] {
  const candidates = container.querySelectorAll<HTMLElement>('input, textarea, button[type="submit"]');
  return [...candidates].filter((el) => {
    if (el instanceof HTMLInputElement && (el.type === 'hidden' || el.type === 'radio' || el.type === 'checkbox'))
      return false;
    if ((el as HTMLInputElement).disabled || el.tabIndex < 0) return false;
    // Select inputs are read-only when not searchable, yet they are fields to stop at.
    if (el.hasAttribute('readonly') && el.getAttribute('role') !== 'combobox') return false;
    return el.offsetParent !== null;
  });
}
