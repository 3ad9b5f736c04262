// Printed documents: how fast the hall prints what a clerk hands over the counter.
//
// - receipt80: the 80 mm 受理回执 slip (sampleReceiptSlip) through renderPdf, fonts loaded once.
// - fiftyPages: a case-file-sized 居民花名册 (sampleResidentList with enough rows for ~50 A4 pages).
// - chromiumBaseline: the same slip as HTML printed to PDF by Chromium, as most Electron apps
//   do, side by side with receipt80.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser';
import { maskIdNumber } from '../shared/residents/masking';
import { loadFonts } from '../electron/backend/documents/fonts';
import { chineseDate } from '../electron/backend/documents/layout';
import { qrModules } from '../electron/backend/documents/qrCode';
import { renderPdf, type RenderOptions } from '../electron/backend/documents/render';
import { SAMPLE_ISSUE, sampleReceiptSlip, sampleResidentList } from '../electron/backend/documents/samples';
import {
  demoReceiptSlip,
  demoResidentList,
  type ReceiptSlipRecord,
} from '../electron/backend/documents/samples/demoData';
import { median, round, summarize } from './stats';

const RECEIPT_RUNS = 50;
const CHROMIUM_RUNS = 20;
const FIFTY_PAGE_RUNS = 3;
/** Rows of the 居民花名册 that fill about 50 A4 pages (checked against the PDF's page count). */
const FIFTY_PAGE_ROWS = 1_430;

const GOALS = { receipt80P50Ms: 30, fiftyPagesMs: 2000 };

export interface DocumentsBenchOptions {
  log: (line: string) => void;
}

export async function benchDocuments({ log }: DocumentsBenchOptions) {
  const fontsStarted = performance.now();
  const fonts = await loadFonts();
  const fontsLoadMs = round(performance.now() - fontsStarted);
  const options: RenderOptions = { ...SAMPLE_ISSUE, fonts };

  log(`80 mm 回执 × 1 + ${RECEIPT_RUNS}……`);
  const slip = demoReceiptSlip();
  const receiptTimes: number[] = [];
  let receiptPdf: Buffer = Buffer.alloc(0);
  for (let i = 0; i <= RECEIPT_RUNS; i++) {
    const start = performance.now();
    receiptPdf = await renderPdf(sampleReceiptSlip, slip, options);
    receiptTimes.push(performance.now() - start);
  }
  const receiptSize = pageSizeMm(receiptPdf);
  const later = summarize(receiptTimes.slice(1));
  const receipt80 = {
    runs: RECEIPT_RUNS,
    firstRenderMs: round(receiptTimes[0]!),
    p50: later.p50,
    p95: later.p95,
    max: later.max,
    pages: await pageCount(receiptPdf),
    pageMm: receiptSize,
    bytes: receiptPdf.byteLength,
  };

  log(`约 50 页的花名册（${FIFTY_PAGE_ROWS} 行）× ${FIFTY_PAGE_RUNS}……`);
  const list = demoResidentList(FIFTY_PAGE_ROWS);
  const listTimes: number[] = [];
  let listPdf: Buffer = Buffer.alloc(0);
  for (let i = 0; i < FIFTY_PAGE_RUNS; i++) {
    const start = performance.now();
    listPdf = await renderPdf(sampleResidentList, list, options);
    listTimes.push(performance.now() - start);
  }
  const fiftyPages = {
    document: sampleResidentList.type,
    rows: FIFTY_PAGE_ROWS,
    pages: await pageCount(listPdf),
    runs: FIFTY_PAGE_RUNS,
    runsMs: listTimes.map((t) => round(t)),
    medianMs: round(median(listTimes)),
    maxMs: round(Math.max(...listTimes)),
    bytes: listPdf.byteLength,
  };

  log(`Chromium 打印为 PDF：同一回执 × 1 + ${CHROMIUM_RUNS}……`);
  const chromium = await benchChromiumReceipt(slip);

  return {
    fontsLoadMs,
    receipt80,
    fiftyPages,
    chromiumBaseline: {
      ...chromium,
      /** How many times slower Chromium's print-to-PDF is than renderPdf (p50 / p50). */
      ratioToReceipt80P50: round(chromium.p50 / receipt80.p50),
      ratioToReceipt80P95: round(chromium.p95 / receipt80.p95),
    },
    goals: {
      receipt80P50Under30Ms: receipt80.p50 < GOALS.receipt80P50Ms,
      fiftyPagesUnder2000Ms: fiftyPages.medianMs < GOALS.fiftyPagesMs,
    },
  };
}

