// The hall's screens in real browsers, each screen in a browser context of its own as on its own
// device: the administrator pairs a ticket kiosk, the hall's TV and the rating pad of 3号窗口; a
// ticket taken at the kiosk (its 80 mm slip read back) is called at window 3 and shown and said on
// the TV (speechSynthesis stubbed to record what it is asked to say); the clerk takes it in and
// accepts the case, which the pad shows to check; once the case is done and delivered the clerk
// presents it, the resident taps 满意 on the pad and the case page says 群众评价.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../demo/demoTownship';
import { morningOf, TestClient } from '../test/support/testHall';
import { buttonName, opened, pickOption } from './support/antd';
import { ACTION_TIMEOUT, pollUntil, signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';

const run = promisify(execFile);

/** 农村土地经营权流转合同备案: a 承诺件 in the demo catalog. */
const ITEM_CODE = 'NY-004';
const ITEM_NAME = '农村土地经营权流转合同备案';

interface Spoken {
  text: string;
  lang: string;
}

/** Records what the page asks the speech synthesis to say, instead of saying it. */
const RECORD_SPEECH = `
  window.__spoken = [];
  window.speechSynthesis.speak = (utterance) => {
    window.__spoken.push({ text: utterance.text, lang: utterance.lang });
  };
`;

/** Records each print() of a frame (the slip's print page) in the kiosk's page. */
const RECORD_PRINTS = `
  window.print = () => {
    window.top.__printed = [...(window.top.__printed || []), document.title];
  };
`;

const spoken = (page: Page) => page.evaluate(() => (globalThis as unknown as { __spoken: Spoken[] }).__spoken);

describe('the hall’s screens: kiosk, calling screen and the rating pad of 3号窗口', () => {
  const clock = { current: morningOf('2026-11-23') };
  const setup = useHallAndBrowser({ demo: true, demoResidents: 20, clock });
  const minutesLater = (minutes: number) => {
    clock.current = new Date(clock.current.getTime() + minutes * 60_000);
  };
  const contexts: BrowserContext[] = [];

  async function screenPage(link: string, viewport: { width: number; height: number }, init?: string) {
    const context = await setup.browser.newContext({ viewport });
    contexts.push(context);
    if (init) await context.addInitScript({ content: init });
    const page = await context.newPage();
    page.setDefaultTimeout(ACTION_TIMEOUT);
    const errors = watchForPageErrors(page);
    await page.goto(link);
    return { page, errors };
  }

  test('pair, take a ticket, call it, accept it, present it, rate it on the pad', async () => {
    const { hall, browser } = setup;
    try {
      // ---- The administrator adds and pairs the three screens.
      const admin = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const adminErrors = watchForPageErrors(admin);
      await signIn(admin, hall.url, 'demo-admin');
      await admin.goto(`${hall.url}#/system/hallScreens`);
      await admin.getByRole('tab', { name: '大厅设备', selected: true }).waitFor();

      async function addScreen(kind: string, name: string, windowName?: string): Promise<string> {
        await admin.getByRole('button', { name: '添加设备' }).click();
        const dialog = await opened(admin.getByRole('dialog', { name: '添加大厅设备' }));
        await dialog.getByRole('radio', { name: kind }).check();
        await dialog.getByLabel('设备名称').fill(name);
        if (windowName) await dialog.getByLabel('所在窗口').fill(windowName);
        await dialog.getByRole('button', { name: /添加并生成配对码/ }).click();
        const shown = await opened(admin.getByRole('dialog', { name: `配对“${name}”` }));
        const code = (await shown.getByTestId('pairing-code').textContent())!.trim();
        assert.match(code, /^\d{6}$/);
        const link = (await shown.getByTestId('pairing-link').textContent())!.trim();
        assert.equal(link, `${hall.url.replace(/\/$/, '')}/#/screen/pair?code=${code}`);
        await shown.getByRole('button', { name: buttonName('完成') }).click();
        await shown.waitFor({ state: 'hidden' });
        return link;
      }
      const kioskLink = await addScreen('取号机', '大厅入口取号机');
      const tvLink = await addScreen('叫号屏', '大厅电视');
      const padLink = await addScreen('评价器', '3号窗口评价器', '3号窗口');

      // ---- Each screen's browser opens its link once: paired, it shows its page.
      const kiosk = await screenPage(kioskLink, { width: 1366, height: 768 }, RECORD_PRINTS);
      await kiosk.page.getByRole('region', { name: '请选择办理类别' }).waitFor();
      const tv = await screenPage(tvLink, { width: 1920, height: 1080 }, RECORD_SPEECH);
      await tv.page.getByRole('region', { name: '当前叫号' }).waitFor();
      await tv.page.getByRole('button', { name: '点此开启语音播报' }).click();
      await tv.page.getByRole('button', { name: /语音播报：开/ }).waitFor();
      const pad = await screenPage(padLink, { width: 1366, height: 768 });
      await pad.page.getByText('欢迎来到').waitFor();
      await pad.page.getByText('3号窗口竭诚为您服务').waitFor();
      // The list says they are paired.
      for (const name of ['大厅入口取号机', '大厅电视', '3号窗口评价器']) {
        await admin
          .getByRole('row', { name: new RegExp(name) })
          .getByText('已配对')
          .waitFor();
      }

      // ---- A resident takes a 民政救助 ticket with the keypad (B is the second category).
      await kiosk.page.getByRole('button', { name: /B 民政救助/ }).waitFor();
      minutesLater(1);
      await kiosk.page.keyboard.press('2');
      const number = kiosk.page.getByTestId('kiosk-ticket-number');
      await number.waitFor();
      const ticketNumber = (await number.textContent())!.trim();
      assert.match(ticketNumber, /^B\d{3}$/);
      await kiosk.page.getByText('前面还有 0 人').waitFor();
      // Its slip is drawn by the print page in a hidden frame, which then prints; the PDF is read
      // back through the kiosk's own cookie.
      await pollUntil(
        () => kiosk.page.evaluate(() => (globalThis as unknown as { __printed?: string[] }).__printed ?? []),
        (printed) => printed.length > 0,
      ).then((printed) => assert.deepEqual(printed, ['打印就绪'], 'the slip printed once, when drawn'));
      const framed = await kiosk.page.getByTestId('kiosk-print-frame').getAttribute('src');
      const slipUrl = new URLSearchParams(framed!.slice(framed!.indexOf('?') + 1)).get('file')!;
      assert.match(slipUrl, /^\/files\//);
      const slip = await kiosk.page.request.get(new URL(slipUrl, hall.url).toString());
      assert.equal(slip.status(), 200);
      const slipText = await pdfText(await slip.body());
      assert.ok(slipText.includes(ticketNumber), slipText);
      assert.match(slipText, /民政救助/);
      // A clerk's browser, or anyone without the kiosk's cookie, does not get the slip.
      assert.equal((await admin.request.get(new URL(slipUrl, hall.url).toString())).status(), 404);

      // ---- Window 3 calls it: the TV shows it and says it, in Chinese.
      const clerk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const clerkErrors = watchForPageErrors(clerk);
      await signIn(clerk, hall.url, 'demo-clerk');
      await clerk.goto(`${hall.url}#/queue`);
      await clerk.getByText('本机是哪个窗口？').waitFor();
      await pickOption(clerk.getByLabel('窗口'), '3号窗口');
      await clerk.getByRole('button', { name: buttonName('确定') }).click();
      await clerk.getByRole('heading', { name: '叫号 · 3号窗口' }).waitFor();
      minutesLater(3);
      await clerk.keyboard.press('F8');
      await clerk.locator('[aria-label="当前号码"]').filter({ hasText: ticketNumber }).waitFor();

      const words = `请 ${ticketNumber} 号 到 3号窗口 办理`;
      await tv.page.getByTestId('calling-latest-number').filter({ hasText: ticketNumber }).waitFor();
      await tv.page.getByText('请到 3号窗口').waitFor();
      const said = await pollUntil(
        () => spoken(tv.page),
        (list) => list.some((s) => s.text === words),
      );
      assert.deepEqual(said, [
        { text: '语音播报已开启', lang: 'zh-CN' },
        { text: words, lang: 'zh-CN' },
      ]);

      // A reload of the TV does not say the call again; a recall is said again.
      await tv.page.reload();
      await tv.page.getByTestId('calling-latest-number').filter({ hasText: ticketNumber }).waitFor();
      await tv.page.getByRole('button', { name: /语音播报：开/ }).waitFor();
      minutesLater(1);
      await clerk.keyboard.press('F9');
      await clerk.getByText('已重呼 1 次').waitFor();
      const afterReload = await pollUntil(
        () => spoken(tv.page),
        (list) => list.length > 0,
      );
      assert.deepEqual(
        afterReload,
        [{ text: words, lang: 'zh-CN' }],
        'only the recall, not the call before the reload',
      );

      // ---- The clerk takes the ticket in: the intake is for 3号窗口 and the ticket.
      await clerk.getByRole('button', { name: '开始办理' }).click();
      await clerk.getByRole('heading', { name: '收件受理' }).waitFor();
      assert.equal(await clerk.getByLabel('受理窗口').inputValue(), '3号窗口');
      const resident = await hall.backend.db
        .selectFrom('residents')
        .select(['name'])
        .orderBy('name')
        .limit(1)
        .executeTakeFirstOrThrow();
      await clerk.getByLabel('查找申请人').fill(resident.name);
      await clerk
        .getByRole('row', { name: new RegExp(resident.name) })
        .first()
        .click();
      await clerk.getByRole('button', { name: /更换申请人/ }).waitFor();
      await pickOption(clerk.getByLabel('办理事项'), ITEM_NAME, { search: ITEM_CODE });
      await clerk.getByRole('button', { name: /全部勾选/ }).click();
      minutesLater(5);
      await clerk.getByRole('button', { name: /^(check-circle )?受理$/ }).click();
      await clerk.getByText(/已受理，办件编号 SL-2026-\d{6}/).waitFor();
      const caseNumber = (await clerk.getByText(/已受理，办件编号/).textContent())!.match(/SL-2026-\d{6}/)![0];

      // ---- The pad shows it at once, to check: number, item, the name masked.
      const padCase = pad.page.getByRole('definition');
      await pad.page.getByText('您的办件已受理，请核对').waitFor();
      await padCase.filter({ hasText: caseNumber }).waitFor();
      await padCase.filter({ hasText: ITEM_NAME }).waitFor();
      const masked = [...resident.name].map((ch, i, all) => (i === 0 || i === all.length - 1 ? ch : '*')).join('');
      await padCase.filter({ hasText: resident.name.length > 1 ? masked : resident.name }).waitFor();
      assert.equal(
        await pad.page.getByText(resident.name, { exact: true }).count(),
        0,
        'the full name stays off the pad',
      );
      assert.equal(
        await pad.page.getByRole('button', { name: '满意', exact: true }).count(),
        0,
        'no rating at acceptance',
      );

      // ---- Completed and delivered (another clerk's API, as the desk would), then presented.
      const api = new TestClient(hall.url);
      await api.ok('auth.login', { username: 'demo-clerk2', password: DEMO_PASSWORD });
      const caseId = (
        await hall.backend.db
          .selectFrom('counter_cases')
          .select('id')
          .where('case_number', '=', caseNumber)
          .executeTakeFirstOrThrow()
      ).id;
      let c = (await api.ok('counter.get', { caseId })).case;
      minutesLater(60);
      c = (await api.ok('counter.complete', { caseId, version: c.version, result: 'approved' })).case;
      c = (
        await api.ok('counter.deliver', { caseId, version: c.version, method: 'collected', signedBy: resident.name })
      ).case;
      assert.equal(c.status, 'delivered');

      await clerk.goto(`${hall.url}#/counter/cases/${caseId}`);
      await clerk.getByRole('heading', { name: new RegExp(`办件 ${caseNumber}`) }).waitFor();
      // The clerk's own 评价 offers only what a clerk may record.
      await clerk.getByRole('button', { name: /^评价$/ }).click();
      const rateDialog = await opened(clerk.getByRole('dialog'));
      await rateDialog.getByRole('radio', { name: '工作人员代为记录' }).waitFor();
      assert.equal(await rateDialog.getByRole('radio', { name: /群众评价|自评/ }).count(), 0);
      await rateDialog.getByRole('button', { name: buttonName('取消') }).click();
      await rateDialog.waitFor({ state: 'hidden' });

      await clerk.getByRole('button', { name: '请群众评价' }).click();
      await clerk.getByText('已送到3号窗口评价器，请群众在评价器上点选').waitFor();

      // ---- The resident taps 满意 on the pad; the case page shows 群众评价.
      await pad.page.getByText('您对这次办事满意吗？请点选').waitFor();
      await padCase.filter({ hasText: caseNumber }).waitFor();
      await pad.page.getByRole('button', { name: '满意', exact: true }).click();
      await pad.page.getByText('感谢您的评价！').waitFor();
      await pad.page.getByText('欢迎来到').waitFor();

      const rating = clerk.locator('.ant-descriptions').filter({ hasText: '评价渠道' });
      await rating.getByText('群众评价', { exact: true }).waitFor();
      await rating.getByText('满意', { exact: true }).waitFor();
      // The history names the pad as the one who rated.
      await clerk.getByRole('cell', { name: '3号窗口评价器', exact: true }).waitFor();
      await clerk.getByRole('button', { name: '请群众评价' }).waitFor({ state: 'detached' });

      // ---- Revoked, the pad says so at its next call.
      await admin.reload();
      await admin
        .getByRole('row', { name: /3号窗口评价器/ })
        .getByRole('button', { name: buttonName('停用') })
        .click();
      const confirm = await opened(admin.locator('.ant-modal-confirm'));
      await confirm.getByRole('button', { name: buttonName('停用') }).click();
      await admin
        .getByRole('row', { name: /3号窗口评价器/ })
        .getByText('已停用')
        .waitFor();
      await pad.page.getByText('本屏幕尚未配对或已被停用，请联系系统管理员').waitFor();

      assert.deepEqual([...adminErrors, ...kiosk.errors, ...tv.errors, ...pad.errors, ...clerkErrors], []);
    } finally {
      await Promise.all(contexts.map((context) => context.close()));
    }
  });
});

async function pdfText(bytes: Buffer): Promise<string> {
  const file = path.join(os.tmpdir(), `ticket-${process.pid}-${Date.now()}.pdf`);
  await writeFile(file, bytes);
  try {
    return (await run('pdftotext', ['-layout', file, '-'])).stdout;
  } finally {
    await rm(file, { force: true });
  }
}
