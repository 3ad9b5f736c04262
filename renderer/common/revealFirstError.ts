// After a refused save the clerk must see why at once, wherever the page was scrolled to: on a
// 1366×768 screen the message above a long form is out of sight from its button.
import { isTypingTarget } from './keyboard';

/** A field marked by antd, or a list's own message (`data-field-error`, e.g. “应推选代表”). */
const FIELD_IN_ERROR = '.ant-form-item-has-error, [data-field-error]';
const FOCUSABLE = 'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), button:not([disabled])';

/**
 * Scrolls the first field in error inside `container` to the middle of the view and puts the
 * cursor in it; when no field shows an error, the same for `fallback` (the message above the form).
 */
export function revealFirstError(container: Element, fallback?: HTMLElement | null): void {
  const item = container.querySelector<HTMLElement>(FIELD_IN_ERROR);
  const target = item ?? fallback;
  if (!target) return;
  const active = document.activeElement;
  if (!item && isTypingTarget(active) && container.contains(active)) {
    // The form already put the cursor where the answer is typed again (a wrong password).
    target.scrollIntoView({ block: 'nearest' });
    return;
  }
  target.scrollIntoView({ block: 'center' });
  const field = item?.querySelector<HTMLElement>(FOCUSABLE) ?? null;
  if (field) {
    field.focus({ preventScroll: true });
    return;
  }
  // A list's message (“应推选代表”) has no input of its own: the message itself takes the focus.
  if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus({ preventScroll: true });
}
