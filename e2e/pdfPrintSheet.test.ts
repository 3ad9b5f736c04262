// The print page (`#/print?file=…`) in real Chromium, under the real Content-Security-Policy:
// pdf.js draws each page as an image, and Chromium's own print-to-PDF must then give paper of
// the document's size with the pages on it. Needs dist/renderer (`node build/build.mjs`) and
// poppler-utils (pdfinfo, pdftoppm).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { loadFonts } from '../electron/backend/documents/fonts';
import { renderPdf } from '../electron/backend/documents/render';
import { SAMPLE_ISSUE, SAMPLES } from '../electron/backend/documents/samples';
import { SECURITY_HEADERS } from '../electron/hall/securityHeaders';
import { readStaticFile } from '../electron/hall/staticFiles';
import { PRINT_FAILED_TITLE, PRINT_READY_TITLE, PRINT_ROUTE } from '../shared/documents/printing';
import { closeServer, disposeAll } from '../test/support/dispose';
import { BUILT_UI, launchBrowser, watchForPageErrors } from './support/browser';

const run = promisify(execFile);
const TICKET = 'e2eTicket_0123456789abcdef';
const A4 = { width: 595.28, height: 841.89 };
/** Chromium writes page sizes in whole or half points, and mm → pt rounds. */
const PT_TOLERANCE = 1.5;

let server: Server;
let baseUrl: string;
let browser: Browser;
let scratch: string;
/** Served at `/files/<TICKET>/<name>.pdf`; anything else under /files is 404, like an expired ticket. */
const files = new Map<string, Buffer>();

