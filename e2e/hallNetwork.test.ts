// 大厅网络 as a hall uses it: the administrator turns LAN access on in 系统管理 (listening on a
// second loopback address, 127.0.0.2, with the certificate the host makes); a second browser that
// trusts exactly that certificate (by its SPKI pin — no blanket ignoring of certificate errors)
// signs in as a clerk and accepts a case, which the hall's own window sees in its worklist; the
// administrator sees the clerk's window in the list of connected windows; turning LAN access off
// makes the second window's next call fail with words saying so.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, describe, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { HALL_NETWORK_CLOSED_MESSAGE } from '../shared/hallNetwork/api';
import { parseClientMode } from '../electron/main/clientMode';
import { morningOf } from '../test/support/testHall';
import { opened, pickOption } from './support/antd';
import { CHROMIUM_ARGS, CHROMIUM_PATH, signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';

const LAN_ADDRESS = '127.0.0.2';
const VIEWPORT = { width: 1366, height: 768 };
/** 农村土地经营权流转合同备案: a 承诺件 of 5 working days in the demo catalog. */
const ITEM_CODE = 'NY-004';
const ITEM_NAME = '农村土地经营权流转合同备案';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, LAN_ADDRESS, resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('大厅网络: a window on the hall LAN works on the hall’s data until the administrator closes it', () => {
  const clock = { current: morningOf('2026-09-29') };
  const setup = useHallAndBrowser({ demo: true, demoResidents: 20, clock });
  let lanBrowser: Browser | undefined;
  after(() => lanBrowser?.close());

  test('turned on in the UI, used by a clerk over HTTPS on 127.0.0.2, listed, turned off', async () => {
    const { hall, browser } = setup;
    const port = await freePort();
    const resident = await hall.backend.db
      .selectFrom('residents')
      .select(['name'])
      .orderBy('name')
      .limit(1)
      .executeTakeFirstOrThrow();

    // The administrator, on the host's own address, turns LAN access on — by keyboard.
    const adminPage = await browser.newPage({ viewport: VIEWPORT });
    const adminErrors = watchForPageErrors(adminPage);
    await signIn(adminPage, hall.url, 'demo-admin');
    await adminPage.goto(`${hall.url}#/system/hallNetwork`);
    await adminPage.getByRole('tab', { name: '大厅网络', selected: true }).waitFor();
    await adminPage.getByText('未开放', { exact: true }).waitFor();
    const address = adminPage.getByLabel('监听地址');
    await address.fill(LAN_ADDRESS);
    await address.press('Escape');
    await adminPage.getByLabel('端口').fill(String(port));
    await adminPage.getByRole('switch', { name: '允许局域网访问' }).focus();
    await adminPage.keyboard.press('Space');
    await adminPage.getByText('已开放', { exact: true }).waitFor();
    const lanUrl = `https://${LAN_ADDRESS}:${port}/`;
    assert.equal((await adminPage.getByTestId('hall-network-url').innerText()).trim(), lanUrl);
    const fingerprint = (await adminPage.getByTestId('hall-network-fingerprint').innerText()).trim();
    assert.match(fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const spkiPin = (await adminPage.getByTestId('hall-network-spki').innerText()).trim();
    assert.match(spkiPin, /^[A-Za-z0-9+/]{43}=$/);
    // The QR code carries the address for a phone to read.
    await adminPage.locator('.ant-qrcode svg').waitFor();
    // The file a desktop app in client mode needs, as the page gives it, is one client mode takes.
    const clientFile = parseClientMode((await adminPage.getByTestId('hall-network-client-file').innerText()).trim());
    assert.deepEqual(clientFile.mode === 'client' && [clientFile.client.hallUrl, clientFile.client.fingerprint], [
      lanUrl,
      fingerprint,
    ]);

    // The hall's own window: another clerk at the worklist on this machine.
    const hallPage = await browser.newPage({ viewport: VIEWPORT });
    await signIn(hallPage, hall.url, 'demo-clerk2');
    await hallPage.goto(`${hall.url}#/counter`);
    await hallPage.getByRole('heading', { name: '工作台' }).waitFor();
    // The whole hall's cases, not only this clerk's own.
    await hallPage.getByRole('switch', { name: '只看本人' }).click();

    // A browser told nothing refuses the self-signed certificate: trust is given, not assumed.
    const untrusting = await browser.newPage();
    await assert.rejects(untrusting.goto(lanUrl), /ERR_CERT/);
    await untrusting.close();

    // A second browser trusting exactly that certificate's key.
    lanBrowser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${spkiPin}`],
      headless: true,
    });
    const lanPage = await lanBrowser.newPage({ viewport: VIEWPORT });
    const lanErrors = watchForPageErrors(lanPage);
    await signIn(lanPage, lanUrl, 'demo-clerk');
    assert.equal(new URL(lanPage.url()).host, `${LAN_ADDRESS}:${port}`);

    // The clerk accepts a case over the LAN.
    await lanPage.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '窗口受理' }).click();
    await lanPage.getByRole('heading', { name: '工作台' }).waitFor();
    await lanPage.getByRole('link', { name: /收件受理/ }).click();
    await lanPage.getByRole('heading', { name: '收件受理' }).waitFor();
    await lanPage.getByLabel('查找申请人').fill(resident.name);
    await lanPage
      .getByRole('row', { name: new RegExp(resident.name) })
      .first()
      .click();
    await lanPage.getByRole('button', { name: /更换申请人/ }).waitFor();
    await pickOption(lanPage.getByLabel('办理事项'), ITEM_NAME, { search: ITEM_CODE });
    await lanPage.getByText('承诺 5 个工作日').first().waitFor();
    await lanPage.getByRole('button', { name: /全部勾选/ }).click();
    await lanPage.getByLabel('受理窗口').fill('5号窗口');
    await lanPage.getByRole('button', { name: /^(check-circle )?受理$/ }).click();
    await lanPage.getByText(/已受理，办件编号 SL-2026-\d{6}/).waitFor();
    const caseNumber = (await lanPage.getByText(/已受理，办件编号/).textContent())!.match(/SL-2026-\d{6}/)![0];

    // The hall's own window sees it in the worklist.
    await hallPage.getByRole('button', { name: /刷新/ }).click();
    await hallPage.getByRole('row', { name: new RegExp(caseNumber) }).waitFor();

    // The administrator sees the clerk's window, come in through 127.0.0.2.
    const windows = adminPage.getByRole('table', { name: '已连接的窗口' });
    const clerkRow = windows.getByRole('row', { name: new RegExp(`李晓燕.*大厅网络（${LAN_ADDRESS}:${port}）`) });
    await clerkRow.waitFor();
    assert.match(await clerkRow.innerText(), /窗口工作人员/);
    await windows.getByRole('row', { name: /王芳.*本机（浏览器）/ }).waitFor();
    await windows.getByRole('row', { name: /赵志强.*本窗口/ }).waitFor();

    // Turned off (asked first): the port closes and the LAN window's next call says why.
    await adminPage.getByRole('switch', { name: '允许局域网访问' }).click();
    const confirm = await opened(adminPage.getByRole('dialog'));
    assert.match(await confirm.innerText(), /经大厅网络登录的窗口立即退出/);
    await confirm.getByRole('button', { name: '关闭大厅网络' }).click();
    await adminPage.getByText('未开放', { exact: true }).waitFor();
    await windows.getByRole('row', { name: /李晓燕/ }).waitFor({ state: 'detached' });

    // (The port is closed, so the browser reaches nothing: the page says what that most likely means.)
    await lanPage.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '窗口受理' }).click();
    await lanPage
      .getByText(/大厅网络(可能)?已关闭/)
      .first()
      .waitFor();

    // Opened again, the old window is not let back in on its old sign-in: it is told, and asked to sign in.
    await adminPage.getByRole('switch', { name: '允许局域网访问' }).click();
    await adminPage.getByText('已开放', { exact: true }).waitFor();
    assert.equal(
      (await adminPage.getByTestId('hall-network-fingerprint').innerText()).trim(),
      fingerprint,
      'the same certificate: windows that trust it need not be told again',
    );
    await lanPage.getByRole('button', { name: '重试' }).click();
    await lanPage.getByText(HALL_NETWORK_CLOSED_MESSAGE).waitFor();
    await lanPage.getByLabel('用户名').waitFor();

    assert.deepEqual(adminErrors, []);
    assert.deepEqual(lanErrors, []);
  });
});
