// 读卡 in a real browser at 1366×768, the hall host holding the simulated reader: the card fills
// the resident form (F2 or the button), a second read of a registered resident's card finds the
// resident instead of registering twice, a failed read says its one sentence and keeps what was
// typed, and at the counter the card picks the applicant.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ID_CARD_FAILURE_MESSAGES } from '../shared/devices/idCard';
import { DEMO_ID_CARD, SimulatedIdCardReader } from '../electron/backend/devices/idCard/simulatedReader';
import type { IdCardText } from '../shared/devices/idCard';
import { residentId } from '../test/support/ids';
import { ADMIN, TestClient } from '../test/support/testHall';
import { signIn, watchForPageErrors } from './support/browser';
import { morningOf, PASSWORD, useTownshipHall } from './support/townshipHall';

const VIEWPORT = { width: 1366, height: 768 };

/** Someone the hall has not registered, living in the test township's 西河社区. */
const NEWCOMER: IdCardText = {
  name: '刘志强',
  sex: '男',
  ethnicity: '回族',
  birthDate: '1991-07-08',
  address: '河南省尉氏县青石镇西河社区建设路18号',
  idNumber: residentId('19910708', 123),
  issuingAuthority: '尉氏县公安局',
  validFrom: '2019-03-02',
  validTo: '2029-03-02',
};

