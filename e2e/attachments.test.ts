// Attaching a scan to a petition in the browser: the file is uploaded first (`PUT /uploads`, its
// progress shown), then added by `petitions.addAttachment` naming the upload. A file the backend
// refuses stays chosen, with the reason beside it and 重试; the caption typed is kept.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { interceptFileChoosers, signIn, useHallAndBrowser, watchForPageErrors } from './support/browser';

/** A PNG's signature and enough random bytes after it to take a few seconds on a throttled link. */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function chooseFile(page: Page, file: string): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: /添加照片或扫描件/ }).click(),
  ]);
  await chooser.setFiles(file);
}

describe('a scan attached to a petition in the browser', () => {
  const setup = useHallAndBrowser({ demo: true, demoResidents: 20 });
  let fileDir: string;
  before(async () => {
    fileDir = await mkdtemp(path.join(os.tmpdir(), 'e2e-attachments-'));
  });
  after(() => rm(fileDir, { recursive: true, force: true }));

  test('a refused file stays chosen with its reason; a good one is uploaded with its progress and added', async () => {
    const { hall, browser } = setup;
    const petition = await hall.backend.db
      .selectFrom('petitions')
      .select('id')
      .where('status', 'in', ['registered', 'accepted'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const fake = path.join(fileDir, '伪装的照片.png');
    await writeFile(fake, '%PDF-1.4 not a picture at all');
    const scan = Buffer.concat([PNG_SIGNATURE, randomBytes(3 * 1024 * 1024)]);
    const real = path.join(fileDir, '来信扫描件.png');
    await writeFile(real, scan);

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = watchForPageErrors(page);
    interceptFileChoosers(page);
    await signIn(page, hall.url, 'demo-petition');
    await page.goto(`${hall.url}#/petitions/${petition.id}`);
    const card = page.locator('.ant-card', { hasText: '附件（' });
    await card.getByLabel('附件说明').waitFor();

    // Renamed to .png, it is refused by the backend from its first bytes: nothing is lost.
    await card.getByLabel('附件说明').fill('县信访局转来的信件');
    await chooseFile(page, fake);
    const chosen = card.getByLabel('所选附件');
    await chosen.getByText('文件内容：“伪装的照片.png”不是PNG 图片，请检查文件').waitFor();
    await chosen.getByText('伪装的照片.png（29 B）').waitFor();
    await chosen.getByRole('button', { name: /重\s*试/ }).waitFor();
    assert.equal(await card.getByLabel('附件说明').inputValue(), '县信访局转来的信件');

    // The good file, on a slow link (1 MB/s up): its upload shows its progress, then it is added.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 1024 * 1024,
    });
    await chooseFile(page, real);
    await chosen.getByRole('progressbar', { name: '上传进度' }).waitFor();
    await page.getByText('已添加附件 来信扫描件.png').waitFor();
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    const row = card.getByRole('row', { name: /来信扫描件\.png/ });
    await row.waitFor();
    await row.getByText('县信访局转来的信件').waitFor();
    assert.equal(await chosen.count(), 0, 'nothing left chosen');
    assert.equal(await card.getByLabel('附件说明').inputValue(), '', 'the caption went with the file');

    const stored = await hall.backend.db
      .selectFrom('petition_attachments')
      .select(['sha256', 'size_bytes'])
      .where('petition_id', '=', petition.id)
      .where('file_name', '=', '来信扫描件.png')
      .executeTakeFirstOrThrow();
    assert.equal(stored.sha256, createHash('sha256').update(scan).digest('hex'));
    assert.equal(stored.size_bytes, scan.byteLength);
    // Both uploads were taken by their procedure (the refused one too): none waits on disk.
    assert.deepEqual(await readdir(path.join(hall.dataDir, 'uploads')), []);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
