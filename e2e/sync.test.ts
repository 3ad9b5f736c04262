import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { createSelfSignedCertificate, type GeneratedCertificate } from '../hub/certificate';
import { openHub, type Hub, type InstructionStatus } from '../hub/hub';
import { startHubServer, type RunningHubServer } from '../hub/server';
import { disposeAll } from '../test/support/dispose';
import { acknowledge, opened } from './support/antd';
import { interceptFileChoosers, pollUntil, signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';

const PASSPHRASE = '青石镇同步口令2026';
const TITLE = '核查汛期地质灾害隐患点';
/** Addressed to the counter: the administrator's banner does not show it, the clerk's does. */
const CLERK_TITLE = '更新便民服务事项办事指南';
const REPLY = '已组织各村排查隐患点12处，均已设置警示标志，排查台账随后报送。';

/** A whole sync (sealing, HTTPS, applying) on a busy machine: well beyond a page action's wait. */
const SYNC_TIMEOUT = 60_000;

/** The dialog's 入网 button; not 选择入网文件 (and antd's leaving spinner may still be in its name). */
const OK_ENROLL = /入网$/;

/** Chooses `file` in the file dialog that clicking `button` opens. */
async function chooseFile(page: Page, button: Locator, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
  await chooser.setFiles(file);
}

/** Polls the hub until `check` finds what it waits for (the node syncs in the background). */
async function hubShows(
  hub: Hub,
  check: (rows: InstructionStatus[]) => InstructionStatus | undefined,
): Promise<InstructionStatus> {
  const rows = await pollUntil(
    () => hub.instructionStatus(),
    (r) => check(r) !== undefined,
    SYNC_TIMEOUT,
  );
  const found = check(rows);
  if (!found) throw new Error('the hub never saw it');
  return found;
}

describe('the township enrolls with the county hub and answers an instruction, in the browser', () => {
  const setup = useHallAndBrowser({ demo: true, demoResidents: 20 });
  let hubDir: string;
  let fileDir: string;
  let certificate: GeneratedCertificate;
  let hub: Hub;
  let server: RunningHubServer;

  before(async () => {
    hubDir = await mkdtemp(path.join(os.tmpdir(), 'e2e-hub-'));
    fileDir = await mkdtemp(path.join(os.tmpdir(), 'e2e-hub-files-'));
    certificate = await createSelfSignedCertificate({ commonName: '县级平台（测试）', altNames: ['127.0.0.1'] });
    hub = await openHub({ dataDir: hubDir, log: () => {} });
    server = await startHubServer({
      hub,
      host: '127.0.0.1',
      port: 0,
      tls: { certificatePem: certificate.certificatePem, keyPem: certificate.keyPem },
      countyToken: randomBytes(24).toString('base64url'),
      uiDir: null,
      log: () => {},
    });
  });

  after(() =>
    disposeAll([
      () => server?.close(),
      () => hub?.close(),
      () => hubDir && rm(hubDir, { recursive: true, force: true }),
      () => fileDir && rm(fileDir, { recursive: true, force: true }),
    ]),
  );

  test('enrollment, sync, the red banner, 签收 and 反馈 reach the county', async () => {
    const { hall, browser } = setup;
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = watchForPageErrors(page);
    interceptFileChoosers(page);
    await signIn(page, hall.url, 'demo-admin');

    // 同步 → 同步状态: not enrolled, nothing to sync.
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '同步' }).click();
    await page.getByRole('tab', { name: '同步状态' }).waitFor();
    const enrollmentCard = page.locator('.ant-card', { hasText: '入网状态' });
    await enrollmentCard.getByText('未入网').waitFor();
    await page.getByText('本乡镇尚未入网').waitFor();
    assert.equal(await page.getByRole('button', { name: '立即同步' }).isDisabled(), true);

    // The county creates the township's node and hands over the enrollment file.
    const townshipName = (await page.getByRole('heading', { level: 4 }).textContent())!.split(' · ')[0]!;
    const { nodeId, enrollment } = await hub.createNode({
      townshipName,
      hubUrl: server.url,
      certificatePem: certificate.certificatePem,
      certificateFingerprint: certificate.fingerprint,
    });
    const enrollmentPath = path.join(fileDir, `${townshipName}-入网文件.json`);
    await writeFile(enrollmentPath, JSON.stringify(enrollment, null, 2));
    const wrongPath = path.join(fileDir, 'catalog.json');
    await writeFile(wrongPath, JSON.stringify({ format: 'township-desk/catalog', version: '2026.1' }));

    await page.getByRole('button', { name: '导入入网文件' }).click();
    const dialog = await opened(page.getByRole('dialog', { name: '导入入网文件' }));
    // The passphrase is typed twice; a typing mistake is caught before anything is generated.
    await dialog.getByLabel('密钥口令', { exact: true }).fill(PASSPHRASE);
    await dialog.getByLabel('再次输入密钥口令').fill(`${PASSPHRASE}x`);
    await chooseFile(page, dialog.getByRole('button', { name: '选择入网文件' }), wrongPath);
    await dialog.getByRole('button', { name: OK_ENROLL }).click();
    await dialog.getByText('两次输入的密钥口令不一致').waitFor();
    await dialog.getByLabel('再次输入密钥口令').fill(PASSPHRASE);
    // A file that is not the county's enrollment file is refused by the backend; nothing typed is lost.
    await dialog.getByRole('button', { name: OK_ENROLL }).click();
    await dialog
      .getByText(/不是县级平台发放的入网文件/)
      .first()
      .waitFor();
    assert.equal(await dialog.getByLabel('密钥口令', { exact: true }).inputValue(), PASSPHRASE);
    assert.equal(await dialog.getByLabel('再次输入密钥口令').inputValue(), PASSPHRASE);

    // The right file: the dialog shows what it says, then enrolls over the link.
    await chooseFile(page, dialog.getByRole('button', { name: /^重新选择入网文件/ }), enrollmentPath);
    await dialog.getByText(`平台地址 ${server.url}`).waitFor();
    await dialog.getByRole('button', { name: OK_ENROLL }).click();
    await dialog.waitFor({ state: 'hidden' });
    await enrollmentCard.getByText('已登记').waitFor();
    await enrollmentCard.getByText(nodeId).waitFor();
    await enrollmentCard.getByText(certificate.fingerprint).waitFor();
    assert.equal((await hub.townships()).find((t) => t.nodeId === nodeId)?.status, 'active');

    // The county issues an instruction to the administrator's desk and one to the counter;
    // 立即同步 brings them down.
    await hub.issueInstruction(
      {
        kind: 'assign',
        title: CLERK_TITLE,
        body: '请按县政务服务中心新版目录更新窗口摆放的办事指南。',
        dueOn: null,
        responsibleRole: 'counterClerk',
        issuedBy: '县政务服务中心',
        refersTo: null,
      },
      [nodeId],
    );
    await hub.issueInstruction(
      {
        kind: 'assign',
        title: TITLE,
        body: '请于期限内完成辖区内汛期地质灾害隐患点排查，并报送排查台账。',
        dueOn: '2099-06-30',
        responsibleRole: 'administrator',
        issuedBy: '县应急管理局',
        refersTo: null,
      },
      [nodeId],
    );
    const progressCard = page.locator('.ant-card', { hasText: '进度' });
    await page.getByRole('button', { name: '立即同步' }).click();
    await progressCard.getByText(/上次同步完成/).waitFor({ timeout: SYNC_TIMEOUT });
    await page.locator('.ant-card', { hasText: '批次记录' }).getByText('网络').first().waitFor();

    // The red banner, above every page, with the minutes since arrival.
    const banner = page.getByRole('region', { name: '待签收的县级交办督办事项' });
    await banner.getByText(new RegExp(`县级平台交办事项待签收：${TITLE}（已到达 \\d+ 分钟）`)).waitFor();
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '首页' }).click();
    await banner.getByText(`县级平台交办事项待签收：${TITLE}`, { exact: false }).waitFor();
    assert.equal(await banner.getByText(CLERK_TITLE).count(), 0, 'not the administrator’s desk');
    await banner.getByRole('button', { name: `签收“${TITLE}”` }).click();
    await page.getByText(`已签收交办事项“${TITLE}”`).waitFor();
    await banner.waitFor({ state: 'detached' });

    // 县级交办督办: acknowledged; 反馈 in a dialog (blank is refused on the spot).
    await page.goto(`${hall.url}#/sync/instructions`);
    const row = page.getByRole('row', { name: new RegExp(TITLE) });
    await row.getByText('已签收，待反馈').waitFor();
    await row.getByText('剩').waitFor();
    await row.getByRole('button', { name: `反馈“${TITLE}”` }).click();
    const replyDialog = await opened(page.getByRole('dialog', { name: new RegExp(`反馈交办事项：${TITLE}`) }));
    await replyDialog.getByRole('button', { name: '提交反馈' }).click();
    await replyDialog.getByText('请填写反馈内容').waitFor();
    await replyDialog.getByLabel('反馈内容').fill(REPLY);
    await replyDialog.getByRole('button', { name: '提交反馈' }).click();
    await replyDialog.waitFor({ state: 'hidden' });
    await row.getByText('已反馈').waitFor();

    // The second sync carries arrival, 签收 and 反馈 up; the county sees them.
    await page.getByRole('tab', { name: '同步状态' }).click();
    const before = (await hub.instructionStatus()).find((s) => s.nodeId === nodeId)!;
    assert.equal(before.acknowledgedAt, null);
    await page.getByRole('button', { name: '立即同步' }).click();
    const seen = await hubShows(hub, (rows) =>
      rows.find((s) => s.nodeId === nodeId && s.instruction.title === TITLE && s.reply !== null),
    );
    assert.ok(seen.arrivedAt, 'arrival reached the county');
    assert.ok(seen.acknowledgedAt, 'the acknowledgement reached the county');
    assert.equal(seen.acknowledgedBy, '赵志强');
    assert.equal(seen.ackWithin5Min, true);
    assert.equal(seen.reply, REPLY);
    await progressCard.getByText(/上次同步完成/).waitFor({ timeout: SYNC_TIMEOUT });
    await page.locator('.ant-descriptions-item', { hasText: '待上报' }).getByText(/^0 条/).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the counter clerk sees only the counter’s instruction, in the banner and the list', async () => {
    const { hall, browser } = setup;
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = watchForPageErrors(page);
    await signIn(page, hall.url, 'demo-clerk');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '同步' }).click();
    await page.getByRole('tab', { name: '县级交办督办' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: '同步状态' }).count(), 0, 'the status is for administrators');
    const banner = page.getByRole('region', { name: '待签收的县级交办督办事项' });
    await banner.getByText(`县级平台交办事项待签收：${CLERK_TITLE}`, { exact: false }).waitFor();
    await page
      .getByRole('row', { name: new RegExp(CLERK_TITLE) })
      .getByText('待签收')
      .waitFor();
    assert.equal(await page.getByRole('row', { name: new RegExp(TITLE) }).count(), 0, 'the administrator’s matter');
    assert.equal(await banner.getByText(TITLE).count(), 0);
    // 签收 from the list this time; the banner goes with it.
    await page
      .getByRole('row', { name: new RegExp(CLERK_TITLE) })
      .getByRole('button', { name: /^签收/ })
      .click();
    await page
      .getByRole('row', { name: new RegExp(CLERK_TITLE) })
      .getByText('已签收，待反馈')
      .waitFor();
    await banner.waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('without a link: the USB file to the county and its reply file back', async () => {
    const { hall, browser } = setup;
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = watchForPageErrors(page);
    interceptFileChoosers(page);
    await signIn(page, hall.url, 'demo-admin');
    await page.goto(`${hall.url}#/sync`);
    const pending = page.locator('.ant-descriptions-item', { hasText: '待上报' });
    await pending.getByText(/^[1-9]\d* 条/).waitFor();

    // 导出同步文件（U 盘）: the browser downloads the sealed file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出同步文件（U 盘）' }).click(),
    ]);
    await page.locator('.ant-modal-confirm-title', { hasText: '同步文件已导出' }).waitFor();
    assert.match(download.suggestedFilename(), /\.tdsync$/);
    await acknowledge(page, '同步文件已导出');
    const exported = await readFile((await download.path())!);

    // At the county: the file is imported and a reply file comes back for the stick.
    const { replies } = await hub.importFile(new Uint8Array(exported));
    assert.equal(replies.length, 1);
    const replyPath = path.join(fileDir, `${replies[0]!.townshipName}-回执.tdsync`);
    await writeFile(replyPath, replies[0]!.file);
    const clerkMatter = (await hub.instructionStatus()).find((s) => s.instruction.title === CLERK_TITLE)!;
    assert.ok(clerkMatter.acknowledgedAt, 'the clerk’s 签收 reached the county on the stick');

    // 导入回执文件: the batches are confirmed as carried by USB; nothing is left pending.
    await chooseFile(page, page.getByRole('button', { name: '导入回执文件' }), replyPath);
    await page.locator('.ant-modal-confirm-title', { hasText: '回执文件已导入' }).waitFor();
    await acknowledge(page, '回执文件已导入');
    await pending.getByText(/^0 条/).waitFor();
    await page.locator('.ant-card', { hasText: '批次记录' }).getByText('U 盘').first().waitFor();
    // The same reply file again changes nothing.
    await chooseFile(page, page.getByRole('button', { name: '导入回执文件' }), replyPath);
    await page.locator('.ant-modal-confirm-title', { hasText: '回执文件已导入' }).waitFor();
    await acknowledge(page, '回执文件已导入');
    await pending.getByText(/^0 条/).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });
});
