// The document camera (高拍仪) on a counter case, in Chromium with its fake camera: the clerk
// opens the case, 拍照 (Space), turns the picture a quarter, crops it by dragging and with the
// keyboard, names the material it shows and saves it; a second page follows without closing. The
// case lists both, the material is ticked, and the file downloaded back is a JPEG of exactly the
// size the dialog showed. Without a camera the dialog says so in one sentence, 重试 opens it once
// it is there, and the upload button still works. Every track is stopped when the dialog closes.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { CAMERA_PROBLEMS } from '../renderer/common/camera/cameraProblems';
import { catalogFile } from '../shared/catalog/catalog';
import { pickOption } from './support/antd';
import { interceptFileChoosers, pollUntil, REPO_ROOT, signIn, watchForPageErrors } from './support/browser';
import { morningOf, PASSWORD, STAFF, useTownshipHall } from './support/townshipHall';

const FAKE_CAMERA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const catalog = catalogFile.parse(
  JSON.parse(await readFile(path.join(REPO_ROOT, 'resources/catalog/demo-service-catalog.json'), 'utf8')),
);

/** The width and height a JPEG's frame header (SOFn) declares. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff], 'a JPEG starts with SOI');
  let at = 2;
  while (at + 9 < bytes.length) {
    assert.equal(bytes[at], 0xff, `a marker at ${at}`);
    const marker = bytes[at + 1]!;
    const length = bytes.readUInt16BE(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  throw new Error('no frame header in the JPEG');
}

/**
 * Keeps every stream the page opens, so the test can see they were stopped; with
 * `window.__cameraFailure` set to a DOMException name, opening the camera fails with it, as a
 * machine without a camera (NotFoundError) or with the vendor's program holding it would.
 */
const WATCH_CAMERA = `(() => {
  const media = navigator.mediaDevices;
  const open = media.getUserMedia.bind(media);
  window.__streams = [];
  window.__cameraFailure = null;
  media.getUserMedia = async (constraints) => {
    if (window.__cameraFailure) throw new DOMException('摄像头不可用（测试）', window.__cameraFailure);
    const stream = await open(constraints);
    window.__streams.push(stream);
    return stream;
  };
})();`;

async function watchCamera(page: Page): Promise<void> {
  await page.addInitScript(WATCH_CAMERA);
}

function failCamera(page: Page, name: string | null): Promise<unknown> {
  return page.evaluate(`window.__cameraFailure = ${JSON.stringify(name)}`);
}

/** How many streams the page opened, and how many of their tracks still run. */
function liveTracks(page: Page): Promise<{ opened: number; live: number }> {
  return page.evaluate(`({
    opened: window.__streams.length,
    live: window.__streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length,
  })`) as Promise<{ opened: number; live: number }>;
}

function sizeIn(text: string | null): { width: number; height: number } {
  const match = /(\d+)×(\d+)/.exec(text ?? '');
  assert.ok(match, `a size in “${text}”`);
  return { width: Number(match[1]), height: Number(match[2]) };
}

