// The village tier in the browser (issue 20): the township's administrator issues a village
// node's enrollment file on 同步 → 村级节点; the village's PC — the same app, a second hall host —
// imports it and syncs; with the link to the township down, the agent registers an errand by
// keyboard on the village node, prints the authorisation (委托书编号 from the village's number
// block) and collects the materials; once the link is back the village syncs, the clerk at the
// township hands the errand over, and after the next sync the agent sees the case number and
// its status, with the time the list stands as of.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { disposeAll } from '../test/support/dispose';
import { squeeze } from '../test/support/renderedPdf';
import { ADMIN, TestClient } from '../test/support/testHall';
import { acknowledge, buttonName, enterOnOption, opened, pickOption } from './support/antd';
import { interceptFileChoosers, signIn, startE2eHall, watchForPageErrors, type E2eHall } from './support/browser';
import { deadlineOnWorklist } from './support/matters';
import { printedText } from './support/printedPdf';
import { morningOf, PASSWORD, STAFF, useTownshipHall } from './support/townshipHall';
import { standInLan, villageLink, type StandInLan, type VillageLink } from './support/villageLink';

const PASSPHRASE = '东岗村同步口令2026';
const NODE_NAME = '东岗村村委会';
const HEADER = '村级节点 · 东岗村（青石镇）';
/** 农村土地经营权流转合同备案: a 承诺件 agents may handle. */
const ITEM_CODE = 'NY-004';
const ITEM_NAME = '农村土地经营权流转合同备案';
const AGENT_NAME = STAFF.agent.displayName;
/** A whole sync (sealing, HTTP, taking in at the township) on a busy machine. */
const SYNC_TIMEOUT = 60_000;
/** The screens' times are the township's (UTC+8), whatever the test machine's zone. */
const PAGE_OPTIONS = { viewport: { width: 1366, height: 768 }, timezoneId: 'Asia/Shanghai' } as const;

/** Chooses `file` in the file dialog that clicking `button` opens. */
async function chooseFile(page: Page, button: Locator, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
  await chooser.setFiles(file);
}