before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'township-print-'));
  const fonts = await loadFonts();
  for (const { definition, record } of SAMPLES) {
    files.set(`${definition.type}.pdf`, await renderPdf(definition, record as never, { ...SAMPLE_ISSUE, fonts }));
  }
  server = createServer((request, response) => {
    void (async () => {
      const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
      const file = pathname.startsWith(`/files/${TICKET}/`) ? files.get(pathname.split('/')[3] ?? '') : undefined;
      if (pathname.startsWith('/files/') || pathname.startsWith('/api/')) {
        response.writeHead(file ? 200 : 404, {
          ...SECURITY_HEADERS,
          'Content-Type': file ? 'application/pdf' : 'text/plain; charset=utf-8',
        });
        response.end(file ?? 'not found');
        return;
      }
      const asset = await readStaticFile(BUILT_UI, pathname);
      response.writeHead(asset ? 200 : 404, {
        ...SECURITY_HEADERS,
        'Content-Type': asset?.contentType ?? 'text/plain; charset=utf-8',
      });
      response.end(asset?.body ?? 'not found');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
after(() =>
  disposeAll([
    () => browser?.close(),
    () => server && closeServer(server),
    () => scratch && rm(scratch, { recursive: true, force: true }),
  ]),
);

function sample(type: string): Buffer {
  const pdf = files.get(`${type}.pdf`);
  assert.ok(pdf, `样例 ${type} 不存在`);
  return pdf;
}

/** Opens the print page on `file` and waits until it says ready or failed; returns the title. */
async function openPrintPage(page: Page, file: string): Promise<string> {
  await page.goto(`${baseUrl}/index.html${PRINT_ROUTE}?file=${encodeURIComponent(file)}`);
  return settledTitle(page);
}

/**
 * Polled from here: `waitForFunction` with a string is an eval, which the page's CSP refuses,
 * and e2e/ is compiled without DOM types for a function.
 */
async function settledTitle(page: Page, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const title = await page.title();
    if (title === PRINT_READY_TITLE || title.startsWith(PRINT_FAILED_TITLE)) return title;
    if (Date.now() > deadline) assert.fail(`打印页面 ${timeoutMs} 毫秒后仍未就绪，标题为「${title}」`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A page's errors, plus pdf.js warnings from the page and from its worker (a missing CMap or
 * standard font would show up there, and so would a fallback to a "fake worker").
 */
function watch(page: Page): string[] {
  const problems = watchForPageErrors(page);
  const notable = (where: string, message: ConsoleMessage) => {
    if (/^Warning:|Content Security Policy|Refused to/i.test(message.text()) || message.type() === 'error') {
      problems.push(`${where} ${message.type()}: ${message.text()}`);
    }
  };
  page.on('console', (message) => {
    if (message.type() !== 'error') notable('page', message); // errors: watchForPageErrors
  });
  page.on('worker', (worker) => worker.on('console', (message) => notable('worker', message)));
  return problems;
}

/** Counts the dedicated workers the page starts: pdf.js must get a real one under the CSP. */
function countWorkers(page: Page): () => number {
  let started = 0;
  page.on('worker', () => started++);
  return () => started;
}

interface PdfFacts {
  pages: number;
  sizes: { width: number; height: number }[];
}

async function pdfFacts(pdf: Buffer, name: string): Promise<PdfFacts> {
  const file = path.join(scratch, name);
  await writeFile(file, pdf);
  const { stdout } = await run('pdfinfo', ['-f', '1', '-l', '9999', file]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]);
  const sizes = [...stdout.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
  return { pages, sizes };
}

/** Share of dark pixels on page 1 at 50 dpi: 0 means a blank sheet. */
async function inkOnFirstPage(pdf: Buffer, name: string): Promise<number> {
  const file = path.join(scratch, name);
  await writeFile(file, pdf);
  const prefix = path.join(scratch, `${name}-ink`);
  await run('pdftoppm', ['-r', '50', '-gray', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
  const pgm = await readFile(`${prefix}.pgm`);
  // Binary PGM: "P5", width, height, max value, one whitespace byte, then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  assert.ok(header, 'pdftoppm 没有输出 PGM 图像');
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const value of pixels) if (value < 128) dark++;
  return dark / pixels.length;
}

function assertClose(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= PT_TOLERANCE, `${what}：${actual} pt，应为 ${expected} pt`);
}

async function printToPdf(page: Page): Promise<Buffer> {
  return page.pdf({ preferCSSPageSize: true, printBackground: false });
}

test('an 80 mm slip prints on 80 mm paper of its own length, with its content on it', async () => {
  const source = await pdfFacts(sample('sampleReceiptSlip'), 'slip-source.pdf');
  assert.equal(source.pages, 1);
  const slip = source.sizes[0]!;
  assertClose(slip.width, 226.77, '样例回执宽度');

  const page = await browser.newPage();
  const problems = watch(page);
  const workers = countWorkers(page);
  assert.equal(await openPrintPage(page, `/files/${TICKET}/sampleReceiptSlip.pdf`), PRINT_READY_TITLE);
  assert.equal(workers(), 1, 'pdf.js 应在自己的 worker 中解析文件');
  assert.equal(await page.getByRole('img', { name: /^第 \d+ 页$/ }).count(), 1);

  const printed = await printToPdf(page);
  const facts = await pdfFacts(printed, 'slip-printed.pdf');
  assert.equal(facts.pages, 1, '回执应打印为一页');
  assertClose(facts.sizes[0]!.width, slip.width, '打印宽度');
  assertClose(facts.sizes[0]!.height, slip.height, '打印长度');
  assert.ok(facts.sizes[0]!.height < A4.height - 50, '回执不应打印在 A4 纸上');

  // The same page drawn from the source and from the print: similar ink, not a blank sheet.
  const sourceInk = await inkOnFirstPage(sample('sampleReceiptSlip'), 'slip-source.pdf');
  const printedInk = await inkOnFirstPage(printed, 'slip-printed.pdf');
  assert.ok(sourceInk > 0.01, `样例回执几乎没有内容（${sourceInk}）`);
  assert.ok(
    printedInk > sourceInk * 0.5 && printedInk < sourceInk * 2,
    `打印结果的墨迹 ${printedInk.toFixed(4)} 与原文件 ${sourceInk.toFixed(4)} 相差太大`,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('a multi-page A4 document prints one A4 sheet per page', async () => {
  const source = await pdfFacts(sample('sampleResidentList'), 'list-source.pdf');
  assert.ok(source.pages > 1, '样例名册应有多页');

  const page = await browser.newPage();
  const problems = watch(page);
  assert.equal(await openPrintPage(page, `/files/${TICKET}/sampleResidentList.pdf`), PRINT_READY_TITLE);
  assert.equal(await page.getByRole('img', { name: /^第 \d+ 页$/ }).count(), source.pages);

  const printed = await pdfFacts(await printToPdf(page), 'list-printed.pdf');
  assert.equal(printed.pages, source.pages, '打印页数应与原文件相同');
  for (const [index, size] of printed.sizes.entries()) {
    assertClose(size.width, A4.width, `第 ${index + 1} 页宽度`);
    assertClose(size.height, A4.height, `第 ${index + 1} 页高度`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('the formal A4 agreement is ready to print', async () => {
  const page = await browser.newPage();
  const problems = watch(page);
  assert.equal(await openPrintPage(page, `/files/${TICKET}/sampleAgreement.pdf`), PRINT_READY_TITLE);
  const printed = await pdfFacts(await printToPdf(page), 'agreement-printed.pdf');
  const source = await pdfFacts(sample('sampleAgreement'), 'agreement-source.pdf');
  assert.equal(printed.pages, source.pages);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the print page refuses files that are not this host’s tickets, and expired ones', async () => {
  const cases: { file: string; message: RegExp }[] = [
    { file: 'https://evil.example/x.pdf', message: /地址无效/ },
    { file: '//evil.example/files/x.pdf', message: /地址无效/ },
    { file: '/api/x', message: /地址无效/ },
    { file: `/files/${TICKET}/../../api/x`, message: /地址无效/ },
    { file: `/files/${TICKET}/gone.pdf`, message: /文件已失效，请重新打开/ },
  ];
  for (const { file, message } of cases) {
    // A page each: only the hash would change, and the browser would not load the page again.
    const page = await browser.newPage();
    const problems = watch(page);
    const title = await openPrintPage(page, file);
    assert.ok(title.startsWith(`${PRINT_FAILED_TITLE}：`), `${file}：标题为「${title}」`);
    assert.match(title, message, file);
    await page.getByRole('alert').filter({ hasText: message }).waitFor();
    assert.equal(await page.getByRole('img').count(), 0, file);
    assert.deepEqual(problems, [], file);
    await page.close();
  }
});

test('the print page without a file says so', async () => {
  const page = await browser.newPage();
  const problems = watch(page);
  await page.goto(`${baseUrl}/index.html${PRINT_ROUTE}`);
  assert.match(await settledTitle(page), /^打印失败：打印文件的地址无效$/);
  assert.deepEqual(problems, []);
  await page.close();
});
