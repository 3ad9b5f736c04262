// The calling panel at window 3 of the demo hall, in a real browser at 1366×768: tickets taken
// for residents (the staff procedure, as the kiosk's own test takes them on the kiosk page), the
// clerk chooses the window once, calls with F8, recalls with F9, skips one, transfers one to
// window 2, and takes the next in (开始办理): the intake names the ticket, 受理窗口 is filled from
// the window, and the accepted case and the ticket point at each other; the day's statistics
// count it all per window.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../demo/demoTownship';
import { morningOf, TestClient } from '../test/support/testHall';
import { buttonName, opened, pickOption } from './support/antd';
import { signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';

/** 农村土地经营权流转合同备案: a 承诺件 in the demo catalog. */
const ITEM_CODE = 'NY-004';
const ITEM_NAME = '农村土地经营权流转合同备案';

describe('queue tickets called at window 3 and taken in as a case', () => {
  const clock = { current: morningOf('2026-11-23') };
  const setup = useHallAndBrowser({ demo: true, demoResidents: 20, clock });
  const minutesLater = (minutes: number) => {
    clock.current = new Date(clock.current.getTime() + minutes * 60_000);
  };

  test('call, recall, skip, transfer, take in; the case and the ticket linked; the statistics', async () => {
    const { hall, browser } = setup;
    // The other clerk, at window 2, works through the API.
    const clerk2 = new TestClient(hall.url);
    await clerk2.ok('auth.login', { username: 'demo-clerk2', password: DEMO_PASSWORD });
    const { windows, categories } = await clerk2.ok('queue.windows', {});
    const category = (prefix: string) => categories.find((c) => c.prefix === prefix)!.id;
    const window2 = windows.find((w) => w.name === '2号窗口')!;
    const taken = [];
    for (const prefix of ['A', 'A', 'B']) {
      minutesLater(1);
      taken.push(
        await clerk2.ok('queue.takeTicketAtCounter', { requestId: crypto.randomUUID(), categoryId: category(prefix) }),
      );
    }
    assert.deepEqual(
      taken.map((t) => t.number),
      ['A001', 'A002', 'B001'],
    );
    const resident = await hall.backend.db
      .selectFrom('residents')
      .select(['name'])
      .orderBy('name')
      .limit(1)
      .executeTakeFirstOrThrow();

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchForPageErrors(page);
    await signIn(page, hall.url, 'demo-clerk');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '窗口受理' }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await page.getByRole('link', { name: '叫号' }).click();

    // The window is chosen once on this computer.
    await page.getByText('本机是哪个窗口？').waitFor();
    await pickOption(page.getByLabel('窗口'), '3号窗口');
    await page.getByRole('button', { name: buttonName('确定') }).click();
    await page.getByRole('heading', { name: '叫号 · 3号窗口' }).waitFor();
    const waiting = page.locator('[aria-label="等候人数"]');
    await waiting.getByText('A 社保医保').waitFor();
    const current = page.locator('[aria-label="当前号码"]');

    // F8 calls the oldest of A and B: A001. F9 recalls it.
    minutesLater(4);
    await page.keyboard.press('F8');
    await current.filter({ hasText: 'A001' }).waitFor();
    minutesLater(1);
    await page.keyboard.press('F9');
    await page.getByText('已重呼 1 次').waitFor();

    // Nobody comes: 过号. It is listed for calling back.
    await page.getByRole('button', { name: buttonName('过号') }).click();
    await page.getByText(/本窗口今天过号的号（1）/).waitFor();
    await current.waitFor({ state: 'detached' });

    // A002 is for window 2: 转窗口.
    minutesLater(1);
    await page.getByRole('button', { name: /叫号（F8）/ }).click();
    await current.filter({ hasText: 'A002' }).waitFor();
    await page.getByRole('button', { name: /转窗口/ }).click();
    const dialog = await opened(page.getByRole('dialog'));
    await pickOption(dialog.getByLabel('转至窗口'), '2号窗口');
    await dialog.getByRole('button', { name: /转窗口/ }).click();
    await page.getByText('已转至2号窗口').waitFor();
    // Until the dialog has gone, keys belong to it (the page's hot keys stay quiet).
    await dialog.waitFor({ state: 'hidden' });
    await current.waitFor({ state: 'detached' });
    // Window 2 calls it before any other A: it was transferred there.
    minutesLater(1);
    const atTwo = (await clerk2.ok('queue.call', { windowId: window2.id })).ticket;
    assert.equal(atTwo.number, 'A002');
    minutesLater(5);
    await clerk2.ok('queue.finish', { id: atTwo.id, version: atTwo.version });

    // B001: 开始办理 opens the intake with the ticket on it.
    await page.keyboard.press('F8');
    await current.filter({ hasText: 'B001' }).waitFor();
    await page.getByRole('button', { name: '开始办理' }).click();
    await page.getByRole('heading', { name: '收件受理' }).waitFor();
    await page.getByText(/3号窗口当前号\s*B001/).waitFor();
    assert.ok(await page.getByRole('checkbox', { name: '受理后关联此号' }).isChecked());
    assert.equal(await page.getByLabel('受理窗口').inputValue(), '3号窗口', '受理窗口 filled from the chosen window');
    await page.getByLabel('查找申请人').fill(resident.name);
    await page
      .getByRole('row', { name: new RegExp(resident.name) })
      .first()
      .click();
    await page.getByRole('button', { name: /更换申请人/ }).waitFor();
    await pickOption(page.getByLabel('办理事项'), ITEM_NAME, { search: ITEM_CODE });
    await page.getByRole('button', { name: /全部勾选/ }).click();
    minutesLater(6);
    await page.getByRole('button', { name: /^(check-circle )?受理$/ }).click();
    await page.getByText(/已受理，办件编号 SL-2026-\d{6}/).waitFor();
    const caseNumber = (await page.getByText(/已受理，办件编号/).textContent())!.match(/SL-2026-\d{6}/)![0];

    // The case names its ticket; the ticket names its case.
    await page.getByRole('link', { name: '查看办件' }).click();
    await page.getByRole('heading', { name: new RegExp(`办件 ${caseNumber}`) }).waitFor();
    await page.getByText('排队号 B001').waitFor();
    await page.goto(`${hall.url}#/queue`);
    await current.filter({ hasText: 'B001' }).waitFor();
    await page.getByText('办理中').first().waitFor();
    await page.getByRole('link', { name: caseNumber }).waitFor();
    minutesLater(2);
    await page.getByRole('button', { name: buttonName('办结') }).click();
    await current.waitFor({ state: 'detached' });

    // The day's figures: window 3 first called all three (waited 6, 7 and 12 minutes), skipped
    // A001, transferred A002 out and finished B001 (called 09:45, finished 09:53: 8 minutes);
    // window 2 finished A002 (called 09:40, finished 09:45: 5 minutes).
    await page.goto(`${hall.url}#/statistics/queue`);
    await page.getByRole('tab', { name: '排队统计', selected: true }).waitFor();
    const windowTable = page.getByRole('table').first();
    const cells = async (name: string) =>
      (
        await windowTable
          .getByRole('row', { name: new RegExp(`^${name}`) })
          .getByRole('cell')
          .allTextContents()
      ).map((c) => c.trim());
    await windowTable.getByRole('row', { name: /^3号窗口/ }).waitFor();
    // 窗口, 叫号, 办结, 过号, 转窗口, 等候 平均/中位数/最长, 办理 平均/中位数/最长.
    assert.deepEqual((await cells('3号窗口')).slice(0, 5), ['3号窗口', '3', '1', '1', '1']);
    assert.deepEqual((await cells('3号窗口')).slice(8, 11), ['8分00秒', '8分00秒', '8分00秒']);
    assert.deepEqual((await cells('2号窗口')).slice(0, 5), ['2号窗口', '0', '1', '0', '0']);
    assert.deepEqual((await cells('2号窗口')).slice(8, 11), ['5分00秒', '5分00秒', '5分00秒']);
    assert.deepEqual((await cells('全厅合计')).slice(0, 5), ['全厅合计', '3', '2', '1', '1']);
    assert.deepEqual(errors, []);
  });
});
