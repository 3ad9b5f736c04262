// 连接到大厅主机 on the desktop app's first-run screen: the built UI in Chromium with the
// preload's bridge stood in for (its `call` goes to a fresh hall host over HTTP; its `hallClient`
// records what the page asks and answers as the main process would). What the main process does
// with the answers (the TLS probe, the file, the restart) is tested in
// test/hallNetwork/clientModeSwitch.test.ts and clientModeMain.test.ts; here: the tab exists only
// in the desktop app, refuses a wrong fingerprint beside the field, and hands over normalized values.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ACTION_TIMEOUT, useHallAndBrowser, watchForPageErrors } from './support/browser';

const SERVED = Array.from({ length: 32 }, (_, i) => (255 - i * 5).toString(16).toUpperCase().padStart(2, '0')).join(
  ':',
);
const TYPED = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).padStart(2, '0')).join('');
const TYPED_NORMALIZED = TYPED.toUpperCase().match(/../g)!.join(':');

/** The preload's bridge, in the page before its scripts run; `window.__hallClient` records the calls. */
const STAND_IN_BRIDGE = `(() => {
  const state = { checks: [], connects: [] };
  window.__hallClient = state;
  const json = (response) => response.json();
  window.townshipDesk = Object.freeze({
    call: (procedure, input) => fetch('/api/' + encodeURIComponent(procedure), {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin', body: JSON.stringify(input),
    }).then(json),
    upload: (bytes) => fetch('/uploads', { method: 'PUT', credentials: 'same-origin', body: bytes }).then(json),
    printing: Object.freeze({
      listPrinters: async () => [], getSettings: async () => ({ byDocumentType: {} }), setSettings: async (s) => s,
      print: async () => ({ ok: false, reason: 'failed', message: '测试中不打印' }),
    }),
    hallClient: Object.freeze({
      check: async (input) => {
        state.checks.push(input);
        return { outcome: 'mismatch', served: ${JSON.stringify(SERVED)}, expected: input.fingerprint,
          message: '大厅主机出示的证书指纹与填写的不一致，不能连接。出示的是 ${SERVED}。' };
      },
      connect: async (input) => { state.connects.push(input); return { outcome: 'restarting' }; },
    }),
  });
})();`;

async function firstRunPage(browser: Browser, url: string, bridge: boolean): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  if (bridge) await context.addInitScript(STAND_IN_BRIDGE);
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT);
  const errors = watchForPageErrors(page);
  await page.goto(url);
  await page.getByRole('tab', { name: '从备份恢复' }).waitFor();
  return { page, errors };
}

const recordedCalls = (page: Page) =>
  page.evaluate('window.__hallClient') as Promise<{ checks: unknown[]; connects: unknown[] }>;

describe('连接到大厅主机 on the first-run screen', () => {
  const setup = useHallAndBrowser();

  test('a browser window of the hall is not offered the tab', async () => {
    const { page, errors } = await firstRunPage(setup.browser, setup.hall.url, false);
    await page.getByRole('tab', { name: '从县级平台重建' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: '连接到大厅主机' }).count(), 0);
    assert.deepEqual(errors, []);
  });

  test('the desktop app: a wrong fingerprint is refused beside the field; 检查连接 shows the one served; 连接 hands over normalized values', async () => {
    const { page, errors } = await firstRunPage(setup.browser, setup.hall.url, true);
    await page.getByRole('tab', { name: '连接到大厅主机' }).click();
    const address = page.getByLabel('大厅地址');
    const fingerprint = page.getByLabel('证书指纹（SHA-256）');

    await address.fill('http://192.168.1.10:4781/');
    await fingerprint.fill('ab:cd:ef');
    await page.getByRole('button', { name: '连接', exact: true }).click();
    await page
      .getByText('证书指纹（fingerprint）：应为 64 个十六进制字符（SHA-256，可带冒号），请照抄大厅网络页面上的指纹')
      .waitFor();
    await page
      .getByText('大厅地址（hallUrl）：应为 https:// 开头的网址，如 https://192.168.1.10:4781/（大厅网络只用 HTTPS）')
      .waitFor();
    assert.deepEqual(await recordedCalls(page), { checks: [], connects: [] }, 'nothing reaches the main process');

    // As read off the hall's page: lower case, no colons, a trailing space; the address without its slash.
    await address.fill('https://192.168.1.10:4781');
    await fingerprint.fill(`${TYPED} `);
    await page.getByRole('button', { name: '检查连接' }).click();
    const outcome = page.getByTestId('hall-check-outcome');
    await outcome.getByText('证书指纹不一致，不要连接').waitFor();
    assert.equal(await page.getByTestId('hall-served-fingerprint').innerText(), SERVED);
    // The field messages go once the fields pass (antd fades them out).
    await page
      .getByText(/应为 64 个十六进制字符|应为 https:\/\/ 开头/)
      .first()
      .waitFor({ state: 'detached' });

    await page.getByRole('button', { name: '连接', exact: true }).click();
    await page.getByText('已保存大厅连接设置，程序正在重新启动').waitFor();
    const normalized = { hallUrl: 'https://192.168.1.10:4781/', fingerprint: TYPED_NORMALIZED };
    assert.deepEqual(await recordedCalls(page), { checks: [normalized], connects: [normalized] });
    assert.deepEqual(errors, []);
  });
});
