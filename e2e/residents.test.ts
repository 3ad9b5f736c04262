import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { disposeAll } from '../test/support/dispose';
import { residentId } from '../test/support/ids';
import { launchBrowser, signIn, startE2eHall, watchForPageErrors, type E2eHall } from './support/browser';

describe('a clerk registers and finds a resident; the administrator sees the audit entry', () => {
  let hall: E2eHall;
  let browser: Browser;
  before(async () => {
    hall = await startE2eHall({ demo: true, demoResidents: 300 });
    browser = await launchBrowser();
  });
  after(() => disposeAll([() => browser?.close(), () => hall?.dispose()]));

  const idNumber = residentId('19870412', 123, '410223');

  test('register with a rare-character name, find by pinyin initials, masked in the list, open the record', async () => {
    const page = await browser.newPage();
    const errors = watchForPageErrors(page);
    await signIn(page, hall.url, 'demo-clerk');
    await page.getByRole('menuitem', { name: '居民' }).click();
    await page
      .getByRole('button', { name: /登记居民/ })
      .first()
      .click();

    await page.getByLabel('姓名').fill('𠮷祥云');
    await page.getByLabel('证件号码').fill(idNumber);
    // Sex and birth date are read off the number as it is typed.
    await page.getByText('1987-04-12').first().waitFor();
    await page.getByLabel('联系电话').fill('13912340000');
    await page.getByLabel('村（社区）').click();
    await page.keyboard.press('Enter');
    await page.getByLabel('住址').fill('东岗村第一组 1 号');
    await page.keyboard.press('Control+s');
    await page.getByText('本次查看已记入审计日志').waitFor();
    await page.getByText(idNumber).waitFor();

    await page.getByRole('menuitem', { name: '居民' }).click();
    const search = page.getByPlaceholder(/拼音首字母/);
    await search.fill('jxy');
    const row = page.getByRole('row', { name: /𠮷祥云/ });
    await row.waitFor();
    const masked = `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`;
    assert.ok((await row.innerText()).includes(masked), 'the list shows the masked number');
    assert.ok(!(await page.content()).includes(idNumber), 'the full number is nowhere on the list page');

    await row.click();
    await page.getByText(idNumber).waitFor();
    await page.getByText('本次查看已记入审计日志').waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the administrator finds the reading in the audit log', async () => {
    const page = await browser.newPage();
    await signIn(page, hall.url, 'demo-admin');
    await page.getByRole('menuitem', { name: '系统管理' }).click();
    await page.getByRole('tab', { name: /审计日志/ }).click();
    await page.getByText('查看居民“𠮷祥云”的完整信息').first().waitFor();
    await page.close();
  });

  test('a wrong check digit is explained beside the field and nothing typed is lost', async () => {
    const page = await browser.newPage();
    await signIn(page, hall.url, 'demo-clerk');
    await page.goto(new URL('#/residents/new', hall.url).href);
    await page.getByLabel('姓名').fill('周晓');
    const wrong = idNumber.slice(0, 17) + (idNumber.endsWith('0') ? '1' : '0');
    await page.getByLabel('证件号码').fill(wrong);
    await page
      .getByText(/校验位不符/)
      .first()
      .waitFor();
    await page.getByLabel('证件号码').fill(idNumber);
    await page.getByLabel('村（社区）').click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+s');
    // The number belongs to 𠮷祥云 already: the server refuses and links to the record.
    await page
      .getByText(/已登记为居民“𠮷祥云”/)
      .first()
      .waitFor();
    await page.getByText('打开已登记的居民').waitFor();
    assert.equal(await page.getByLabel('姓名').inputValue(), '周晓');
    await page.close();
  });
});
