import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadWorkingCalendar } from '../electron/backend/calendar/calendarStore';
import { pickOption } from './support/antd';
import { signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';

const setup = useHallAndBrowser({ demo: true, demoResidents: 20 });

test('the administrator enters next year’s arrangement; a weekday make-up day is refused beside the field', async () => {
  const { hall, browser } = setup;
  const page = await browser.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, hall.url, 'demo-admin');
  await page.goto(`${hall.url}#/system/calendar`);
  await page.getByRole('tab', { name: '工作日历' }).waitFor();
  assert.equal(await page.getByLabel('第 7 个假日的名称').inputValue(), '国庆节');

  await pickOption(page.getByLabel('年份'), '2027 年（新增）');
  await page.getByText('还没有 2027 年的节假日安排').waitFor();
  await page.getByRole('button', { name: /添加假日/ }).click();
  await page.getByLabel('第 1 个假日的名称').fill('元旦');
  for (const [label, date] of [
    ['第 1 个假日的开始日期', '2027-01-01'],
    ['第 1 个假日的结束日期', '2027-01-03'],
  ] as const) {
    await page.getByLabel(label).fill(date);
    await page.getByLabel(label).press('Enter');
  }
  await page.getByRole('button', { name: /添加调休上班日/ }).click();
  await page.getByLabel('第 1 个调休上班日', { exact: true }).fill('2027-01-04');
  await page.getByLabel('第 1 个调休上班日', { exact: true }).press('Enter');
  await page.getByText('（星期一）').waitFor();
  await page.getByRole('button', { name: '保存 2027 年' }).click();
  await page
    .getByText(/2027-01-04 不是周末，本来就是工作日/)
    .first()
    .waitFor();
  assert.equal(await page.getByLabel('第 1 个假日的名称').inputValue(), '元旦', 'nothing typed is lost');

  await page.getByLabel('第 1 个调休上班日', { exact: true }).fill('2027-01-09');
  await page.getByLabel('第 1 个调休上班日', { exact: true }).press('Enter');
  await page.getByRole('button', { name: '保存 2027 年' }).click();
  await page.getByText('2027 年的工作日历已保存').waitFor();
  assert.equal(await page.getByLabel('第 1 个假日的名称').inputValue(), '元旦');
  const calendar = await loadWorkingCalendar(hall.backend.db);
  assert.equal(calendar.addWorkingDays('2026-12-30', 3), '2027-01-05');
  assert.equal(calendar.isWorkingDay('2027-01-09'), true);
  assert.deepEqual(errors, []);
  await page.close();
});
