// The agent photographs an errand's materials from 我的代办: the row's 照片 button opens the
// errand's photos (by keyboard too), a photo names the material it shows and ticks it collected
// with it; the counter sees the same photos on its handover screen.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pickOption } from './support/antd';
import { interceptFileChoosers, signIn, watchForPageErrors } from './support/browser';
import { morningOf, PASSWORD, STAFF, useTownshipHall } from './support/townshipHall';

/** 农村土地经营权流转合同备案: a 承诺件 agents may handle. */
const ITEM_CODE = 'NY-004';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('photos of an errand’s materials in the browser', () => {
  const setup = useTownshipHall(morningOf('2026-10-13'));
  let fileDir: string;
  before(async () => {
    fileDir = await mkdtemp(path.join(os.tmpdir(), 'e2e-errand-photos-'));
  });
  after(() => rm(fileDir, { recursive: true, force: true }));

  test('the agent adds a photo naming its material, which is ticked collected; the counter sees it', async () => {
    const village = setup.villages[0]!;
    const resident = setup.residents.find((r) => r.villageId === village.id)!;
    await setup.admin.ok('errands.setAgentVillage', { userId: setup.userIds.agent, villageId: village.id });
    const { errand } = await setup.clients.agent.ok('errands.register', {
      requestId: randomUUID(),
      residentId: resident.id,
      itemCode: ITEM_CODE,
    });
    const required = errand.materials.filter((m) => m.required).map((m) => m.name);
    const shown = required[0]!;
    const photo = path.join(fileDir, '户口簿.png');
    await writeFile(photo, Buffer.concat([PNG_SIGNATURE, randomBytes(40_000)]));

    const page = await setup.browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchForPageErrors(page);
    interceptFileChoosers(page);
    await signIn(page, setup.hall.url, STAFF.agent.username, PASSWORD);
    await page.goto(`${setup.hall.url}#/errands/mine`);
    const opener = page.getByRole('button', { name: `材料照片（0）：${resident.name}的“${errand.itemName}”` });

    // By keyboard: the button takes focus and Enter opens the dialog; Esc closes it.
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /材料照片/ });
    await dialog.getByText('没有附件').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await opener.click();
    await pickOption(dialog.getByLabel('所示材料'), shown);
    assert.equal(await dialog.getByRole('checkbox', { name: '同时勾选为已收材料' }).isChecked(), true);
    await dialog.getByLabel('附件说明').fill('首页');
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      dialog.getByRole('button', { name: /添加照片或扫描件/ }).click(),
    ]);
    await chooser.setFiles(photo);
    await page.getByText('已添加附件 户口簿.png').waitFor();
    const row = dialog.getByRole('row', { name: /户口簿\.png/ });
    await row.getByText(shown, { exact: true }).waitFor();
    await row.getByText('首页').waitFor();
    await page.getByText(new RegExp(`已勾选“${shown}”`)).waitFor();
    await dialog
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await page.getByRole('button', { name: `材料照片（1）：${resident.name}的“${errand.itemName}”` }).waitFor();

    const now = (await setup.clients.agent.ok('errands.mine', {})).errands.find((e) => e.id === errand.id)!;
    assert.deepEqual(
      now.attachments.map((a) => [a.fileName, a.material, a.caption]),
      [['户口簿.png', shown, '首页']],
    );
    assert.equal(now.materials.find((m) => m.name === shown)?.collected, true, 'the material it shows is ticked');
    assert.deepEqual(errors, []);
    await page.close();

    // The counter, checking the batch, opens the same photos from its handover screen.
    await setup.clients.agent.ok('errands.collect', {
      errandId: errand.id,
      version: now.version,
      collectedMaterials: required,
    });
    const counter = await setup.browser.newPage({ viewport: { width: 1366, height: 768 } });
    const counterErrors = watchForPageErrors(counter);
    await signIn(counter, setup.hall.url, STAFF.clerk.username, PASSWORD);
    await counter.goto(`${setup.hall.url}#/errands/handover`);
    await counter.getByRole('button', { name: `材料照片（1）：${resident.name}的“${errand.itemName}”` }).click();
    await counter
      .getByRole('dialog', { name: /材料照片/ })
      .getByRole('row', { name: /户口簿\.png/ })
      .waitFor();
    assert.deepEqual(counterErrors, []);
    await counter.close();
  });
});
