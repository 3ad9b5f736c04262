import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { issueTestDocument } from '../test/support/documents';
import { disposeAll } from '../test/support/dispose';
import { interceptFileChoosers, launchBrowser, signIn, startE2eHall, type E2eHall } from './support/browser';

let hall: E2eHall;
let browser: Browser;
let scratch: string;
before(async () => {
  hall = await startE2eHall({ demo: true, demoResidents: 20 });
  browser = await launchBrowser();
  scratch = await mkdtemp(path.join(os.tmpdir(), 'township-verify-'));
});
after(() =>
  disposeAll([
    () => browser?.close(),
    () => hall?.dispose(),
    () => scratch && rm(scratch, { recursive: true, force: true }),
  ]),
);

test('a clerk checks a paper by its code and a file by its fingerprint', async () => {
  // A record id that no other text on the page can contain (the default 'r1' sat inside a random
  // 核验码 now and then).
  const doc = await issueTestDocument(
    { db: hall.backend.db, dataDir: hall.dataDir },
    { issuerName: '孙出具', recordId: randomUUID() },
  );
  const original = await readFile(
    path.join(hall.dataDir, 'documents', doc.issuedAt.slice(0, 4), doc.issuedAt.slice(5, 7), `${doc.id}.pdf`),
  );
  const page = await browser.newPage();
  interceptFileChoosers(page);
  await signIn(page, hall.url, 'demo-clerk');
  await page.getByRole('menuitem', { name: '文书' }).click();
  await page.getByRole('tab', { name: '核验文书' }).click();
  await page.getByLabel('核验码').fill(doc.verificationCode.toLowerCase());
  await page.getByRole('button', { name: '核验', exact: true }).click();
  await page.getByText('真实有效：与存档一致').waitFor();
  await page.getByText('孙出具').waitFor();
  // Named by its kind and human number, never by a record's id.
  await page.getByRole('link', { name: '受理回执 QS-20261124-0037' }).waitFor();
  assert.equal(await page.getByText(doc.recordId).count(), 0);

  // Full-width, as a Chinese input method types it.
  const fullWidth = [...doc.verificationCode].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
  await page.getByLabel('核验码').fill(fullWidth);
  await page.getByLabel('核验码').press('Enter');
  await page.getByText('真实有效：与存档一致').waitFor();

  const forged = path.join(scratch, 'forged.pdf');
  await writeFile(forged, Buffer.concat([original, Buffer.from(' 改')]));
  await page.getByLabel('核验码').fill('');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /选择 PDF 文件核验/ }).click();
  await (await chooser).setFiles(forged);
  await page.getByText(/存档中没有这份文书/).waitFor();

  await page
    .getByLabel('核验码')
    .fill(doc.verificationCode.slice(0, -1) + (doc.verificationCode.endsWith('0') ? '1' : '0'));
  await page.getByLabel('核验码').press('Enter');
  await page.getByText(/核验码有误/).waitFor();
  await page.close();
});
