import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { residentId } from '../test/support/ids';
import { ADMIN, TestClient } from '../test/support/testHall';
import { buttonName as button, opened, pickOption } from './support/antd';
import { signIn, watchForPageErrors } from './support/browser';
import { printedText } from './support/printedPdf';
import { morningOf, PASSWORD, useTownshipHall } from './support/townshipHall';

/** A Friday: 60 days from it is Tuesday 4 August, 90 days Thursday 3 September — both working days. */
const VISIT_DAY = '2026-06-05';
const LEADER = '周振华';
const REVIEW_BODY = '青山县人民政府';
const RECEPTIONIST = { username: 'reception', displayName: '杨丽', roles: ['petitionReceptionist'] as const };
const SECOND = { name: '王建军', idNumber: residentId('19720305', 151), phone: '13908761234' };
const THIRD = { name: '赵春花', phone: '13987650021' };
const MATTER = '东岗村三组修建村道占用六户村民承包地，补偿款至今未发放，村民多次找村委会未果。';

/** Picks the option of the antd select labelled `label` inside `scope` whose text contains `option`. */
async function choose(scope: Locator, label: string, option: string): Promise<void> {
  await pickOption(scope.getByLabel(label, { exact: true }), option);
}

/** pdftotext may break a long line or space out a word: compare without whitespace. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('a receptionist takes a group visit on a leader’s reception day from registration to closing', () => {
  const setup = useTownshipHall(morningOf(VISIT_DAY));

  test('register (refused without representatives first), print, accept, extend once, reply, close, count', async () => {
    const { hall, browser, admin, clock, residents } = setup;
    const created = await admin.ok('users.create', {
      ...RECEPTIONIST,
      roles: [...RECEPTIONIST.roles],
      password: 'Initial123',
    });
    assert.ok(created.id);
    const receptionist = new TestClient(hall.url);
    await receptionist.ok('auth.login', { username: RECEPTIONIST.username, password: 'Initial123' });
    await receptionist.ok('auth.changePassword', { currentPassword: 'Initial123', newPassword: PASSWORD });
    const first = residents[0]!;
    const firstResident = await admin.ok('residents.get', { id: first.id });

    // The administrator names the body a review goes to (设置).
    const adminPage = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const adminErrors = watchForPageErrors(adminPage);
    await signIn(adminPage, hall.url, ADMIN.username, ADMIN.password);
    await adminPage.goto(`${hall.url}#/petitions/settings`);
    await adminPage.getByText('修改只影响此后计算的期限').waitFor();
    await adminPage.getByLabel('复查机关').fill(REVIEW_BODY);
    await adminPage.getByLabel('落款单位').fill('青石镇人民政府');
    await adminPage.getByRole('button', { name: /保存设置/ }).click();
    await adminPage.getByText('信访设置已保存').waitFor();
    assert.deepEqual(adminErrors, []);
    await adminPage.close();

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = watchForPageErrors(page);
    await signIn(page, hall.url, RECEPTIONIST.username, PASSWORD);

    // 领导接访: today, the township head receives.
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '信访' }).click();
    await page.getByRole('tab', { name: '领导接访' }).click();
    await page.getByRole('button', { name: /新增接访安排/ }).click();
    let dialog = await opened(page.getByRole('dialog'));
    await dialog.getByLabel('接访地点').fill('青石镇群众工作站信访接待室');
    await dialog.getByLabel('接访领导').fill(LEADER);
    await dialog.getByLabel('领导职务').fill('镇长');
    await dialog.getByRole('button', { name: button('保存') }).click();
    await page.getByRole('row', { name: new RegExp(`镇长 ${LEADER}`) }).waitFor();

    // 登记信访: six people came; the reception day is offered.
    await page.getByRole('tab', { name: '信访件' }).click();
    await page.getByRole('link', { name: /登记信访/ }).click();
    await page.getByRole('heading', { name: '登记信访' }).waitFor();
    await page.getByText(`镇长${LEADER}接访`).waitFor();
    await page.getByLabel('来访人数').fill('6');
    await page.getByText('5人以上来访属集体访，请勾选代表（1至5人）').waitFor();

    // 信访人1 from the resident registry, by ID number.
    const one = page.getByRole('group', { name: '信访人1' });
    await one.getByRole('button', { name: /从居民库选择/ }).click();
    const picker = await opened(page.getByRole('dialog', { name: '从居民库选择信访人' }));
    await picker.getByLabel('查找居民').fill(firstResident.idNumber);
    await picker
      .getByRole('row', { name: new RegExp(first.name) })
      .first()
      .click();
    await one.getByText(`取自居民库：${first.name}`).waitFor();
    await one.getByLabel('联系电话').fill('13808710001');

    await page.getByRole('button', { name: /添加信访人/ }).click();
    const two = page.getByRole('group', { name: '信访人2' });
    await two.getByLabel('姓名').fill(SECOND.name);
    await two.getByLabel('身份证号码').fill(SECOND.idNumber);
    await two.getByLabel('联系电话').fill(SECOND.phone);
    await page.getByRole('button', { name: /添加信访人/ }).click();
    const three = page.getByRole('group', { name: '信访人3' });
    await three.getByLabel('姓名').fill(THIRD.name);
    await three.getByLabel('联系电话').fill(THIRD.phone);

    await choose(page.locator('body'), '内容分类', '征地拆迁');
    await choose(page.locator('body'), '问题发生地村（社区）', setup.villages[0]!.name);
    await page.getByLabel('问题发生地点').fill('三组村道');
    await page.getByLabel('信访事项').fill(MATTER);
    await page.getByLabel('信访诉求').fill('尽快发放占地补偿款');

    // Without representatives: refused, the message beside the petitioners, nothing lost.
    await page.getByRole('button', { name: button('登记') }).click();
    const listError = page.locator('#petitioners-error');
    await listError.waitFor();
    assert.match((await listError.textContent()) ?? '', /6人来访属集体访，应推选代表/);
    assert.equal(await two.getByLabel('身份证号码').inputValue(), SECOND.idNumber, 'nothing typed is lost');
    assert.equal(await page.getByLabel('信访事项').inputValue(), MATTER);

    await one.getByLabel('代表').check();
    await two.getByLabel('代表').check();
    await page.getByRole('button', { name: button('登记') }).click();

    // The petition's page: the registration form to print and read back.
    const heading = page.getByRole('heading', { name: /^信访件 .+〔2026〕\d+号$/ });
    await heading.waitFor();
    const number = ((await heading.textContent()) ?? '').replace(/^信访件\s*/, '');
    await page.getByText(/已登记信访件.*已出具《/).waitFor();
    await page.getByText('集体访', { exact: true }).first().waitFor();
    const formText = await printedText(page, page.getByRole('button', { name: /^printer\s*打印.*登记表$/ }));
    const form = squeeze(formText);
    assert.ok(form.includes(squeeze(number)), `the form carries the number ${number}`);
    assert.ok(form.includes('来访人数6人'), `six people: ${formText}`);
    assert.ok(form.includes('集体访是（推选代表2人）'), 'a group visit with two representatives');
    const lineOf = (name: string) => formText.split('\n').find((line) => line.trimStart().startsWith(name)) ?? '';
    for (const name of [first.name, SECOND.name])
      assert.match(lineOf(name), /是\s*$/, `${name} is marked a representative: ${lineOf(name)}`);
    assert.doesNotMatch(lineOf(THIRD.name), /是\s*$/, `${THIRD.name} is not a representative`);
    assert.ok(form.includes(`接访领导镇长${LEADER}`), `the leader who received them: ${formText}`);

    // 办结 is not offered before a reply.
    assert.equal(await page.getByRole('button', { name: button('办结') }).isDisabled(), true);

    // 受理, with the notice: 60 days, due 4 August.
    await page.getByRole('button', { name: button('受理') }).click();
    dialog = await opened(page.getByRole('dialog'));
    await dialog.getByLabel('承办单位').fill('镇自然资源所');
    await dialog.getByRole('button', { name: /受理并出具告知书/ }).click();
    await page.getByText(/受理：已出具《/).waitFor();
    const acceptance = squeeze(await printedText(page, page.getByRole('button', { name: /^printer\s*打印.*告知书$/ })));
    assert.ok(acceptance.includes('60日'), `the notice states 60日: ${acceptance}`);
    assert.ok(acceptance.includes('2026年8月4日'), `and the due date: ${acceptance}`);
    await page.getByText(/办理期限 2026年8月4日 剩余60天/).waitFor();
    assert.equal(await page.getByRole('button', { name: button('办结') }).isDisabled(), true, 'no reply yet');

    // 延期 once: 30 days more, to 3 September.
    await page.getByRole('button', { name: button('延期') }).click();
    dialog = await opened(page.getByRole('dialog'));
    await dialog.getByLabel('延期理由').fill('涉及县自然资源局的用地审批，需进一步调查核实');
    await dialog.getByRole('button', { name: /延期并出具告知书/ }).click();
    await page.getByText(/延期：已出具《/).waitFor();
    const extension = squeeze(
      await printedText(page, page.getByRole('button', { name: /^printer\s*打印.*延期.*告知书$/ })),
    );
    assert.ok(extension.includes('2026年9月3日'), `the new due date: ${extension}`);
    assert.ok(extension.includes('30日'), 'by 30 days');
    // A second extension: not offered, and refused by the backend.
    assert.equal(await page.getByRole('button', { name: button('延期') }).isDisabled(), true, 'extended once');
    const { version } = await receptionist.ok('petitions.get', {
      id: /#\/petitions\/(.+)$/.exec(page.url())![1]!,
    });
    const again = await receptionist.call('petitions.extend', {
      id: /#\/petitions\/(.+)$/.exec(page.url())![1]!,
      version,
      days: 10,
      reason: '再延一次',
    });
    assert.equal(again.body.ok, false);
    assert.match(again.body.ok ? '' : again.body.error.message, /只能延长一次/);

    // 书面答复 ten days later, then 办结.
    clock.current = morningOf('2026-06-16');
    await page.reload();
    await heading.waitFor();
    await page.getByRole('button', { name: button('书面答复') }).click();
    dialog = await opened(page.getByRole('dialog'));
    await dialog
      .getByLabel('查明情况')
      .fill('经核实，村道占用六户承包地共1.2亩，补偿款已由县里拨付至村集体账户，尚未分配到户。');
    await dialog
      .getByLabel('处理意见')
      .fill('责成东岗村委会于2026年6月30日前将补偿款足额发放到户，镇自然资源所监督落实。');
    await dialog.getByLabel('政策法规依据').fill('《中华人民共和国土地管理法》第四十八条');
    await dialog.getByRole('button', { name: /答复并出具答复意见书/ }).click();
    await page.getByText(/书面答复：已出具《/).waitFor();
    const reply = squeeze(
      await printedText(page, page.getByRole('button', { name: /^printer\s*打印.*(意见书|答复)/ })),
    );
    assert.ok(reply.includes('补偿款足额发放到户'), 'the opinion');
    assert.ok(reply.includes(REVIEW_BODY), `names the review body: ${reply}`);
    assert.ok(reply.includes('复查'), 'and the right to a review');

    await page.getByRole('button', { name: button('办结') }).click();
    dialog = await opened(page.getByRole('dialog'));
    await dialog.getByRole('button', { name: button('办结') }).click();
    await page.getByText('已于2026年6月16日办结').waitFor();

    // 统计: one batch of six people, one group visit.
    await page.getByRole('link', { name: /信访件列表/ }).click();
    await page.getByRole('tab', { name: '统计' }).click();
    await page.getByText(/2026年6月，统计至/).waitFor();
    const visits = page.getByRole('row', { name: /^来访/ });
    assert.match(squeeze((await visits.textContent()) ?? ''), /来访1批次6人次/);
    const group = page.getByRole('row', { name: /^集体访/ });
    assert.match(squeeze((await group.textContent()) ?? ''), /集体访1批次6人次/);

    // A second registration with one of the same ID numbers finds the first petition.
    await page.getByRole('tab', { name: '信访件' }).click();
    await page.getByRole('link', { name: /登记信访/ }).click();
    await page.getByRole('heading', { name: '登记信访' }).waitFor();
    const again1 = page.getByRole('group', { name: '信访人1' });
    await again1.getByLabel('姓名').fill(SECOND.name);
    await again1.getByLabel('身份证号码').fill(SECOND.idNumber);
    const earlier = page.getByRole('region', { name: '此前信访' });
    await earlier.getByText('此前信访（找到 1 件）').waitFor();
    const earlierRow = earlier.getByRole('row', { name: new RegExp(number.replace(/[〔〕]/g, '.')) });
    await earlierRow.waitFor();
    assert.match((await earlierRow.textContent()) ?? '', /已办结/);
    assert.match((await earlierRow.textContent()) ?? '', /身份证号码相同/);
    await earlier.getByLabel('标为重复信访').check();
    const radio = earlierRow.getByRole('radio');
    await radio.check();
    assert.equal(await radio.isChecked(), true, 'marked a repeat of the first petition');

    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe('the petition dialogs the first scenario does not reach', () => {
  const setup = useTownshipHall(morningOf('2026-09-07'));

  test('leader decision, a transfer refused without its receiving body, not accepted with the notice, the rota posted', async () => {
    const { hall, browser, admin } = setup;
    await admin.ok('users.create', { ...RECEPTIONIST, roles: [...RECEPTIONIST.roles], password: 'Initial123' });
    const receptionist = new TestClient(hall.url);
    await receptionist.ok('auth.login', { username: RECEPTIONIST.username, password: 'Initial123' });
    await receptionist.ok('auth.changePassword', { currentPassword: 'Initial123', newPassword: PASSWORD });
    const day = await receptionist.ok('petitions.saveReceptionDay', {
      on: '2026-09-07',
      startsAt: '08:30',
      endsAt: '11:30',
      place: '镇信访接待室',
      leaderName: LEADER,
      leaderTitle: '镇长',
    });
    const visit = await receptionist.ok('petitions.register', {
      requestId: crypto.randomUUID(),
      channel: 'visit',
      peopleCount: 1,
      petitioners: [{ name: THIRD.name, phone: THIRD.phone }],
      category: 'labour',
      matter: '在镇砖厂务工被拖欠工资8600元。',
      receptionDayId: day.id,
    });
    const letter = await receptionist.ok('petitions.register', {
      requestId: crypto.randomUUID(),
      channel: 'letter',
      peopleCount: 1,
      petitioners: [{ name: SECOND.name, phone: SECOND.phone }],
      category: 'lawAndOrder',
      matter: '与邻居的房屋买卖合同纠纷，法院判决后对方拒不履行。',
    });

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = watchForPageErrors(page);
    await signIn(page, hall.url, RECEPTIONIST.username, PASSWORD);

    // 领导处理意见: a difficult case, with a deadline and the leader who owns it.
    await page.goto(`${hall.url}#/petitions/${visit.petition.id}`);
    await page.getByRole('button', { name: /领导处理意见/ }).click();
    let dialog = await opened(page.getByRole('dialog'));
    await dialog.getByLabel('疑难案件，限期办理').check();
    await dialog.getByLabel('限办日期').fill('2026-09-30');
    await dialog.getByLabel('限办日期').press('Enter');
    await dialog.getByLabel('包案领导').fill('陈副镇长');
    await dialog.getByRole('button', { name: button('保存') }).click();
    await page.getByText('限2026年9月30日前办结，包案领导 陈副镇长').waitFor();

    // 办理过程: a transfer without the receiving body is refused beside the field, then recorded.
    await page.getByRole('button', { name: /办理过程/ }).click();
    dialog = await opened(page.getByRole('dialog'));
    await dialog.getByText('转送', { exact: true }).click();
    await dialog.getByLabel('情况说明').fill('属劳动保障监察事项');
    await dialog.getByRole('button', { name: button('记录') }).click();
    await dialog
      .getByText(/接收单位：转送、交办须写明接收机关/)
      .first()
      .waitFor();
    assert.equal(await dialog.getByLabel('情况说明').inputValue(), '属劳动保障监察事项', 'nothing typed is lost');
    await dialog.getByLabel('承办或接收单位').fill('县人力资源和社会保障局');
    await dialog.getByRole('button', { name: button('记录') }).click();
    await page
      .getByText(/县人力资源和社会保障局/)
      .first()
      .waitFor();

    // 不予受理: the ground drafts the channel; the notice carries both.
    await page.goto(`${hall.url}#/petitions/${letter.petition.id}`);
    await page.getByRole('button', { name: /不予受理/ }).click();
    dialog = await opened(page.getByRole('dialog'));
    await choose(dialog, '不予受理情形', '诉讼');
    assert.match(await dialog.getByLabel('告知途径').inputValue(), /人民法院提起诉讼/);
    await dialog.getByLabel('不予受理理由').fill('该事项已经人民法院判决，属于判决执行问题');
    await dialog.getByLabel('告知途径').fill('可向青山县人民法院申请强制执行');
    await dialog.getByRole('button', { name: /出具不予受理告知书/ }).click();
    const notice = squeeze(
      await printedText(page, page.getByRole('button', { name: /^printer\s*打印.*不予受理告知书$/ })),
    );
    assert.ok(notice.includes('应当通过诉讼途径解决'), notice);
    assert.ok(notice.includes('可向青山县人民法院申请强制执行'), notice);

    // 接访公示 for the month.
    await page.goto(`${hall.url}#/petitions/reception`);
    await page.getByRole('row', { name: new RegExp(`镇长 ${LEADER}`) }).waitFor();
    await page.getByRole('button', { name: /打印接访公示/ }).click();
    const rota = squeeze(
      await printedText(page, page.getByRole('button', { name: /^printer\s*打印领导接访安排公示$/ })),
    );
    for (const expected of [LEADER, '镇长', '镇信访接待室']) assert.ok(rota.includes(expected), `${expected}: ${rota}`);

    assert.deepEqual(errors, []);
    await page.close();
  });
});
