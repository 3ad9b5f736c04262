import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { issueTestDocument } from '../test/support/documents';
import { mediationCaseFile } from '../electron/backend/mediation/documents/caseFile';
import { pickOption } from './support/antd';
import { signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';
import { answerPaperQuestion, printedFile } from './support/printedPdf';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the archive in a browser: preview, print in the browser’s viewer, 补打, test pages', () => {
  const setup = useHallAndBrowser({ demo: true, demoResidents: 20 });

  test('a clerk finds a receipt, prints it (counted only once confirmed), then reprints it as 补打', async () => {
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

    // The browser's print was cancelled: the clerk says so, and nothing is counted.
    await page.getByLabel('份数').fill('2');
    const cancelled = await printedFile(page, page.getByRole('button', { name: /打印$/ }));
    assert.equal(sha256(cancelled), doc.sha256, 'the first print is the archived file');
    await answerPaperQuestion(page, '未打印');
    await page.getByText('已取消打印，这次不计入打印次数').waitFor();
    const history = page.getByRole('table').last();
    await history.getByText('已取消', { exact: true }).waitFor();
    assert.equal(await page.getByText(/已打印 \d+ 份/).count(), 0, 'no print counted');
    assert.equal(await page.getByRole('button', { name: /补打$/ }).count(), 0, 'the next print is still the first');

    // Printed: the clerk confirms, and that print is the original.
    const first = await printedFile(page, page.getByRole('button', { name: /打印$/ }));
    assert.equal(sha256(first), doc.sha256, 'still the archived file, no 补打 mark');
    await answerPaperQuestion(page, '已打印');
    await page.getByText(/已打印 2 份/).waitFor();

    await page.getByLabel('份数').fill('1');
    const second = await printedFile(page, page.getByRole('button', { name: /补打$/ }));
    assert.notEqual(sha256(second), doc.sha256, 'a reprint carries the 补打 watermark');
    await answerPaperQuestion(page, '已打印');
    await page.getByText(/已打印 3 份/).waitFor();
    await history.getByText('补打').waitFor();
    assert.equal(await history.getByRole('row').count(), 4, 'header and three prints, the cancelled one too');

    const audit = await hall.backend.db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'print')
      .where('entity_id', '=', doc.id)
      .orderBy('at')
      .execute();
    assert.deepEqual(
      audit.map((e) => e.summary),
      ['《受理回执》2 份未打印（已取消）', '打印《受理回执》2 份', '打印《受理回执》1 份（补打）'],
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('in the desktop app (a stand-in for Electron’s bridge) the print job’s own result decides', async () => {
    const { hall, browser } = setup;
    const doc = await issueTestDocument({ db: hall.backend.db, dataDir: hall.dataDir });
    const page = await browser.newPage();
    const errors = watchForPageErrors(page);
    // What the preload exposes, with the main process's print job replaced by a queue of outcomes
    // (test/electron-shell covers the real job: printOutcomeFrom maps Electron's callback).
    // A string, not a function: tsx would wrap the function's inner functions in a helper the page lacks.
    await page.addInitScript(`
      window.printRequests = [];
      window.printOutcomes = [
        { ok: false, reason: 'cancelled', message: '已取消打印' },
        { ok: false, reason: 'failed', message: '打印失败：打印机脱机' },
        { ok: true, deviceName: '柜台小票机', silent: true },
      ];
      window.townshipDesk = {
        call: (procedure, input) =>
          fetch('/api/' + encodeURIComponent(procedure), {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            credentials: 'same-origin',
            body: JSON.stringify(input),
          }).then((response) => response.json()),
        printing: {
          listPrinters: () => Promise.resolve([{ name: '柜台小票机', displayName: '柜台小票机', isDefault: true }]),
          getSettings: () => Promise.resolve({ byDocumentType: {} }),
          setSettings: (settings) => Promise.resolve(settings),
          print: (request) => {
            window.printRequests.push(request);
            return Promise.resolve(window.printOutcomes.shift());
          },
        },
      };
    `);
    await signIn(page, hall.url, 'demo-clerk');
    await page.goto(`${hall.url}#/documents/${doc.id}`);
    await page.getByText('还没有打印过').waitFor();

    await page.getByRole('button', { name: /打印$/ }).click();
    await page.getByText('已取消打印，这次不计入打印次数').waitFor();
    const history = page.getByRole('table').last();
    await history.getByText('已取消', { exact: true }).waitFor();
    await page.getByRole('button', { name: /打印$/ }).click();
    await page.getByText('打印机脱机').first().waitFor();
    await history.getByText('失败', { exact: true }).waitFor();
    assert.equal(await page.getByText(/已打印 \d+ 份/).count(), 0, 'neither counted');

    await page.getByRole('button', { name: /打印$/ }).click();
    await page.getByText('已送往柜台小票机：1 份').waitFor();
    await page.getByText(/已打印 1 份/).waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0, 'the desktop never asks the clerk');
    const requests = (await page.evaluate('window.printRequests')) as unknown[];
    assert.equal(requests.length, 3);
    assert.deepEqual(
      requests.map((r) => {
        const request = r as { documentType: string; copies: number; fileUrl: string };
        return [request.documentType, request.copies, request.fileUrl.startsWith('/files/')];
      }),
      Array(3).fill(['sampleReceiptSlip', 1, true]),
    );
    const audit = await hall.backend.db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'print')
      .where('entity_id', '=', doc.id)
      .orderBy('at')
      .execute();
    assert.deepEqual(
      audit.map((e) => e.summary),
      ['《受理回执》1 份未打印（已取消）', '《受理回执》1 份打印失败：打印机脱机', '打印《受理回执》1 份'],
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a long form previews every page; the archive filters by type', async () => {
    const { hall, browser } = setup;
    // A real paper of many pages (the engine's own specimens are not offered in the type filter).
    const list = await issueTestDocument(
      { db: hall.backend.db, dataDir: hall.dataDir },
      { definition: mediationCaseFile },
    );
    assert.ok(list.pageCount > 1);
    const page = await browser.newPage();
    const errors = watchForPageErrors(page);
    await signIn(page, hall.url, 'demo-clerk');
    await page.goto(`${hall.url}#/documents`);
    await pickOption(page.getByLabel('文书类型'), '人民调解卷宗', { search: '人民调解卷宗' });
    await page.getByRole('link', { name: '人民调解卷宗' }).first().click();
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
    // Each paper the township issues once: 受理回执 on A5 and on an 80 mm slip, nothing of the engine's own.
    const receiptRows = page.getByRole('row', { name: /受理回执/ });
    await receiptRows.first().waitFor();
    assert.deepEqual((await receiptRows.allInnerTexts()).map((row) => row.split('\t').slice(0, 3).join(' ')).sort(), [
      '受理回执 便民服务 80 mm 热敏纸',
      '受理回执 便民服务 A5',
    ]);
    const slipRow = receiptRows.filter({ hasText: '80 mm 热敏纸' });
    await slipRow.getByText('80 mm 热敏纸').waitFor();
    await slipRow.getByRole('button', { name: '预览样张' }).click();
    await page.getByText('样张：受理回执').waitFor();
    await page.getByRole('img', { name: '第 1 页' }).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });
});
