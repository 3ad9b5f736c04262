// The agreement (its copies, each from a new page with its own page numbers, the parties'
// copies marked 副本), the court application, the closing sheet and the case file (whose index
// must name the pages the sections really start on) rendered to real PDFs and read back with
// poppler, page by page.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { documentTypes, getDocumentType } from '../../electron/backend/documents/registry';
import { renderDocument } from '../../electron/backend/documents/render';
import { chineseCount, copiesSentence, mediationAgreement } from '../../electron/backend/mediation/documents/agreement';
import { COVER_NOTE, mediationCaseFile, pageRange } from '../../electron/backend/mediation/documents/caseFile';
import { mediationClosingSheet } from '../../electron/backend/mediation/documents/closingSheet';
import {
  COURT_COMMITMENTS,
  mediationCourtApplication,
} from '../../electron/backend/mediation/documents/courtApplication';
import type {
  AgreementPaper,
  CaseFileRecord,
  CaseFileSection,
} from '../../electron/backend/mediation/documents/records';
// The other papers, registered for the case file's sections.
import '../../electron/backend/mediation/documents/application';
import '../../electron/backend/mediation/documents/followUpRecord';
import '../../electron/backend/mediation/documents/investigationRecord';
import '../../electron/backend/mediation/documents/oralAgreement';
import '../../electron/backend/mediation/documents/refusalNotice';
import '../../electron/backend/mediation/documents/registrationForm';
import '../../electron/backend/mediation/documents/rightsNotice';
import '../../electron/backend/mediation/documents/sessionRecord';
import '../../electron/backend/mediation/documents/terminationNotice';
import { assertIncludes, PAGE_POINTS, runPoppler, squeeze, usePdfRenderer } from '../support/renderedPdf';

const ISSUE = { issuedAt: new Date('2026-11-20T02:30:00Z'), verificationCode: 'M7QK-4TXA-9HC2' } as const;

const { render, fonts } = usePdfRenderer(ISSUE);

/** One page read back: its text (squeezed) and, apart, the text drawn at a slant (a watermark). */
interface PageText {
  text: string;
  diagonal: string;
}

/**
 * Every page's words with their boxes (pdftotext -bbox, one run for the file). A diagonal
 * watermark's characters come out as words with boxes far taller than a line: they are kept
 * apart, so the page's own text reads as printed and the watermark can be checked as text.
 */
function readPages(file: string): PageText[] {
  const xhtml = runPoppler('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']);
  const unescape = (text: string) =>
    text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  return xhtml
    .split('<page ')
    .slice(1)
    .map((page) => {
      const result: PageText = { text: '', diagonal: '' };
      for (const match of page.matchAll(
        /<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g,
      )) {
        const tall = Number(match[2]) - Number(match[1]) > 60;
        if (tall) result.diagonal += unescape(match[3]!);
        else result.text += unescape(match[3]!);
      }
      return result;
    });
}

/** The text of pages in drawing order (pdftotext -raw), one string per page, lines kept. */
function rawPage(file: string, page: number): string {
  return runPoppler('pdftotext', ['-raw', '-f', String(page), '-l', String(page), '-enc', 'UTF-8', file, '-']);
}

