// Nothing typed is lost or changed without a word, on the 1366×768 screen of a township hall:
// leaving a form asks, a disabled default button keeps Enter to itself, a refused save shows its
// first error where the clerk looks, an impossible date is answered beside its field as typed.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { residentId } from '../test/support/ids';
import { ADMIN, TestClient } from '../test/support/testHall';
import { opened, pickOption } from './support/antd';
import { signIn, watchForPageErrors } from './support/browser';
import { morningOf, PASSWORD, useTownshipHall } from './support/townshipHall';

const TODAY = '2026-06-05';
const SCREEN = { width: 1366, height: 768 };
const RECEPTIONIST = { username: 'reception', displayName: '杨丽', roles: ['petitionReceptionist' as const] };
/** 农村土地经营权流转合同备案: a 承诺件 with required materials in the demo catalog. */
const ITEM = { code: 'NY-004', name: '农村土地经营权流转合同备案' };
const NOTE = '群众称材料明天补交';

/** The question asked before unsaved input is left, once it has finished opening. */
function question(page: Page, title: string): Promise<Locator> {
  return opened(page.locator('.ant-modal-confirm').filter({ hasText: title }));
}

interface Focused {
  tag: string;
  text: string;
  id: string;
  value: string;
  inFieldInError: boolean;
  inViewport: boolean;
}

/** Whether the element focused now lies inside the viewport, and what it is (run in the page). */
const FOCUSED = `(() => {
  const element = document.activeElement;
  const box = element?.getBoundingClientRect();
  return {
    tag: element?.tagName ?? '',
    text: (element?.textContent ?? '').trim(),
    id: element?.id ?? '',
    value: element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element.value : '',
    inFieldInError: element?.closest('.ant-form-item-has-error, [data-field-error]') !== null,
    inViewport: box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0 && box.width > 0,
  };
})()`;

async function focused(page: Page): Promise<Focused> {
  return (await page.evaluate(FOCUSED)) as Focused;
}

/** The applicant and the item chosen, no material ticked: 受理 waits; a note is typed. */
async function halfFilledIntake(page: Page, residentName: string): Promise<void> {
  await page.getByRole('heading', { name: '收件受理' }).waitFor();
  await page.getByLabel('查找申请人').fill(residentName);
  await page
    .getByRole('row', { name: new RegExp(residentName) })
    .first()
    .click();
  await page.getByRole('button', { name: /更换申请人/ }).waitFor();
  await pickOption(page.getByLabel('办理事项'), ITEM.name, { search: ITEM.code });
  await page.getByText(/缺少 \d+ 项必需材料/).waitFor();
  await page.getByLabel('备注').fill(NOTE);
}

