// A township enrolled with a real county hub (HTTPS, its own certificate, the county page built):
// the administrator sets the verification address, the counter accepts a case, and the receipt's
// QR link — opened as a phone would, on the county's public 核验 page — is confirmed by the county
// from the township's registered key alone. The township's own verify page reads the same link.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { DEMO_PASSWORD } from '../demo/demoTownship';
import { type RunningHub } from '../hub/startHub';
import { catalogFile } from '../shared/catalog/catalog';
import { disposeAll } from '../test/support/dispose';
import { morningOf, TestClient } from '../test/support/testHall';
import { REPO_ROOT, signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';
import { signInToCounty, startCountyHub } from './support/county';

const PASSPHRASE = '青石镇同步口令2026';
const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(path.join(REPO_ROOT, 'resources/catalog/demo-service-catalog.json'), 'utf8')),
);
const item = demoCatalog.items.find((candidate) => candidate.code === 'NY-005')!;

describe('a receipt verified by the county from its QR link, and by the township', () => {
  const clock = { current: morningOf('2026-09-29') };
  const setup = useHallAndBrowser({ demo: true, demoResidents: 20, clock });
  let hubDir: string;
  let county: RunningHub;
  let phone: BrowserContext;

  before(async () => {
    hubDir = await mkdtemp(path.join(os.tmpdir(), 'e2e-verify-hub-'));
    county = await startCountyHub(hubDir);
    // The hub's certificate is self-signed (a county would use its own): this browser accepts it.
    phone = await setup.browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 390, height: 844 } });
  });
  after(() =>
    disposeAll([
      () => phone?.close(),
      () => county?.close(),
      () => hubDir && rm(hubDir, { recursive: true, force: true }),
    ]),
  );

  test('the county’s public page confirms the receipt; the township’s verify page names its number', async () => {
    const { hall, browser } = setup;
    // The county enrolls the township; the township imports the file (as its 同步 screen does).
    const townshipName = (await hall.backend.db
      .selectFrom('node_settings')
      .select('value')
      .where('key', '=', 'township.name')
      .executeTakeFirstOrThrow())!.value;
    const { enrollment } = await county.hub.createNode({
      townshipName,
      hubUrl: county.publicUrl,
      certificatePem: county.tls.certificatePem,
      certificateFingerprint: county.tls.fingerprint,
    });
    const enrolled = await hall.backend.sync.enroll(enrollment, PASSPHRASE);
    assert.equal(enrolled.registered, true, enrolled.message);

    // 系统管理 → 打印设置: the administrator points the QR codes at the county's 核验 page.
    const admin = await browser.newPage();
    const adminErrors = watchForPageErrors(admin);
    await signIn(admin, hall.url, 'demo-admin');
    await admin.goto(`${hall.url}#/system/printers`);
    await admin.getByLabel('核验网址').fill('county.example/verify');
    await admin.getByRole('button', { name: '保存' }).first().click();
    await admin.getByText(/应为以 http:\/\/ 或 https:\/\/ 开头/).waitFor();
    await admin.getByLabel('核验网址').fill(new URL('/verify', county.url).href);
    await admin.getByRole('button', { name: '保存' }).first().click();
    await admin.getByText('核验网址已保存，此后出具的文书的二维码中使用').waitFor();
    await admin.getByText(/新出具文书的核验链接由本乡镇的同步签名密钥（[0-9a-f]{16}）签名/).waitFor();
    assert.deepEqual(adminErrors, []);
    await admin.close();

    // The counter accepts a case: its receipt carries the signed link.
    const clerk = new TestClient(hall.url);
    await clerk.ok('auth.login', { username: 'demo-clerk', password: DEMO_PASSWORD });
    const resident = await hall.backend.db
      .selectFrom('residents')
      .select(['id', 'name'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const accepted = await clerk.ok('counter.intake', {
      requestId: crypto.randomUUID(),
      residentId: resident!.id,
      itemCode: item.code,
      receivedMaterials: item.materials.filter((m) => m.required).map((m) => m.name),
      window: '3号窗口',
      decision: 'accept',
      receiptPaper: 'a5',
    });
    const caseNumber = accepted.case.caseNumber!;
    const link = accepted.document!.verificationLink!;
    assert.ok(link.startsWith(new URL('/verify?v=', county.url).href), link);
    const chars = [...resident!.name];
    const masked = chars.length === 2 ? `${chars[0]}*` : `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;

    // A phone opens the link: the county's public page, no sign-in.
    const page = await phone.newPage();
    const errors = watchForPageErrors(page);
    await page.goto(link);
    await page.getByText(`真实：${townshipName} 受理回执 ${caseNumber} 2026-09-29 ${masked}`).waitFor();
    await page.getByText(caseNumber, { exact: true }).waitFor();
    assert.equal(await page.getByLabel('访问口令').count(), 0, 'nobody signs in to verify');
    // A link whose number was changed is refused on the same page.
    await page.getByLabel('核验链接').fill(link.replace(/v=(.{40})/, (_, head: string) => `v=${head.slice(0, -2)}AA`));
    await page.getByRole('button', { name: '核验', exact: true }).click();
    await page.getByText(/签名与链接中的信息不符|核验链接不完整或已损坏/).waitFor();
    assert.deepEqual(errors, []);
    await page.close();

    // The county page's own 文书核验 tab, signed in.
    const desk = await phone.newPage();
    await signInToCounty(desk, county, '文书核验');
    await desk.getByLabel('核验链接').fill(link);
    await desk.getByRole('button', { name: '核验', exact: true }).click();
    await desk.getByText(`真实：${townshipName} 受理回执 ${caseNumber} 2026-09-29 ${masked}`).waitFor();
    await desk.close();

    // The township's verify page: the whole link, as a hand scanner types it.
    const township = await browser.newPage();
    const townshipErrors = watchForPageErrors(township);
    await signIn(township, hall.url, 'demo-clerk');
    await township.getByRole('menuitem', { name: '文书' }).click();
    await township.getByRole('tab', { name: '核验文书' }).click();
    await township.getByLabel('核验码').fill(link);
    await township.getByLabel('核验码').press('Enter');
    await township.getByText('真实有效：与存档一致').waitFor();
    await township.getByRole('link', { name: `受理回执 ${caseNumber}` }).waitFor();
    await township.getByText(`办件 ${caseNumber}`).waitFor();
    assert.equal(await township.getByText(accepted.case.id).count(), 0, 'no record id on the screen');
    assert.deepEqual(townshipErrors, []);
    await township.close();
  });
});