/** A page drawn in grey at 20 dpi: the rows of pixels between 25 % and 85 % of its height (below the top margin's marks, above the page number). */
function middleOfPage(file: string, page: number): Buffer {
  const root = `${file}-p${page}`;
  runPoppler('pdftoppm', ['-gray', '-r', '20', '-f', String(page), '-l', String(page), '-singlefile', file, root]);
  const pgm = readFileSync(`${root}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 32).toString('latin1'))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  return pixels.subarray(Math.floor(height * 0.25) * width, Math.floor(height * 0.85) * width);
}

/** How many pixels of two same-sized greyscale images differ noticeably. */
function differingPixels(a: Buffer, b: Buffer): number {
  assert.equal(a.length, b.length);
  let count = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 8) count++;
  return count;
}

function agreement(): AgreementPaper {
  return mediationAgreement.sample!();
}

describe('registry', () => {
  test('the four papers are registered under their names, A4 formal', () => {
    const expected: Array<[string, string]> = [
      ['mediationAgreement', '人民调解协议书'],
      ['mediationCourtApplication', '司法确认申请书'],
      ['mediationClosingSheet', '结案登记表'],
      ['mediationCaseFile', '人民调解卷宗'],
    ];
    for (const [type, title] of expected) {
      const definition = getDocumentType(type);
      assert.deepEqual([definition.title, definition.pageSize], [title, 'a4Formal']);
    }
  });
});

describe('人民调解协议书', () => {
  test('counts and the copies sentence in Chinese numerals', () => {
    assert.deepEqual([1, 2, 4, 10, 11, 20, 23].map(chineseCount), ['一', '二', '四', '十', '十一', '二十', '二十三']);
    assert.equal(
      copiesSentence(4),
      '本协议一式四份，当事人各执一份，人民调解委员会留存一份，自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。',
    );
  });

  test('three parties (one an organisation): 一式四份 and four full copies, each from a new page with its own page numbers', async () => {
    const record = agreement();
    assert.equal(record.parties.length, 3);
    assert.equal(record.parties[2]!.kind, 'organisation');
    assert.equal(record.copies, 4);
    const pdf = await render(mediationAgreement, record);
    assert.deepEqual({ width: pdf.width.toFixed(2), height: pdf.height.toFixed(2) }, PAGE_POINTS.a4);
    const read = readPages(pdf.file);
    assert.equal(read.length, pdf.pages);
    const pages = read.map((page) => page.text);

    // A copy starts where a page is numbered 第 1 页; all copies have as many pages.
    const starts = pages.flatMap((text, i) => (text.includes('第1页共') ? [i] : []));
    assert.equal(starts.length, 4, `copies start on pages ${starts.map((i) => i + 1)}`);
    const perCopy = pdf.pages / 4;
    assert.ok(Number.isInteger(perCopy) && perCopy >= 2, `${pdf.pages} pages`);
    assert.deepEqual(
      starts,
      [0, 1, 2, 3].map((k) => k * perCopy),
    );
    const marks = [
      '青石镇人民调解委员会留存',
      `副本甲方${record.parties[0]!.name}执`,
      `副本乙方${record.parties[1]!.name}执`,
      `副本丙方${record.parties[2]!.name}执`,
    ];
    for (const [k, mark] of marks.entries()) {
      const copy = pages.slice(k * perCopy, (k + 1) * perCopy);
      for (const [p, text] of copy.entries()) {
        // Every page of a copy names whose it is, is numbered within the copy and, but for the
        // committee's, carries the large diagonal 副本.
        assertIncludes(text, [mark, `第${p + 1}页共${perCopy}页`]);
        const diagonal = read[k * perCopy + p]!.diagonal;
        if (k === 0) {
          assert.ok(!text.includes('副本'), `the committee's copy, page ${p + 1}, says 副本`);
          assert.equal(diagonal, '', `the committee's copy, page ${p + 1}, has a watermark`);
        } else
          assert.deepEqual([...diagonal].sort(), ['副', '本'].sort(), `copy ${k + 1}, page ${p + 1}: “${diagonal}”`);
      }
      const whole = copy.join('');
      assertIncludes(whole, [
        '青石镇人民调解委员会',
        '人民调解协议书',
        '（2026）青调字第12号',
        ...record.parties.map((party) => `${party.label}：${party.name}`),
        '身份证号码：532301196805031517',
        '委托代理人：𠮷文军（儿子）',
        '法定代表人：赵德明（经营者）',
        '一、纠纷主要事实',
        record.facts.slice(0, 20),
        '二、争议事项及各方责任',
        `争议事项：${record.disputedMatters.slice(0, 12)}`,
        `各方责任：${record.responsibilities.slice(0, 12)}`,
        '三、协议内容',
        ...record.terms.map((term, i) => `${i + 1}．${term}`),
        '四、履行方式、时限',
        record.performanceManner,
        '本协议约定的义务于2026年12月31日前履行完毕。',
        copiesSentence(4),
        '甲方𠮷祥（签名或按指印）',
        '甲方委托代理人𠮷文军（签名或按指印）',
        '乙方李秀英（签名或按指印）',
        '丙方青石镇金穗农资经营部（盖章）',
        '丙方法定代表人赵德明（签名）',
        '人民调解员王芳（签名）',
        '人民调解员杨建华（签名）',
        '记录人李明（签名）',
        '2026年11月20日',
        `核验码：${ISSUE.verificationCode}`,
      ]);
      assert.equal(whole.split('指印').length - 1 >= 3, true, 'a fingerprint box for each person signing');
    }
    assert.ok(pages.join('').includes('一式四份'));
  });

  test('the diagonal 副本 is on every page of the parties’ copies and on none of the committee’s', async () => {
    // pdftotext drops diagonal text: compare the middle of the pages, where the copies' text is
    // the same and only the watermark can differ.
    const pdf = await render(mediationAgreement, agreement());
    const perCopy = pdf.pages / 4;
    for (let p = 1; p <= perCopy; p++) {
      const committee = middleOfPage(pdf.file, p);
      const copies = [1, 2, 3].map((k) => middleOfPage(pdf.file, k * perCopy + p));
      assert.ok(differingPixels(committee, copies[0]!) > 200, `page ${p} of copy 2 has no watermark`);
      assert.equal(differingPixels(copies[0]!, copies[1]!), 0, `page ${p}: copies 2 and 3 differ in the middle`);
      assert.equal(differingPixels(copies[0]!, copies[2]!), 0, `page ${p}: copies 2 and 4 differ in the middle`);
    }
  });

  test('copies follows the record; a copy beyond the parties is a plain 副本; without a due date, no due-date sentence', async () => {
    const record: AgreementPaper = { ...agreement(), parties: agreement().parties.slice(0, 2), copies: 4 };
    record.performanceDueOn = '';
    const pdf = await render(mediationAgreement, record);
    const pages = readPages(pdf.file).map((page) => page.text);
    const perCopy = pdf.pages / 4;
    assert.ok(Number.isInteger(perCopy), `${pdf.pages} pages`);
    assertIncludes(pages.join(''), ['本协议一式四份', '副本甲方𠮷祥执', '副本乙方李秀英执']);
    for (let p = 3 * perCopy; p < pdf.pages; p++)
      assert.match(pages[p]!, /^副本(?![甲乙丙])/, `page ${p + 1} is not marked as a plain 副本`);
    assert.ok(!pdf.text.includes('前履行完毕'), 'a due date is printed without one');
  });

  test('printedCopies: 1 draws the committee’s copy only, still stating 一式四份', async () => {
    const full = await render(mediationAgreement, agreement());
    const pdf = await render(mediationAgreement, { ...agreement(), printedCopies: 1 });
    assert.equal(pdf.pages * 4, full.pages);
    const pages = readPages(pdf.file);
    assertIncludes(pages.map((page) => page.text).join(''), ['青石镇人民调解委员会留存', '本协议一式四份']);
    assert.ok(pages.every((page) => !page.text.includes('副本') && page.diagonal === ''));
  });

  test('a 补打 of the agreement is marked 补打 on every page, the committee’s copy included', async () => {
    const record = agreement();
    const options = { ...ISSUE, fonts: fonts(), archival: true };
    const plain = await renderDocument(mediationAgreement, record, options);
    const reprint = await renderDocument(mediationAgreement, record, { ...options, watermark: '补打' });
    assert.equal(reprint.pageCount, plain.pageCount);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'township-reprint-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const files = [plain, reprint].map((rendered, i) => {
      const file = path.join(dir, `agreement-reprint-${i}.pdf`);
      writeFileSync(file, rendered.pdf);
      return file;
    });
    assert.ok(differingPixels(middleOfPage(files[0]!, 1), middleOfPage(files[1]!, 1)) > 200);
  });
});

