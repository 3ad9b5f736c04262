// In a browser, printing opens a tab at the click and sends it to the PDF once the print is
// recorded: these helpers click, follow that tab to the file and read it back.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page, Request } from 'playwright-core';

const run = promisify(execFile);

/** Whether `request` comes from `page` itself rather than from a tab it opened. */
export function fromPage(page: Page, request: Request): boolean {
  try {
    return request.frame().page() === page;
  } catch {
    // A navigation that started before its frame existed: that of a new tab, not of `page`.
    return false;
  }
}

/**
 * Clicks `button` and returns the bytes of the PDF the new tab was sent to. The page is brought back
 * to the front afterwards, as a clerk would: a background tab's animations stall, and a dialog
 * opened then could lose the next click.
 */
export async function printedFile(page: Page, button: Locator): Promise<Buffer> {
  // Listened for before the click, on the context, which sees the tab's requests from its first:
  // `popup.waitForRequest` starts only once the popup event has reached this process, and on a
  // busy machine the tab may have asked for the file by then. (The page itself may load files
  // too, for its preview: only the new tab's request counts.)
  const fileRequested = page
    .context()
    .waitForEvent('request', { predicate: (r) => r.url().includes('/files/') && !fromPage(page, r) });
  const popupOpened = page.waitForEvent('popup');
  await button.click();
  const popup = await popupOpened;
  const request = await fileRequested;
  // Through the browser context, so with its session cookie: a link opens only for the session that asked for it.
  const response = await page.request.get(request.url());
  assert.equal(response.status(), 200);
  const bytes = await response.body();
  await popup.close();
  await page.bringToFront();
  return bytes;
}

/**
 * Answers the question a browser print ends with (纸张打印出来了吗？): 已打印 counts the print,
 * 未打印 does not. The question waits on the page once the PDF's tab is closed.
 */
export async function answerPaperQuestion(page: Page, answer: '已打印' | '未打印'): Promise<void> {
  const question = page.getByRole('dialog').filter({ hasText: '纸张打印出来了吗？' });
  await question.getByRole('button', { name: answer, exact: true }).click();
  await question.waitFor({ state: 'hidden' });
}

/**
 * The text (pdftotext -layout) of the PDF printed by clicking `button`; the clerk then says the
 * paper came out (`answer`, default 已打印), so the print counts as it would at the counter.
 */
export async function printedText(
  page: Page,
  button: Locator,
  answer: '已打印' | '未打印' = '已打印',
): Promise<string> {
  const file = path.join(os.tmpdir(), `printed-${process.pid}-${Date.now()}.pdf`);
  await writeFile(file, await printedFile(page, button));
  await answerPaperQuestion(page, answer);
  try {
    return (await run('pdftotext', ['-layout', file, '-'])).stdout;
  } finally {
    await rm(file, { force: true });
  }
}
