// A paper whose archived file is gone (a PC rebuilt from the county) in a browser: opening it
// draws it again, and the page, the archive's list and 核验文书 label it 重新生成.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { issueTestDocument } from '../test/support/documents';
import { signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';

describe('a re-rendered paper in a browser', () => {
  const setup = useHallAndBrowser({ demo: true, demoResidents: 20 });

  test('the clerk opens a paper whose file is gone: it shows, labelled 重新生成 on its page, in the list and when verified', async () => {
    const { hall, browser } = setup;
    const doc = await issueTestDocument({ db: hall.backend.db, dataDir: hall.dataDir }, { issuerName: '孙出具' });
    const row = await hall.backend.db
      .selectFrom('issued_documents')
      .select('file_path')
      .where('id', '=', doc.id)
      .executeTakeFirstOrThrow();
    await rm(hall.backend.files.absolute(row.file_path));

    const page = await browser.newPage();
    const errors = watchForPageErrors(page);
    await signIn(page, hall.url, 'demo-clerk');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '文书' }).click();
    await page.getByRole('cell', { name: doc.verificationCode }).waitFor();
    assert.equal(await page.getByText('重新生成', { exact: true }).count(), 0, 'not re-rendered before it is opened');
    await page
      .getByRole('row', { name: new RegExp(doc.verificationCode) })
      .getByRole('link', { name: '受理回执' })
      .click();

    await page.getByRole('img', { name: '第 1 页' }).waitFor();
    await page.getByRole('heading').getByText('重新生成', { exact: true }).waitFor();
    const after = await hall.backend.db
      .selectFrom('issued_documents')
      .select('file_path')
      .where('id', '=', doc.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(after.file_path, row.file_path, 'the re-rendered file has a name of its own');
    assert.ok(await hall.backend.files.exists(after.file_path), 'the re-rendered file is there');

    await page.getByText('← 文书存档').click();
    await page
      .getByRole('row', { name: new RegExp(doc.verificationCode) })
      .getByText('重新生成', { exact: true })
      .waitFor();

    await page.getByRole('tab', { name: '核验文书' }).click();
    await page.getByLabel('核验码').fill(doc.verificationCode);
    await page.getByRole('button', { name: '核验', exact: true }).click();
    await page.getByText(/存档原件已丢失，存档文件于 .* 依存档记录重新生成/).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });
});
