// A township's PC dies with its backups (issue 18, docs/rebuild.md), in real browsers against a
// real hub over HTTPS: the county authorises a replacement on its page and gets the file; on the
// new hall PC's first-run screen, 从县级平台重建 refuses the old enrollment file beside its field,
// takes the replacement file, shows the rebuild under way, and the new administrator signs in to
// the demo township as it was; the county page shows the rebuild finished.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { enrollmentFile, type EnrollmentFile } from '../shared/sync/protocol';
import { startHall } from '../electron/hall/startHall';
import { type RunningHub } from '../hub/startHub';
import { disposeAll } from '../test/support/dispose';
import { localHallOptions } from '../test/support/townshipAtWork';
import { ACTION_TIMEOUT, BUILT_UI, launchBrowser, signIn, watchForPageErrors } from './support/browser';
import { signInToCounty, startCountyHub } from './support/county';

const PASSPHRASE = '青石镇同步口令2026';

let dir: string;
let running: RunningHub;
let browser: Browser;
let county: BrowserContext;
let firstEnrollment: EnrollmentFile;
let townshipName: string;
let residents: number;
const closers: Array<() => Promise<unknown>> = [];

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'township-e2e-rebuild-'));
  running = await startCountyHub(path.join(dir, 'hub'));
  // The township that was: the demo (its rows go up as the baseline), enrolled and synced.
  const old = await startHall({ ...localHallOptions(path.join(dir, 'old-pc')), demo: true, demoResidents: 80 });
  try {
    townshipName = (
      await old.backend.db
        .selectFrom('node_settings')
        .select('value')
        .where('key', '=', 'township.name')
        .executeTakeFirstOrThrow()
    ).value;
    residents = (await old.backend.db.selectFrom('residents').select('id').execute()).length;
    ({ enrollment: firstEnrollment } = await running.hub.createNode({
      townshipName,
      hubUrl: running.publicUrl,
      certificatePem: running.tls.certificatePem,
      certificateFingerprint: running.tls.fingerprint,
    }));
    const enrolled = await old.backend.sync.enroll(firstEnrollment, PASSPHRASE);
    assert.ok(enrolled.registered, enrolled.message);
    const synced = await old.backend.sync.runOnce();
    assert.ok(synced.ok, synced.message);
  } finally {
    await old.close();
  }
  await rm(path.join(dir, 'old-pc'), { recursive: true, force: true });
  browser = await launchBrowser();
  county = await browser.newContext({ ignoreHTTPSErrors: true, acceptDownloads: true });
});

after(() =>
  disposeAll([
    () => county?.close(),
    () => browser?.close(),
    ...closers,
    () => running?.close(),
    () => rm(dir, { recursive: true, force: true }),
  ]),
);

test('the county authorises a replacement; the new PC rebuilds at first run and the township carries on', async () => {
  const countyPage = await county.newPage();
  countyPage.setDefaultTimeout(ACTION_TIMEOUT);
  const countyErrors = watchForPageErrors(countyPage);
  await signInToCounty(countyPage, running, '乡镇节点');
  const row = countyPage.getByRole('row', { name: new RegExp(townshipName) });
  await row.getByText('在网').waitFor();
  await row.getByRole('button', { name: '授权更换电脑' }).click();
  await countyPage.getByRole('button', { name: '授权并生成入网文件' }).click();
  await countyPage.getByText('请填写更换原因').waitFor();
  await countyPage.getByLabel('更换原因').fill('原电脑硬盘损坏，备份盘一并丢失');
  const downloading = countyPage.waitForEvent('download');
  await countyPage.getByRole('button', { name: '授权并生成入网文件' }).click();
  const download = await downloading;
  assert.equal(download.suggestedFilename(), `${townshipName}-更换电脑入网文件.json`);
  const replacement = enrollmentFile.parse(JSON.parse(await readFile((await download.path())!, 'utf8')));
  assert.ok(replacement.replacement && replacement.replacement.appliedThrough > 0);
  await countyPage.getByRole('button', { name: '完成' }).click();
  await row.getByText('已授权，待新电脑入网').waitFor();

  const files = { first: path.join(dir, 'first.json'), replacement: path.join(dir, 'replacement.json') };
  await writeFile(files.first, JSON.stringify(firstEnrollment));
  await writeFile(files.replacement, JSON.stringify(replacement));

  const hall = await startHall({ ...localHallOptions(path.join(dir, 'new-pc')), staticDir: BUILT_UI });
  closers.push(() => hall.close());
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.setDefaultTimeout(ACTION_TIMEOUT);
  const errors = watchForPageErrors(page);
  await page.goto(hall.url);
  await page.getByRole('tab', { name: '从县级平台重建' }).click();
  const panel = page.getByRole('tabpanel', { name: '从县级平台重建' });

  // The township's first enrollment file is not a replacement's: refused beside the field.
  await panel.locator('input[type=file]').setInputFiles(files.first);
  await panel.getByLabel('同步密钥口令（新设）').fill(PASSPHRASE);
  await panel.getByLabel('再次输入密钥口令').fill(PASSPHRASE);
  await panel.getByLabel('用户名').fill('wangxin');
  await panel.getByLabel('姓名').fill('王新');
  await panel.getByLabel('密码', { exact: true }).fill('Rebuilt2026');
  await panel.getByLabel('确认密码').fill('Rebuilt2026');
  await panel.getByRole('button', { name: '开始重建' }).click();
  await panel
    .locator('.ant-form-item-explain-error')
    .getByText(/这不是更换电脑用的入网文件/)
    .waitFor();
  assert.equal(await panel.getByLabel('用户名').inputValue(), 'wangxin', 'what was typed stays');

  await panel.locator('input[type=file]').setInputFiles(files.replacement);
  await panel.getByRole('button', { name: '开始重建' }).click();
  await page.getByText('重建完成').waitFor({ timeout: 5 * ACTION_TIMEOUT });
  const outcome = (await page.getByTestId('rebuild-outcome').textContent()) ?? '';
  assert.match(outcome, new RegExp(`已从县级平台重建“${townshipName}”`));
  assert.match(outcome, /请用账号 wangxin 登录/);

  await page.getByRole('button', { name: '前往登录' }).click();
  await signIn(page, hall.url, 'wangxin', 'Rebuilt2026');
  await page.getByText(townshipName).first().waitFor();
  const rebuiltResidents = (await hall.backend.db.selectFrom('residents').select('id').execute()).length;
  assert.equal(rebuiltResidents, residents);
  assert.deepEqual(errors, []);

  await countyPage.getByRole('button', { name: '刷新' }).click();
  await row.getByText(/重建完成/).waitFor();
  assert.deepEqual(countyErrors, []);
});

