import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { disposeAll } from '../test/support/dispose';
import { opened } from './support/antd';
import { ACTION_TIMEOUT, launchBrowser, startE2eHall, watchForPageErrors, type E2eHall } from './support/browser';

let hall: E2eHall;
let browser: Browser;
before(async () => {
  hall = await startE2eHall();
  browser = await launchBrowser();
});
after(() => disposeAll([() => browser?.close(), () => hall?.dispose()]));

test('first run: the administrator is created in the browser, then adds a clerk', async () => {
  const page = await browser.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT);
  const errors = watchForPageErrors(page);
  await page.goto(hall.url);
  await page.getByLabel('乡镇名称').fill('城关镇');
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('姓名').fill('王管理');
  await page.getByLabel('密码', { exact: true }).fill('Admin2026');
  await page.getByLabel('确认密码').fill('Admin2026');
  await page.getByRole('button', { name: '完成设置' }).click();
  await page.getByRole('navigation', { name: '主菜单' }).waitFor();
  await page.getByText('城关镇').first().waitFor();

  await page.getByRole('menuitem', { name: '系统管理' }).click();
  await page.getByRole('button', { name: /新建用户/ }).click();
  const dialog = await opened(page.getByRole('dialog'));
  await dialog.getByLabel('用户名').fill('clerk1');
  await dialog.getByLabel('姓名').fill('李窗口');
  await dialog.getByRole('checkbox', { name: '窗口工作人员' }).check();
  await dialog.getByLabel('初始密码').fill('Initial123');
  await dialog.getByRole('button', { name: '创建' }).click();
  await page.getByRole('cell', { name: 'clerk1', exact: true }).waitFor();

  const users = await hall.backend.db
    .selectFrom('users')
    .select(['username', 'roles', 'must_change_password'])
    .execute();
  assert.deepEqual(
    users.map((u) => [u.username, JSON.parse(u.roles), u.must_change_password]),
    [
      ['admin', ['administrator'], 0],
      ['clerk1', ['counterClerk'], 1],
    ],
  );
  assert.deepEqual(errors, []);
  await page.close();
});
