import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator } from 'playwright-core';
import { exactly, opened, pickOption } from './support/antd';
import { signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';

const setup = useHallAndBrowser({ demo: true, demoResidents: 20 });

const TOWNSHIP_COMMITTEE = '青石镇人民调解委员会';
const TRAFFIC_COMMITTEE = '青石镇道路交通事故人民调解委员会';
const MEDIATOR = '王立新';
const SAVE = /保\s*存/;

/** Picks the option reading exactly `option` in the antd select labelled `label` inside `scope`. */
async function choose(scope: Locator, label: string, option: string): Promise<void> {
  await pickOption(scope.getByLabel(label, { exact: true }), exactly(option));
}

/** The form row of the field labelled `label`: its messages sit beside the field. */
function fieldRow(scope: Locator, label: string): Locator {
  // `has` is matched inside each form item, so it starts from the page, not from `scope`.
  return scope.locator('.ant-form-item', { has: scope.page().getByLabel(label, { exact: true }) });
}

test('the committee head adds a specialised committee and a mediator serving two committees', async () => {
  const { hall, browser } = setup;
  const page = await browser.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, hall.url, 'demo-head');

  // Home: the card leads to the register.
  await page.getByRole('link', { name: /调委会与调解员/ }).click();
  await page.getByRole('heading', { name: '人民调解', level: 3 }).waitFor();
  await page.getByRole('tab', { name: '调委会与调解员' }).waitFor();
  assert.match(page.url(), /#\/mediation\/committees$/);

  // The seeded township committee, with its case-number example for this year.
  const townshipRow = page.getByRole('row', { name: new RegExp(TOWNSHIP_COMMITTEE) });
  const example = await townshipRow.getByText(/^（\d{4}）青调字第1号$/).textContent();
  const year = /（(\d{4})）/.exec(example ?? '')?.[1];
  assert.ok(year, 'the example carries the year');

  await page.getByRole('button', { name: /新建调委会/ }).click();
  const dialog = await opened(page.getByRole('dialog'));
  await dialog.getByLabel('调委会名称').fill(TRAFFIC_COMMITTEE);
  await choose(dialog, '类型', '行业性、专业性人民调解委员会');
  assert.equal(await dialog.getByLabel('所在村（社区）').count(), 0, 'no village for a specialised committee');
  await choose(dialog, '专业领域', '交通事故');
  // The seal takes the committee's name when it is left empty.
  assert.equal(await dialog.getByLabel('印章名称').inputValue(), TRAFFIC_COMMITTEE);
  await dialog.getByLabel('案号字号').fill('ABC');
  await dialog.getByRole('button', { name: SAVE }).click();

  await fieldRow(dialog, '案号字号')
    .getByText(/应为 1–6 个汉字并以“调”结尾/)
    .first()
    .waitFor();
  assert.equal(await dialog.getByLabel('调委会名称').inputValue(), TRAFFIC_COMMITTEE, 'nothing typed is lost');
  assert.equal(await dialog.getByLabel('案号字号').inputValue(), 'ABC');
  await fieldRow(dialog, '专业领域').getByText('交通事故', { exact: true }).waitFor();

  await dialog.getByLabel('案号字号').fill('交调');
  await fieldRow(dialog, '案号字号').getByText(`案号示例：（${year}）交调字第1号`).waitFor();
  await dialog.getByRole('button', { name: SAVE }).click();
  await page.getByText(`已保存 ${TRAFFIC_COMMITTEE}`).first().waitFor();
  const trafficRow = page.getByRole('row', { name: new RegExp(TRAFFIC_COMMITTEE) });
  await trafficRow.getByText(`（${year}）交调字第1号`).waitFor();
  await trafficRow.getByText('行业性、专业性', { exact: true }).waitFor();
  await trafficRow.getByText('交通事故', { exact: true }).waitFor();
  await trafficRow.getByText('0 人').waitFor();

  // A mediator on the township committee and the new one.
  await page.getByRole('button', { name: /新增调解员/ }).click();
  const mediatorDialog = await opened(page.getByRole('dialog'));
  // A multiple select stays open after a pick; Escape could close the dialog as well.
  const closeDropdown = () => mediatorDialog.locator('.ant-modal-title').click();
  await mediatorDialog.getByLabel('姓名').fill(MEDIATOR);
  await mediatorDialog.getByLabel('联系电话').fill('13800138000');
  await choose(mediatorDialog, '所属调委会', TOWNSHIP_COMMITTEE);
  await choose(mediatorDialog, '所属调委会', TRAFFIC_COMMITTEE);
  await closeDropdown();
  await choose(mediatorDialog, '擅长领域', '交通事故');
  await closeDropdown();
  await mediatorDialog.getByLabel('专职或兼职').click();
  // Only the administrator links sign-in accounts; the committee head sees the link.
  await mediatorDialog.getByText('登录账号由系统管理员关联').waitFor();
  // A wrong ID number is explained beside the field; a right one is not needed.
  await mediatorDialog.getByLabel('身份证号码').fill('110105194912310023');
  await mediatorDialog.getByRole('button', { name: SAVE }).click();
  await fieldRow(mediatorDialog, '身份证号码')
    .getByText(/身份证号码：/)
    .first()
    .waitFor();
  assert.equal(await mediatorDialog.getByLabel('姓名').inputValue(), MEDIATOR, 'nothing typed is lost');
  await mediatorDialog.getByLabel('身份证号码').fill('');
  await mediatorDialog.getByRole('button', { name: SAVE }).click();
  await page.getByText(`已保存调解员 ${MEDIATOR}`).first().waitFor();

  const mediatorRow = page.getByRole('row', { name: new RegExp(MEDIATOR) });
  await mediatorRow.getByText(TOWNSHIP_COMMITTEE, { exact: true }).waitFor();
  await mediatorRow.getByText(TRAFFIC_COMMITTEE, { exact: true }).waitFor();
  await mediatorRow.getByText('专职', { exact: true }).waitFor();
  await mediatorRow.getByText('交通事故', { exact: true }).waitFor();
  await trafficRow.getByText('1 人').waitFor();

  // The committee's count shows its own mediators below.
  await trafficRow.getByRole('button', { name: /查看.*的调解员/ }).click();
  await page.getByRole('row', { name: /刘德明/ }).waitFor({ state: 'detached' });
  await mediatorRow.waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('a mediator reads the registers without changing them', async () => {
  const { hall, browser } = setup;
  const page = await browser.newPage();
  const errors = watchForPageErrors(page);
  await signIn(page, hall.url, 'demo-mediator');
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '人民调解' }).click();
  await page.getByRole('tab', { name: '调委会与调解员' }).click();
  // The township committee's row (its name is also in the rows of its mediators).
  await page.getByRole('row', { name: /青调字第1号/ }).waitFor();
  await page.getByRole('row', { name: /刘德明/ }).waitFor();
  assert.equal(await page.getByRole('button', { name: /新建调委会/ }).count(), 0);
  assert.equal(await page.getByRole('button', { name: /新增调解员/ }).count(), 0);
  assert.equal(await page.getByRole('button', { name: /编\s*辑/ }).count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});
