// Instructions followed to the end (issue 21), in real browsers against a real hub over HTTPS and
// a real township hall, both on one clock the test moves: the county sends a 交办 about a matter
// the township escalated (from the 提交统筹 row, pointing at the matter) and another to every
// township; one township acknowledges late, the other never fetches; the list marks them (5 and
// 30 minutes) and counts them on top; the deadline passes and the hub's minute sends the
// automatic 督办 to the townships that did not reply; at the township, the matter's page shows the
// 交办 and the 督办 with their states and the way to answer them.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { type RunningHub } from '../hub/startHub';
import { AUTO_SUPERVISION_ISSUER } from '../shared/sync/countyApi';
import { disposeAll } from '../test/support/dispose';
import { makeTestNode } from '../test/support/syncNode';
import { ADMIN } from '../test/support/testHall';
import { opened } from './support/antd';
import { ACTION_TIMEOUT, signIn, watchForPageErrors } from './support/browser';
import { useTownshipHall } from './support/townshipHall';
import { signInToCounty, startCountyHub } from './support/county';

const PASSPHRASE = '青石镇同步口令2026';
/** 10:00 in the county on Monday 23 November 2026. */
const START = new Date('2026-11-23T02:00:00Z');
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);
const FIRE_PLAN = '报送冬季防火预案';

