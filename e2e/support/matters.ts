// The residents' matters worklist as a browser test reads it.
import type { Page } from 'playwright-core';

/** The deadline tag of the matter's row on the worklist, after 刷新 on the day the hall's clock says. */
export async function deadlineOnWorklist(page: Page, number: string): Promise<{ text: string; colour: string }> {
  await page.getByRole('button', { name: /刷新/ }).click();
  const row = page.getByRole('row').filter({ hasText: number });
  const tag = row.locator('.ant-tag').filter({ hasText: /工作日|今日到期/ });
  await tag.waitFor();
  const className = (await tag.getAttribute('class')) ?? '';
  const colour = /ant-tag-(red|gold|green)/.exec(className)?.[1] ?? className;
  return { text: ((await tag.textContent()) ?? '').trim(), colour };
}
