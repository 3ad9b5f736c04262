// 跨乡镇查询 on the county page, in a real browser at 1366×768 against a real hub: two townships'
// synced entries with the same case number; a search by number lists both with their township,
// a search by ID number asks who and why (remembered for the session), finds the resident and
// her dispute, opens the dispute read-only in Chinese labels; the record of each search and
// opening is listed below.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { type RunningHub } from '../hub/startHub';
import type { ChangeEntry, RowImage } from '../shared/sync/protocol';
import { disposeAll } from '../test/support/dispose';
import { residentId } from '../test/support/ids';
import { type TestNode } from '../test/support/syncNode';
import { ACTION_TIMEOUT, launchBrowser, watchForPageErrors } from './support/browser';
import { registeredTownship, signInToCounty, startCountyHub } from './support/county';

const LI_ID = residentId('19680312', 302);
const LI_MASKED = `${LI_ID.slice(0, 4)}**********${LI_ID.slice(-4)}`;

let dataDir: string;
let running: RunningHub;
let browser: Browser;
let context: BrowserContext;

function township(name: string): Promise<TestNode> {
  return registeredTownship(running, name);
}

function entry(node: TestNode, entity: string, id: string, rows: RowImage[]): ChangeEntry {
  return node.entries(1, () => ({ entity, entityId: id, op: 'save', data: null, rows }))[0]!;
}

const caseRow = (id: string, residentRow: Record<string, unknown>, item: string) => ({
  id,
  case_number: 'SL-2026-000001',
  status: 'inProgress',
  resident_id: residentRow['id'],
  resident_name: residentRow['name'],
  village_id: residentRow['village_id'],
  item_name: item,
  handling_type: 'promised',
  intake_on: '2026-10-20',
});

before(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'county-search-e2e-'));
  running = await startCountyHub(dataDir);
  browser = await launchBrowser();
  context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1366, height: 768 } });

  // 青山镇: 李秀英, her case SL-2026-000001, and a dispute where she is a party.
  const qingshan = await township('青山镇');
  const li = {
    id: 'r-li',
    name: '李秀英',
    id_type: 'residentId',
    id_number: LI_ID,
    sex: 'female',
    phone: '13903721234',
    ethnicity: '汉族',
    village_id: 'v-1',
    address: '石桥村3组',
    created_at: '2026-10-01T01:00:00.000Z',
    voided_at: null,
  };
  await running.hub.applyBatch(
    qingshan.batch([
      entry(qingshan, 'village', 'v-1', [{ table: 'villages', row: { id: 'v-1', name: '石桥村' } }]),
      entry(qingshan, 'resident', li.id, [{ table: 'residents', row: li }]),
      entry(qingshan, 'counterCase', 'c-q1', [
        { table: 'counter_cases', row: caseRow('c-q1', li, '城乡居民养老保险参保登记') },
      ]),
      entry(qingshan, 'dispute', 'd-q1', [
        {
          table: 'disputes',
          row: {
            id: 'd-q1',
            case_number: '（2026）青调字第3号',
            status: 'settled',
            category: 'neighbour',
            source: 'oralApplication',
            facts: '两户因宅基地边界的围墙发生争执。',
            village_id: 'v-1',
            party_names: '李秀英 与 赵四',
            registered_on: '2026-10-22',
            amount_fen: 150000,
            outcome_kind: 'written',
          },
        },
        {
          table: 'dispute_parties',
          row: {
            id: 'p-1',
            dispute_id: 'd-q1',
            position: 1,
            side: 'applicant',
            kind: 'person',
            name: '李秀英',
            id_number: LI_ID,
            phone: '13903720011',
            address: '石桥村',
          },
        },
        {
          table: 'dispute_parties',
          row: {
            id: 'p-2',
            dispute_id: 'd-q1',
            position: 2,
            side: 'respondent',
            kind: 'person',
            name: '赵四',
            id_number: '',
          },
        },
      ]),
    ]),
    'link',
  );
  // 白水乡: its own SL-2026-000001, of another resident.
  const baishui = await township('白水乡');
  const wang = { id: 'r-wang', name: '王大妈', id_number: residentId('19550101', 13), village_id: 'w-1' };
  await running.hub.applyBatch(
    baishui.batch([
      entry(baishui, 'village', 'w-1', [{ table: 'villages', row: { id: 'w-1', name: '清泉村' } }]),
      entry(baishui, 'resident', wang.id, [{ table: 'residents', row: wang }]),
      entry(baishui, 'counterCase', 'c-b1', [{ table: 'counter_cases', row: caseRow('c-b1', wang, '高龄津贴申请') }]),
    ]),
    'link',
  );
});

