import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NO_REPLY } from '../shared/matters/matterKind';
import { TestClient } from '../test/support/testHall';
import { buttonName as button, opened, pickOption } from './support/antd';
import { signIn, watchForPageErrors } from './support/browser';
import { deadlineOnWorklist } from './support/matters';
import { morningOf, PASSWORD, useTownshipHall } from './support/townshipHall';

/** A Thursday: two working days after it is Monday 9 November (Saturday and Sunday do not count). */
const TRIAGE_DAY = '2026-11-05';
const GRID = { username: 'grid', displayName: '吴网格', roles: ['gridWorker'] };
const DESCRIPTION = '三组路口的路灯坏了两个月，晚上老人出门看不见路。';

describe('a grid worker’s matter, sorted as a 小事 with a deadline, turns yellow and red on the worklist', () => {
  const setup = useTownshipHall(morningOf(TRIAGE_DAY));

  test('registered in the village, sorted at the township, yellow on Friday and Monday, red on Tuesday', async () => {
    const { hall, browser, admin, clock, villages } = setup;
    const east = villages[0]!;
    // The grid worker's account and village, as the administrator sets them up.
    const created = await admin.ok('users.create', { ...GRID, password: 'Initial123' });
    const grid = new TestClient(hall.url);
    await grid.ok('auth.login', { username: GRID.username, password: 'Initial123' });
    await grid.ok('auth.changePassword', { currentPassword: 'Initial123', newPassword: PASSWORD });
    await admin.ok('matters.setGridWorkerVillage', { userId: created.id, villageId: east.id });

    // The grid worker registers what was heard on the round (民情日记), with the keyboard's help.
    const village = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const villageErrors = watchForPageErrors(village);
    await signIn(village, hall.url, GRID.username, PASSWORD);
    await village.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '群众诉求' }).click();
    await village.getByRole('heading', { name: '群众诉求' }).waitFor();
    await village.getByRole('link', { name: /登记诉求/ }).click();
    await village.getByRole('heading', { name: '登记诉求' }).waitFor();
    await village.getByText('网格走访（民情日记）').click();
    await village.getByText('问题', { exact: true }).click();
    // The own village is chosen already.
    await village.locator('.ant-select').filter({ hasText: east.name }).first().waitFor();
    await village.getByLabel('反映人', { exact: true }).fill('刘大爷');
    await pickOption(village.getByLabel('分类', { exact: true }), '基础设施');
    // Nothing typed is lost on a refused save: the description is missing, the rest stays.
    await village.getByRole('button', { name: button('登记') }).click();
    await village.getByText('请写明群众反映的诉求、问题或建议').waitFor();
    assert.equal(await village.getByLabel('反映人', { exact: true }).inputValue(), '刘大爷');
    await village.getByLabel('诉求内容').fill(DESCRIPTION);
    await village.getByRole('button', { name: button('登记') }).click();
    await village.getByText(/已登记 SQ-2026-000001/).waitFor();
    await village.getByRole('heading', { name: '问题 SQ-2026-000001' }).waitFor();
    // The village may settle it on the spot; sorting it is the township's.
    await village.getByRole('button', { name: button('当即解决') }).waitFor();
    assert.equal(await village.getByRole('button', { name: button('分流办理') }).count(), 0);

    // At the township the clerk sorts it: a 小事 for the village committee, two working days.
    const matter = (await setup.clients.clerk.ok('matters.list', {})).matters[0]!;
    const township = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const townshipErrors = watchForPageErrors(township);
    await signIn(township, hall.url, 'clerk', PASSWORD);
    await township.goto(`${hall.url}#/matters/${matter.id}`);
    await township.getByRole('button', { name: button('分流办理') }).click();
    const dialog = await opened(township.getByRole('dialog', { name: '三事分流' }));
    await dialog.getByText('限期解决', { exact: true }).click();
    await pickOption(dialog.getByLabel('责任主体'), '村（社区）委会');
    await dialog.getByLabel('责任单位（人）').fill('东岗村委会');
    await dialog.getByLabel('办理时限（工作日）').fill('2');
    await dialog.getByRole('button', { name: '确定分流' }).click();
    await dialog.waitFor({ state: 'detached' });
    await township.getByText('2个工作日，至2026年11月9日').waitFor();
    // 件件有回复: 办结 is there, disabled, and says why on focus.
    const close = township.getByRole('button', { name: button('办结') });
    assert.equal(await close.getAttribute('aria-disabled'), 'true');
    await close.focus();
    await township.getByRole('tooltip').filter({ hasText: NO_REPLY }).waitFor();

    // The village's worklist, as the days go by.
    await village.getByRole('link', { name: /群众诉求工作台/ }).click();
    await village.getByRole('row').filter({ hasText: 'SQ-2026-000001' }).waitFor();
    assert.deepEqual(await deadlineOnWorklist(village, 'SQ-2026-000001'), { text: '剩余2个工作日', colour: 'green' });
    clock.current = morningOf('2026-11-06');
    assert.deepEqual(await deadlineOnWorklist(village, 'SQ-2026-000001'), { text: '剩余1个工作日', colour: 'gold' });
    // Saturday and Sunday are no working days: still one left.
    clock.current = morningOf('2026-11-08');
    assert.deepEqual(await deadlineOnWorklist(village, 'SQ-2026-000001'), { text: '剩余1个工作日', colour: 'gold' });
    clock.current = morningOf('2026-11-09');
    assert.deepEqual(await deadlineOnWorklist(village, 'SQ-2026-000001'), { text: '今日到期', colour: 'gold' });
    clock.current = morningOf('2026-11-10');
    assert.deepEqual(await deadlineOnWorklist(village, 'SQ-2026-000001'), { text: '已超期1个工作日', colour: 'red' });
    // The red count filters the list.
    await village.getByRole('button', { name: /已超期（红） 1 件/ }).click();
    await village.getByRole('row').filter({ hasText: 'SQ-2026-000001' }).waitFor();

    // The grid worker replies; the township closes it and the statistics count it.
    await village.getByRole('link', { name: 'SQ-2026-000001' }).click();
    await village.getByRole('button', { name: button('答复群众') }).click();
    const reply = await opened(village.getByRole('dialog', { name: '答复群众' }));
    await reply.getByLabel('答复内容').fill('村委会已更换路灯两盏，照明恢复。');
    await reply.getByText('当面答复').click();
    await reply.getByRole('button', { name: '登记答复' }).click();
    await reply.waitFor({ state: 'detached' });
    await village.getByText('已答复待办结').waitFor();

    await township.reload();
    await township.getByRole('button', { name: button('办结') }).click();
    const closing = await opened(township.getByRole('dialog', { name: '办结' }));
    await closing.getByRole('button', { name: button('办结') }).click();
    await closing.waitFor({ state: 'detached' });
    await township.getByText('已办结', { exact: true }).waitFor();

    await township.goto(`${hall.url}#/matters/statistics`);
    await township.getByText('收集 1 = 当即解决 0 + 限期解决 1 + 提交统筹 0 + 私事劝导办结 0 + 待分流 0').waitFor();
    await township.getByText('新增 1 = 已办结 1 + 在办 0').waitFor();
    await township.getByRole('img', { name: '按月趋势图' }).locator('svg').waitFor();

    assert.deepEqual(villageErrors, []);
    assert.deepEqual(townshipErrors, []);
  });
});
