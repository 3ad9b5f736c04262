import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { opened } from './support/antd';
import { signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';

async function clerkAt(browser: Browser, url: string, route: string): Promise<Page> {
  const page = await browser.newPage();
  await signIn(page, url, 'demo-clerk');
  await page.goto(new URL(`#${route}`, url).href);
  return page;
}

// Two windows save the same record: the later save is refused (STALE) and offers the one way
// out, 载入最新情况 / 载入最新内容, beside the message; nothing the clerk typed is lost silently.
describe('two clerks save the same record at once', () => {
  const setup = useHallAndBrowser({ demo: true, demoResidents: 20 });

  test('a step dialog keeps what was typed while the page behind it loads the newer case', async () => {
    const { hall, browser } = setup;
    const row = await hall.backend.db
      .selectFrom('counter_cases')
      .select(['id', 'case_number'])
      .where('status', '=', 'inProgress')
      .orderBy('case_number')
      .limit(1)
      .executeTakeFirstOrThrow();
    const route = `/counter/cases/${encodeURIComponent(row.id)}`;
    const first = await clerkAt(browser, hall.url, route);
    const errors = watchForPageErrors(first);
    const second = await clerkAt(browser, hall.url, route);

    await first.getByRole('button', { name: /^暂停计时$/ }).click();
    const dialog = await opened(first.getByRole('dialog'));
    await dialog.getByLabel('暂停原因').fill('申请人需补交村委会证明');

    await second.getByRole('button', { name: /^暂停计时$/ }).click();
    const secondDialog = await opened(second.getByRole('dialog'));
    await secondDialog.getByLabel('暂停原因').fill('等待县农业农村局回复');
    await secondDialog.getByRole('button', { name: /暂停计时/ }).click();
    await second.getByText('暂停计时中').first().waitFor();

    await dialog.getByRole('button', { name: /暂停计时/ }).click();
    await dialog.getByText(/该件刚被别人处理过。请点“载入最新情况”/).waitFor();
    assert.equal(await dialog.getByLabel('暂停原因').inputValue(), '申请人需补交村委会证明');

    await dialog.getByRole('button', { name: '载入最新情况' }).click();
    await first.getByText('暂停计时中').first().waitFor();
    await first.getByText('等待县农业农村局回复').first().waitFor();
    assert.equal(
      await dialog.getByLabel('暂停原因').inputValue(),
      '申请人需补交村委会证明',
      'loading the newer case keeps the dialog as typed',
    );
    assert.deepEqual(errors, []);
    await Promise.all([first.close(), second.close()]);
  });

  test('an edit form asks before replacing what was typed with the newer record', async () => {
    const { hall, browser } = setup;
    const resident = await hall.backend.db
      .selectFrom('residents')
      .select(['id', 'address'])
      .orderBy('name')
      .limit(1)
      .executeTakeFirstOrThrow();
    const route = `/residents/${encodeURIComponent(resident.id)}/edit`;
    const first = await clerkAt(browser, hall.url, route);
    const errors = watchForPageErrors(first);
    const second = await clerkAt(browser, hall.url, route);

    await second.getByLabel('联系电话').fill('13800001111');
    await second.keyboard.press('Control+s');
    await second.getByText(/已保存 /).waitFor();

    await first.getByLabel('住址').fill('东岗村第三组 8 号');
    await first.keyboard.press('Control+s');
    const alert = first.getByRole('alert').filter({ hasText: /刚被别人/ });
    await alert.waitFor();
    assert.equal(await first.getByLabel('住址').inputValue(), '东岗村第三组 8 号', 'the refused save kept the typing');

    await alert.getByRole('button', { name: '载入最新内容' }).click();
    const confirm = await opened(first.getByRole('dialog'));
    await confirm.getByText(/将被别人最新保存的内容替换/).waitFor();
    await confirm.getByRole('button', { name: '载入最新内容' }).click();
    await first.getByLabel('联系电话').and(first.locator('[value="13800001111"]')).waitFor();
    assert.equal(await first.getByLabel('住址').inputValue(), resident.address ?? '');

    await first.getByLabel('住址').fill('东岗村第三组 8 号');
    await first.keyboard.press('Control+s');
    await first.getByText('东岗村第三组 8 号').first().waitFor();
    await first.getByText('13800001111').first().waitFor();
    assert.deepEqual(errors, []);
    await Promise.all([first.close(), second.close()]);
  });
});