after(() =>
  disposeAll([
    () => context?.close(),
    () => browser?.close(),
    () => running?.close(),
    () => dataDir && rm(dataDir, { recursive: true, force: true }),
  ]),
);

test('the county finds a number in both townships, a resident by ID number with who and why, and opens a record read-only', async () => {
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT);
  const errors = watchForPageErrors(page);
  await signInToCounty(page, running, '跨乡镇查询');

  // By number: both townships' SL-2026-000001, each with its township, village and status.
  const box = page.getByLabel('编号或身份证号码');
  await box.fill('sl-2026-1');
  await box.press('Enter');
  await page.getByText('编号 sl-2026-1：共 2 条').waitFor();
  const results = page.locator('.ant-card').filter({ hasText: '编号 sl-2026-1：' }).locator('tr.ant-table-row');
  assert.equal(await results.count(), 2);
  const qingshanCase = results.filter({ hasText: '青山镇' });
  await qingshanCase.getByText('城乡居民养老保险参保登记').waitFor();
  await qingshanCase.getByText('石桥村').waitFor();
  await qingshanCase.getByText('办理中').waitFor();
  await results.filter({ hasText: '白水乡' }).getByText('高龄津贴申请').waitFor();

  // By ID number: who and why are asked for before anything is sent.
  await box.fill(LI_ID);
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByText('按身份证号码查询须填写查询人', { exact: true }).waitFor();
  await page.getByText('按身份证号码查询须填写查询事由', { exact: true }).waitFor();
  await page.getByLabel('查询人').fill('县信访局 周明');
  await page.getByLabel('查询事由').fill('核查重复信访');
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByText(`身份证号码 ${LI_MASKED}：共 3 条`).waitFor();
  const personHits = page
    .locator('.ant-card')
    .filter({ hasText: `身份证号码 ${LI_MASKED}：` })
    .locator('tr.ant-table-row');
  await personHits.first().getByText(LI_MASKED).waitFor();
  assert.match((await personHits.first().textContent()) ?? '', /青山镇.*居民.*证件号码/);
  assert.equal(await page.getByText(LI_ID).count(), 0, 'the full ID number is shown nowhere but in the box');

  // The dispute where she is a party opens read-only, in the desk's words.
  await page.getByRole('button', { name: '查看 青山镇 纠纷 （2026）青调字第3号' }).click();
  const drawer = page.getByRole('dialog', { name: '青山镇 · 纠纷 （2026）青调字第3号' });
  await drawer.waitFor();
  await drawer.getByText('调解成功').waitFor();
  await drawer.getByText('邻里纠纷').waitFor();
  await drawer.getByText('1500.00 元').waitFor();
  await drawer.getByText('达成书面调解协议').waitFor();
  await drawer.getByText('当事人（2）').waitFor();
  const applicant = drawer.getByRole('row', { name: /^申请方/ });
  await applicant.getByText('李秀英').waitFor();
  await applicant.getByText(LI_MASKED).waitFor();
  await applicant.getByText('139****0011').waitFor();
  await drawer
    .getByRole('row', { name: /^被申请方/ })
    .getByText('赵四')
    .waitFor();
  assert.equal(await drawer.locator('input, textarea, button:has-text("保存")').count(), 0, 'nothing to edit');
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });

  // The record of each search and the opening, newest first, the number masked.
  const auditRows = page.locator('.ant-card').filter({ hasText: '涉及记录' }).locator('tr.ant-table-row');
  await auditRows.filter({ hasText: '查看记录' }).first().waitFor();
  const [opened, searched] = [auditRows.nth(0), auditRows.nth(1)];
  assert.match((await opened.textContent()) ?? '', /县信访局 周明.*核查重复信访.*查看记录.*纠纷 （2026）青调字第3号/);
  assert.match(
    (await searched.textContent()) ?? '',
    new RegExp(`按身份证号码查询.*${LI_MASKED.replace(/\*/g, '\\*')}.*3 条`),
  );
  assert.match((await auditRows.nth(2).textContent()) ?? '', /（未填写）.*按编号查询.*sl-2026-1.*2 条/);

  // Who and why are remembered for the session: a reload keeps them.
  await page.reload();
  await page.getByRole('tab', { name: '跨乡镇查询' }).click();
  assert.equal(await page.getByLabel('查询人').inputValue(), '县信访局 周明');
  assert.equal(await page.getByLabel('查询事由').inputValue(), '核查重复信访');
  assert.ok(((await page.evaluate('document.documentElement.scrollWidth')) as number) <= 1366);

  const stored = await running.hub.db.selectFrom('hub_search_audit').select(['action', 'searcher']).execute();
  assert.deepEqual(stored.map((r) => r.action).sort(), ['idNumber', 'number', 'open']);
  assert.deepEqual(errors, []);
  await page.close();
});