describe('司法确认申请书', () => {
  test('every party applies jointly: the request, the facts, the terms, Art. 33 and its last day, the commitments, 此致 and a place to sign each', async () => {
    const record = mediationCourtApplication.sample!();
    const pdf = await render(mediationCourtApplication, record);
    assert.deepEqual({ width: pdf.width.toFixed(2), height: pdf.height.toFixed(2) }, PAGE_POINTS.a4);
    assertIncludes(pdf.text, [
      '司法确认申请书',
      ...record.parties.map((party) => `申请人（${party.label}）：${party.name}`),
      '身份证号码：53230119721120302X',
      '法定代表人：赵德明',
      '请求事项',
      '请求依法确认申请人于2026年11月20日经青石镇人民调解委员会主持调解达成的（2026）青调字第12号人民调解协议有效。',
      '事实和理由',
      '于2026年11月20日自愿达成（2026）青调字第12号人民调解协议，该协议于2026年11月20日生效。',
      ...record.terms.map((term, i) => `${i + 1}．${term}`),
      '《中华人民共和国人民调解法》第三十三条',
      '自调解协议生效之日起三十日内（即2026年12月20日前）共同向你院申请司法确认',
      '申请人承诺',
      ...COURT_COMMITMENTS.map((line, i) => `${i + 1}．${line}`),
      '不损害国家利益、社会公共利益和他人合法权益',
      '此致',
      '楚雄市人民法院',
      '申请人（甲方）𠮷祥（签名或按指印）',
      '申请人（乙方）李秀英（签名或按指印）',
      '申请人（丙方）青石镇金穗农资经营部（盖章）',
      '申请人（甲方）委托代理人𠮷文军（签名或按指印）',
      `核验码：${ISSUE.verificationCode}`,
    ]);
    assertIncludes(pdf.raw, ['年月日']);
    // 此致 comes after the commitments, the court right after it.
    assert.ok(pdf.text.indexOf('此致楚雄市人民法院') > pdf.text.indexOf('申请人承诺'));
  });
});

