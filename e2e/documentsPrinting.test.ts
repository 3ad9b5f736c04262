import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { issueTestDocument } from '../test/support/documents';
import { sampleResidentList } from '../electron/backend/documents/samples';
import { pickOption } from './support/antd';
import { signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';
import { printedFile } from './support/printedPdf';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the archive in a browser: preview, print in the browser’s viewer, 补打, test pages', () => {
  const setup = useHallAndBrowser({ demo: true, demoResidents: 20 });

  test('a clerk finds a receipt in the archive, previews it, prints it, then reprints it as 补打', async () => {
    const { hall, browser } = setup;
    const doc = await issueTestDocument({ db: hall.backend.db, dataDir: hall.dataDir }, { issuerName: '孙出具' });
    const page = await browser.newPage();
    const errors = watchForPageErrors(page);
    await signIn(page, hall.url, 'demo-clerk');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '文书' }).click();
    await page.getByRole('tab', { name: '文书存档' }).waitFor();
    await page.getByRole('cell', { name: doc.verificationCode }).waitFor();
    await page.getByRole('link', { name: '受理回执' }).first().click();

    await page.getByText('80 mm 热敏纸').waitFor();
    await page.getByRole('img', { name: '第 1 页' }).waitFor();
    await page.getByText(/共 1 页 · 纸张 80 × /).waitFor();
    await page.getByText('还没有打印过').waitFor();

    await page.getByLabel('份数').fill('2');
    const first = await printedFile(page, page.getByRole('button', { name: /打印$/ }));
    assert.equal(sha256(first), doc.sha256, 'the first print is the archived file');
    await page.getByText(/已打印 2 份/).waitFor();

    await page.getByLabel('份数').fill('1');
    const second = await printedFile(page, page.getByRole('button', { name: /补打$/ }));
    assert.notEqual(sha256(second), doc.sha256, 'a reprint carries the 补打 watermark');
    await page.getByText(/已打印 3 份/).waitFor();
    const history = page.getByRole('table').last();
    await history.getByText('补打').waitFor();
    assert.equal(await history.getByRole('row').count(), 3, 'header and two prints');

    const audit = await hall.backend.db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'print')
      .where('entity_id', '=', doc.id)
      .orderBy('at')
      .execute();
    assert.deepEqual(
      audit.map((e) => e.summary),
      ['打印《受理回执》2 份', '打印《受理回执》1 份（补打）'],
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a long form previews every page; the archive filters by type', async () => {
    const { hall, browser } = setup;
    const list = await issueTestDocument(
      { db: hall.backend.db, dataDir: hall.dataDir },
      { definition: sampleResidentList },
    );
    const page = await browser.newPage();
    const errors = watchForPageErrors(page);
    await signIn(page, hall.url, 'demo-clerk');
    await page.goto(`${hall.url}#/documents`);
    await pickOption(page.getByLabel('文书类型'), '居民花名册', { search: '居民花名册' });
    await page.getByRole('link', { name: '居民花名册' }).first().click();
    await page.getByRole('img', { name: `第 ${list.pageCount} 页` }).waitFor();
    assert.equal(await page.getByRole('img', { name: /^第 \d+ 页$/ }).count(), list.pageCount);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the administrator previews a test page of each paper in the browser', async () => {
    const { hall, browser } = setup;
    const page = await browser.newPage();
    const errors = watchForPageErrors(page);
    await signIn(page, hall.url, 'demo-admin');
    await page.goto(`${hall.url}#/system/printers`);
    await page.getByText('在浏览器中使用时，由浏览器的打印对话框选择打印机').waitFor();
    // The counter's slip and the engine's sample slip are both 受理回执 on 80 mm paper.
    const slipRow = page
      .getByRole('row', { name: /受理回执/ })
      .filter({ hasText: '80 mm 热敏纸' })
      .first();
    await slipRow.getByText('80 mm 热敏纸').waitFor();
    await slipRow.getByRole('button', { name: '预览样张' }).click();
    await page.getByText('样张：受理回执').waitFor();
    await page.getByRole('img', { name: '第 1 页' }).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });
});
