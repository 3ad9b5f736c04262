import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN } from '../test/support/testHall';
import { opened, pickOption } from './support/antd';
import { signIn, watchForPageErrors } from './support/browser';
import { morningOf, PASSWORD, STAFF, useTownshipHall } from './support/townshipHall';
import { printedText } from './support/printedPdf';
import { squeeze } from '../test/support/renderedPdf';

/** 农村土地经营权流转合同备案: a 承诺件 agents may handle. */
const ITEM_CODE = 'NY-004';
const ITEM_NAME = '农村土地经营权流转合同备案';
/** 临时居民身份证申领: the resident must come in person. */
const IN_PERSON_CODE = 'HJ-008';
/** Three more items agents may handle, for the batch. */
const BATCH_ITEMS = ['MZ-005', 'SB-003', 'TY-005'];
const AGENT_NAME = STAFF.agent.displayName;

describe('village agents’ errands in the browser', () => {
  // A Tuesday, a working day: every step may be dated today.
  const setup = useTownshipHall(morningOf('2026-10-13'));

  /** An agent registers errands for the residents of the agent's village (set by the first test). */
  const agentsResidents = () => setup.residents.filter((r) => r.villageId === setup.villages[1]!.id);

  async function requiredMaterials(code: string): Promise<string[]> {
    const { entries } = await setup.clients.agent.ok('catalog.list', { query: code, agentAllowedOnly: true });
    const entry = entries.find((e) => e.item.code === code)!;
    return entry.item.materials.filter((m) => m.required).map((m) => m.name);
  }

  test('the administrator sets the agent’s village', async () => {
    const village = setup.villages[1]!;
    const page = await setup.browser.newPage();
    const errors = watchForPageErrors(page);
    await signIn(page, setup.hall.url, ADMIN.username, ADMIN.password);
    await page.goto(`${setup.hall.url}#/errands/agents`);
    await page.getByRole('tab', { name: '代办员' }).waitFor();
    await pickOption(page.getByLabel(`${AGENT_NAME}所属村（社区）`), village.name);
    await page.getByText(`已设定${AGENT_NAME}所属${village.name}`).first().waitFor();
    const { agents } = await setup.clients.clerk.ok('errands.agents', {});
    assert.equal(agents.find((a) => a.name === AGENT_NAME)?.villageName, village.name);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('an errand from the authorisation to the delivery', async () => {
    const resident = agentsResidents()[0]!;
    const agent = await setup.browser.newPage();
    const agentErrors = watchForPageErrors(agent);
    await signIn(agent, setup.hall.url, STAFF.agent.username, PASSWORD);

    // Home: the agent's card leads to the registration.
    await agent.getByRole('link', { name: /登记代办/ }).click();
    await agent.getByRole('heading', { name: '登记代办' }).waitFor();
    await agent.getByLabel('查找委托人').fill(resident.name);
    await agent
      .getByRole('row', { name: new RegExp(resident.name) })
      .first()
      .click();
    await agent.getByRole('button', { name: /更换/ }).waitFor();

    // An item the resident must apply for in person is not offered to an agent at all.
    const register = agent.getByRole('button', { name: /登记并出具授权书/ });
    await agent.getByLabel('代办事项').click();
    await agent.getByLabel('代办事项').fill(IN_PERSON_CODE);
    await agent.getByText('没有找到符合条件的事项').waitFor();
    assert.equal(await agent.locator('.ant-select-item-option', { hasText: IN_PERSON_CODE }).count(), 0);
    assert.ok(await register.isDisabled());

    await pickOption(agent.getByLabel('代办事项'), ITEM_NAME, { search: ITEM_CODE });
    await agent.getByLabel('备注').fill('委托人年事已高，由代办员上门收件');
    await register.click();
    await agent.getByText(`已登记代办：${resident.name}的“${ITEM_NAME}”`).waitFor();

    const authorisation = squeeze(
      await printedText(agent, agent.getByRole('button', { name: /打印委托代办授权书/ }).first()),
    );
    assert.ok(authorisation.includes('委托代办授权书'), 'the authorisation is titled');
    assert.ok(authorisation.includes(resident.name), 'the authorisation names the resident');
    assert.ok(authorisation.includes(AGENT_NAME), 'the authorisation names the agent');

    // The materials, collected at the resident's home.
    await agent.getByRole('button', { name: /收材料/ }).click();
    let dialog = await opened(agent.getByRole('dialog'));
    await dialog.getByText(/还缺 \d+ 项必需材料/).waitFor();
    await dialog.getByRole('button', { name: /全部勾选/ }).click();
    await dialog.getByText('必需材料已收齐，保存后可交窗口办理').waitFor();
    await dialog.getByRole('button', { name: /保存/ }).click();
    await agent.getByText('必需材料已收齐，可交窗口办理').first().waitFor();

    await agent.getByRole('link', { name: /我的代办/ }).click();
    const row = agent.getByRole('row', { name: new RegExp(resident.name) });
    await row.getByText('材料已收齐，待交接').waitFor();

    // The counter accepts it from the agent.
    const clerk = await setup.browser.newPage();
    const clerkErrors = watchForPageErrors(clerk);
    await signIn(clerk, setup.hall.url, STAFF.clerk.username, PASSWORD);
    await clerk.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '代办' }).click();
    await clerk.getByRole('tab', { name: '代办交接', selected: true }).waitFor();
    await clerk.getByRole('radio', { name: new RegExp(`${AGENT_NAME}.*1 件`) }).waitFor({ state: 'attached' });
    assert.ok(await clerk.getByRole('checkbox', { name: new RegExp(`交接${resident.name}`) }).isChecked());
    await clerk.getByLabel('受理窗口').fill('2号窗口');
    await clerk.getByRole('button', { name: /交接受理（1 件）/ }).click();
    await clerk.getByText('已交接受理 1 件').waitFor();
    const caseLink = clerk.getByRole('link', { name: /SL-2026-\d{6}/ });
    const caseNumber = (await caseLink.textContent())!.trim();

    // The agent sees the case the errand became.
    await agent.reload();
    await row.getByText(caseNumber).waitFor();
    await row.getByText('已交窗口办理').waitFor();
    await row.getByText('剩余5个工作日').waitFor();
    assert.equal(await row.getByRole('button', { name: /登记送达/ }).count(), 0, 'nothing to deliver yet');

    // The counter completes it (the case page's own steps are tested with the counter).
    const found = await setup.hall.backend.db
      .selectFrom('counter_cases')
      .select('id')
      .where('case_number', '=', caseNumber)
      .executeTakeFirstOrThrow();
    const { case: record } = await setup.clients.clerk.ok('counter.get', { caseId: found.id });
    await setup.clients.clerk.ok('counter.complete', {
      caseId: found.id,
      version: record.version,
      result: 'approved',
      note: '经审核，准予备案',
    });

    // The agent brings the result back and records the delivery.
    await agent.reload();
    await row.getByText('已办结').waitFor();
    await agent.getByText(/有 1 件窗口已办结/).waitFor();
    await row.getByRole('button', { name: /登记送达/ }).click();
    dialog = await opened(agent.getByRole('dialog'));
    assert.equal(await dialog.getByLabel('签收人').inputValue(), resident.name);
    assert.equal(await dialog.getByLabel('送达日期').inputValue(), '2026-10-13');
    await dialog.getByRole('button', { name: /登记送达/ }).click();
    await agent.getByText(`已登记送达，${resident.name}签收`).first().waitFor();

    // Delivered errands are closed: they show with 含已办结.
    await agent.getByText('没有正在办的代办').waitFor();
    await agent.getByRole('switch', { name: '含已办结' }).click();
    await row.getByText('已送达').first().waitFor();
    await row.getByText(`2026年10月13日 ${resident.name}签收`).waitFor();
    const { case: delivered } = await setup.clients.clerk.ok('counter.get', { caseId: found.id });
    assert.equal(delivered.status, 'delivered');
    assert.equal(delivered.delivery?.method, 'agent');

    assert.deepEqual(agentErrors, []);
    assert.deepEqual(clerkErrors, []);
    await agent.close();
    await clerk.close();
  });

  test('three errands handed over with one list', async () => {
    const batch = agentsResidents().slice(1, 4);
    for (const [i, resident] of batch.entries()) {
      const code = BATCH_ITEMS[i]!;
      const { errand } = await setup.clients.agent.ok('errands.register', {
        requestId: crypto.randomUUID(),
        residentId: resident.id,
        itemCode: code,
      });
      await setup.clients.agent.ok('errands.collect', {
        errandId: errand.id,
        version: errand.version,
        collectedMaterials: await requiredMaterials(code),
      });
    }

    const page = await setup.browser.newPage();
    const errors = watchForPageErrors(page);
    await signIn(page, setup.hall.url, STAFF.clerk.username, PASSWORD);
    await page.goto(`${setup.hall.url}#/errands/handover`);
    await page.getByRole('radio', { name: new RegExp(`${AGENT_NAME}.*3 件`) }).waitFor({ state: 'attached' });
    for (const resident of batch) {
      assert.ok(await page.getByRole('checkbox', { name: new RegExp(`交接${resident.name}`) }).isChecked());
    }
    await page.getByLabel('受理窗口').fill('2号窗口');
    await page.getByRole('button', { name: /交接受理（3 件）/ }).click();
    await page.getByText('已交接受理 3 件').waitFor();

    const caseNumbers = (await page.getByRole('link', { name: /SL-2026-\d{6}/ }).allTextContents()).map((n) =>
      n.trim(),
    );
    assert.equal(caseNumbers.length, 3);
    assert.equal(new Set(caseNumbers).size, 3);
    assert.equal(await page.getByRole('button', { name: /打印回执/ }).count(), 3, 'one receipt per case');

    const list = squeeze(await printedText(page, page.getByRole('button', { name: /打印材料交接单/ }).first()));
    for (const caseNumber of caseNumbers) assert.ok(list.includes(caseNumber), `the list carries ${caseNumber}`);
    for (const resident of batch) assert.ok(list.includes(resident.name), `the list names ${resident.name}`);
    assert.ok(list.includes('共3件'), 'the list counts the batch');

    // A receipt per case, the same way.
    const receipt = squeeze(await printedText(page, page.getByRole('button', { name: /打印回执/ }).first()));
    assert.ok(caseNumbers.some((n) => receipt.includes(n)));

    // Nothing is left to hand over.
    await page.getByRole('button', { name: /继续交接/ }).click();
    await page.getByText('没有材料已收齐、待交接的代办').waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });
});
