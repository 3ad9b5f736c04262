// 关于 in the header and the version line on the sync screen: the app's version (package.json's)
// and the database schema (its last migration), read through `about.info`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APP_VERSION } from '../electron/backend/about/appVersion';
import { MIGRATIONS } from '../electron/backend/db/migrations';
import { signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';

const setup = useHallAndBrowser({ demo: true, demoResidents: 50 });
const latest = Object.keys(MIGRATIONS).sort().at(-1)!;
const schema = /^\d+/.exec(latest)![0];

test('关于 names the version and the schema, with the versions that opened the data; the sync screen says both', async () => {
  const { hall, browser } = setup;
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const errors = watchForPageErrors(page);
  await signIn(page, hall.url, 'demo-admin');

  await page.getByRole('button', { name: '关于' }).click();
  const dialog = page.getByRole('dialog', { name: '关于乡镇一站通' });
  await dialog.getByTestId('about-app-version').waitFor();
  assert.equal(await dialog.getByTestId('about-app-version').textContent(), APP_VERSION);
  assert.equal(await dialog.getByTestId('about-schema-version').textContent(), `${schema}（${latest}）`);
  // This hall made the database: its version is the one row, with no upgrade backup.
  const row = dialog.locator('.ant-table-row').filter({ hasText: APP_VERSION });
  await row.waitFor();
  assert.equal(await row.getByRole('cell').nth(1).textContent(), schema);
  assert.equal(await row.getByRole('cell').nth(3).textContent(), '—');
  await dialog.getByRole('button', { name: /Close|关闭/ }).click();
  await dialog.waitFor({ state: 'hidden' });

  await page.goto(`${hall.url}#/sync`);
  await page.getByTestId('version-line').waitFor();
  assert.equal(await page.getByTestId('version-line').textContent(), `程序版本 ${APP_VERSION} · 数据库结构 ${schema}`);
  assert.deepEqual(errors, []);
});