describe('a village node in the browser: enrolled by the township, offline work, the answer back', () => {
  // Made before the township's hall, which is given its controller.
  const lanReady = standInLan();
  let lan: StandInLan;
  const setup = useTownshipHall(morningOf('2026-10-13'), {
    backend: {
      hallNetwork: {
        status: async () => (await lanReady).controller.status(),
        enable: async (choice) => (await lanReady).controller.enable(choice),
        disable: async () => (await lanReady).controller.disable(),
      },
    },
  });
  let link: VillageLink;
  let village: E2eHall;
  let fileDir: string;
  let enrollmentPath = '';
  const dongGang = () => setup.villages[0]!;
  const resident = () => setup.residents.find((r) => r.villageId === dongGang().id)!;
  /** The village administrator's window, kept open from enrollment to the end. */
  let villageAdmin: Page;
  let villageAdminErrors: string[];

  before(async () => {
    lan = await lanReady;
    fileDir = await mkdtemp(path.join(os.tmpdir(), 'e2e-village-files-'));
    link = await villageLink(setup.hall.url);
    lan.url = link.url;
    // The agent works for 东岗村: the account goes down to that village's node.
    await setup.admin.ok('errands.setAgentVillage', { userId: setup.userIds.agent, villageId: dongGang().id });
    // The village's PC: the same app, set up by the village's administrator (who typed the
    // village's name where the township's goes: the township's comes down with the first sync).
    village = await startE2eHall({
      clock: setup.clock,
      backend: { sync: { retry: { sleep: async () => {}, maxAttempts: 2 }, requestTimeoutMs: 20_000 } },
    });
    await new TestClient(village.url).ok('system.setupAdministrator', { ...ADMIN, townshipName: '东岗村' });
  });

  after(() =>
    disposeAll([
      () => village?.dispose(),
      () => link?.close(),
      () => fileDir && rm(fileDir, { recursive: true, force: true }),
    ]),
  );

  test('村级节点: the administrator issues a village’s file (refused while 大厅网络 is closed); a leader only looks', async () => {
    const page = await setup.browser.newPage(PAGE_OPTIONS);
    const errors = watchForPageErrors(page);
    await signIn(page, setup.hall.url, ADMIN.username, ADMIN.password);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '同步' }).click();
    await page.getByRole('tab', { name: '村级节点' }).click();
    await page.getByText('还没有为村（社区）发放过入网文件').waitFor();
    await page.getByText('大厅网络未开放').waitFor();

    // By keyboard: the village is typed and picked, Enter moves on, the last Enter issues.
    await page.getByRole('button', { name: '发放入网文件' }).click();
    const dialog = await opened(page.getByRole('dialog', { name: '发放村级节点入网文件' }));
    await dialog.getByRole('button', { name: '发放并下载' }).click();
    await dialog.getByText('请选择村（社区）').waitFor();
    await dialog.getByText('请填写节点名称').waitFor();
    const villageField = dialog.getByLabel('村（社区）');
    await villageField.focus();
    await page.keyboard.type('东岗');
    await enterOnOption(page, '东岗村');
    await dialog.locator('.ant-select', { hasText: '东岗村' }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.type(NODE_NAME);
    await page.keyboard.press('Enter');
    assert.equal(await dialog.getByLabel('有效天数').inputValue(), '7');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('40');
    await page.keyboard.press('Enter');
    await dialog.getByText('有效天数：请填写 1–30 之间的整数').waitFor();
    await dialog.getByLabel('有效天数').fill('10');

    // 大厅网络 is closed: the server's sentence, with the way to open it; nothing typed is lost.
    await page.keyboard.press('Enter');
    await dialog.getByText(/请先在“系统管理 → 大厅网络”开放局域网访问/).waitFor();
    const lanLink = dialog.getByRole('link', { name: /大厅网络/ });
    assert.match((await lanLink.getAttribute('href')) ?? '', /#\/system\/hallNetwork$/);
    assert.equal(await dialog.getByLabel('节点名称').inputValue(), NODE_NAME);

    // The administrator opens 大厅网络 (the stand-in's switch); the same dialog now issues the file.
    lan.open = true;
    await dialog.getByLabel('有效天数').focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    enrollmentPath = path.join(fileDir, download.suggestedFilename());
    await download.saveAs(enrollmentPath);
    assert.equal(download.suggestedFilename(), '村级节点入网文件-东岗村.json');
    await acknowledge(page, '已为“东岗村”发放入网文件');

    const row = page.getByRole('row', { name: new RegExp(NODE_NAME) });
    await row.getByText('在用').waitFor();
    await row.getByText('未登记').waitFor();
    await row.getByText('从未').waitFor();
    await page.getByText(`村级节点经大厅网络（${link.url}`).waitFor();

    // A second file, for 西河社区's laptop that was then lost: retired with the reason.
    await page.getByRole('button', { name: '发放入网文件' }).click();
    const second = await opened(page.getByRole('dialog', { name: '发放村级节点入网文件' }));
    await pickOption(second.getByLabel('村（社区）'), '西河社区');
    await second.getByLabel('节点名称').fill('西河社区代办员笔记本');
    await Promise.all([page.waitForEvent('download'), second.getByRole('button', { name: '发放并下载' }).click()]);
    await acknowledge(page, '已为“西河社区”发放入网文件');
    await page.getByRole('button', { name: '停用“西河社区代办员笔记本”' }).click();
    const retire = await opened(page.getByRole('dialog', { name: /停用“西河社区代办员笔记本”/ }));
    await retire.getByText('停用后，乡镇拒收这台电脑发来的一切数据，且不能恢复。').waitFor();
    await retire.getByRole('button', { name: '停用', exact: true }).click();
    await retire.getByText('请填写停用原因').waitFor();
    await retire.getByLabel('停用原因').fill('笔记本电脑丢失');
    await retire.getByRole('button', { name: '停用', exact: true }).click();
    await retire.waitFor({ state: 'hidden' });
    const retired = page.getByRole('row', { name: /西河社区代办员笔记本/ });
    await retired.getByText('已停用').waitFor();
    assert.equal(await retired.getByRole('button', { name: /停用/ }).count(), 0);
    const { nodes } = await setup.admin.ok('villageNodes.list', {});
    assert.deepEqual(
      nodes.map((n) => [n.villageName, n.name, n.status]),
      [
        ['东岗村', NODE_NAME, 'active'],
        ['西河社区', '西河社区代办员笔记本', 'retired'],
      ],
    );

    // A leader sees the list and nothing to press.
    const leader = await setup.browser.newPage(PAGE_OPTIONS);
    const leaderErrors = watchForPageErrors(leader);
    await signIn(leader, setup.hall.url, STAFF.leader.username, PASSWORD);
    await leader.goto(`${setup.hall.url}#/sync/villages`);
    await leader.getByRole('row', { name: new RegExp(NODE_NAME) }).waitFor();
    await leader.getByText('村级节点由系统管理员管理，这里可以查看。').waitFor();
    assert.equal(await leader.getByRole('button', { name: '发放入网文件' }).count(), 0);
    assert.equal(await leader.getByRole('button', { name: /停用/ }).count(), 0);

    assert.deepEqual(errors, []);
    assert.deepEqual(leaderErrors, []);
    await page.close();
    await leader.close();
  });

  test('the village’s PC imports the file and syncs: its header names it, its sync page names the township, the township sees its contact', async () => {
    setup.clock.current = new Date('2026-10-13T01:45:00Z');
    villageAdmin = await setup.browser.newPage(PAGE_OPTIONS);
    villageAdminErrors = watchForPageErrors(villageAdmin);
    interceptFileChoosers(villageAdmin);
    await signIn(villageAdmin, village.url, ADMIN.username, ADMIN.password);
    await villageAdmin.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '同步' }).click();
    await villageAdmin.getByRole('button', { name: '导入入网文件' }).click();
    const dialog = await opened(villageAdmin.getByRole('dialog', { name: '导入入网文件' }));
    await dialog.getByLabel('密钥口令', { exact: true }).fill(PASSPHRASE);
    await dialog.getByLabel('再次输入密钥口令').fill(PASSPHRASE);
    await chooseFile(villageAdmin, dialog.getByRole('button', { name: '选择入网文件' }), enrollmentPath);
    await dialog.getByText(`村级节点 · 东岗村（青石镇） · ${NODE_NAME} · 乡镇地址 ${link.url}`).waitFor();
    await dialog.getByRole('button', { name: /入网$/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The page now speaks of the township above it.
    const enrollmentCard = villageAdmin.locator('.ant-card', { hasText: '入网状态' });
    await enrollmentCard.getByText('已登记').waitFor();
    await enrollmentCard.getByText('乡镇地址').waitFor();
    await villageAdmin.getByText('乡镇已确认').waitFor();
    assert.equal(await villageAdmin.getByText('县级已确认').count(), 0);

    // The first sync brings down what the village works from (its residents, the catalog, the
    // agent's account, its number blocks) and the township's name.
    await villageAdmin.getByRole('button', { name: '立即同步' }).click();
    await villageAdmin
      .locator('.ant-card', { hasText: '进度' })
      .getByText('上次同步完成：2026-10-13 09:45')
      .waitFor({ timeout: SYNC_TIMEOUT });
    await villageAdmin.reload();
    await villageAdmin.getByRole('heading', { name: HEADER }).waitFor();
    const residents = await village.backend.db.selectFrom('residents').select('name').orderBy('name').execute();
    assert.deepEqual(
      residents.map((r) => r.name),
      setup.residents
        .filter((r) => r.villageId === dongGang().id)
        .map((r) => r.name)
        .sort(),
    );

    // At the township: registered, with the time of its last contact.
    const township = await setup.browser.newPage(PAGE_OPTIONS);
    const townshipErrors = watchForPageErrors(township);
    await signIn(township, setup.hall.url, ADMIN.username, ADMIN.password);
    await township.goto(`${setup.hall.url}#/sync/villages`);
    const row = township.getByRole('row', { name: new RegExp(NODE_NAME) });
    await row.getByText('已登记').waitFor();
    await row.getByText('2026-10-13 09:45').waitFor();
    // No 村级节点 on the village's own 同步 page: it enrolls no one.
    assert.equal(await villageAdmin.getByRole('tab', { name: '村级节点' }).count(), 0);

    // The village's administrator gives the agent a password on this PC (用户管理 → 重设密码).
    await villageAdmin.goto(`${village.url}#/system/users`);
    await villageAdmin.getByRole('button', { name: `重设 ${STAFF.agent.username} 的密码` }).click();
    const reset = await opened(villageAdmin.getByRole('dialog', { name: /重设密码/ }));
    await reset.getByLabel('新密码').fill('Village2026');
    await reset.getByRole('button', { name: '重设密码' }).click();
    await reset.waitFor({ state: 'hidden' });
    const agent = new TestClient(village.url);
    await agent.ok('auth.login', { username: STAFF.agent.username, password: 'Village2026' });
    await agent.ok('auth.changePassword', { currentPassword: 'Village2026', newPassword: PASSWORD });

    assert.deepEqual(townshipErrors, []);
    await township.close();
  });

  test('with the township unreachable, the agent registers an errand by keyboard, prints the authorisation and collects the materials; back online, it reaches the counter and the case comes back', async () => {
    // The link is down: the village cannot reach the township at all.
    await link.cut();
    setup.clock.current = new Date('2026-10-13T02:10:00Z');
    const refused = await village.backend.sync.runOnce();
    assert.equal(refused.ok, false, refused.message);

    const agent = await setup.browser.newPage(PAGE_OPTIONS);
    const errors = watchForPageErrors(agent);
    await signIn(agent, village.url, STAFF.agent.username, PASSWORD);
    await agent.getByRole('heading', { name: HEADER }).waitFor();
    await agent.goto(`${village.url}#/errands/new`);
    await agent.getByRole('heading', { name: '登记代办' }).waitFor();

    // Keyboard only: the resident (one found: Enter), the item (typed, Enter picks, Enter moves
    // on), the note, and Enter registers.
    const { name } = resident();
    await agent.getByLabel('查找委托人').focus();
    await agent.keyboard.type(name);
    await agent
      .getByRole('row', { name: new RegExp(name) })
      .first()
      .waitFor();
    await agent.keyboard.press('Enter');
    await agent.getByRole('button', { name: /更换委托人/ }).waitFor();
    // The cursor moves on to the item by itself.
    await agent.locator('#errand-item:focus').waitFor();
    await agent.keyboard.type(ITEM_CODE);
    await enterOnOption(agent, ITEM_NAME);
    await agent.locator('.ant-select', { hasText: ITEM_NAME }).waitFor();
    await agent.keyboard.press('Enter');
    assert.equal(await agent.getByLabel('备注').evaluate((el) => el.matches(':focus')), true);
    await agent.keyboard.type('委托人年事已高，由代办员上门收件');
    await agent.keyboard.press('Enter');
    await agent.getByText(`已登记代办：${name}的“${ITEM_NAME}”`).waitFor();

    // Its number came from the block the township reserved for this node.
    const errand = await village.backend.db
      .selectFrom('errands')
      .select(['id', 'authorisation_number'])
      .where('resident_name', '=', name)
      .executeTakeFirstOrThrow();
    const number = errand.authorisation_number!;
    assert.match(number, /\d/);
    await agent.getByText(number).first().waitFor();
    const held = await village.backend.db.selectFrom('held_number_blocks').select('used_through').execute();
    assert.ok(
      held.some((b) => b.used_through !== null),
      'drawn from a block the village holds',
    );

    // The authorisation prints on the village's PC: its archived PDF names the resident and the number.
    const authorisation = squeeze(
      await printedText(agent, agent.getByRole('button', { name: /打印委托代办授权书/ }).first()),
    );
    assert.ok(authorisation.includes('委托代办授权书'), 'the authorisation is titled');
    assert.ok(authorisation.includes(squeeze(number)), `the authorisation carries ${number}`);
    assert.ok(authorisation.includes(name), 'the authorisation names the resident');
    assert.ok(authorisation.includes(AGENT_NAME), 'the authorisation names the agent');

    // The materials, collected at the resident's home.
    await agent.getByRole('button', { name: /收材料/ }).click();
    const collect = await opened(agent.getByRole('dialog'));
    await collect.getByRole('button', { name: /全部勾选/ }).click();
    await collect.getByText('必需材料已收齐，保存后可交窗口办理').waitFor();
    await collect.getByRole('button', { name: /保存/ }).click();
    await agent.getByText('必需材料已收齐，可交窗口办理').first().waitFor();

    // 我的代办: the form's number, and what the list stands as of (the first sync: 09:45).
    await agent.goto(`${village.url}#/errands/mine`);
    const row = agent.getByRole('row', { name: new RegExp(name) });
    await row.getByText('材料已收齐，待交接').waitFor();
    await row.getByLabel(`委托书编号 ${number}`).waitFor();
    await row.getByText('未交接').waitFor();
    await agent.getByText(/状态截至最近一次同步：2026-10-13 09:45/).waitFor();

    // The link is back: the village's administrator syncs from the 同步 page.
    await link.restore();
    setup.clock.current = new Date('2026-10-13T03:00:00Z');
    await villageAdmin.goto(`${village.url}#/sync`);
    await villageAdmin.getByRole('button', { name: '立即同步' }).click();
    await villageAdmin
      .locator('.ant-card', { hasText: '进度' })
      .getByText('上次同步完成：2026-10-13 11:00')
      .waitFor({ timeout: SYNC_TIMEOUT });

    // The clerk at the township sees it waiting and hands it over.
    const clerk = await setup.browser.newPage(PAGE_OPTIONS);
    const clerkErrors = watchForPageErrors(clerk);
    await signIn(clerk, setup.hall.url, STAFF.clerk.username, PASSWORD);
    await clerk.goto(`${setup.hall.url}#/errands/handover`);
    await clerk.getByRole('radio', { name: new RegExp(`${AGENT_NAME}.*1 件`) }).waitFor({ state: 'attached' });
    assert.ok(await clerk.getByRole('checkbox', { name: new RegExp(`交接${name}`) }).isChecked());
    await clerk.getByLabel('受理窗口').fill('2号窗口');
    await clerk.getByRole('button', { name: /交接受理（1 件）/ }).click();
    await clerk.getByText('已交接受理 1 件').waitFor();
    const caseNumber = (await clerk.getByRole('link', { name: /SL-2026-\d{6}/ }).textContent())!.trim();

    // The next sync brings the answer down: the case number and its status, as of then.
    setup.clock.current = new Date('2026-10-13T03:20:00Z');
    const answered = await village.backend.sync.runOnce();
    assert.ok(answered.ok, answered.message);
    await agent.reload();
    await row.getByText(caseNumber).waitFor();
    await row.getByText('已受理').waitFor();
    await row.getByText('已交窗口办理').waitFor();
    await agent.getByText(/状态截至最近一次同步：2026-10-13 11:20/).waitFor();

    // At the township: the last contact, and every entry received taken in (no warning).
    const township = await setup.browser.newPage(PAGE_OPTIONS);
    const townshipErrors = watchForPageErrors(township);
    await signIn(township, setup.hall.url, ADMIN.username, ADMIN.password);
    await township.goto(`${setup.hall.url}#/sync/villages`);
    const node = township.getByRole('row', { name: new RegExp(NODE_NAME) });
    await node.getByText('2026-10-13 11:20').waitFor();
    const { nodes } = await setup.admin.ok('villageNodes.list', {});
    const listed = nodes.find((n) => n.name === NODE_NAME)!;
    assert.ok(listed.receivedThrough > 0);
    assert.equal(listed.takenInThrough, listed.receivedThrough);
    await node.getByText(`已接收 ${listed.receivedThrough} 条 · 已并入 ${listed.takenInThrough} 条`).waitFor();
    assert.equal(await township.getByText('有村里发来的记录尚未并入乡镇').count(), 0);

    assert.deepEqual(errors, []);
    assert.deepEqual(clerkErrors, []);
    assert.deepEqual(townshipErrors, []);
    assert.deepEqual(villageAdminErrors, []);
    await agent.close();
    await clerk.close();
    await township.close();
    await villageAdmin.close();
  });

  test('with no link at all, the village’s file comes on a USB stick: taken in on 村级节点, the reply carried back', async () => {
    await link.cut();
    setup.clock.current = new Date('2026-10-13T05:00:00Z');
    // Another errand on the village node, offline (the agent's day is tested above).
    const agent = new TestClient(village.url);
    await agent.ok('auth.login', { username: STAFF.agent.username, password: PASSWORD });
    const other = setup.residents.filter((r) => r.villageId === dongGang().id)[1]!;
    const { errand } = await agent.ok('errands.register', {
      requestId: crypto.randomUUID(),
      residentId: other.id,
      itemCode: ITEM_CODE,
    });

    // The village's administrator writes the sync file to the stick.
    const villagePage = await setup.browser.newPage(PAGE_OPTIONS);
    const villageErrors = watchForPageErrors(villagePage);
    interceptFileChoosers(villagePage);
    await signIn(villagePage, village.url, ADMIN.username, ADMIN.password);
    await villagePage.goto(`${village.url}#/sync`);
    const [exported] = await Promise.all([
      villagePage.waitForEvent('download'),
      villagePage.getByRole('button', { name: '导出同步文件（U 盘）' }).click(),
    ]);
    const syncFile = path.join(fileDir, exported.suggestedFilename());
    await exported.saveAs(syncFile);
    await acknowledge(villagePage, /请拷贝到 U 盘带到乡镇导入，再把乡镇给出的回执文件带回/);

    // At the township: imported on 村级节点; the outcomes, and the reply for 东岗村.
    const township = await setup.browser.newPage(PAGE_OPTIONS);
    const townshipErrors = watchForPageErrors(township);
    interceptFileChoosers(township);
    await signIn(township, setup.hall.url, ADMIN.username, ADMIN.password);
    await township.goto(`${setup.hall.url}#/sync/villages`);
    await chooseFile(township, township.getByRole('button', { name: '导入村里带来的文件（U 盘）' }), syncFile);
    const outcome = township.locator('.ant-card', { hasText: `已导入“${exported.suggestedFilename()}”` });
    await outcome
      .getByRole('row', { name: /变更批次/ })
      .getByText('已接收')
      .first()
      .waitFor();
    assert.equal(await outcome.getByText('拒收').count(), 0);
    const atTownship = await setup.hall.backend.db
      .selectFrom('errands')
      .select(['resident_name', 'status'])
      .where('id', '=', errand.id)
      .executeTakeFirst();
    assert.deepEqual(atTownship, { resident_name: other.name, status: 'authorised' });
    const [reply] = await Promise.all([
      township.waitForEvent('download'),
      outcome.getByRole('button', { name: '下载给东岗村的回执文件' }).click(),
    ]);
    assert.match(reply.suggestedFilename(), /^乡镇回执-东岗村-2026-10-13\.tdsync$/);
    const replyFile = path.join(fileDir, reply.suggestedFilename());
    await reply.saveAs(replyFile);

    // Back in the village: the reply confirms the batch; nothing is left to send.
    await chooseFile(villagePage, villagePage.getByRole('button', { name: '导入回执文件' }), replyFile);
    await acknowledge(villagePage, '回执文件已导入');
    const status = await village.backend.sync.status();
    assert.equal(status.pending.entries, 0);

    assert.deepEqual(villageErrors, []);
    assert.deepEqual(townshipErrors, []);
    await villagePage.close();
    await township.close();
  });
  test('a matter collected in the village while the link is down: numbered from the village’s block, sorted at the township as a 小事 with a deadline, yellow and red on the village’s worklist on the right days', async () => {
    await link.cut();
    // Tuesday 13 October, 14:00: two working days from today is Thursday the 15th.
    setup.clock.current = new Date('2026-10-13T06:00:00Z');
    const agent = await setup.browser.newPage(PAGE_OPTIONS);
    const errors = watchForPageErrors(agent);
    await signIn(agent, village.url, STAFF.agent.username, PASSWORD);
    await agent.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '群众诉求' }).click();
    await agent.getByRole('link', { name: /登记诉求/ }).click();
    await agent.getByRole('heading', { name: '登记诉求' }).waitFor();
    await agent.getByText('网格走访（民情日记）').click();
    await agent.getByText('问题', { exact: true }).click();
    await agent.locator('.ant-select').filter({ hasText: dongGang().name }).first().waitFor();
    await agent.getByLabel('反映人', { exact: true }).fill(resident().name);
    await pickOption(agent.getByLabel('分类', { exact: true }), '基础设施');
    await agent.getByLabel('诉求内容').fill('村口小桥护栏松动，孩子上学经过有危险。');
    await agent.getByRole('button', { name: buttonName('登记') }).click();
    const registered = await agent.getByText(/已登记 SQ-2026-\d{6}/).textContent();
    const number = /SQ-2026-\d{6}/.exec(registered ?? '')![0];
    const blocks = await setup.hall.backend.db
      .selectFrom('number_blocks')
      .select(['first', 'last'])
      .where('scope', '=', 'matter:2026')
      .where(
        'node_id',
        '=',
        (await setup.admin.ok('villageNodes.list', {})).nodes.find((n) => n.name === NODE_NAME)!.id,
      )
      .execute();
    const drawn = Number(number.slice(-6));
    assert.ok(
      blocks.some((b) => b.first <= drawn && drawn <= b.last),
      `${number} is of the village's block`,
    );

    // Back online: the matter reaches the township; the clerk sorts it (a 小事 for the village
    // committee, two working days); the next sync brings the decision down.
    await link.restore();
    const up = await village.backend.sync.runOnce();
    assert.ok(up.ok, up.message);
    const atTownship = (await setup.clients.clerk.ok('matters.list', {})).matters.find((m) => m.number === number)!;
    await setup.clients.clerk.ok('matters.triage', {
      id: atTownship.id,
      version: atTownship.version,
      triage: 'minor',
      handling: 'deadline',
      ownerKind: 'villageCommittee',
      owner: '东岗村委会',
      workingDays: 2,
      escalatedTo: '',
      escalationReason: '',
      reply: '',
    });
    const down = await village.backend.sync.runOnce();
    assert.ok(down.ok, down.message);

    // The village's worklist, as the days go by (the deadline counted on the village's own calendar).
    await agent.getByRole('link', { name: /群众诉求工作台/ }).click();
    await agent.getByRole('row').filter({ hasText: number }).waitFor();
    assert.deepEqual(await deadlineOnWorklist(agent, number), { text: '剩余2个工作日', colour: 'green' });
    setup.clock.current = morningOf('2026-10-14');
    assert.deepEqual(await deadlineOnWorklist(agent, number), { text: '剩余1个工作日', colour: 'gold' });
    setup.clock.current = morningOf('2026-10-15');
    assert.deepEqual(await deadlineOnWorklist(agent, number), { text: '今日到期', colour: 'gold' });
    setup.clock.current = morningOf('2026-10-16');
    assert.deepEqual(await deadlineOnWorklist(agent, number), { text: '已超期1个工作日', colour: 'red' });

    assert.deepEqual(errors, []);
    await agent.close();
  });
});