async function benchChromiumReceipt(slip: ReceiptSlipRecord) {
  const html = receiptHtml(slip);
  const launchStarted = performance.now();
  const browser: Browser = await launchBrowser();
  const launchMs = round(performance.now() - launchStarted);
  try {
    const page = await browser.newPage({ viewport: { width: Math.round((80 / 25.4) * 96), height: 800 } });
    // The slip is cut to its content: measure once (not timed), as an app would cache it.
    await page.setContent(html);
    // (A string expression: this tsconfig has no DOM types.)
    const heightPx = Number(await page.evaluate('document.documentElement.getBoundingClientRect().height'));
    const heightMm = Math.ceil((heightPx * 25.4) / 96) + 1;
    const times: number[] = [];
    let pdf: Buffer = Buffer.alloc(0);
    for (let i = 0; i <= CHROMIUM_RUNS; i++) {
      const start = performance.now();
      await page.setContent(html);
      pdf = await page.pdf({ width: '80mm', height: `${heightMm}mm`, printBackground: true });
      times.push(performance.now() - start);
    }
    const summary = summarize(times.slice(1));
    return {
      chromium: browser.version(),
      launchMs,
      runs: CHROMIUM_RUNS,
      firstRenderMs: round(times[0]!),
      p50: summary.p50,
      p95: summary.p95,
      max: summary.max,
      pages: await pageCount(pdf),
      pageMm: { width: 80, height: heightMm },
      bytes: pdf.byteLength,
    };
  } finally {
    await browser.close();
  }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The slip as an Electron app would print it: the same lines, the QR code as inline SVG. */
function receiptHtml(record: ReceiptSlipRecord): string {
  const { issuedAt, verificationCode } = SAMPLE_ISSUE;
  const fields: Array<[string, string]> = [
    ['受理编号', record.caseNumber],
    ['申请人', record.residentName],
    ['身份证号', maskIdNumber(record.idNumber)],
    ['办理事项', record.item],
    ['受理窗口', record.window],
    ['受理日期', chineseDate(issuedAt)],
    ['承诺时限', `${record.promisedDays}个工作日`],
    ['经办人', record.clerk],
  ];
  const modules = qrModules(verificationCode);
  const count = modules.length + 4;
  const cells = modules.flatMap((row, r) => row.map((dark, c) => (dark ? `M${c + 2} ${r + 2}h1v1h-1z` : ''))).join('');
  const qr = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${count} ${count}" width="26mm" height="26mm" shape-rendering="crispEdges"><path d="${cells}" fill="#000"/></svg>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><style>
@page { size: 80mm auto; margin: 0; }
html, body { margin: 0; }
body { width: 72mm; padding: 4mm 4mm 8mm; font-family: 'Noto Serif CJK SC', serif; font-size: 9pt; line-height: 1.45; }
h1 { font-size: 11pt; margin: 0 0 1mm; text-align: center; }
h2 { font-size: 14pt; margin: 0 0 1mm; text-align: center; }
hr { border: 0; border-top: 0.5pt solid #000; margin: 1.5mm 0; }
hr.dashed { border-top-style: dashed; }
dl { margin: 0; } dt { float: left; clear: left; font-weight: bold; } dt::after { content: '：'; }
p { margin: 0; } .qr { text-align: center; margin-top: 1.5mm; } .code { text-align: center; font-size: 10pt; }
</style></head><body>
<h1>${escapeHtml(record.hall)}</h1>
<h2>受理回执</h2>
<hr>
<dl>${fields.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>
<hr class="dashed">
<p>请妥善保管本回执，凭回执查询办理进度或领取结果。咨询电话：${escapeHtml(record.phone)}。扫描下方二维码或输入核验码可核验本回执真伪。</p>
<div class="qr">${qr}</div>
<div class="code">核验码：${escapeHtml(verificationCode)}</div>
</body></html>`;
}

/**
 * Pages of a PDF: its `/Type /Page` objects (pdfkit writes them uncompressed), checked against
 * `pdfinfo` when poppler-utils is installed.
 */
async function pageCount(pdf: Buffer): Promise<number> {
  const counted = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'township-bench-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    await writeFile(file, pdf);
    const { stdout } = await promisify(execFile)('pdfinfo', [file]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]);
    if (pages !== counted) throw new Error(`pdfinfo 数得 ${pages} 页，/Type /Page 对象 ${counted} 个`);
    return pages;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return counted; // no pdfinfo
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function pageSizeMm(pdf: Buffer): { width: number; height: number } | null {
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  if (!box) return null;
  return { width: round((Number(box[1]) * 25.4) / 72, 1), height: round((Number(box[2]) * 25.4) / 72, 1) };
}
