// The layout kit on its own: line breaking of body text (no line starts with closing
// punctuation, as UAX #14 requires), a slip cut to its content, and errors naming the field.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadFonts, MissingGlyphError, type FontSet } from '../../electron/backend/documents/fonts';
import { fields, paragraph, qrCode, table, verificationLine } from '../../electron/backend/documents/layout';
import { renderPdf } from '../../electron/backend/documents/render';
import { defineDocument } from '../../electron/backend/documents/registry';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'township-layout-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const ISSUE = { issuedAt: new Date('2026-11-24T02:30:00Z'), verificationCode: '7K3M-9QX2-HT4C' };
const CLOSING = '，。、；：？！）」';

let fonts: FontSet;
before(async () => {
  fonts = await loadFonts();
});

function pdftotext(file: string): string {
  const result = spawnSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

/** Characters of the size-11 body font that fill one line of the A4 form exactly. */
let perLine = 0;

const lineBreaking = defineDocument<null>({
  type: 'testLineBreaking',
  title: '断行测试',
  pageSize: 'a4',
  async render(layout) {
    // Measure a full-width character, then write paragraphs where a naive break (as many
    // characters as fit) would put each closing mark at the start of the second line.
    await paragraph(layout, '测', { indent: false });
    perLine = Math.floor(layout.width / layout.doc.widthOfString('测'));
    for (const mark of CLOSING)
      await paragraph(layout, `${'测'.repeat(perLine)}${mark}${'试'.repeat(10)}`, { field: '正文', indent: false });
  },
});

describe('paragraph line breaking', () => {
  test('no line starts with ，。、；：？！）」 even where a naive break would put one there', async () => {
    const file = path.join(tmp, 'breaks.pdf');
    writeFileSync(file, await renderPdf(lineBreaking, null, { ...ISSUE, fonts }));
    const lines = pdftotext(file)
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    assert.ok(perLine > 20, `${perLine} characters per line`);
    for (const line of lines) assert.ok(!CLOSING.includes(line[0]!), `line starts with ${line[0]}: ${line}`);
    // The breaks really were forced: each first line gave a character to the next line.
    const pulled = lines.filter((line) => line === '测'.repeat(perLine - 1));
    assert.equal(pulled.length, CLOSING.length, lines.join('\n'));
    for (const mark of CLOSING) assert.ok(lines.includes(`测${mark}${'试'.repeat(10)}`), mark);
  });
});

const slip = defineDocument<{ name: string; rows: number }>({
  type: 'testSlip',
  title: '小票测试',
  pageSize: 'receipt58',
  async render(layout, record) {
    await fields(layout, [{ label: '姓名', value: record.name }], 1);
    await table(layout, {
      columns: [
        { header: '项目', width: 2 },
        { header: '份数', width: 1 },
      ],
      rows: Array.from({ length: record.rows }, (_, i) => [`材料${i + 1}`, '1']),
    });
    qrCode(layout, layout.issue.verificationCode, 20);
    await verificationLine(layout);
  },
});

describe('thermal slips', () => {
  test('58 mm slip: one page, as long as its content, longer with more rows', async () => {
    const heights: number[] = [];
    for (const rows of [2, 40]) {
      const file = path.join(tmp, `slip-${rows}.pdf`);
      writeFileSync(file, await renderPdf(slip, { name: '王堃', rows }, { ...ISSUE, fonts }));
      const info = spawnSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' }).stdout;
      const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
      assert.equal(/Pages:\s+(\d+)/.exec(info)![1], '1');
      assert.equal(Number(size[1]).toFixed(2), '164.41');
      heights.push(Number(size[2]));
      assert.ok(pdftotext(file).includes('核验码：7K3M-9QX2-HT4C'));
    }
    assert.ok(heights[1]! > heights[0]! + 300, heights.join(' / '));
  });

  test('a character no font has stops the slip with the field named', async () => {
    await assert.rejects(
      renderPdf(slip, { name: '王\u{30000}', rows: 1 }, { ...ISSUE, fonts }),
      (error: unknown) =>
        error instanceof MissingGlyphError && error.field === '姓名' && error.message.includes('姓名'),
    );
  });
});