describe('结案登记表', () => {
  test('one bordered page: every field, one line per follow-up, the signatures and the seal', async () => {
    const record = mediationClosingSheet.sample!();
    const pdf = await render(mediationClosingSheet, record);
    assert.equal(pdf.pages, 1);
    assertIncludes(pdf.raw, [
      '青石镇人民调解委员会',
      '结案登记表',
      '案号（2026）青调字第12号',
      '纠纷类别邻里纠纷',
      '当事人𠮷祥、李秀英、青石镇金穗农资经营部',
      '纠纷来源当事人口头申请',
      '登记日期2026年11月2日',
      '受理日期2026年11月3日',
      '调解员王芳、杨建华',
      '调解结果达成书面调解协议',
      '结果日期2026年11月20日',
      `司法确认${record.court}`,
      `结案情况${record.summary}`,
      '结案日期2026年12月30日',
      '结案人王芳',
      '调解员（签名）',
      '调委会主任（签名）',
      '（盖章）',
      `核验码：${ISSUE.verificationCode}`,
    ]);
    // Each follow-up on a line of its own.
    const lines = runPoppler('pdftotext', ['-layout', '-enc', 'UTF-8', pdf.file, '-']).split('\n').map(squeeze);
    for (const followUp of record.followUps)
      assert.ok(
        lines.some((line) => line.endsWith(squeeze(followUp))),
        followUp,
      );
  });

  test('without follow-ups the row says 无; a long summary still ends on the paper', async () => {
    const record = {
      ...mediationClosingSheet.sample!(),
      followUps: [],
      summary: `${'调解不成。'.repeat(120)}以上情况属实。`,
    };
    const pdf = await render(mediationClosingSheet, record);
    assertIncludes(pdf.raw, ['回访情况无', '以上情况属实。', '调委会主任（签名）', '结案人王芳']);
  });
});

/** Every other mediation paper with its sample, as sections (the case file itself excepted). */
function paperSections(round: number): CaseFileSection[] {
  return [...documentTypes.values()]
    .filter((definition) => definition.type.startsWith('mediation') && definition.type !== mediationCaseFile.type)
    .map((definition) => ({
      title: `${definition.title}（${round}）`,
      kind: 'document',
      type: definition.type,
      record: definition.sample!(),
    }));
}

interface IndexRow {
  number: number;
  title: string;
  first: number;
  last: number;
}

/** The index rows as printed: `序号 材料名称 页码` lines of the index pages. */
function indexRows(rawPages: string[]): { rows: IndexRow[]; indexPages: number[] } {
  const rows: IndexRow[] = [];
  const indexPages: number[] = [];
  for (const [i, text] of rawPages.entries()) {
    if (!text.includes('序号 材料名称 页码')) continue;
    indexPages.push(i + 1);
    for (const line of text.split('\n')) {
      const match = /^(\d+) (.+) (\d+)(?:-(\d+))?$/.exec(line.trim());
      if (match)
        rows.push({
          number: Number(match[1]),
          title: match[2]!,
          first: Number(match[3]),
          last: Number(match[4] ?? match[3]),
        });
    }
  }
  return { rows, indexPages };
}

