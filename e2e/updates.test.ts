// 新版本可用 as the administrator sees it in the desktop app, and 立即安装 waiting for unsaved
// input. The desktop app's window is the built UI in Chromium with the preload's bridge stood in
// for (its `call` and `upload` go to the hall host over HTTP, as the browser's own transport
// does; its `updates` is driven by the test, as the main process would drive it). What the main
// process decides is tested in test/electron-shell/updaterFlow.test.ts; here: that the page
// answers "any unsaved input?" from its form guard, and shows the update to administrators only —
// and nothing at all in a plain browser.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { UpdateStatus } from '../shared/updates/bridge';
import { signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';

const READY: UpdateStatus = {
  phase: 'ready',
  currentVersion: '0.1.0',
  version: '0.2.0',
  releaseNotes: '新增：大厅网络\n修复：补打回执时的页边距',
  releaseDate: '2026-12-01T08:00:00.000Z',
  downloadPercent: 100,
  signedBy: '某县信息中心',
  problem: null,
  lastCheckedAt: '2026-12-07T08:00:00.000Z',
  nextCheckAt: '2026-12-07T14:00:00.000Z',
  serverUrl: 'https://10.1.2.3/township-desk/',
};

/** The preload's bridge, in the page before its scripts run; `window.__updates` lets the test play the main process. */
const STAND_IN_BRIDGE = `(() => {
  const listeners = new Set();
  let isDirty = null;
  const state = { status: ${JSON.stringify({ ...READY, phase: 'idle', version: null, releaseNotes: null })}, installs: 0, asked: [],
    settings: { serverUrl: '', certificateFingerprint: '', caCertificatePem: '' } };
  const json = (response) => response.json();
  window.__updates = {
    state,
    emit(status) { state.status = status; for (const listener of listeners) listener(status); },
  };
  window.townshipDesk = Object.freeze({
    call: (procedure, input) => fetch('/api/' + encodeURIComponent(procedure), {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin', body: JSON.stringify(input),
    }).then(json),
    upload: (bytes) => fetch('/uploads', { method: 'PUT', credentials: 'same-origin', body: bytes }).then(json),
    printing: Object.freeze({
      listPrinters: async () => [], getSettings: async () => ({ byDocumentType: {} }), setSettings: async (s) => s,
      print: async () => ({ ok: false, reason: 'failed', message: '测试中不打印' }),
    }),
    updates: Object.freeze({
      status: async () => state.status,
      onStatus: (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
      check: async () => state.status,
      // As the main process does (updateInstall.ts): ask the page, install only when nothing is unsaved.
      install: async () => {
        const dirty = isDirty === null ? null : isDirty();
        state.asked.push(dirty);
        if (dirty !== false) return { outcome: 'waiting', message: '有未保存的内容，暂不安装：请先保存或关闭正在填写的表单，之后将自动安装新版本（也可在下次退出程序时安装）。' };
        state.installs++;
        return { outcome: 'installing' };
      },
      getSettings: async () => state.settings,
      setSettings: async (settings) => { state.settings = settings; return settings; },
      answerFormQuestions: (check) => { isDirty = check; },
    }),
  });
})();`;

async function desktopWindow(browser: import('playwright-core').Browser): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(STAND_IN_BRIDGE);
  const page = await context.newPage();
  return { page, errors: watchForPageErrors(page) };
}

const emit = (page: Page, status: UpdateStatus) => page.evaluate(`window.__updates.emit(${JSON.stringify(status)})`);
const bridgeState = (page: Page) =>
  page.evaluate('window.__updates.state') as Promise<{ installs: number; asked: (boolean | null)[] }>;

describe('updates in the desktop window', () => {
  const setup = useHallAndBrowser({ demo: true, demoResidents: 50 });

  test('新版本可用 in the header and on 软件更新; 立即安装 waits while the settings form holds unsaved input', async () => {
    const { hall, browser } = setup;
    const { page, errors } = await desktopWindow(browser);
    await signIn(page, hall.url, 'demo-admin');
    assert.equal(await page.getByTestId('update-available').count(), 0, 'nothing new yet');

    await emit(page, READY);
    const tag = page.getByTestId('update-available');
    await tag.waitFor();
    assert.equal((await tag.textContent())?.trim(), '新版本可用 0.2.0');
    await tag.click();
    await page.getByRole('tab', { name: '软件更新', selected: true }).waitFor();
    const card = page.getByTestId('update-status');
    await card.getByText('新版本可用：0.2.0').waitFor();
    await card.getByText('已下载，已通过县级更新签名验证（签名密钥：某县信息中心）。').waitFor();
    assert.equal(await card.getByTestId('release-notes').innerText(), READY.releaseNotes);

    // Input typed and not saved: 立即安装 asks the page, which says so; nothing is installed.
    await page.getByLabel('更新服务器地址').fill('https://10.9.9.9/township-desk/');
    await card.getByRole('button', { name: '立即安装' }).click();
    await page
      .locator('.ant-modal-confirm')
      .filter({ hasText: '暂不安装' })
      .getByText(/有未保存的内容/)
      .waitFor();
    const waited = await bridgeState(page);
    assert.deepEqual([waited.installs, waited.asked], [0, [true]]);
    await page.getByRole('button', { name: /知道了|OK|确定/ }).click();

    // Saved: the same click installs.
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('更新设置已保存，下次检查更新时使用').waitFor();
    await card.getByRole('button', { name: '立即安装' }).click();
    await page.waitForFunction('window.__updates.state.installs === 1');
    assert.deepEqual((await bridgeState(page)).asked, [true, false]);

    // What the main process reports next is shown as it comes.
    await emit(page, { ...READY, phase: 'refused', problem: '更新包未通过县级更新签名验证，已删除：县级更新签名无效' });
    await card.getByText('新版本 0.2.0 不会安装').waitFor();
    assert.equal(await page.getByTestId('update-available').count(), 0);
    assert.deepEqual(errors, []);
  });

  test('a clerk is not shown the update', async () => {
    const { hall, browser } = setup;
    const { page, errors } = await desktopWindow(browser);
    await signIn(page, hall.url, 'demo-clerk');
    await emit(page, READY);
    await page.getByRole('button', { name: '退出' }).waitFor();
    // The status is published synchronously and rendered in the next frame: two frames later the
    // header would show the tag if it showed it to clerks.
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    assert.equal(await page.getByTestId('update-available').count(), 0);
    assert.deepEqual(errors, []);
  });
});

describe('the hall in a browser', () => {
  const setup = useHallAndBrowser({ demo: true, demoResidents: 50 });

  test('has no updater: no 软件更新 tab, no tag, and the address says why', async () => {
    const { hall, browser } = setup;
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchForPageErrors(page);
    await signIn(page, hall.url, 'demo-admin');
    await page.goto(`${hall.url}#/system/users`);
    await page.getByRole('tab', { name: '用户', selected: true }).waitFor();
    assert.equal(await page.getByRole('tab', { name: '软件更新' }).count(), 0);
    assert.equal(await page.getByTestId('update-available').count(), 0);
    await page.goto(`${hall.url}#/system/updates`);
    await page.getByText('软件更新只在桌面程序中进行；浏览器中的大厅窗口不需要更新。').waitFor();
    assert.deepEqual(errors, []);
  });
});
