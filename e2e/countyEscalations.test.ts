// 提交统筹 on the county page, in a real browser at 1366×768 against a real hub: two townships'
// synced entries (escalated matters, one since closed, one given a deadline), the list with its
// open counts per township and its filters, and a 交办 about one matter sent from its row
// through the instruction form, prefilled.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { type RunningHub } from '../hub/startHub';
import { disposeAll } from '../test/support/dispose';
import { escalate, matterEntry, matterRow, villageEntry } from '../test/support/matterEntries';
import { type TestNode } from '../test/support/syncNode';
import { opened, pickOption } from './support/antd';
import { ACTION_TIMEOUT, launchBrowser, watchForPageErrors } from './support/browser';
import { registeredTownship, signInToCounty, startCountyHub } from './support/county';

let dataDir: string;
let running: RunningHub;
let browser: Browser;
let context: BrowserContext;
let qingshan: TestNode;

function township(name: string): Promise<TestNode> {
  return registeredTownship(running, name);
}

before(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'county-escalations-e2e-'));
  running = await startCountyHub(dataDir);
  browser = await launchBrowser();
  context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1366, height: 768 } });

  // 青山镇: one escalated matter still open, one escalated and since closed.
  qingshan = await township('青山镇');
  const open = matterRow('m-1', 'SQ-2026-000001', 'v-1');
  const done = matterRow('m-2', 'SQ-2026-000002', 'v-1', { description: '集镇垃圾中转站满溢' });
  const registered = [
    villageEntry(qingshan, 'v-1', '石桥村'),
    matterEntry(qingshan, 'register', open, {}),
    matterEntry(qingshan, 'register', done, { village: { nodeId: 'village-node-7', seq: 3 } }),
  ];
  const escalatedOpen = escalate(qingshan, open);
  const escalatedDone = escalate(qingshan, done);
  const closed = { ...escalatedDone.row, status: 'closed', replied_on: '2026-10-28', closed_on: '2026-10-30' };
  await running.hub.applyBatch(
    qingshan.batch([
      ...registered,
      escalatedOpen.entry,
      escalatedDone.entry,
      matterEntry(qingshan, 'close', closed, { closedOn: '2026-10-30' }),
    ]),
    'link',
  );
  // 白水乡: one escalated, one given a deadline (not the county's).
  const baishui = await township('白水乡');
  const water = matterRow('b-1', 'SQ-2026-000007', 'w-1', { description: '饮水管网老化，夏季常停水' });
  const road = matterRow('b-2', 'SQ-2026-000008', 'w-1', { description: '路灯不亮' });
  const entries = [
    villageEntry(baishui, 'w-1', '清泉村'),
    matterEntry(baishui, 'register', water, {}),
    matterEntry(baishui, 'register', road, {}),
  ];
  entries.push(escalate(baishui, water).entry);
  entries.push(
    matterEntry(baishui, 'triage', { ...road, status: 'inHand', triage: 'minor', handling: 'deadline' }, {}),
  );
  await running.hub.applyBatch(baishui.batch(entries), 'link');
});

after(() =>
  disposeAll([
    () => context?.close(),
    () => browser?.close(),
    () => running?.close(),
    () => dataDir && rm(dataDir, { recursive: true, force: true }),
  ]),
);

test('the county sees the escalated matters and assigns one back to its township', async () => {
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT);
  const errors = watchForPageErrors(page);
  await signInToCounty(page, running, '提交统筹');

  // Open ones per township; the list newest first, the deadline matter not in it.
  await page.getByRole('button', { name: '青山镇：未办结 1 件' }).waitFor();
  await page.getByRole('button', { name: '白水乡：未办结 1 件' }).waitFor();
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await page.getByText('共 3 件').waitFor();
  assert.equal(await rows.count(), 3);
  assert.equal(await page.getByText('SQ-2026-000008').count(), 0, 'a matter given a deadline is not escalated');
  const first = page.getByRole('row', { name: /SQ-2026-000001/ });
  await first.getByText('石桥村').waitFor();
  await first.getByText('县交通运输局').waitFor();
  await first.getByText('修复资金超出乡镇能力').waitFor();
  await first.getByText('群众：李秀英').waitFor();
  await first.getByText('已提交统筹').waitFor();
  const fromVillage = page.getByRole('row', { name: /SQ-2026-000002/ });
  await fromVillage.getByText('村级节点').waitFor();
  await fromVillage.getByText('已办结').waitFor();
  // Everything fits the 1366-pixel screen: no sideways scrolling of the page.
  assert.ok(((await page.evaluate('document.documentElement.scrollWidth')) as number) <= 1366);

  // Filters: 已办结 shows the closed one only; 未办结 of 青山镇 its open one.
  await pickOption(page.getByLabel('状态'), '已办结');
  await page.getByText('共 1 件').waitFor();
  await fromVillage.waitFor();
  await pickOption(page.getByLabel('状态'), '未办结');
  await page.getByText('共 2 件').waitFor();
  await page.getByRole('button', { name: '青山镇：未办结 1 件' }).click();
  await page.getByText('共 1 件').waitFor();
  assert.equal(await rows.count(), 1);
  await first.waitFor();

  // 交办 from the row: the instruction form, prefilled, to 青山镇 only.
  await first.getByRole('button', { name: '交办 青山镇 SQ-2026-000001' }).click();
  const dialog = await opened(page.getByRole('dialog', { name: '交办：青山镇 SQ-2026-000001' }));
  assert.equal(await dialog.getByLabel('标题').inputValue(), '关于诉求 SQ-2026-000001 的统筹办理');
  const body = await dialog.getByLabel('内容').inputValue();
  assert.match(body, /SQ-2026-000001/);
  assert.match(body, /提交原因：修复资金超出乡镇能力/);
  await dialog.getByText('青山镇', { exact: true }).waitFor(); // the chosen township in the picker
  // The deadline typed and confirmed with Enter, which sends the form as its button would.
  await dialog.getByLabel('期限', { exact: true }).fill('2026-12-15');
  await dialog.getByLabel('期限', { exact: true }).press('Enter');
  await page.getByText('已向青山镇下发交办“关于诉求 SQ-2026-000001 的统筹办理”').waitFor();
  await dialog.waitFor({ state: 'hidden' });
  await first.getByText('已交办（12-15前）').waitFor();

  const status = await running.hub.instructionStatus();
  assert.deepEqual(
    status.map((s) => [s.townshipName, s.instruction.kind, s.instruction.title, s.instruction.dueOn]),
    [['青山镇', 'assign', '关于诉求 SQ-2026-000001 的统筹办理', '2026-12-15']],
    'one 交办, to the township that escalated the matter',
  );
  assert.equal(status[0]!.nodeId, qingshan.nodeId);

  assert.deepEqual(errors, []);
  await page.close();
});