describe('the document camera on a counter case', () => {
  const setup = useTownshipHall(morningOf('2026-10-13'), { browserArgs: FAKE_CAMERA });
  let fileDir: string;
  before(async () => {
    fileDir = await mkdtemp(path.join(os.tmpdir(), 'e2e-camera-'));
  });
  after(() => rm(fileDir, { recursive: true, force: true }));

  /** A case waiting for materials: the first required one received, the second missing. */
  async function waitingCase() {
    const resident = setup.residents[0]!;
    const item = catalog.items.find((i) => i.code === 'NY-005')!;
    const required = item.materials.filter((m) => m.required).map((m) => m.name);
    const { case: waiting } = await setup.clients.clerk.ok('counter.intake', {
      requestId: crypto.randomUUID(),
      residentId: resident.id,
      itemCode: item.code,
      receivedMaterials: required.slice(0, 1),
      window: '3号窗口',
      decision: 'awaitMaterials',
    });
    return { waiting, missing: required[1]! };
  }

  test('拍照, turn, crop, name the material, save, and a second page: listed, ticked, a JPEG of the size shown', async (t) => {
    const { waiting, missing } = await waitingCase();
    const page = await setup.browser.newPage({ viewport: { width: 1366, height: 768 } });
    // Closed whatever happens: a page left with the camera open would hold it for the next test.
    t.after(() => page.close());
    const errors = watchForPageErrors(page);
    await watchCamera(page);
    await signIn(page, setup.hall.url, STAFF.clerk.username, PASSWORD);
    await page.goto(`${setup.hall.url}#/counter/cases/${waiting.id}`);
    const card = page.locator('.ant-card', { hasText: '附件（' });
    await card.getByRole('button', { name: /拍\s*照/ }).click();
    const dialog = page.getByRole('dialog', { name: '拍照' });
    const shutter = dialog.getByRole('button', { name: /拍\s*照/ });
    await shutter.waitFor();
    assert.ok(await pollUntil(() => shutter.isEnabled(), Boolean), 'the live picture arrives');
    assert.ok((await dialog.getByLabel('选择摄像头').count()) === 1);

    // Space takes the picture (the shutter has the focus once the camera shows).
    await pollUntil(() => shutter.evaluate((button) => button === button.ownerDocument.activeElement), Boolean);
    await page.keyboard.press('Space');
    const picture = dialog.getByLabel('拍下的照片');
    await picture.waitFor();
    const original = sizeIn(await dialog.getByLabel('原图尺寸').textContent());
    assert.deepEqual(sizeIn(await dialog.getByLabel('保存尺寸').textContent()), original, 'uncropped: the whole frame');

    // A quarter turn clockwise: width and height change places.
    await dialog.getByRole('button', { name: /向右转 90°/ }).click();
    await dialog.getByLabel('保存尺寸').getByText(`${original.height}×${original.width}`).waitFor();

    // Drag a rectangle from 10 %/20 % to 80 %/90 % of the picture, then the left edge 5 % in by keyboard.
    const box = (await picture.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 4 });
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.9, { steps: 4 });
    await page.mouse.up();
    const left = dialog.getByRole('slider', { name: '裁剪左边' });
    const leftBefore = Number(await left.getAttribute('aria-valuenow'));
    assert.ok(Math.abs(leftBefore - 10) <= 1, `the drag put the left edge at 10 %, not ${leftBefore} %`);
    await left.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    assert.equal(Number(await left.getAttribute('aria-valuenow')), leftBefore + 5);
    const cropped = sizeIn(await dialog.getByLabel('保存尺寸').textContent());
    // Turned: the picture is `original.height` wide and `original.width` high.
    const near = (value: number, expected: number, of: number) => Math.abs(value - expected) <= of * 0.015 + 1;
    assert.ok(near(cropped.width, original.height * 0.65, original.height), JSON.stringify({ cropped, original }));
    assert.ok(near(cropped.height, original.width * 0.7, original.width), JSON.stringify({ cropped, original }));

    await pickOption(dialog.getByLabel('所示材料'), missing);
    await dialog.getByLabel('照片说明').fill('补交的材料');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(`已登记“${missing}”为已收材料`).waitFor();
    await dialog.getByText('本次已保存 1 张').waitFor();

    // The next page at once: the live picture again, taken and saved whole.
    assert.ok(await pollUntil(() => shutter.isEnabled(), Boolean), 'the live picture is back');
    await shutter.click();
    await picture.waitFor();
    // Deskewed 2° by keyboard (4 × 0.5°): the box around the turned page, corners filled white.
    await dialog.getByRole('slider', { name: '纠偏角度' }).focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await dialog.getByText('纠偏（2°）').waitFor();
    const [cos, sin] = [Math.cos(Math.PI / 90), Math.sin(Math.PI / 90)];
    const second = sizeIn(await dialog.getByLabel('保存尺寸').textContent());
    // The quarter turn stays for the next page (a document camera's pages all lie the same way).
    assert.deepEqual(second, {
      width: Math.round(original.width * sin + original.height * cos),
      height: Math.round(original.width * cos + original.height * sin),
    });
    await dialog.getByLabel('照片说明').fill('第二页');
    await page.keyboard.press('Enter');
    await dialog.getByText('本次已保存 2 张').waitFor();
    await dialog.getByRole('button', { name: /关\s*闭/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const tracks = await pollUntil(
      () => liveTracks(page),
      (t) => t.live === 0,
    );
    assert.ok(tracks.opened >= 1, 'the camera was opened');
    assert.equal(tracks.live, 0, 'every track stopped when the dialog closed');

    // The case: both pictures, the material ticked on the page and in the record.
    await card
      .getByRole('row', { name: /补交的材料/ })
      .getByText(missing, { exact: true })
      .waitFor();
    await card.getByRole('row', { name: /第二页/ }).waitFor();
    const detail = await setup.clients.clerk.ok('counter.get', { caseId: waiting.id });
    assert.deepEqual(
      detail.attachments.map((a) => [a.caption, a.material, a.mimeType]),
      [
        ['补交的材料', missing, 'image/jpeg'],
        ['第二页', null, 'image/jpeg'],
      ],
    );
    assert.equal(
      detail.case.materials.find((m) => m.name === missing)?.received,
      true,
      'the material it shows is ticked',
    );
    assert.deepEqual(
      detail.history.map((h) => h.op),
      ['intake', 'attach', 'receiveMaterials', 'attach'],
    );
    for (const [attachment, size] of [
      [detail.attachments[0]!, cropped],
      [detail.attachments[1]!, second],
    ] as const) {
      const link = await setup.clients.clerk.ok('counter.attachmentFile', { attachmentId: attachment.id });
      const response = await setup.clients.clerk.fetchFile(link.fileUrl);
      assert.equal(response.status, 200);
      assert.deepEqual(jpegSize(Buffer.from(await response.arrayBuffer())), size);
    }
    assert.deepEqual(errors, []);
  });

  test('no camera: one sentence, 重试 once it is there, and the upload button still works', async (t) => {
    const { waiting } = await waitingCase();
    const page = await setup.browser.newPage({ viewport: { width: 1366, height: 768 } });
    // Closed whatever happens: a page left with the camera open would hold it for the next test.
    t.after(() => page.close());
    const errors = watchForPageErrors(page);
    interceptFileChoosers(page);
    await watchCamera(page);
    await signIn(page, setup.hall.url, STAFF.clerk.username, PASSWORD);
    await page.goto(`${setup.hall.url}#/counter/cases/${waiting.id}`);
    await failCamera(page, 'NotFoundError');
    const card = page.locator('.ant-card', { hasText: '附件（' });
    await card.getByRole('button', { name: /拍\s*照/ }).click();
    const dialog = page.getByRole('dialog', { name: '拍照' });
    const alert = dialog.getByRole('alert');
    await alert.getByText(CAMERA_PROBLEMS.notFound, { exact: true }).waitFor();
    assert.equal(await dialog.getByRole('button', { name: /拍\s*照/ }).isDisabled(), true);

    // The vendor's program holds it: another sentence; closed, 重试 shows the picture.
    await failCamera(page, 'NotReadableError');
    await dialog.getByRole('button', { name: /重\s*试/ }).click();
    await alert.getByText(CAMERA_PROBLEMS.busy, { exact: true }).waitFor();
    await failCamera(page, null);
    await dialog.getByRole('button', { name: /重\s*试/ }).click();
    const shutter = dialog.getByRole('button', { name: /拍\s*照/ });
    assert.ok(await pollUntil(() => shutter.isEnabled(), Boolean), 'the picture once the camera is free');
    await dialog.getByRole('button', { name: /关\s*闭/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The upload beside it works as ever.
    const scan = path.join(fileDir, '户口簿.png');
    await writeFile(scan, Buffer.concat([PNG_SIGNATURE, Buffer.from('户口簿首页')]));
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      card.getByRole('button', { name: /添加照片或扫描件/ }).click(),
    ]);
    await chooser.setFiles(scan);
    await page.getByText('已添加附件 户口簿.png').waitFor();
    await card.getByRole('row', { name: /户口簿\.png/ }).waitFor();
    assert.equal((await liveTracks(page)).live, 0);
    assert.deepEqual(errors, []);
  });
});