describe('交办督办 followed to the end, on the county page and at the township', () => {
  const township = useTownshipHall(START);
  let hubDir: string;
  let running: RunningHub;
  let county: BrowserContext;
  let matter: { id: string; number: string };
  let townshipName: string;

  before(async () => {
    hubDir = await mkdtemp(path.join(os.tmpdir(), 'county-instructions-e2e-'));
    // The hub reads the township's clock: one clock moves both.
    running = await startCountyHub(hubDir, () => new Date(township.clock.current));
    const { hall, clients, villages } = township;
    townshipName = ADMIN.townshipName;
    const { enrollment } = await running.hub.createNode({
      townshipName,
      hubUrl: running.publicUrl,
      certificatePem: running.tls.certificatePem,
      certificateFingerprint: running.tls.fingerprint,
    });
    const enrolled = await hall.backend.sync.enroll(enrollment, PASSPHRASE);
    assert.ok(enrolled.registered, enrolled.message);
    // A matter the clerk escalates to the county (提交统筹), synced up.
    const registered = await clients.clerk.ok('matters.register', {
      requestId: crypto.randomUUID(),
      source: 'meeting',
      villageId: villages[0]!.id,
      residentName: '东岗村议事会',
      phone: '13900000000',
      type: 'problem',
      category: 'infrastructure',
      description: '村道塌方，车辆无法通行',
    });
    await clients.clerk.ok('matters.triage', {
      id: registered.matter.id,
      version: registered.matter.version,
      triage: 'major',
      handling: 'escalated',
      escalatedTo: '县交通运输局',
      escalationReason: '修复资金超出乡镇能力',
    });
    matter = { id: registered.matter.id, number: registered.matter.number };
    const synced = await hall.backend.sync.runOnce();
    assert.ok(synced.ok, synced.message);
    // Another township, enrolled, that never fetches what is sent to it.
    const { enrollment: quiet } = await running.hub.createNode({
      townshipName: '白水乡',
      hubUrl: running.publicUrl,
      certificatePem: running.tls.certificatePem,
      certificateFingerprint: running.tls.fingerprint,
    });
    await running.hub.register(makeTestNode(quiet).registration(), 'link');
    county = await township.browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1366, height: 768 } });
  });

  after(() =>
    disposeAll([
      () => county?.close(),
      () => running?.close(),
      () => hubDir && rm(hubDir, { recursive: true, force: true }),
    ]),
  );

  /** The row of `title` at the township `name` in the 交办督办 list. */
  function receiptRow(page: Page, title: string, name: string) {
    return page.getByRole('row', { name: `${title} · ${name}`, exact: true });
  }

  test('an overdue instruction escalated: the late marks, the counts, the automatic 督办 — and the 交办 on the township’s matter', async () => {
    const page = await county.newPage();
    page.setDefaultTimeout(ACTION_TIMEOUT);
    const errors = watchForPageErrors(page);
    await signInToCounty(page, running);

    // 交办 from the escalated matter's row: the form points at the matter, to its township only.
    await page.getByRole('tab', { name: '提交统筹' }).click();
    const matterRow = page.getByRole('row', { name: new RegExp(matter.number) });
    await matterRow.getByRole('button', { name: `交办 ${townshipName} ${matter.number}` }).click();
    const dialog = await opened(page.getByRole('dialog', { name: `交办：${townshipName} ${matter.number}` }));
    await dialog.getByText('群众诉求', { exact: true }).waitFor();
    assert.equal(await dialog.getByLabel('诉求编号').inputValue(), matter.number);
    await dialog.getByLabel('期限', { exact: true }).fill('2026-11-24');
    await dialog.getByLabel('期限', { exact: true }).press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await matterRow.getByText('已交办（11-24前）').waitFor();
    const assignmentTitle = `关于诉求 ${matter.number} 的统筹办理`;

    // A 交办 to every township, from the 交办督办 tab.
    await page.getByRole('tab', { name: '交办督办' }).click();
    await page.getByLabel('标题').fill(FIRE_PLAN);
    await page.getByLabel('内容').fill('请于期限前报送本乡镇冬季防火预案。');
    await page.getByLabel('期限', { exact: true }).fill('2026-11-24');
    await page.getByLabel('期限', { exact: true }).press('Enter');
    await page.getByText(`已下发交办“${FIRE_PLAN}”`).waitFor();
    await receiptRow(page, assignmentTitle, townshipName).getByText(`关于 群众诉求 ${matter.number}`).waitFor();

    // The township fetches at 10:01, answers the fire plan at once, acknowledges the matter's 交办
    // at 10:12 — late on the 5-minute mark; 白水乡 never fetches.
    const { hall, admin } = township;
    township.clock.current = at(1);
    assert.ok((await hall.backend.sync.runOnce()).ok);
    const listed = await admin.ok('instructions.list', {});
    const idOf = (title: string) => listed.instructions.find((r) => r.instruction.title === title)!.instruction.id;
    township.clock.current = at(3);
    await admin.ok('instructions.reply', { id: idOf(FIRE_PLAN), reply: '预案已报送县应急管理局。' });
    township.clock.current = at(12);
    await admin.ok('instructions.acknowledge', { id: idOf(assignmentTitle) });
    assert.ok((await hall.backend.sync.runOnce()).ok);

    // Forty minutes after issue, on the county page.
    township.clock.current = at(40);
    await page.getByRole('button', { name: '刷新' }).click();
    await receiptRow(page, assignmentTitle, townshipName).getByText('5分钟内未签收').waitFor();
    await receiptRow(page, FIRE_PLAN, '白水乡').getByText('30分钟未签收（未到达）').waitFor();
    await receiptRow(page, FIRE_PLAN, townshipName).getByText('按时签收').waitFor();
    await page.getByRole('button', { name: '5分钟内未签收：1' }).waitFor();
    await page.getByRole('button', { name: '30分钟未签收：1' }).waitFor();
    await page.getByRole('button', { name: '逾期未反馈：0' }).waitFor();

    // The deadline (24 November, the county's day) passes without the two replies. The hub's
    // minute runs (the server's timer calls exactly this; here at once rather than within 60 s).
    township.clock.current = new Date('2026-11-24T16:05:00Z'); // 00:05 on the 25th in the county
    const sent = await running.hub.superviseOverdue();
    assert.deepEqual(
      sent.map((s) => [s.title, s.issuedBy]).sort(),
      [
        [`督办：${FIRE_PLAN}`, AUTO_SUPERVISION_ISSUER],
        [`督办：${assignmentTitle}`, AUTO_SUPERVISION_ISSUER],
      ].sort(),
    );
    await page.getByRole('button', { name: '刷新' }).click();
    await page.getByRole('button', { name: '逾期未反馈：2' }).waitFor();
    await page.getByRole('button', { name: '已自动督办：2' }).click();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await page.getByRole('button', { name: '显示全部' }).waitFor();
    assert.equal(await rows.count(), 2, 'the two 交办 rows the hub chased');
    await receiptRow(page, assignmentTitle, townshipName).getByText('逾期未反馈').waitFor();
    await receiptRow(page, FIRE_PLAN, '白水乡')
      .getByText(/^已自动督办/)
      .waitFor();
    assert.equal(await receiptRow(page, FIRE_PLAN, townshipName).count(), 0, 'it replied: neither late nor chased');
    await page.getByRole('button', { name: '显示全部' }).click();
    const supervision = receiptRow(page, `督办：${assignmentTitle}`, townshipName);
    await supervision.getByText('自动督办', { exact: true }).waitFor();
    await supervision.getByText(AUTO_SUPERVISION_ISSUER).waitFor();
    await receiptRow(page, `督办：${FIRE_PLAN}`, '白水乡').waitFor();
    assert.equal(await receiptRow(page, `督办：${FIRE_PLAN}`, townshipName).count(), 0);
    // The escalated matter's row shows the 督办 that chases its 交办.
    await page.getByRole('tab', { name: '提交统筹' }).click();
    await matterRow.getByText('已督办（11-24前）').waitFor();
    assert.deepEqual(errors, []);
    await page.close();

    // At the township: the 督办 comes down; the matter's page shows both, with where to answer.
    assert.ok((await hall.backend.sync.runOnce()).ok);
    const townshipPage = await township.browser.newPage({ viewport: { width: 1366, height: 768 } });
    const townshipErrors = watchForPageErrors(townshipPage);
    // The administrator: the desk both instructions are addressed to.
    await signIn(townshipPage, hall.url, ADMIN.username, ADMIN.password);
    await townshipPage.goto(`${hall.url}#/matters/${matter.id}`);
    const card = townshipPage.getByLabel('县级平台关于本件的交办督办');
    await card.getByText('县级交办督办（2 件）').waitFor();
    const assigned = card.getByRole('group', { name: `交办：${assignmentTitle}` });
    await assigned.getByText('已签收，待反馈').waitFor();
    await assigned.getByText('已超期1天').waitFor();
    const chased = card.getByRole('group', { name: `督办：督办：${assignmentTitle}` });
    await chased.getByText('待签收').waitFor();
    await chased.getByText(new RegExp(`^${AUTO_SUPERVISION_ISSUER} 于`)).waitFor();
    // Its link goes to where the township acknowledges and replies; the list links back.
    await card.getByRole('link', { name: '到“县级交办督办”签收、反馈' }).click();
    await townshipPage.getByRole('tab', { name: '县级交办督办', selected: true }).waitFor();
    await townshipPage
      .getByRole('link', { name: `关于 群众诉求 ${matter.number}` })
      .first()
      .click();
    await townshipPage.getByLabel('县级平台关于本件的交办督办').waitFor();
    assert.ok(townshipPage.url().endsWith(`#/matters/${matter.id}`));
    assert.deepEqual(townshipErrors, []);
    await townshipPage.close();
  });
});