describe('leaving a form, Enter and refused saves at 1366×768', () => {
  const setup = useTownshipHall(morningOf(TODAY));

  before(async () => {
    await setup.admin.ok('users.create', { ...RECEPTIONIST, roles: [...RECEPTIONIST.roles], password: 'Initial123' });
    const receptionist = new TestClient(setup.hall.url);
    await receptionist.ok('auth.login', { username: RECEPTIONIST.username, password: 'Initial123' });
    await receptionist.ok('auth.changePassword', { currentPassword: 'Initial123', newPassword: PASSWORD });
  });

  test('a sidebar click from a half-filled intake asks: 继续填写 keeps every input, 离开 leaves', async () => {
    const { hall, browser, residents } = setup;
    const page = await browser.newPage({ viewport: SCREEN });
    const errors = watchForPageErrors(page);
    await signIn(page, hall.url, 'clerk', PASSWORD);
    await page.goto(`${hall.url}#/counter/intake`);
    await halfFilledIntake(page, residents[0]!.name);

    const menu = page.getByRole('navigation', { name: '主菜单' });
    await menu.getByRole('link', { name: '居民' }).click();
    let ask = await question(page, '有未保存的内容，确定离开吗？');
    await ask.getByRole('button', { name: '继续填写' }).click();
    await ask.waitFor({ state: 'detached' });
    assert.match(page.url(), /#\/counter\/intake$/, 'the address is back on the form');
    assert.equal(await page.getByLabel('备注').inputValue(), NOTE, 'the note is kept');
    await page.getByRole('button', { name: /更换申请人/ }).waitFor();
    await page.getByText(ITEM.name).first().waitFor();

    // The back button asks too.
    await page.evaluate('window.history.back()');
    ask = await question(page, '有未保存的内容，确定离开吗？');
    await ask.getByRole('button', { name: '继续填写' }).click();
    await ask.waitFor({ state: 'detached' });
    assert.equal(await page.getByLabel('备注').inputValue(), NOTE);

    await menu.getByRole('link', { name: '居民' }).click();
    ask = await question(page, '有未保存的内容，确定离开吗？');
    await ask.getByRole('button', { name: '离开' }).click();
    await page.getByLabel('查找居民').waitFor();
    assert.match(page.url(), /#\/residents$/);
    await ask.waitFor({ state: 'detached' });
    assert.equal(await page.locator('.ant-modal-confirm').count(), 0, 'asked once, not again for the same leave');

    // Nothing typed: no question.
    await menu.getByRole('link', { name: '窗口受理' }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('Tab stops on the disabled 受理 and Enter there does nothing; 退出 asks while the form holds input', async () => {
    const { hall, browser, residents } = setup;
    const page = await browser.newPage({ viewport: SCREEN });
    const errors = watchForPageErrors(page);
    await signIn(page, hall.url, 'clerk', PASSWORD);
    await page.goto(`${hall.url}#/counter/intake`);
    await halfFilledIntake(page, residents[1]!.name);

    // From the last field, Tab reaches 受理 (disabled, with its reason), not something beyond it.
    await page.getByLabel('备注').focus();
    await page.keyboard.press('Tab');
    const onAccept = await focused(page);
    assert.equal(onAccept.tag, 'BUTTON');
    assert.match(onAccept.text, /受理$/, 'the focus stops on the disabled default button');
    await page.getByRole('tooltip').filter({ hasText: '材料不全不能受理' }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    assert.equal(await page.getByRole('heading', { name: '收件受理' }).isVisible(), true, 'still on the form');
    assert.equal(await page.getByRole('button', { name: '退出' }).isVisible(), true, 'still signed in');
    assert.equal(await page.getByLabel('备注').inputValue(), NOTE);
    assert.equal(await page.getByText(/已受理，办件编号/).count(), 0, 'nothing was sent');

    // 退出 reached by the keyboard asks first.
    await page.getByRole('button', { name: '退出' }).focus();
    await page.keyboard.press('Enter');
    let ask = await question(page, '有未保存的内容，确定退出吗？');
    // Its default button keeps the input: a second Enter out of habit loses nothing.
    await page.keyboard.press('Enter');
    await ask.waitFor({ state: 'detached' });
    assert.equal(await page.getByLabel('备注').inputValue(), NOTE);

    await page.getByRole('button', { name: '退出' }).click();
    ask = await question(page, '有未保存的内容，确定退出吗？');
    await ask.getByRole('button', { name: '退出' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    await ask.waitFor({ state: 'detached' });
    assert.equal(await page.locator('.ant-modal-confirm').count(), 0, 'asked once');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('leaving the page with input typed asks (beforeunload); Esc in a dialog asks before closing it', async () => {
    const { hall, browser, residents } = setup;
    const page = await browser.newPage({ viewport: SCREEN });
    await signIn(page, hall.url, 'clerk', PASSWORD);
    await page.goto(`${hall.url}#/counter/intake`);
    await halfFilledIntake(page, residents[2]!.name);

    // 不予受理's dialog: a reason typed, then Esc.
    await page.getByRole('button', { name: /不予受理/ }).click();
    const dialog = await opened(page.getByRole('dialog', { name: '不予受理' }));
    await dialog.getByLabel('不予受理理由').fill('不属于本窗口受理范围');
    await page.keyboard.press('Escape');
    const ask = await question(page, '有未保存的内容，确定关闭吗？');
    await ask.getByRole('button', { name: '继续填写' }).click();
    await ask.waitFor({ state: 'detached' });
    assert.equal(await dialog.getByLabel('不予受理理由').inputValue(), '不属于本窗口受理范围');
    await dialog.getByRole('button', { name: '取消' }).click();
    await (await question(page, '有未保存的内容，确定关闭吗？')).getByRole('button', { name: '关闭' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Leaving the page (as closing the tab does): the browser asks; 留下 keeps everything.
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))),
    );
    const away = page.goto('about:blank').catch((error: Error) => error.message);
    assert.equal(await asked, 'beforeunload', 'the browser asks before the page is left');
    assert.match(String(await away), /ERR_ABORTED/, 'the page stays');
    assert.equal(await page.getByLabel('备注').inputValue(), NOTE);
    await page.close();
  });

  test('a refused petition form brings its first error into view and focuses it; a future 来访日期 is answered beside the field as typed', async () => {
    const { hall, browser } = setup;
    const page = await browser.newPage({ viewport: SCREEN });
    const errors = watchForPageErrors(page);
    await signIn(page, hall.url, RECEPTIONIST.username, PASSWORD);
    await page.goto(`${hall.url}#/petitions/new`);
    await page.getByRole('heading', { name: '登记信访' }).waitFor();

    // A date after today, typed: kept, and the reason stands beside it.
    const visitDate = page.getByLabel('来访日期');
    await visitDate.fill('2026-06-20');
    await page.keyboard.press('Enter');
    const dateItem = page.locator('.ant-form-item', { has: visitDate });
    await dateItem.getByText(`来访日期：不能晚于今天（${TODAY}）`).waitFor();
    assert.equal(await visitDate.inputValue(), '2026-06-20', 'the typed date stays');

    // 登记 from the bottom of the page: the first error (the date, above the fold) comes into view, focused.
    await page.getByLabel('信访事项').fill('村道拓宽占用承包地，青苗补偿款未发放。');
    const register = page.getByRole('button', { name: /登\s*记$/ });
    await register.scrollIntoViewIfNeeded();
    await register.click();
    const dateId = (await visitDate.getAttribute('id')) ?? '';
    let now = await pollFocus(page, (f) => f.id === dateId);
    assert.equal(now.value, '2026-06-20', 'focused on the date, still as typed');
    assert.ok(now.inFieldInError && now.inViewport, `the first error is focused and in view: ${JSON.stringify(now)}`);

    // Today's date; six people, no representative ticked: the server refuses, beside the list.
    await visitDate.fill(TODAY);
    await page.keyboard.press('Enter');
    await dateItem.getByText('不能晚于今天').waitFor({ state: 'detached' });
    await page.getByLabel('来访人数').fill('6');
    const one = page.getByRole('group', { name: '信访人1' });
    await one.getByLabel('姓名').fill('王建军');
    await one.getByLabel('身份证号码').fill(residentId('19720305', 151));
    await one.getByLabel('联系电话').fill('13908761234');
    await pickOption(page.getByLabel('内容分类', { exact: true }), '征地拆迁');
    await register.scrollIntoViewIfNeeded();
    await register.click();
    const listError = page.locator('#petitioners-error');
    await listError.waitFor();
    now = await pollFocus(page, (f) => f.id === 'petitioners-error');
    assert.ok(now.inViewport, `the refusal beside the petitioners is in view and focused: ${JSON.stringify(now)}`);
    assert.match(now.text, /集体访/);
    assert.equal(await page.getByLabel('信访事项').inputValue(), '村道拓宽占用承包地，青苗补偿款未发放。');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the petition list and the committee table fit 1366 px without sideways scrolling', async () => {
    const { hall, browser, admin, villages } = setup;
    const receptionist = new TestClient(hall.url);
    await receptionist.ok('auth.login', { username: RECEPTIONIST.username, password: PASSWORD });
    // Enough rows for the page to scroll (its scroll bar takes width too), a visit and a letter.
    const matters = [
      '东岗村三组修建村道占用六户村民承包地，补偿款至今未发放，村民多次找村委会未果，要求尽快解决。',
      '西河社区居民反映小区旁养殖场异味严重，影响生活，要求环保部门依法处理并公开监测结果。',
    ];
    for (const [i, matter] of [...matters, ...matters, ...matters, ...matters, ...matters].entries()) {
      await receptionist.ok('petitions.register', {
        requestId: randomUUID(),
        channel: i % 2 === 0 ? 'visit' : 'letter',
        receivedAt: i % 2 === 0 ? '09:10' : null,
        peopleCount: 1,
        petitioners: [{ name: i % 2 === 0 ? '欧阳建国' : '司马秀英', phone: '13800000001', representative: false }],
        category: 'expropriation',
        matter,
        requests: '尽快解决',
        letter: i % 2 === 0 ? null : { postmarkOn: null, fromAddress: '', mailNumber: '', pages: 2 },
      });
    }
    await admin.ok('mediation.saveCommittee', {
      name: '东岗村人民调解委员会',
      kind: 'village',
      villageId: villages[0]!.id,
      speciality: null,
      sealName: '青石镇东岗村人民调解委员会',
      casePrefix: '东岗调',
      phone: '0871-62001234',
      active: true,
    });
    await admin.ok('mediation.saveCommittee', {
      name: '青石镇道路交通事故人民调解委员会',
      kind: 'specialised',
      villageId: null,
      speciality: '交通事故',
      sealName: '青石镇道路交通事故人民调解委员会',
      casePrefix: '青交调',
      phone: '0871-62001235',
      active: true,
    });

    // Three weeks on: the deadlines are overdue, their tags at their longest.
    setup.clock.current = morningOf('2026-06-26');
    const page = await browser.newPage({ viewport: SCREEN });
    const errors = watchForPageErrors(page);
    await signIn(page, hall.url, RECEPTIONIST.username, PASSWORD);
    await page.goto(`${hall.url}#/petitions`);
    await page
      .getByRole('row', { name: /欧阳建国/ })
      .first()
      .waitFor();
    await page
      .getByRole('row', { name: /司马秀英/ })
      .first()
      .waitFor();
    assert.ok(
      await page.evaluate('document.documentElement.scrollHeight > window.innerHeight'),
      'the page scrolls down, as a real list does',
    );
    assert.deepEqual(await widths(page), { fits: true }, 'the petition list');
    await page.close();

    const adminPage = await browser.newPage({ viewport: SCREEN });
    await signIn(adminPage, hall.url, ADMIN.username, ADMIN.password);
    await adminPage.goto(`${hall.url}#/mediation/committees`);
    await adminPage.getByRole('row', { name: /青石镇道路交通事故人民调解委员会/ }).waitFor();
    assert.deepEqual(await widths(adminPage), { fits: true }, 'the committee table');
    assert.deepEqual(errors, []);
    await adminPage.close();
  });
});

/** Waits until the focused element satisfies `done`; returns it. */
async function pollFocus(page: Page, done: (now: Focused) => boolean): Promise<Focused> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const now = await focused(page);
    if (done(now) || Date.now() > deadline) return now;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every table on the page and the page itself: nothing wider than its box (run in the page). */
const WIDTHS = `(() => {
  const boxes = [
    ...document.querySelectorAll('.ant-table-body, .ant-table-content, .ant-table-container'),
    document.documentElement,
  ];
  const wide = boxes
    .filter((box) => box.scrollWidth > box.clientWidth)
    .map((box) => (box.className || box.tagName) + ': ' + box.scrollWidth + ' > ' + box.clientWidth);
  return wide.length === 0 ? { fits: true } : { fits: false, wide };
})()`;

async function widths(page: Page): Promise<{ fits: boolean; wide?: string[] }> {
  return (await page.evaluate(WIDTHS)) as { fits: boolean; wide?: string[] };
}
