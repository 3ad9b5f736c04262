// On 2026-12-07 without 2027's arrangement the counter keeps accepting: the promise is 暂定, the
// administrator is warned, and the official 2027 (imported as a file) computes it again and
// lists the change.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { morningOf } from '../test/support/testHall';
import { acknowledge, opened, pickOption } from './support/antd';
import { signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';

/** 最低生活保障申请: a 承诺件 of 20 working days in the demo catalog. */
const ITEM_CODE = 'MZ-001';
const ITEM_NAME = '最低生活保障申请';

const clock = { current: morningOf('2026-12-07') };
const setup = useHallAndBrowser({ demo: true, demoResidents: 20, clock });

test('a 20-working-day case accepted on 2026-12-07 is 暂定 until the official 2027 arrives', async () => {
  const { hall, browser } = setup;
  const resident = await hall.backend.db
    .selectFrom('residents')
    .select(['name'])
    .orderBy('name')
    .limit(1)
    .executeTakeFirstOrThrow();
  const clerkPage = await browser.newPage();
  const errors = watchForPageErrors(clerkPage);
  await signIn(clerkPage, hall.url, 'demo-clerk');
  await clerkPage.getByText('2027 年节假日安排未导入').waitFor();

  await clerkPage.goto(`${hall.url}#/counter/intake`);
  await clerkPage.getByRole('heading', { name: '收件受理' }).waitFor();
  await clerkPage.getByLabel('查找申请人').fill(resident.name);
  await clerkPage
    .getByRole('row', { name: new RegExp(resident.name) })
    .first()
    .click();
  await pickOption(clerkPage.getByLabel('办理事项'), ITEM_NAME, { search: ITEM_CODE });
  await clerkPage.getByText('承诺 20 个工作日').first().waitFor();
  await clerkPage.getByRole('button', { name: /全部勾选/ }).click();
  await clerkPage.getByLabel('受理窗口').fill('3号窗口');
  await clerkPage.getByRole('button', { name: /^(check-circle )?受理$/ }).click();
  // 18 working days left in December, 1 January is 元旦, 2–3 a weekend: 5 January, 暂定.
  await clerkPage.getByText(/承诺办结日期：2027年1月5日（星期二）（暂定/).waitFor();
  const caseNumber = (await clerkPage.getByText(/已受理，办件编号/).textContent())!.match(/SL-2026-\d{6}/)![0];

  // The administrator is warned on the home page and imports the official year as a file.
  const adminPage = await browser.newPage();
  await signIn(adminPage, hall.url, 'demo-admin');
  await adminPage.getByText('2027 年节假日安排未导入').waitFor();
  await adminPage.getByRole('link', { name: '导入工作日历' }).click();
  await adminPage.getByRole('tab', { name: '工作日历' }).waitFor();
  const shipped = JSON.parse(
    await readFile(path.join(import.meta.dirname, '../resources/calendars/working-calendar-2026.json'), 'utf8'),
  );
  // A test arrangement whose 元旦 runs to Monday the 4th (the real one is published later).
  shipped.years.push({
    year: 2027,
    source: '测试用安排',
    holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04' }],
    makeUpWorkdays: [],
  });
  const file = path.join(hall.dataDir, 'working-calendar-2026-2027.json');
  await writeFile(file, JSON.stringify(shipped));
  await adminPage.locator('input[type=file]').setInputFiles(file);
  await (await opened(adminPage.getByRole('dialog'))).getByRole('button', { name: '替换' }).click();
  const moved = adminPage.locator('.ant-modal-confirm').filter({ hasText: /个未办结的期限已按正式安排重算/ });
  const row = moved.getByRole('row', { name: new RegExp(caseNumber) });
  await row.waitFor();
  assert.match((await row.textContent())!, /承诺办结日期.*2027年1月5日.*2027年1月6日/);
  await acknowledge(adminPage, /个未办结的期限已按正式安排重算/);
  await adminPage.close();

  // The clerk's case: the official date, no longer 暂定; the home page lists the change.
  await clerkPage.goto(`${hall.url}#/counter`);
  await clerkPage.getByRole('link', { name: caseNumber }).first().click();
  await clerkPage.getByText('2027年1月6日').first().waitFor();
  assert.equal(await clerkPage.getByText('暂定', { exact: true }).count(), 0);
  await clerkPage.goto(`${hall.url}#/`);
  await clerkPage.getByText(/正式节假日安排导入后，\d+ 个期限已重算/).waitFor();
  await clerkPage.getByRole('row', { name: new RegExp(caseNumber) }).waitFor();
  assert.equal(await clerkPage.getByText('2027 年节假日安排未导入').count(), 0);
  assert.deepEqual(errors, []);
  await clerkPage.close();
});