describe('读卡 fills the forms that take a person', () => {
  const reader = new SimulatedIdCardReader();
  const township = useTownshipHall(morningOf('2026-11-23'), { backend: { idCardReader: reader } });

  async function clerkPage(): Promise<{ page: Page; errors: string[] }> {
    const page = await township.browser.newPage({ viewport: VIEWPORT });
    const errors = watchForPageErrors(page);
    await signIn(page, township.hall.url, 'clerk', PASSWORD);
    return { page, errors };
  }

  test('F2 on the resident form fills the person from the card and keeps the phone typed before; saved as read', async () => {
    reader.place(DEMO_ID_CARD);
    const { page, errors } = await clerkPage();
    await page.goto(new URL('#/residents/new', township.hall.url).href);
    const button = page.getByRole('button', { name: /读卡（F2）/ });
    await button.waitFor();
    const box = (await button.boundingBox())!;
    assert.ok(box.x + box.width <= VIEWPORT.width, 'the button is on screen at 1366×768');
    await page.getByLabel('联系电话').fill('13912345678');
    await page.keyboard.press('F2');
    await page
      .getByTestId('id-card-read')
      .getByText(/已从身份证读入/)
      .waitFor();
    assert.equal(await page.getByLabel('姓名').inputValue(), DEMO_ID_CARD.name);
    assert.equal(await page.getByLabel('证件号码').inputValue(), DEMO_ID_CARD.idNumber);
    assert.equal(await page.getByLabel('住址').inputValue(), DEMO_ID_CARD.address);
    assert.equal(await page.getByLabel('联系电话').inputValue(), '13912345678', 'what was typed stays');
    // Sex and birth date read off the number; the validity the register keeps no field for is shown.
    await page.getByText(DEMO_ID_CARD.birthDate).first().waitFor();
    await page.getByText(/有效期限 2012\.06\.18-2032\.06\.18/).waitFor();
    await page.getByText('尉氏县公安局').waitFor();
    // The address names 东岗村: the village was taken too, so the form saves at once.
    await page.keyboard.press('Control+s');
    await page.getByText('本次查看已记入审计日志').waitFor();
    await page.getByText(DEMO_ID_CARD.idNumber).waitFor();
    const registered = await township.admin.ok('residents.search', { query: DEMO_ID_CARD.idNumber });
    assert.equal(registered.items.length, 1);
    assert.equal(registered.items[0]!.villageName, '东岗村');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a second read of that card says she is registered and opens her instead of registering twice', async () => {
    const { page, errors } = await clerkPage();
    await page.goto(new URL('#/residents/new', township.hall.url).href);
    await page.getByRole('button', { name: /读卡/ }).click();
    const registered = page.getByTestId('id-card-registered');
    await registered.getByText(`已登记为居民：${DEMO_ID_CARD.name}（东岗村`, { exact: false }).waitFor();
    await registered.getByText('不必重复登记', { exact: false }).waitFor();
    await registered.getByRole('link', { name: '打开已登记的居民' }).click();
    // Leaving the filled form asks first; the clerk leaves.
    await page.getByRole('button', { name: '离开' }).click();
    await page.getByText('本次查看已记入审计日志').waitFor();
    await page.getByText(DEMO_ID_CARD.idNumber).waitFor();
    assert.equal((await township.admin.ok('residents.search', { query: DEMO_ID_CARD.name })).items.length, 1);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('no card on the reader: its one sentence beside the form, and nothing typed is lost', async () => {
    reader.place(null);
    try {
      const { page, errors } = await clerkPage();
      await page.goto(new URL('#/residents/new', township.hall.url).href);
      await page.getByLabel('姓名').fill('赵六');
      await page.getByLabel('住址').fill('东岗村第一组 3 号');
      await page.getByRole('button', { name: /读卡/ }).click();
      const failure = page.getByTestId('id-card-failure');
      await failure.getByText(ID_CARD_FAILURE_MESSAGES.noCard).waitFor();
      assert.equal(await page.getByLabel('姓名').inputValue(), '赵六');
      assert.equal(await page.getByLabel('住址').inputValue(), '东岗村第一组 3 号');
      // The card laid down, F2 reads it and the sentence goes.
      reader.place(DEMO_ID_CARD);
      await page.keyboard.press('F2');
      await page.getByTestId('id-card-read').waitFor();
      assert.equal(await failure.count(), 0);
      assert.equal(
        await page.getByLabel('姓名').inputValue(),
        DEMO_ID_CARD.name,
        'a read overwrites the person fields',
      );
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      reader.place(DEMO_ID_CARD);
    }
  });

  test('at the counter the card picks the registered applicant (F2)', async () => {
    const { page, errors } = await clerkPage();
    await page.goto(new URL('#/counter/intake', township.hall.url).href);
    await page.getByRole('button', { name: /读卡（F2）/ }).waitFor();
    await page.keyboard.press('F2');
    await page.getByText(`申请人 ${DEMO_ID_CARD.name}（已登记的居民）`, { exact: false }).waitFor();
    await page.getByRole('button', { name: /更换申请人/ }).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a card nobody registered at the counter: the registration filled in the intake, saved, and the applicant', async () => {
    reader.place(NEWCOMER);
    try {
      const { page, errors } = await clerkPage();
      await page.goto(new URL('#/counter/intake', township.hall.url).href);
      await page.getByRole('button', { name: /读卡（F2）/ }).click();
      await page.getByRole('heading', { name: '登记居民' }).waitFor();
      // Filled from the card once the villages are loaded (西河社区 is named in the address).
      await page
        .getByTestId('id-card-read')
        .getByText(/已从身份证读入：.*村（社区）/)
        .waitFor();
      assert.equal(await page.getByLabel('姓名').inputValue(), NEWCOMER.name);
      assert.equal(await page.getByLabel('证件号码').inputValue(), NEWCOMER.idNumber);
      await page.getByRole('button', { name: '登记', exact: true }).click();
      await page.getByRole('button', { name: /更换申请人/ }).waitFor();
      await page.getByText(NEWCOMER.name, { exact: true }).first().waitFor();
      const found = await township.admin.ok('residents.search', { query: NEWCOMER.idNumber });
      assert.equal(found.items[0]?.villageName, '西河社区');
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      reader.place(DEMO_ID_CARD);
    }
  });

  test('a petition’s first petitioner is filled by F2 and linked to the registered resident', async () => {
    await township.admin.ok('users.create', {
      username: 'reception',
      displayName: '杨丽',
      roles: ['petitionReceptionist'],
      password: 'Initial123',
    });
    const receptionist = new TestClient(township.hall.url);
    await receptionist.ok('auth.login', { username: 'reception', password: 'Initial123' });
    await receptionist.ok('auth.changePassword', { currentPassword: 'Initial123', newPassword: PASSWORD });
    const page = await township.browser.newPage({ viewport: VIEWPORT });
    const errors = watchForPageErrors(page);
    await signIn(page, township.hall.url, 'reception', PASSWORD);
    await page.goto(new URL('#/petitions/new', township.hall.url).href);
    const first = page.getByRole('group', { name: '信访人1' });
    await first.getByRole('button', { name: /读卡/ }).waitFor();
    await page.keyboard.press('F2');
    await first.getByTestId('id-card-read').waitFor();
    assert.equal(await first.getByLabel('姓名').inputValue(), DEMO_ID_CARD.name);
    assert.equal(await first.getByLabel('身份证号码').inputValue(), DEMO_ID_CARD.idNumber);
    assert.equal(await first.getByLabel('住址').inputValue(), DEMO_ID_CARD.address);
    await first.getByText(`取自居民库：${DEMO_ID_CARD.name}`).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a dispute’s parties: each card reads into its own party, a failure stays on its card', async () => {
    await township.admin.ok('users.create', {
      username: 'mediator',
      displayName: '孙调解',
      roles: ['mediator'],
      password: 'Initial123',
    });
    const mediator = new TestClient(township.hall.url);
    await mediator.ok('auth.login', { username: 'mediator', password: 'Initial123' });
    await mediator.ok('auth.changePassword', { currentPassword: 'Initial123', newPassword: PASSWORD });
    const page = await township.browser.newPage({ viewport: VIEWPORT });
    const errors = watchForPageErrors(page);
    await signIn(page, township.hall.url, 'mediator', PASSWORD);
    await page.goto(new URL('#/mediation/disputes/new', township.hall.url).href);
    const first = page.getByRole('group', { name: '当事人1' });
    const second = page.getByRole('group', { name: '当事人2' });
    await second.getByLabel('姓名').fill('钱大有');
    await first.getByRole('button', { name: /读卡/ }).click();
    await first.getByTestId('id-card-read').waitFor();
    assert.equal(await first.getByLabel('姓名').inputValue(), DEMO_ID_CARD.name);
    assert.equal(await first.getByLabel('出生日期').inputValue(), DEMO_ID_CARD.birthDate);
    assert.equal(await first.getByLabel('身份证号码').inputValue(), DEMO_ID_CARD.idNumber);
    await first.getByText(`取自居民库：${DEMO_ID_CARD.name}`).waitFor();
    reader.failWith('readerUnplugged');
    try {
      await second.getByRole('button', { name: /读卡/ }).click();
      await second.getByTestId('id-card-failure').getByText(ID_CARD_FAILURE_MESSAGES.readerUnplugged).waitFor();
    } finally {
      reader.failWith(null);
    }
    assert.equal(await second.getByLabel('姓名').inputValue(), '钱大有');
    assert.equal(await first.getByTestId('id-card-failure').count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the administrator sees the reader under 大厅设备 and assigns it to a LAN window by its address', async () => {
    const page = await township.browser.newPage({ viewport: VIEWPORT });
    const errors = watchForPageErrors(page);
    await signIn(page, township.hall.url, ADMIN.username, ADMIN.password);
    await page.goto(new URL('#/system/hallScreens', township.hall.url).href);
    const section = page.getByTestId('id-card-reader-settings');
    await section.getByText('模拟读卡器').waitFor();
    await section.getByLabel('按地址分配').fill('192.168.1.23');
    await section.getByRole('button', { name: '分配读卡器' }).click();
    await section.getByRole('switch', { name: '192.168.1.23 可使用读卡器' }).waitFor();
    assert.equal(await section.getByRole('switch', { name: '192.168.1.23 可使用读卡器' }).isChecked(), true);
    const { assignments } = await township.admin.ok('devices.idCardReaderAssignments', {});
    assert.deepEqual(
      assignments.map((a) => a.address),
      ['192.168.1.23'],
    );
    assert.deepEqual(errors, []);
    await page.close();
  });
});
