// The county page in a real browser against a real hub (HTTPS with its generated certificate):
// sign in with the access token, enroll a township, issue an instruction, watch it listed.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { enrollmentFile } from '../shared/sync/protocol';
import { SUITE_GUOMI, SUITE_INTERNATIONAL } from '../shared/sync/suiteIds';
import { type RunningHub } from '../hub/startHub';
import { disposeAll } from '../test/support/dispose';
import { ACTION_TIMEOUT, launchBrowser, watchForPageErrors } from './support/browser';
import { startCountyHub } from './support/county';

let dataDir: string;
let running: RunningHub;
let browser: Browser;
let context: BrowserContext;

before(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'county-e2e-'));
  running = await startCountyHub(dataDir);
  browser = await launchBrowser();
  // The hub's certificate is self-signed: townships pin it; this browser simply accepts it.
  context = await browser.newContext({ ignoreHTTPSErrors: true, acceptDownloads: true });
});

after(() =>
  disposeAll([
    () => context?.close(),
    () => browser?.close(),
    () => running?.close(),
    () => dataDir && rm(dataDir, { recursive: true, force: true }),
  ]),
);

test('the county signs in, enrolls a township and issues an instruction', async () => {
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT);
  const errors = watchForPageErrors(page);
  await page.goto(running.url);

  // A wrong token is refused where it was typed.
  await page.getByLabel('访问口令').fill('not-the-token-not-the-token-not-the-token');
  await page.getByLabel('访问口令').press('Enter');
  await page.getByText('访问口令不对').waitFor();
  await page.getByLabel('访问口令').fill(running.countyToken);
  await page.getByLabel('访问口令').press('Enter');
  // The page opens on 总览 (the figures); the nodes are on their own tab.
  await page.getByRole('tab', { name: '总览', selected: true }).waitFor();
  await page.getByRole('tab', { name: '乡镇节点' }).click();
  await page.getByText('还没有乡镇节点').waitFor();

  // A new node: the enrollment file is downloaded at once.
  await page.getByRole('button', { name: '新建节点' }).click();
  await page.getByLabel('乡镇名称').fill('青山镇');
  const downloading = page.waitForEvent('download');
  await page.getByLabel('乡镇名称').press('Enter');
  const download = await downloading;
  assert.equal(download.suggestedFilename(), '青山镇-入网文件.json');
  const saved = await download.path();
  const enrollment = enrollmentFile.parse(JSON.parse(await readFile(saved, 'utf8')));
  assert.equal(enrollment.townshipName, '青山镇');
  assert.equal(enrollment.certificateFingerprint, running.tls.fingerprint);
  assert.equal(enrollment.hubUrl, running.publicUrl);
  assert.equal(enrollment.suite, SUITE_INTERNATIONAL, 'the international suite unless the county chooses');
  await page.getByText(running.tls.fingerprint).waitFor();
  await page.getByRole('button', { name: '完成' }).click();
  const row = page.getByRole('row', { name: /青山镇/ });
  await row.getByText('待入网').waitFor();
  await row.getByText('国际算法').waitFor();

  // A township on the 国密 suite: chosen in the same dialog, named in the file and the list.
  await page.getByRole('button', { name: '新建节点' }).click();
  await page.getByLabel('乡镇名称').fill('白水乡');
  await page.getByRole('radio', { name: /国密算法/ }).check();
  const downloadingGuomi = page.waitForEvent('download');
  await page.getByRole('button', { name: '生成入网文件' }).click();
  const guomi = enrollmentFile.parse(JSON.parse(await readFile((await (await downloadingGuomi).path())!, 'utf8')));
  assert.equal(guomi.suite, SUITE_GUOMI);
  assert.equal(
    guomi.hubSigningPublicKey,
    Buffer.from(running.hub.identity.suites[SUITE_GUOMI].signingPublicKey).toString('base64url'),
  );
  await page.getByText('国密算法（SM2 / SM3 / SM4）').waitFor();
  await page.getByRole('button', { name: '完成' }).click();
  await page
    .getByRole('row', { name: /白水乡/ })
    .getByText('国密算法')
    .waitFor();

  // An instruction to every township.
  await page.getByRole('tab', { name: '交办督办' }).click();
  await page.getByLabel('标题').fill('报送一季度矛盾纠纷排查情况');
  await page.getByLabel('内容').fill('请于期限前报送排查台账。');
  await page.getByLabel('期限', { exact: true }).fill('2031-04-10');
  await page.getByLabel('期限', { exact: true }).press('Enter');
  await page.getByRole('button', { name: '下发' }).click();
  await page.getByText('已下发交办“报送一季度矛盾纠纷排查情况”').waitFor();
  const issued = page.getByRole('row', { name: /报送一季度矛盾纠纷排查情况/ });
  // One row per township, the instruction's cells spanning them: 白水乡 sorts first.
  await issued.getByText('白水乡').waitFor();
  const status = await running.hub.instructionStatus();
  assert.equal(status.length, 2, 'one row per township, 国密 or not');
  assert.deepEqual(status.map((s) => s.townshipName).sort(), ['白水乡', '青山镇'].sort());
  assert.equal(status[0]!.instruction.dueOn, '2031-04-10');
  assert.equal(status[0]!.instruction.responsibleRole, 'administrator');

  // The token lasts as long as the tab: a reload stays signed in.
  await page.reload();
  await page.getByRole('tab', { name: '乡镇节点' }).waitFor();
  await page.getByRole('tab', { name: '拒收记录' }).click();
  await page.getByText('没有拒收记录').waitFor();

  assert.deepEqual(errors, []);
  await page.close();
});
