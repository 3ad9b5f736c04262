// First run on a new hall PC, 从备份恢复: the backup folder typed (a wrong one refused beside the
// field, what was typed kept), the generations listed with the newest chosen, the restore's
// progress seen, then the township's own accounts sign in. On a host whose key file holds another
// key, the recovery key is asked for and refused beside its field.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { ApiResult } from '../shared/api/errors';
import type { FirstRunRestoreProgress } from '../shared/backup/api';
import { listGenerations } from '../electron/backend/backup/backupFolder';
import { startHall, type RunningHall } from '../electron/hall/startHall';
import { disposeAll } from '../test/support/dispose';
import { localHallOptions } from '../test/support/townshipAtWork';
import { ACTION_TIMEOUT, BUILT_UI, launchBrowser, signIn, watchForPageErrors } from './support/browser';

let dir: string;
let keyFile: string;
let backups: string;
let generation: string;
let townshipName: string;
let browser: Browser;
const halls: RunningHall[] = [];

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'township-e2e-first-run-restore-'));
  keyFile = path.join(dir, 'township.key');
  await writeFile(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  // The township that was: the demo, backed up, then gone.
  const township = await startHall({
    ...localHallOptions(path.join(dir, 'township')),
    demo: true,
    demoResidents: 200,
    dbKeyFile: keyFile,
  });
  try {
    townshipName = (await township.backend.db
      .selectFrom('node_settings')
      .select('value')
      .where('key', '=', 'township.name')
      .executeTakeFirst())!.value;
    backups = path.join(dir, 'backups');
    assert.ok((await township.backend.backups.start('backup', '测试', backups)).started);
    await township.backend.backups.idle();
    [generation] = (await listGenerations(backups)) as [string];
    assert.ok(generation);
  } finally {
    await township.close();
  }
  browser = await launchBrowser();
});
after(() =>
  disposeAll([
    () => browser?.close(),
    ...halls.map((hall) => () => hall.close()),
    () => rm(dir, { recursive: true, force: true }),
  ]),
);

/** A new hall PC: the built UI on an empty data folder, started with `hallKeyFile`. */
async function newHall(name: string, hallKeyFile: string): Promise<{ url: string }> {
  const hall = await startHall({
    ...localHallOptions(path.join(dir, name)),
    staticDir: BUILT_UI,
    dbKeyFile: hallKeyFile,
  });
  halls.push(hall);
  return { url: hall.url };
}

/** The message antd shows under the field whose input has `inputId` (not the alert above the form). */
function besideField(page: Page, inputId: string) {
  return page
    .locator('.ant-form-item')
    .filter({ has: page.locator(`#${inputId}`) })
    .locator('.ant-form-item-explain-error');
}

async function openRestorePanel(page: Page, url: string): Promise<void> {
  page.setDefaultTimeout(ACTION_TIMEOUT);
  await page.goto(url);
  await page.getByRole('tab', { name: '新建（设置管理员）', selected: true }).waitFor();
  await page.getByRole('tab', { name: '从备份恢复' }).click();
}

test('从备份恢复 at first run: the folder typed, the backups listed, the restore under way, then the township’s accounts sign in', async () => {
  const { url } = await newHall('new-pc', keyFile);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors = watchForPageErrors(page);
  const progress: FirstRunRestoreProgress[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('/api/backup.firstRunProgress') && response.status() === 200)
      void response.json().then((body: ApiResult<FirstRunRestoreProgress>) => body.ok && progress.push(body.result));
  });
  await openRestorePanel(page, url);

  // A folder that is not there: said beside the field, and the typing stays.
  const missing = path.join(dir, 'no-usb-stick');
  await page.getByLabel('备份位置').fill(missing);
  await page.getByRole('button', { name: '查看备份' }).click();
  await besideField(page, 'restore-folder').getByText(`找不到 ${missing}`).waitFor();
  assert.equal(await page.getByLabel('备份位置').inputValue(), missing);

  await page.getByLabel('备份位置').fill(backups);
  await page.getByRole('button', { name: '查看备份' }).click();
  const row = page.getByRole('row').filter({ hasText: generation });
  await row.getByText('清单校验通过').waitFor();
  assert.ok(await row.getByRole('radio').isChecked(), 'the newest is chosen');
  assert.equal(await page.getByLabel('恢复密钥').isVisible(), false, 'no key asked: this host’s key opens it');

  await page.getByRole('button', { name: '开始恢复' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /校验备份|复制数据|核对结果|换用恢复的数据/ })
    .first()
    .waitFor();
  await page.getByText('恢复完成').waitFor();
  const outcome = page.getByTestId('restore-outcome');
  assert.match((await outcome.textContent()) ?? '', new RegExp(`备份 ${generation} 恢复`));
  const [movedAside] = (await readdir(dir)).filter((name) => name.startsWith('new-pc.before-restore-'));
  assert.ok(movedAside, 'the empty folder was moved aside');
  assert.match((await outcome.textContent()) ?? '', new RegExp(`改名保留为 ${path.join(dir, movedAside)}`));
  assert.ok(
    progress.some((answer) => answer.running !== null),
    `the restore was seen under way: ${JSON.stringify(progress)}`,
  );
  assert.ok(progress.some((answer) => answer.outcome?.ok === true));

  await page.getByRole('button', { name: '前往登录' }).click();
  await page.getByRole('button', { name: '登录' }).waitFor();
  await page.getByText(townshipName).first().waitFor();
  await signIn(page, url, 'demo-clerk');
  await page.getByText(townshipName).first().waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('on a host whose key file holds another key, the recovery key is asked for and refused beside its field', async () => {
  const otherKeyFile = path.join(dir, 'other.key');
  await writeFile(otherKeyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  const { url } = await newHall('other-pc', otherKeyFile);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors = watchForPageErrors(page);
  await openRestorePanel(page, url);
  await page.getByLabel('备份位置').fill(backups);
  await page.getByRole('button', { name: '查看备份' }).click();
  await page.getByRole('row').filter({ hasText: generation }).getByText('已加密，需要恢复密钥').waitFor();

  const keyField = page.getByLabel('恢复密钥');
  await keyField.fill('12345');
  await page.getByRole('button', { name: '开始恢复' }).click();
  await besideField(page, 'restore-recovery-key').getByText('恢复密钥：应为 64 个字符，现在是 5 个').waitFor();
  assert.equal(await keyField.inputValue(), '12345');

  const wrong = randomBytes(32).toString('hex');
  await keyField.fill(wrong);
  await page.getByRole('button', { name: '开始恢复' }).click();
  await besideField(page, 'restore-recovery-key')
    .getByText(/与这份备份不符/)
    .waitFor();
  assert.equal(await keyField.inputValue(), wrong);
  assert.equal(await page.getByLabel('备份位置').inputValue(), backups, 'the folder typed stays too');

  // The right key: this host's key file holds another, and the administrator is told what to do.
  await keyField.fill((await readFile(keyFile, 'utf8')).trim());
  await page.getByRole('button', { name: '开始恢复' }).click();
  await besideField(page, 'restore-recovery-key')
    .getByText(/中是另一把密钥.*--db-key-file/)
    .waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
