// In a browser, printing opens a tab at the click and sends it to the PDF once the print is
// recorded: these helpers click, follow that tab to the file and read it back.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';

const run = promisify(execFile);

/**
 * Clicks `button` and returns the bytes of the PDF the new tab was sent to. The page is brought back
 * to the front afterwards, as a clerk would: a background tab's animations stall, and a dialog
 * opened then could lose the next click.
 */
export async function printedFile(page: Page, button: Locator): Promise<Buffer> {
  const popupOpened = page.waitForEvent('popup');
  await button.click();
  const popup = await popupOpened;
  const request = await popup.waitForRequest((r) => r.url().includes('/files/'));
  const response = await fetch(request.url());
  assert.equal(response.status, 200);
  await popup.close();
  await page.bringToFront();
  return Buffer.from(await response.arrayBuffer());
}

/** The text (pdftotext -layout) of the PDF printed by clicking `button`. */
export async function printedText(page: Page, button: Locator): Promise<string> {
  const file = path.join(os.tmpdir(), `printed-${process.pid}-${Date.now()}.pdf`);
  await writeFile(file, await printedFile(page, button));
  try {
    return (await run('pdftotext', ['-layout', file, '-'])).stdout;
  } finally {
    await rm(file, { force: true });
  }
}
