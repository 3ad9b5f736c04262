import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { morningOf } from '../test/support/testHall';
import { acknowledge, opened, pickOption } from './support/antd';
import { signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';
import { printedText } from './support/printedPdf';

/** 农村土地经营权流转合同备案: a 承诺件 of 5 working days in the demo catalog. */
const ITEM_CODE = 'NY-004';
const ITEM_NAME = '农村土地经营权流转合同备案';

describe('the counter clerk takes a 承诺件 from intake to the resident’s rating', () => {
  // The promise on the receipt depends on the day of acceptance: the hall runs on a test clock.
  const clock = { current: morningOf('2026-09-29') };
  const setup = useHallAndBrowser({ demo: true, demoResidents: 20, clock });

  test('accept on 2026-09-29 (due 2026年10月12日), print the receipt, pause, resume, complete, deliver, rate', async () => {
    const { hall, browser } = setup;
    const resident = await hall.backend.db
      .selectFrom('residents')
      .select(['name'])
      .orderBy('name')
      .limit(1)
      .executeTakeFirstOrThrow();
    const page = await browser.newPage();
    const errors = watchForPageErrors(page);
    await signIn(page, hall.url, 'demo-clerk');

    // Home: the clerk's own colour counts on the 窗口受理 card.
    await page.getByText('本人受理的在办件').waitFor();
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '窗口受理' }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await page.getByRole('link', { name: /收件受理/ }).click();

    // Step 1: the applicant.
    await page.getByRole('heading', { name: '收件受理' }).waitFor();
    await page.getByLabel('查找申请人').fill(resident.name);
    await page
      .getByRole('row', { name: new RegExp(resident.name) })
      .first()
      .click();
    await page.getByRole('button', { name: /更换申请人/ }).waitFor();

    // Step 2: the item, found by its code.
    await pickOption(page.getByLabel('办理事项'), ITEM_NAME, { search: ITEM_CODE });
    await page.getByText('承诺 5 个工作日').first().waitFor();

    // Step 3: nothing ticked yet, so 受理 waits and says what is missing.
    await page.getByText(/缺少 \d+ 项必需材料/).waitFor();
    const accept = page.getByRole('button', { name: /^(check-circle )?受理$/ });
    assert.ok(await accept.isDisabled(), '受理 waits for the required materials');
    await page.getByRole('button', { name: /全部勾选/ }).click();
    await page.getByLabel('受理窗口').fill('3号窗口');
    await accept.click();

    await page.getByText(/已受理，办件编号 SL-2026-\d{6}/).waitFor();
    await page.getByText(/承诺办结日期：2026年10月12日/).waitFor();
    const caseNumber = (await page.getByText(/已受理，办件编号/).textContent())!.match(/SL-2026-\d{6}/)![0];

    const receipt = await printedText(page, page.getByRole('button', { name: /打印回执/ }).first());
    assert.match(receipt, /2026年10月12日/, 'the receipt promises the date');
    assert.ok(receipt.includes(caseNumber), 'the receipt carries the case number');

    // The worklist lists it, green, five working days left.
    await page.goto(`${hall.url}#/counter`);
    const row = page.getByRole('row', { name: new RegExp(caseNumber) });
    await row.getByText('剩余5个工作日').waitFor();
    await row.getByRole('link', { name: caseNumber }).click();

    // The case: pause for 补正 on the day of acceptance.
    await page.getByRole('heading', { name: new RegExp(`办件 ${caseNumber}`) }).waitFor();
    await page.getByRole('button', { name: /^暂停计时$/ }).click();
    let dialog = await opened(page.getByRole('dialog'));
    await dialog.getByLabel('补正材料').check();
    await dialog.getByLabel('暂停原因').fill('流转合同缺少发包方签章，需补正');
    await dialog.getByRole('button', { name: /暂停计时/ }).click();
    await page.getByText('暂停计时中').first().waitFor();

    // Next working day: resume; the promise moves by the one paused working day.
    clock.current = morningOf('2026-09-30');
    await page.reload();
    await page.getByRole('button', { name: /^恢复计时$/ }).click();
    dialog = await opened(page.getByRole('dialog'));
    assert.equal(await dialog.getByLabel('恢复日期').inputValue(), '2026-09-30');
    await dialog.getByRole('button', { name: /恢复计时/ }).click();
    await page.getByText('2026年10月13日').first().waitFor();
    await page.getByText('原承诺日期').waitFor();

    // Complete: the 办结通知书 can be printed at once.
    await page.getByRole('button', { name: /^办结$/ }).click();
    dialog = await opened(page.getByRole('dialog'));
    await dialog.getByLabel('结果说明').fill('经审核，准予备案');
    await dialog.getByRole('button', { name: /办结并出具通知书/ }).click();
    await page.getByText(/办结：已出具《/).waitFor();

    // Deliver to the resident at the window.
    await page.getByRole('button', { name: /^送达$/ }).click();
    dialog = await opened(page.getByRole('dialog'));
    assert.equal(await dialog.getByLabel('签收人').inputValue(), resident.name);
    await dialog.getByRole('button', { name: /登记送达/ }).click();
    await page.getByText('已送达').first().waitFor();

    // The resident rates it: 不满意 opens a follow-up.
    await page.getByRole('button', { name: /^评价$/ }).click();
    dialog = await opened(page.getByRole('dialog'));
    await dialog.getByRole('radio', { name: /^frown 不满意$|^不满意$/ }).click();
    await dialog.getByLabel('评价意见（可不填）').fill('等候时间太长');
    await dialog.getByRole('button', { name: /提交评价/ }).click();
    await page.getByText('已生成差评整改回访任务', { exact: false }).first().waitFor();
    await acknowledge(page, '已生成差评整改回访任务');
    await page.getByText('差评整改中').waitFor();

    // The worklist's 差评整改 tab holds it until the follow-up is closed.
    await page.goto(`${hall.url}#/counter`);
    await page.getByRole('tab', { name: /差评整改/ }).click();
    await page.getByRole('tabpanel').getByRole('link', { name: caseNumber }).click();
    await page.getByRole('button', { name: /^整改办结$/ }).click();
    dialog = await opened(page.getByRole('dialog'));
    await dialog.getByLabel('整改情况').fill('增设取号提醒，已电话回访群众，群众表示认可');
    await dialog.getByRole('button', { name: /整改办结/ }).click();
    await page.getByText('已整改办结').waitFor();
    assert.equal(await page.getByText('差评整改中').count(), 0);

    // Every paper of the case is listed with its print count.
    const documents = page.getByRole('table').nth(-2);
    await documents.getByText('1 份').first().waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });
});
