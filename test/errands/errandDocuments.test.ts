// The village agents' two papers rendered to real PDF files and read back with poppler: the
// 委托代办授权书 (who entrusts whom with what, free of charge, every material with required ones
// marked, both signatures, the verification code) and the 代办材料交接单 (one row per errand
// with its received materials and promised date, the count, both signatures), on A4 with
// embedded fonts; a batch of twenty errands runs on over pages with nothing lost.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { MATERIAL_FORM_LABELS } from '../../shared/catalog/catalog';
import { maskIdNumber } from '../../shared/residents/masking';
import { MissingGlyphError } from '../../electron/backend/documents/fonts';
import { getDocumentType, isArchival } from '../../electron/backend/documents/registry';
import { renderPdf } from '../../electron/backend/documents/render';
import {
  assertIncludes,
  PAGE_POINTS,
  runPoppler,
  squeeze,
  usePdfRenderer,
  type RenderedPdf,
} from '../support/renderedPdf';
import { ERRAND_DOCUMENTS, errandAuthorisation, handoverList } from '../../electron/backend/counter/errands/documents';
import type {
  ErrandAuthorisationRecord,
  HandoverListRecord,
} from '../../electron/backend/counter/errands/documents/records';
import {
  sampleErrandAuthorisation,
  sampleHandoverList,
} from '../../electron/backend/counter/errands/documents/sampleRecords';

const ISSUE = { issuedAt: new Date('2026-10-14T02:30:00Z'), verificationCode: '9D4F-K2W7-QM3X' } as const;

const { render, fonts } = usePdfRenderer(ISSUE);

/** One page's text in drawing order, squeezed. */
function pageText(pdf: RenderedPdf, page: number): string {
  return squeeze(
    runPoppler('pdftotext', ['-raw', '-f', String(page), '-l', String(page), '-enc', 'UTF-8', pdf.file, '-']),
  );
}

function occurrences(text: string, value: string): number {
  return text.split(squeeze(value)).length - 1;
}

const A4 = PAGE_POINTS.a4;

function assertA4(pdf: RenderedPdf): void {
  assert.deepEqual({ width: pdf.width.toFixed(2), height: pdf.height.toFixed(2) }, A4);
}

