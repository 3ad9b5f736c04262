import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { acknowledge, opened } from './support/antd';
import { interceptFileChoosers, pollUntil, signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';

const setup = useHallAndBrowser({ demo: true, demoResidents: 20 });

test('the administrator finds items by pinyin initials and adds a local item with its materials', async () => {
  const { hall, browser } = setup;
  const page = await browser.newPage();
  const errors = watchForPageErrors(page);
  interceptFileChoosers(page);
  await signIn(page, hall.url, 'demo-admin');
  await page.goto(`${hall.url}#/system/catalog`);
  await page.getByText(/县级目录版本 2026\.1/).waitFor();

  await page.getByLabel('查找事项').fill('zdshbz');
  await page.getByLabel('查找事项').press('Enter');
  // The whole catalog is on screen before the search answers: wait for the list to shrink.
  await page.locator('tbody tr.ant-table-row').nth(3).waitFor({ state: 'detached' });
  await page
    .getByRole('button', { name: /最低生活保障/ })
    .first()
    .waitFor();
  assert.ok((await page.getByRole('row').count()) <= 4, 'only the matching items are listed');
  await page.getByLabel('查找事项').fill('');

  await page.getByRole('button', { name: /新增本地事项/ }).click();
  const dialog = await opened(page.getByRole('dialog'));
  await dialog.getByLabel('事项编码').fill('MZ-001');
  await dialog.getByLabel('事项名称').fill('老年人乘车卡代办');
  await dialog.getByLabel('责任部门').fill('社会事务办公室');
  await dialog.getByLabel('承诺时限（工作日）').fill('5');
  await dialog.getByRole('button', { name: /添加材料/ }).click();
  await dialog.getByLabel('第 2 项材料的名称').fill('一寸免冠照片');
  await dialog.getByLabel('第 2 项材料的份数').fill('2');
  await dialog.getByLabel('设定依据').fill('青石镇便民服务事项（本地）');
  await dialog.getByRole('button', { name: '保存' }).click();

  await dialog
    .getByText(/MZ-001 已被/)
    .first()
    .waitFor();
  assert.equal(await dialog.getByLabel('第 2 项材料的名称').inputValue(), '一寸免冠照片', 'nothing typed is lost');

  await dialog.getByLabel('事项编码').fill('QT-900');
  await dialog.getByRole('button', { name: '保存' }).click();
  await page.getByText('已保存事项“老年人乘车卡代办”').waitFor();
  const row = page.getByRole('row', { name: /老年人乘车卡代办/ });
  await row.getByText('本地').waitFor();
  await row.getByText('5 个工作日').waitFor();
  await row.getByText('2 项').waitFor();

  // Export, then import the same file under a new version: nothing changes but the version.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /导出/ }).click();
  const exported = JSON.parse(await readFile((await (await download).path())!, 'utf8')) as { version: string };
  assert.equal(exported.version, '2026.1');
  const file = path.join(os.tmpdir(), `catalog-${process.pid}.json`);
  await writeFile(file, JSON.stringify({ ...exported, version: '2026.9' }));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /导入县级目录/ }).click();
  await (await chooser).setFiles(file);

  await page.locator('.ant-modal-confirm-title', { hasText: '已导入事项目录 2026.9' }).waitFor();
  await page.getByText(/新增 0 项，更新 0 项，停用 0 项/).waitFor();
  await page
    .getByText(/QT-900/)
    .first()
    .waitFor();
  await rm(file, { force: true });
  await acknowledge(page, '已导入事项目录 2026.9');

  // The query phone printed on receipts: a wrong one is explained beside the field.
  const phone = page.getByLabel('回执上的咨询电话');
  const savePhone = page.locator('form').filter({ has: phone }).getByRole('button');
  await phone.fill('12345');
  await savePhone.click();
  await page
    .getByText(/应为 11 位手机号或带区号的固定电话/)
    .first()
    .waitFor();
  await phone.fill('0371-62345679');
  await savePhone.click();
  // The saved state, not the 3-second toast (a starved browser can miss a message that brief).
  const saved = await pollUntil(
    () =>
      hall.backend.db
        .selectFrom('node_settings')
        .select('value')
        .where('key', '=', 'counter.queryPhone')
        .executeTakeFirst(),
    (row) => row?.value === '0371-62345679',
  );
  assert.equal(saved?.value, '0371-62345679');
  await pollUntil(
    () => savePhone.isDisabled(),
    (disabled) => disabled,
  );
  assert.deepEqual(errors, []);
  await page.close();
});
