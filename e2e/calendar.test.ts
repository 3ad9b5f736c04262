import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { provisionalCalendarYear } from '../shared/calendar/statutoryHolidays';
import { CALENDAR_FILE_FORMAT, CALENDAR_FILE_VERSION } from '../shared/calendar/workingCalendar';
import { loadWorkingCalendar } from '../electron/backend/calendar/calendarStore';
import { morningOf } from '../test/support/testHall';
import { opened, pickOption } from './support/antd';
import { signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';

// On a test clock: which years an import must not withdraw unasked depends on today.
const setup = useHallAndBrowser({ demo: true, demoResidents: 20, clock: { current: morningOf('2026-09-29') } });

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

test('a file without the current year withdraws it only after a confirmation that names it', async () => {
  const { hall, browser } = setup;
  const page = await browser.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, hall.url, 'demo-admin');
  await page.goto(`${hall.url}#/system/calendar`);
  await page.getByRole('tab', { name: '工作日历' }).waitFor();
  const file = path.join(os.tmpdir(), `calendar-2000-${process.pid}.json`);
  await writeFile(
    file,
    JSON.stringify({
      format: CALENDAR_FILE_FORMAT,
      version: CALENDAR_FILE_VERSION,
      years: [provisionalCalendarYear(2000)],
    }),
  );
  const heldYears = async () =>
    (await hall.backend.db.selectFrom('calendar_years').select('year').orderBy('year').execute()).map((r) => r.year);

  /** Picks the file and agrees to replace the calendar; answers the confirmation that follows. */
  async function importFile() {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /导入文件（整体替换）/ }).click();
    await (await chooser).setFiles(file);
    const replace = await opened(page.getByRole('dialog').filter({ hasText: '以文件整体替换工作日历？' }));
    await replace.getByRole('button', { name: '替换' }).click();
    return opened(page.getByRole('dialog').filter({ hasText: '确认删除' }));
  }

  const confirm = await importFile();
  const question = await confirm.innerText();
  assert.match(question, /确认删除 2026.*年的节假日安排？/);
  assert.match(
    question,
    /文件中没有 2026 年（本年度[^）]*）.*导入将删除 2026 年.*改按法定节假日暂定计算.*如确需删除，请确认/s,
  );
  await confirm.getByRole('button', { name: '不导入' }).click();
  await confirm.waitFor({ state: 'detached' });
  assert.deepEqual(await heldYears(), [2026, 2027], 'nothing changes without the confirmation');

  const again = await importFile();
  await again.getByRole('button', { name: /^删除 2026.*年并导入$/ }).click();
  await page.getByText('已导入 2000 年的工作日历，删除了 2026、2027 年的安排').waitFor();
  assert.deepEqual(await heldYears(), [2000]);
  // 2026 now counts on its statutory holidays alone: 10-05 (officially 国庆) is a working day.
  const calendar = await loadWorkingCalendar(hall.backend.db);
  assert.equal(calendar.isWorkingDay('2026-10-05'), true);
  assert.equal(calendar.isWorkingDay('2026-10-02'), false);
  await rm(file, { force: true });
  assert.deepEqual(errors, []);
  await page.close();
});
