// The sample documents rendered to real PDF files and read back with poppler: exact text (rare
// names included), embedded fonts, page count and size, the table header on every page, the
// same bytes for the same input, and the error for a character no font has.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadFonts, MissingGlyphError, type FontSet } from '../../electron/backend/documents/fonts';
import { renderPdf } from '../../electron/backend/documents/render';
import { documentTypes, getDocumentType } from '../../electron/backend/documents/registry';
import { SAMPLE_ISSUE, SAMPLES } from '../../electron/backend/documents/samples';
import { demoAgreement, demoReceiptSlip, demoResidentList } from '../../electron/backend/documents/samples/demoData';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'township-samples-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

let fonts: FontSet;
const files: Record<string, string> = {};
const timings: Record<string, number> = {};

function run(tool: string, args: string[]): string {
  const result = spawnSync(`/usr/bin/${tool}`, args, { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}
const text = (file: string, page?: number) =>
  run('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-enc', 'UTF-8', file, '-']);
/** pdftotext keeps the layout's spaces and line breaks; compare text without them. */
const squeeze = (value: string) => value.replace(/\s+/g, '');
/** The text of a document without its page numbers (which sit between the pages' text). */
const body = (value: string) => squeeze(value).replace(/第\d+页共\d+页/g, '');
function info(file: string): { pages: number; width: number; height: number } {
  const out = run('pdfinfo', [file]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out)!;
  return { pages: Number(/Pages:\s+(\d+)/.exec(out)![1]), width: Number(size[1]), height: Number(size[2]) };
}

before(async () => {
  fonts = await loadFonts();
  for (const { definition, record } of SAMPLES) {
    const start = performance.now();
    const pdf = await renderPdf(definition, record as never, { ...SAMPLE_ISSUE, fonts });
    timings[definition.type] = performance.now() - start;
    files[definition.type] = path.join(tmp, `${definition.type}.pdf`);
    writeFileSync(files[definition.type]!, pdf);
  }
});

describe('registry', () => {
  test('the three samples are registered by name', () => {
    for (const type of ['sampleResidentList', 'sampleReceiptSlip', 'sampleAgreement'])
      assert.equal(getDocumentType(type).type, type);
    assert.ok(documentTypes.size >= 3);
    assert.throws(() => getDocumentType('noSuchType'), /noSuchType/);
  });
});

describe('sampleResidentList (A4 form, table over pages)', () => {
  test('at least 3 A4 pages, the header row and page numbers on every page', (t) => {
    const file = files.sampleResidentList!;
    const { pages, width, height } = info(file);
    t.diagnostic(`${pages} pages, first render ${timings.sampleResidentList!.toFixed(0)} ms`);
    assert.ok(pages >= 3, `${pages} pages`);
    assert.equal(width.toFixed(2), '595.28');
    assert.equal(height.toFixed(2), '841.89');
    for (let page = 1; page <= pages; page++) {
      const pageText = squeeze(text(file, page));
      for (const header of ['序号', '姓名', '性别', '公民身份号码', '与户主关系', '住址'])
        assert.ok(pageText.includes(header), `page ${page} lacks ${header}`);
      assert.ok(pageText.includes(`第${page}页共${pages}页`), `page ${page} number`);
    }
  });

  test('exact text: title, rare names, masked ID numbers, the last resident', () => {
    const all = squeeze(text(files.sampleResidentList!));
    const record = demoResidentList();
    assert.ok(all.includes('居民花名册'));
    assert.ok(all.includes('𠮷祥') && all.includes('刘䶮') && all.includes('王堃'));
    const last = record.residents.at(-1)!;
    assert.ok(all.includes(`${record.residents.length}${last.name}`), last.name);
    assert.ok(all.includes('5304**********0311'));
    assert.ok(!all.includes(record.residents[0]!.idNumber), 'full ID number printed');
  });
});

describe('sampleReceiptSlip (80 mm roll)', () => {
  test('one page 80 mm wide, cut to its content (not A4 long)', () => {
    const { pages, width, height } = info(files.sampleReceiptSlip!);
    assert.equal(pages, 1);
    assert.equal(width.toFixed(2), '226.77');
    assert.ok(height > 200 && height < 600, `height ${height}`);
  });

  test('exact text: case number, masked ID, item, clerk, verification code, rare name', () => {
    const all = squeeze(text(files.sampleReceiptSlip!));
    const record = demoReceiptSlip();
    for (const expected of [
      '受理回执',
      `受理编号：${record.caseNumber}`,
      '申请人：刘䶮',
      '身份证号：5304**********0576',
      `办理事项：${record.item}`,
      '受理日期：2026年11月24日',
      `经办人：${record.clerk}`,
      `核验码：${SAMPLE_ISSUE.verificationCode}`,
    ])
      assert.ok(all.includes(expected), expected);
  });

  test('renders again quickly (timing)', async (t) => {
    const start = performance.now();
    await renderPdf(getDocumentType('sampleReceiptSlip'), demoReceiptSlip(), { ...SAMPLE_ISSUE, fonts });
    t.diagnostic(
      `80 mm slip, first ${timings.sampleReceiptSlip!.toFixed(0)} ms, again ${(performance.now() - start).toFixed(1)} ms`,
    );
  });
});

describe('sampleAgreement (A4 formal, three parties)', () => {
  test('A4, several pages numbered, every party and term printed', () => {
    const file = files.sampleAgreement!;
    const { pages, width, height } = info(file);
    assert.equal(width.toFixed(2), '595.28');
    assert.equal(height.toFixed(2), '841.89');
    const all = body(text(file));
    const record = demoAgreement();
    for (const expected of [
      '人民调解协议书',
      record.documentNumber,
      '当事人甲：𠮷祥',
      '当事人乙：刘䶮',
      '当事人丙：王堃',
      `公民身份号码：${record.parties[0]!.idNumber}`,
      '当事人甲（签名）：',
      '当事人丙（签名）：',
      '人民调解员（签名）：',
      record.committee,
      '（盖章）',
      `核验码：${SAMPLE_ISSUE.verificationCode}`,
      squeeze(record.facts),
      ...record.terms.map(squeeze),
    ])
      assert.ok(all.includes(expected), expected);
    if (pages > 1) assert.ok(squeeze(text(file, pages)).includes(`第${pages}页共${pages}页`));
  });
});

describe('every sample', () => {
  test('pdffonts: every font embedded (as a subset with a ToUnicode map)', () => {
    for (const [type, file] of Object.entries(files)) {
      const rows = run('pdffonts', [file]).trim().split('\n').slice(2);
      assert.ok(rows.length > 0, type);
      for (const row of rows) assert.match(row, /yes\s+yes\s+yes\s+\d+\s+\d+$/, `${type}: ${row}`);
    }
  });

  test('the same record and issue time give the same bytes', async () => {
    for (const { definition, record } of SAMPLES) {
      const hashes = await Promise.all(
        [0, 1].map(async () =>
          createHash('sha256')
            .update(await renderPdf(definition, record as never, { ...SAMPLE_ISSUE, fonts }))
            .digest('hex'),
        ),
      );
      assert.equal(hashes[0], hashes[1], definition.type);
    }
  });

  test('a watermark is drawn on every page (pdftotext drops diagonal text: compare the pixels)', async () => {
    const plain = files.sampleResidentList!;
    const pdf = await renderPdf(getDocumentType('sampleResidentList'), demoResidentList(), {
      ...SAMPLE_ISSUE,
      fonts,
      watermark: '补打',
    });
    const marked = path.join(tmp, 'watermarked.pdf');
    writeFileSync(marked, pdf);
    const { pages } = info(marked);
    assert.equal(pages, info(plain).pages);
    const image = (file: string, page: number) => {
      const root = path.join(tmp, `${path.basename(file, '.pdf')}-${page}`);
      run('pdftoppm', ['-gray', '-r', '20', '-f', String(page), '-l', String(page), '-singlefile', file, root]);
      return readFileSync(`${root}.pgm`);
    };
    for (let page = 1; page <= pages; page++)
      assert.notDeepEqual(image(marked, page), image(plain, page), `page ${page} has no watermark`);
  });

  test('a name with 𰀀 (U+30000, no font has it) fails with MissingGlyphError naming the field', async () => {
    const record = demoAgreement();
    record.parties[1]!.name = '刘\u{30000}';
    await assert.rejects(
      renderPdf(getDocumentType('sampleAgreement'), record, { ...SAMPLE_ISSUE, fonts }),
      (error: unknown) =>
        error instanceof MissingGlyphError && error.codePoint === 0x30000 && error.field === '当事人乙姓名',
    );
    const list = demoResidentList(5);
    list.residents[2]!.name = '\u{30000}';
    await assert.rejects(
      renderPdf(getDocumentType('sampleResidentList'), list, { ...SAMPLE_ISSUE, fonts }),
      (error: unknown) => error instanceof MissingGlyphError && error.field === '姓名',
    );
  });
});