test('without a link: the registration file onto the stick, the county’s rebuild file back, the township rebuilt', async () => {
  const nodeId = (await running.hub.townships())[0]!.nodeId;
  // The county's address in this file cannot be reached from the new PC: nothing goes by link.
  const { enrollment } = await running.hub.authorizeReplacement(nodeId, {
    hubUrl: 'https://127.0.0.1:9',
    certificatePem: running.tls.certificatePem,
    certificateFingerprint: running.tls.fingerprint,
    reason: '乡镇断网，原电脑损坏',
  });
  const stick = path.join(dir, 'stick');
  await mkdir(stick);
  const replacementFile = path.join(dir, 'offline-replacement.json');
  await writeFile(replacementFile, JSON.stringify(enrollment));

  const hall = await startHall({ ...localHallOptions(path.join(dir, 'offline-pc')), staticDir: BUILT_UI });
  closers.push(() => hall.close());
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.setDefaultTimeout(ACTION_TIMEOUT);
  const errors = watchForPageErrors(page);
  await page.goto(hall.url);
  await page.getByRole('tab', { name: '从县级平台重建' }).click();
  const panel = page.getByRole('tabpanel', { name: '从县级平台重建' });
  await panel.getByRole('radio', { name: /没有网络/ }).check();
  await panel.locator('input[type=file]').setInputFiles(replacementFile);
  await panel.getByLabel('同步密钥口令（新设）').fill(PASSPHRASE);
  await panel.getByLabel('再次输入密钥口令').fill(PASSPHRASE);
  await panel.getByLabel('登记文件保存位置').fill(stick);
  await panel.getByRole('button', { name: '写出登记文件' }).click();
  await panel.getByText(/登记文件已写到/).waitFor({ timeout: 3 * ACTION_TIMEOUT });
  const [registration] = await readdir(stick);
  assert.ok(registration?.endsWith('.tdsync'), `a registration file on the stick: ${registration}`);

  // At the county: imported, then the rebuild file exported from the township list.
  const imported = await running.hub.importFile(await readFile(path.join(stick, registration!)));
  assert.deepEqual(
    imported.outcomes.map((o) => o.result),
    ['accepted'],
  );
  const countyPage = await county.newPage();
  countyPage.setDefaultTimeout(ACTION_TIMEOUT);
  await signInToCounty(countyPage, running, '乡镇节点');
  const row = countyPage.getByRole('row', { name: new RegExp(townshipName) });
  const downloading = countyPage.waitForEvent('download');
  await row.getByRole('button', { name: '导出重建文件' }).click();
  const download = await downloading;
  assert.equal(download.suggestedFilename(), `${townshipName}-重建文件.tdsync`);
  const rebuildFile = path.join(stick, download.suggestedFilename());
  await download.saveAs(rebuildFile);

  await panel.getByLabel('用户名').fill('lisi');
  await panel.getByLabel('姓名').fill('李四');
  await panel.getByLabel('密码', { exact: true }).fill('Offline2026');
  await panel.getByLabel('确认密码').fill('Offline2026');
  await panel.getByLabel('重建文件位置').fill(path.join(stick, 'missing.tdsync'));
  await panel.getByRole('button', { name: '开始重建' }).click();
  await panel
    .locator('.ant-form-item-explain-error')
    .getByText(/找不到文件/)
    .waitFor();
  await panel.getByLabel('重建文件位置').fill(rebuildFile);
  await panel.getByRole('button', { name: '开始重建' }).click();
  await page.getByText('重建完成').waitFor({ timeout: 5 * ACTION_TIMEOUT });
  await page.getByRole('button', { name: '前往登录' }).click();
  await signIn(page, hall.url, 'lisi', 'Offline2026');
  await page.getByText(townshipName).first().waitFor();
  assert.equal((await hall.backend.db.selectFrom('residents').select('id').execute()).length, residents);
  assert.deepEqual(errors, []);
});
