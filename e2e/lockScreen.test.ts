import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { SIGN_IN_FAILED_MESSAGE } from '../shared/auth/api';
import { disposeAll } from '../test/support/dispose';
import { opened } from './support/antd';
import { launchBrowser, pollUntil, signIn, startE2eHall, type E2eHall } from './support/browser';

let hall: E2eHall;
let browser: Browser;
before(async () => {
  hall = await startE2eHall({ demo: true, demoResidents: 50 });
  browser = await launchBrowser();
});
after(() => disposeAll([() => browser?.close(), () => hall?.dispose()]));

test('locking hides the page, survives a reload, and unlocking keeps what was typed', async () => {
  const page = await browser.newPage();
  await signIn(page, hall.url, 'demo-clerk');
  await page.goto(new URL('#/residents/new', hall.url).href);
  await page.getByLabel('姓名').fill('欧阳娜娜');
  await page.getByRole('button', { name: '锁定屏幕' }).click();
  const lock = page.getByRole('dialog').filter({ hasText: '屏幕已锁定' });
  await opened(lock);
  assert.equal(await page.getByLabel('姓名').isVisible(), false, 'the form is hidden, not just covered');

  await lock.getByLabel('密码').fill('wrong-password1');
  await lock.getByRole('button', { name: '解锁' }).click();
  await lock
    .getByText(/密码不对|不对/)
    .first()
    .waitFor();
  await lock.getByLabel('密码').fill('Demo1234');
  await lock.getByRole('button', { name: '解锁' }).click();
  await lock.waitFor({ state: 'detached' });
  assert.equal(await page.getByLabel('姓名').inputValue(), '欧阳娜娜');

  await page.getByRole('button', { name: '锁定屏幕' }).click();
  await lock.waitFor();
  // The form still holds what was typed: the browser asks before the reload throws it away.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.reload();
  await page.getByRole('dialog').filter({ hasText: '屏幕已锁定' }).waitFor();
  await page.close();
});

test('a page refused while the screen was locked elsewhere loads by itself once unlocked', async () => {
  // Two tabs of one browser share the session.
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, hall.url, 'demo-clerk');
  // Another tab of the same session locks the screen; this one does not know yet.
  const other = await context.newPage();
  await other.goto(hall.url);
  await other.getByRole('button', { name: '锁定屏幕' }).click();
  await other.getByRole('dialog').filter({ hasText: '屏幕已锁定' }).waitFor();

  // Opening the worklist here is refused (423): the lock comes up, the page says why.
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '窗口受理' }).click();
  const lock = page.getByRole('dialog').filter({ hasText: '屏幕已锁定' });
  await opened(lock);
  await lock.getByLabel('密码').fill('Demo1234');
  await lock.getByRole('button', { name: '解锁' }).click();
  await lock.waitFor({ state: 'detached' });
  // No 重试 needed: the worklist is there, the lock's refusal gone.
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  assert.equal(await page.getByText('屏幕已锁定，请先输入密码解锁').count(), 0);
  assert.equal(await page.getByRole('button', { name: '重试' }).count(), 0);
  await context.close();
});

test('wrong passwords at the lock screen lock the account: back to sign-in, where every failure reads alike', async () => {
  const page = await browser.newPage();
  await signIn(page, hall.url, 'demo-clerk2');
  await page.getByRole('button', { name: '锁定屏幕' }).click();
  const lock = await opened(page.getByRole('dialog').filter({ hasText: '屏幕已锁定' }));
  for (let i = 1; i <= 4; i++) {
    await lock.getByLabel('密码').fill(`wrong-password${i}`);
    await lock.getByRole('button', { name: '解锁' }).click();
    await lock.getByText('密码不对').waitFor();
    // The message stays between attempts: wait until this attempt's answer has cleared the field.
    const field = lock.getByLabel('密码');
    assert.equal(
      await pollUntil(
        () => field.inputValue(),
        (value) => value === '',
      ),
      '',
    );
  }
  await lock.getByLabel('密码').fill('wrong-password5');
  await lock.getByRole('button', { name: '解锁' }).click();
  // The session is over: the sign-in screen says why.
  await page.getByText(/账号已被暂时锁定，本次登录已结束/).waitFor();
  await page.getByRole('button', { name: '登录' }).waitFor();

  // The right password now gets the one answer every failed sign-in gets.
  await page.getByLabel('用户名').fill('demo-clerk2');
  await page.getByLabel('密码', { exact: true }).fill('Demo1234');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('alert').filter({ hasText: SIGN_IN_FAILED_MESSAGE }).waitFor();
  await page.getByLabel('用户名').fill('nobody-here');
  await page.getByLabel('密码', { exact: true }).fill('Demo1234');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('alert').filter({ hasText: SIGN_IN_FAILED_MESSAGE }).waitFor();
  assert.equal(await page.getByText(/再错|次机会/).count(), 0);
  await page.close();
});
