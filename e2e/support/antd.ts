// Driving antd's popups (dialogs, select dropdowns) with the mouse without losing clicks on a
// busy machine.
//
// antd animates a popup as it opens: the first frames draw it at its final place and size, then
// a CSS animation zooms or slides it in. A Playwright click waits for its target to keep the same
// box for two animation frames, puts the mouse down, then up. On a loaded machine those first
// frames can last long enough to pass for "stable": the mouse goes down on the button or option,
// the animation then moves it away, and the mouse comes up on the mask or on the page. That is no
// click at all, and no error either; the test fails much later, waiting for what the click should
// have done. (Playwright checks the target only for the mouse going down.) A click that has to be
// retried is worse still inside a dropdown: each retry first scrolls the page another way, and
// the dropdown, which lives in <body>, is placed again a frame after the mouse went down.
// So: wait until the popup has finished opening before clicking in it.
import type { Locator, Page } from 'playwright-core';

/** No motion class (`ant-zoom-appear`, `ant-slide-up-enter`, `…-leave` …): not opening or closing. */
const NOT_MOVING = ':not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])';

/** Waits until the dialog (or `.ant-modal-confirm`) `dialog` has finished opening; returns it. */
export async function opened(dialog: Locator): Promise<Locator> {
  await dialog.and(dialog.page().locator(NOT_MOVING)).waitFor();
  return dialog;
}

/**
 * Closes the message box (`modal.success`, `modal.warning` …) that says `text` with its button,
 * once it has opened (and not one with the same words still fading out).
 */
export async function acknowledge(page: Page, text: string | RegExp): Promise<void> {
  await page.locator(`.ant-modal-confirm${NOT_MOVING}`).filter({ hasText: text }).getByRole('button').click();
}

/**
 * Picks an option of the antd select whose input is `select` (what `getByLabel` finds), with the
 * mouse as a clerk would, once the dropdown has opened, and waits until the select shows it.
 * `option` is matched like Playwright's `hasText`: a string is found inside the option's text, a
 * RegExp is tested on it. With `search`, that text is typed into a searchable select first.
 */
export async function pickOption(
  select: Locator,
  option: string | RegExp,
  { search }: { search?: string } = {},
): Promise<void> {
  const page = select.page();
  const id = await select.getAttribute('id');
  if (!id) throw new Error('pickOption needs the select’s input, which carries the id its dropdown refers to');
  await select.click();
  if (search !== undefined) await select.fill(search);
  // Its own dropdown (it holds the listbox `<id>_list`), not another select's still fading out.
  const dropdown = page
    .locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden)${NOT_MOVING}`)
    .filter({ has: page.locator(`[id="${id}_list"]`) });
  const choice = dropdown.locator('.ant-select-item-option').filter({ hasText: option });
  await choice.waitFor();
  // What the select shows once picked: the option's title is its label; its text may hold more.
  const label = (await choice.getAttribute('title')) ?? ((await choice.textContent()) ?? '').trim();
  await choice.click();
  // A miss is reported here, where it happened, not at a field found empty much later.
  const root = select.locator(
    'xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  await root.filter({ hasText: label }).waitFor();
}

/** Matches an option whose whole text is `text` (not a longer one containing it). */
export function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** A button's accessible name: antd puts a space between the two characters of a two-character label, and an icon's name may come first. */
export const buttonName = (label: string) => new RegExp(`^([a-z-]+\\s+)?${[...label].join('\\s*')}$`);

/**
 * Presses Enter in the focused antd select once the option Enter would pick (the active one) is
 * `option`. Right after typing, the list can still show what matched a shorter prefix, with
 * another option active; Enter then picks that one.
 */
export async function enterOnOption(page: Page, option: string | RegExp): Promise<void> {
  await page.locator('.ant-select-item-option-active').filter({ hasText: option }).waitFor();
  await page.keyboard.press('Enter');
}
