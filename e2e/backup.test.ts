// The administrator sets up backups in 系统管理 → 备份与恢复, runs "backup now" and sees it go
// and end; the home screen is red before the first backup and again once the last good backup
// is older than the days set (the hall's clock moved on).
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { morningOf } from '../test/support/testHall';
import { signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';

const clock = { current: morningOf('2026-12-07') };
const setup = useHallAndBrowser({ demo: true, demoResidents: 200, clock });
let folder: string;
before(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'township-e2e-backup-'));
});
after(() => rm(folder, { recursive: true, force: true }));

test('backup now from the screen: progress, the result, and the home screen red when the backup is too old', async () => {
  const { hall, browser } = setup;
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors = watchForPageErrors(page);
  await signIn(page, hall.url, 'demo-admin');
  const homeAlert = page.getByRole('alert').filter({ hasText: '数据备份需要处理' });
  await homeAlert.getByText('尚未设置数据备份').waitFor();
  await homeAlert.getByRole('link', { name: '备份与恢复' }).click();
  await page.getByRole('tab', { name: '备份与恢复', selected: true }).waitFor();

  // A relative path is refused beside the field, and what was typed stays.
  await page.getByLabel('备份位置').fill('backups');
  await page.getByRole('button', { name: '保存设置' }).click();
  await page.locator('#folder_help').getByText('请填写完整路径').waitFor();
  assert.equal(await page.getByLabel('备份位置').inputValue(), 'backups');
  await page.getByLabel('备份位置').fill(folder);
  await page.getByLabel('保留份数').fill('5');
  await page.getByRole('button', { name: '保存设置' }).click();
  await page.getByText('备份设置已保存').waitFor();
  await page.getByRole('alert').getByText('还没有成功的备份').waitFor();

  await page.getByRole('button', { name: '立即备份' }).click();
  // Either the run is seen under way or it has already ended: both are states, not times.
  await page
    .getByText(/备份：正在|已开始备份/)
    .first()
    .waitFor();
  await page.getByTestId('last-good-backup').waitFor();
  assert.match((await page.getByTestId('last-good-backup').textContent()) ?? '', /数据库 [\d.]+ (KB|MB)/);
  await page.getByRole('cell', { name: '成功' }).first().waitFor();
  assert.equal(await page.getByRole('alert').filter({ hasText: '还没有成功的备份' }).count(), 0);
  const generations = await readdir(path.join(folder, 'generations'));
  assert.equal(generations.length, 1);
  assert.ok(await page.getByText(generations[0]!).first().isVisible(), 'the generation is named where it lies');

  // Three days on, the home screen says so.
  clock.current = new Date(clock.current.getTime() + 3 * 24 * 60 * 60 * 1000);
  await page.goto(`${hall.url}#/`);
  await page
    .getByRole('alert')
    .filter({ hasText: '数据备份需要处理' })
    .getByText(/已经 3 天没有成功备份/)
    .waitFor();
  assert.deepEqual(errors, []);
});