describe('人民调解卷宗', () => {
  function caseFile(sections: CaseFileSection[]): CaseFileRecord {
    return { ...mediationCaseFile.sample!(), sections };
  }

  async function checkIndex(record: CaseFileRecord) {
    const pdf = await render(mediationCaseFile, record);
    const read = readPages(pdf.file);
    const pages = read.map((page) => page.text);
    assert.deepEqual(
      read.map((page) => page.diagonal),
      pages.map(() => ''),
      'a page of the file has a watermark',
    );
    const { rows, indexPages } = indexRows(
      pages.map((text, i) => (text.includes('序号材料名称页码') ? rawPage(pdf.file, i + 1) : '')),
    );
    // The index follows the cover and lists every section, in order.
    assert.equal(indexPages[0], 2);
    assert.deepEqual(
      indexPages,
      indexPages.map((_, i) => i + 2),
    );
    assert.deepEqual(
      rows.map((row) => [row.number, row.title]),
      record.sections.map((section, i) => [i + 1, section.title]),
    );
    // Each section starts on the page the index names (its mark and, for a list, its title
    // are there, and not on the page before) and runs to the page before the next one.
    assert.equal(rows[0]!.first, indexPages.at(-1)! + 1);
    for (const [i, row] of rows.entries()) {
      const mark = squeeze(`卷内材料 ${i + 1}\u3000${row.title}`);
      const firstPage = pages[row.first - 1]!;
      assert.ok(firstPage.includes(mark), `section ${i + 1} “${row.title}” is not on page ${row.first}`);
      assert.ok(!pages[row.first - 2]!.includes(mark), `section ${i + 1} also on page ${row.first - 1}`);
      const next = rows[i + 1];
      assert.equal(row.last, next ? next.first - 1 : pdf.pages, `section ${i + 1} ends on page ${row.last}`);
      const section = record.sections[i]!;
      if (section.kind === 'document') {
        // The paper's own title is on its first page.
        assert.ok(firstPage.includes(getDocumentType(section.type).title), `${section.type} on page ${row.first}`);
      } else {
        assertIncludes(firstPage, [section.title, ...section.lines.map((line) => line.slice(0, 10))]);
      }
    }
    // Page numbers run through the whole file.
    for (const [i, text] of pages.entries()) assert.ok(text.includes(`第${i + 1}页共${pdf.pages}页`), `page ${i + 1}`);
    return { pdf, pages, rows, indexPages };
  }

  test('the cover, the index and each section where the index says, one verification code for the file', async () => {
    const sample = mediationCaseFile.sample!();
    const record = caseFile([...sample.sections, ...paperSections(1)]);
    const { pdf, pages, rows } = await checkIndex(record);
    assert.ok(
      rows.some((row) => row.first !== row.last),
      'a section of several pages shows a range',
    );
    assertIncludes(pages[0]!, [
      '青石镇人民调解委员会',
      '人民调解卷宗',
      '案号（2026）青调字第12号',
      '案由𠮷祥与李秀英邻里纠纷',
      '当事人𠮷祥、李秀英、青石镇金穗农资经营部',
      '受理日期2026年11月3日',
      '结案日期2026年12月30日',
      '立卷人王芳',
      '保管期限长期',
      `卷内材料${record.sections.length}件，共${pdf.pages}页`,
      `核验码：${ISSUE.verificationCode}`,
      COVER_NOTE,
    ]);
    // The papers inside print no code of their own: the code is on the cover only.
    assert.equal(
      pdf.text.split(ISSUE.verificationCode).length - 1,
      1,
      'the verification code is printed more than once',
    );
    // The agreement inside is the committee's copy only: one copy, no 副本.
    const agreementRow = rows.find((row) => row.title === '人民调解协议书')!;
    const agreementText = pages.slice(agreementRow.first - 1, agreementRow.last).join('');
    assert.equal(agreementText.split('本协议一式四份').length - 1, 1);
    assert.ok(!agreementText.includes('副本'), 'the file holds a party’s copy');
  });

  test('an index of many sections takes two pages, and its page numbers still match (timed)', async (t) => {
    const record = caseFile([
      ...paperSections(1),
      ...paperSections(2),
      { title: '当事人身份证明', kind: 'list', lines: ['甲方 𠮷祥 居民身份证 532301********1517'] },
      { title: '履行凭证', kind: 'list', lines: [] },
    ]);
    const started = performance.now();
    const rendered = await renderDocument(mediationCaseFile, record, { ...ISSUE, fonts: fonts(), archival: true });
    const ms = performance.now() - started;
    // A diagnostic, not console.log: stdout is the test runner's channel to this file.
    t.diagnostic(
      `case file: ${rendered.pageCount} pages, ${record.sections.length} sections, rendered in ${ms.toFixed(0)} ms`,
    );
    const { indexPages, pages, rows } = await checkIndex(record);
    assert.ok(indexPages.length >= 2, `index on ${indexPages.length} page(s)`);
    assert.ok(pages.length >= 35, `${pages.length} pages`);
    assert.equal(pageRange({ first: rows.at(-1)!.first, last: rows.at(-1)!.last }), String(pages.length));
    assertIncludes(pages[rows.at(-1)!.first - 1]!, ['履行凭证', '（无）']);
  });
});