const catalog = JSON.parse(
  readFileSync(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8'),
) as {
  items: Array<{
    code: string;
    name: string;
    department: string;
    agentAllowed: boolean;
    materials: ErrandAuthorisationRecord['materials'];
  }>;
};

/** The demo catalog's item, as an errand's authorisation carries it. */
function catalogItem(code: string) {
  const item = catalog.items.find((candidate) => candidate.code === code)!;
  assert.ok(item.agentAllowed, `${code} may not be run by an agent`);
  return item;
}

/** A row of the handover table in drawing order: every cell, in column order. */
function handoverRow(errand: HandoverListRecord['errands'][number], index: number, promised: string): string {
  const materials = errand.materials
    .map((material) => `${material.name}（${MATERIAL_FORM_LABELS[material.form]}${material.copies}份）`)
    .join('、');
  return squeeze(
    `${index + 1}${errand.caseNumber}${errand.residentName}${errand.idNumberMasked}${errand.itemName}${materials}${promised}`,
  );
}

/** Twenty errands of five residents, case numbers SL-2026-000101 … 000120; every seventh without a promise. */
function twentyErrands(): HandoverListRecord {
  const sample = sampleHandoverList();
  const residents = [
    ...sample.errands.map(({ residentName, idNumberMasked }) => ({ residentName, idNumberMasked })),
    { residentName: '刘玉梅', idNumberMasked: maskIdNumber('410523196807221528') },
    { residentName: '𠮷秀英', idNumberMasked: maskIdNumber('410523195011093324') },
  ];
  const errands = Array.from({ length: 20 }, (_, i) => {
    const base = sample.errands[i % sample.errands.length]!;
    return {
      ...base,
      ...residents[i % residents.length]!,
      caseNumber: `SL-2026-${String(101 + i).padStart(6, '0')}`,
      materials: base.materials.map((material) => ({ ...material })),
      promisedDate: i % 7 === 6 ? null : base.promisedDate,
    };
  });
  return { ...sample, errands };
}

describe('registry', () => {
  test('both errand papers are registered under their names, with titles and A4 paper', () => {
    const expected: Array<[string, string, string]> = [
      ['errandAuthorisation', '委托代办授权书', 'a4'],
      ['errandHandoverList', '代办材料交接单', 'a4'],
    ];
    assert.deepEqual(
      ERRAND_DOCUMENTS.map((definition) => [definition.type, definition.title, definition.pageSize]),
      expected,
    );
    for (const [type] of expected) assert.equal(getDocumentType(type).type, type);
    for (const definition of ERRAND_DOCUMENTS) assert.ok(isArchival(definition), definition.type);
  });

  test('the samples are the agent of 东岗村 with IDs masked as maskIdNumber masks them', () => {
    const masked = /^\d{4}\*{10}\d{3}[\dX]$/;
    const authorisation = sampleErrandAuthorisation();
    assert.equal(authorisation.agentName, '赵建国');
    assert.equal(authorisation.villageName, '东岗村');
    assert.match(authorisation.idNumberMasked, masked);
    const list = sampleHandoverList();
    assert.deepEqual(
      list.errands.map((errand) => errand.residentName),
      ['李秀英', '王桂兰', '张德福'],
    );
    for (const errand of list.errands) assert.match(errand.idNumberMasked, masked);
    assert.equal(maskIdNumber('410523194403053021'), authorisation.idNumberMasked);
  });
});

describe('委托代办授权书 (A4)', () => {
  test('the sample: both parties, the matter, the authorisation, the free-of-charge promise, on one A4 page', async () => {
    const record = sampleErrandAuthorisation();
    const pdf = await render(errandAuthorisation, record);
    assert.equal(pdf.pages, 1);
    assertA4(pdf);
    assertIncludes(pdf.text, [
      '城关镇便民服务中心',
      '委托代办授权书',
      '委托人：李秀英',
      '身份证号：4105**********3021',
      '受托人（代办员）：赵建国',
      '所属村（社区）：东岗村',
      '代办事项：经济困难老年人养老服务补贴申请（MZ-006）',
      '责任部门：社会事务办公室',
      '委托日期：2026年10月12日',
      '委托人李秀英自愿委托东岗村代办员赵建国代为办理“经济困难老年人养老服务补贴申请”事项',
      '代为收集下列申请材料并递交城关镇便民服务中心',
      '代为跟踪办理进度',
      '代为领取办理结果并转交委托人',
      '对代办中知悉的个人信息严格保密',
      '代办不收取任何费用。',
      '委托人对所提交材料的真实性、有效性负责。',
      '授权期限：自本授权书签署之日起，至本事项办结、办理结果送达委托人之日止。',
      '咨询电话：0372-5123456',
      `核验码：${ISSUE.verificationCode}`,
    ]);
    // Nowhere the unmasked number.
    assert.ok(!/\d{17}[\dX]/.test(pdf.text), pdf.text);
  });

  test('every material with its form, copies, whether it is required and its note; required ones counted', async () => {
    const record = sampleErrandAuthorisation();
    const pdf = await render(errandAuthorisation, record);
    assertIncludes(pdf.raw, ['代办材料（共5项，其中必需4项）', '序号 材料名称 原件/复印件 份数 必需/可选 说明']);
    for (const [i, material] of record.materials.entries())
      assertIncludes(pdf.raw, [
        `${i + 1}${material.name}${MATERIAL_FORM_LABELS[material.form]}${material.copies}${material.required ? '必需' : '可选'}${material.note ?? ''}`,
      ]);
    assert.equal(occurrences(pdf.raw, '可选'), 1 + 1, 'the header and the one optional material');
  });

  test('the resident signs and fingerprints, the agent signs, each with a date to fill in', async () => {
    const pdf = await render(errandAuthorisation, sampleErrandAuthorisation());
    assertIncludes(pdf.raw, ['委托人（签字并捺手印）：指印年月日受托人（代办员）签字：年月日']);
    assert.equal(occurrences(pdf.raw, '年月日'), 2);
  });

  test('the longest list an agent may carry (最低生活保障申请, 8 materials) and a rare name stay on one page', async () => {
    const item = catalogItem('MZ-001');
    assert.equal(item.materials.length, 8);
    const record: ErrandAuthorisationRecord = {
      ...sampleErrandAuthorisation(),
      residentName: '𠮷秀英',
      itemCode: item.code,
      itemName: item.name,
      department: item.department,
      materials: item.materials,
    };
    record.hall.queryPhone = '';
    const pdf = await render(errandAuthorisation, record);
    assert.equal(pdf.pages, 1);
    assertIncludes(pdf.text, [
      '委托人：𠮷秀英',
      '委托人𠮷秀英自愿委托',
      '代办事项：最低生活保障申请（MZ-001）',
      '代办材料（共8项，其中必需6项）',
      '委托人（签字并捺手印）：',
      `核验码：${ISSUE.verificationCode}`,
    ]);
    for (const [i, material] of item.materials.entries()) assertIncludes(pdf.raw, [`${i + 1}${material.name}`]);
    assert.ok(!pdf.raw.includes('咨询电话'), 'a phone printed the hall has not set');
  });

  test('however long the list, the term, both signatures and the code share the last page', async () => {
    // Lists ending at every height of page 1's foot: one of them leaves room for the term but
    // not the signatures, another for the first signature but not the second.
    const listed = catalogItem('MZ-001').materials;
    for (let count = 9; count <= 16; count++) {
      const materials = Array.from({ length: count }, (_, i) => ({
        ...listed[i % listed.length]!,
        name: `证明材料第${i + 1}号`,
      }));
      const pdf = await render(errandAuthorisation, { ...sampleErrandAuthorisation(), materials });
      assert.ok(pdf.pages >= 2, `${count} materials: ${pdf.pages} page(s)`);
      for (const [i, material] of materials.entries()) assertIncludes(pdf.raw, [`${i + 1}${material.name}`]);
      assertIncludes(pageText(pdf, pdf.pages), [
        '授权期限：自本授权书签署之日起',
        '委托人（签字并捺手印）：指印年月日受托人（代办员）签字：年月日',
        `核验码：${ISSUE.verificationCode}`,
      ]);
    }
  });

  test('a name no font can print stops the paper naming the 委托人 field', async () => {
    const record = { ...sampleErrandAuthorisation(), residentName: '刘\u{30000}' };
    await assert.rejects(
      renderPdf(errandAuthorisation, record, { ...ISSUE, fonts: fonts() }),
      (error: unknown) => error instanceof MissingGlyphError && error.field === '委托人',
    );
  });
});

describe('代办材料交接单 (A4)', () => {
  test('the sample: agent, village, date, window, clerk, one row per errand, 共 3 件, both signatures, on one page', async () => {
    const record = sampleHandoverList();
    const pdf = await render(handoverList, record);
    assert.equal(pdf.pages, 1);
    assertA4(pdf);
    assertIncludes(pdf.text, [
      '城关镇便民服务中心',
      '代办材料交接单',
      '代办员：赵建国',
      '所属村（社区）：东岗村',
      '交接日期：2026年10月14日',
      '受理窗口：1号窗口（综合受理）',
      '接收人：王晓燕',
      '共 3 件',
      '已由移交人与接收人当面逐件清点核对',
      '经代办员转交委托人',
      '移交人（代办员）签字：',
      '接收人（窗口工作人员）签字：',
      '咨询电话：0372-5123456',
      `核验码：${ISSUE.verificationCode}`,
    ]);
    assertIncludes(pdf.raw, ['序号 受理编号 委托人 身份证号 办理事项 交接材料 承诺办结日期']);
    const promised = ['2026年11月4日', '2026年10月28日', '2026年11月11日'];
    for (const [i, errand] of record.errands.entries()) assertIncludes(pdf.raw, [handoverRow(errand, i, promised[i]!)]);
    assertIncludes(pdf.raw, [
      '1SL-2026-000021李秀英4105**********3021',
      '居民身份证（原件及复印件1份）、居民户口簿（原件及复印件1份）',
    ]);
    assert.ok(!pdf.raw.includes('以转报单位答复为准'), pdf.raw);
    assert.equal(occurrences(pdf.raw, '年月日'), 2);
  });

  test('an errand without a promised date says whose answer decides instead', async () => {
    const record = sampleHandoverList();
    record.errands[1]!.promisedDate = null;
    const pdf = await render(handoverList, record);
    assertIncludes(pdf.raw, [
      handoverRow(record.errands[0]!, 0, '2026年11月4日'),
      handoverRow(record.errands[1]!, 1, '以转报单位答复为准'),
      handoverRow(record.errands[2]!, 2, '2026年11月11日'),
    ]);
    assert.equal(occurrences(pdf.raw, '以转报单位答复为准'), 1);
    assert.ok(!pdf.raw.includes('2026年10月28日'), 'the dropped promise is still printed');
  });

  test('one errand by a resident with a rare name: 共 1 件', async () => {
    const record = sampleHandoverList();
    record.errands = [{ ...record.errands[0]!, residentName: '𠮷秀英' }];
    const pdf = await render(handoverList, record);
    assert.equal(pdf.pages, 1);
    assertIncludes(pdf.raw, [handoverRow(record.errands[0]!, 0, '2026年11月4日'), '共 1 件']);
  });

  test('twenty errands run on over pages: every row once and in order, the header on every page, the count and signatures at the end', async () => {
    const record = twentyErrands();
    const pdf = await render(handoverList, record);
    assert.ok(pdf.pages >= 2, `${pdf.pages} page(s)`);
    assertA4(pdf);
    let last = -1;
    for (const [i, errand] of record.errands.entries()) {
      assert.equal(occurrences(pdf.raw, errand.caseNumber), 1, errand.caseNumber);
      const row = handoverRow(errand, i, errand.promisedDate === null ? '以转报单位答复为准' : '');
      const at = pdf.raw.indexOf(row);
      assert.ok(at > last, `row ${i + 1} (${errand.caseNumber}) missing or out of order`);
      last = at;
    }
    assert.equal(occurrences(pdf.raw, '以转报单位答复为准'), 2);
    assertIncludes(pdf.text, ['共 20 件', `第 1 页 共 ${pdf.pages} 页`, `第 ${pdf.pages} 页 共 ${pdf.pages} 页`]);
    // Each page holding rows starts the table with its header again; no row is split over two.
    for (let page = 1; page <= pdf.pages; page++) {
      const text = pageText(pdf, page);
      const rows = record.errands.filter((errand) => text.includes(errand.caseNumber));
      if (rows.length > 0) assertIncludes(text, ['序号 受理编号 委托人 身份证号 办理事项 交接材料 承诺办结日期']);
      for (const errand of rows) assertIncludes(text, [handoverRow(errand, record.errands.indexOf(errand), '')]);
    }
    // The closing text, both signatures and the code on one page: the last.
    assertIncludes(pageText(pdf, pdf.pages), [
      '已由移交人与接收人当面逐件清点核对',
      '移交人（代办员）签字：',
      '接收人（窗口工作人员）签字：',
      `核验码：${ISSUE.verificationCode}`,
    ]);
  });
});

describe('every errand paper', () => {
  test('pdffonts: every font embedded as a subset with a ToUnicode map', async () => {
    for (const definition of ERRAND_DOCUMENTS) {
      const pdf = await render(definition, definition.sample!());
      const rows = runPoppler('pdffonts', [pdf.file]).trim().split('\n').slice(2);
      assert.ok(rows.length > 0, definition.type);
      for (const row of rows) assert.match(row, /yes\s+yes\s+yes\s+\d+\s+\d+$/, `${definition.type}: ${row}`);
    }
  });
});
