// The counter's five papers rendered to real PDF files and read back with poppler: the text a
// resident relies on (numbers, dates, every missing material, reasons, where to go, the phone,
// the verification code), one A5 sheet for the receipt, an 80 mm slip, embedded fonts, and the
// wording for the edge cases (转报件 without a promise, 即办件 done on the spot, a refusal).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  COUNTER_DOCUMENTS,
  counterAcceptanceReceipt,
  counterAcceptanceSlip,
  counterMissingMaterialsNotice,
  counterNonAcceptanceNotice,
  counterResultNotice,
} from '../../electron/backend/counter/documents';
import { chineseCalendarDate } from '../../electron/backend/counter/documents/parts';
import type { AcceptanceReceiptRecord, MaterialLine } from '../../electron/backend/counter/documents/records';
import {
  sampleAcceptanceReceipt,
  sampleMissingMaterialsNotice,
  sampleNonAcceptanceNotice,
  sampleResultNotice,
} from '../../electron/backend/counter/documents/sampleRecords';
import { MissingGlyphError } from '../../electron/backend/documents/fonts';
import { getDocumentType } from '../../electron/backend/documents/registry';
import { renderPdf } from '../../electron/backend/documents/render';
import { assertIncludes, PAGE_POINTS, runPoppler, squeeze, usePdfRenderer } from '../support/renderedPdf';

const ISSUE = { issuedAt: new Date('2026-10-12T02:30:00Z'), verificationCode: '7K3M-9QX2-HT4C' } as const;

const { render, fonts } = usePdfRenderer(ISSUE);

const A4 = PAGE_POINTS.a4;
const A5 = PAGE_POINTS.a5;

/** Eight received materials with long names: the most a one-sheet A5 receipt must hold. */
function eightMaterials(): MaterialLine[] {
  return [
    { name: '农村低收入群体危房改造申请表', form: 'original', copies: 1 },
    { name: '居民身份证', form: 'originalAndCopy', copies: 1 },
    { name: '居民户口簿（户主页及全部家庭成员页）', form: 'originalAndCopy', copies: 1 },
    { name: '低保、特困或防止返贫监测对象证明', form: 'copy', copies: 1 },
    { name: '房屋安全性鉴定报告', form: 'original', copies: 2 },
    { name: '宅基地使用权证或村民委员会出具的宅基地证明', form: 'copy', copies: 1 },
    { name: '现住房照片（正面、侧面及内部各一张）', form: 'original', copies: 3 },
    { name: '银行卡或“一卡通”账户', form: 'copy', copies: 1 },
  ];
}

describe('registry', () => {
  test('the five counter papers are registered under their names, with titles and paper', () => {
    const expected: Array<[string, string, string]> = [
      ['counterAcceptanceReceipt', '受理回执', 'a5'],
      ['counterAcceptanceSlip', '受理回执', 'receipt80'],
      ['counterMissingMaterialsNotice', '一次性告知书', 'a4'],
      ['counterNonAcceptanceNotice', '不予受理告知书', 'a4'],
      ['counterResultNotice', '办结通知书', 'a4'],
    ];
    assert.deepEqual(
      COUNTER_DOCUMENTS.map((definition) => [definition.type, definition.title, definition.pageSize]),
      expected,
    );
    for (const [type] of expected) assert.equal(getDocumentType(type).type, type);
  });
});

describe('chineseCalendarDate', () => {
  test('prints YYYY-MM-DD the Chinese way, without leading zeros, and refuses a date that is not one', () => {
    assert.equal(chineseCalendarDate('2026-10-12'), '2026年10月12日');
    assert.equal(chineseCalendarDate('2027-01-05'), '2027年1月5日');
    assert.throws(() => chineseCalendarDate('2026-02-30'), RangeError);
    assert.throws(() => chineseCalendarDate('2026/10/12'), RangeError);
  });
});

describe('受理回执 (A5)', () => {
  test('the sample: every field, the materials table, the note and the verification code on one A5 page', async () => {
    const record = sampleAcceptanceReceipt();
    const pdf = await render(counterAcceptanceReceipt, record);
    assert.equal(pdf.pages, 1);
    assert.deepEqual({ width: pdf.width.toFixed(2), height: pdf.height.toFixed(2) }, A5);
    assertIncludes(pdf.text, [
      '城关镇便民服务中心',
      '受理回执',
      '受理编号：SL-2026-000015',
      '申请人：李秀英',
      '身份证号：410523********3021',
      '办理事项：临时救助申请（MZ-003）',
      '办件类型：承诺件',
      '责任部门：社会事务办公室',
      '受理日期：2026年10月12日',
      '承诺办结日期：2026年10月26日（10个工作日）',
      '受理窗口：2号窗口（民政）',
      '经办人：王晓燕',
      '序号 材料名称 原件/复印件 份数',
      '2 居民身份证 原件及复印件 1',
      '咨询电话：0372-5123456',
      `核验码：${ISSUE.verificationCode}`,
    ]);
    for (const [i, material] of record.materials.entries()) assertIncludes(pdf.text, [`${i + 1}${material.name}`]);
  });

  test('eight long-named materials of a 转报件 still fit on one A5 page', async () => {
    const record: AcceptanceReceiptRecord = {
      ...sampleAcceptanceReceipt(),
      itemCode: 'ZJ-001',
      itemName: '农村低收入群体危房改造申请',
      department: '村镇建设服务中心',
      handlingType: 'forwarded',
      forwardedTo: '县住房和城乡建设局',
      materials: eightMaterials(),
    };
    const pdf = await render(counterAcceptanceReceipt, record);
    assert.equal(pdf.pages, 1);
    for (const material of record.materials) assertIncludes(pdf.text, [material.name]);
    assertIncludes(pdf.text, ['承诺办结日期：2026年10月26日（10个工作日，转报县住房和城乡建设局）']);
    assertIncludes(pdf.text, [`核验码：${ISSUE.verificationCode}`]);
  });

  test('a 转报件 without a township promise says whose answer decides, with no date', async () => {
    const record: AcceptanceReceiptRecord = {
      ...sampleAcceptanceReceipt(),
      itemCode: 'CL-001',
      itemName: '残疾人证新办申请',
      handlingType: 'forwarded',
      promisedDate: null,
      promisedWorkingDays: null,
      forwardedTo: '县残疾人联合会',
    };
    for (const definition of [counterAcceptanceReceipt, counterAcceptanceSlip]) {
      const pdf = await render(definition, record);
      assertIncludes(pdf.text, ['办件类型：转报件', '承诺办结日期：转报县残疾人联合会，办结时间以其答复为准']);
      assert.ok(!pdf.text.includes('个工作日'), `${definition.type} prints a time limit`);
    }
  });

  test('a 即办件 finished at once says 当场办结 instead of a date', async () => {
    const record: AcceptanceReceiptRecord = {
      ...sampleAcceptanceReceipt(),
      itemCode: 'YB-002',
      itemName: '城乡居民基本医疗保险费缴纳',
      handlingType: 'immediate',
      materials: [{ name: '居民身份证或社会保障卡', form: 'original', copies: 1 }],
      promisedDate: '2026-10-12',
      promisedWorkingDays: null,
      completedOnTheSpot: true,
    };
    for (const definition of [counterAcceptanceReceipt, counterAcceptanceSlip]) {
      const pdf = await render(definition, record);
      assertIncludes(pdf.text, ['办件类型：即办件', '承诺办结日期：当场办结', '居民身份证或社会保障卡']);
    }
  });

  test('a rare name prints, and no 咨询电话 is printed when the hall has none', async () => {
    const record = { ...sampleAcceptanceReceipt(), residentName: '𠮷秀英' };
    record.hall.queryPhone = '';
    const pdf = await render(counterAcceptanceReceipt, record);
    assertIncludes(pdf.text, ['申请人：𠮷秀英']);
    assert.ok(!pdf.text.includes('咨询电话'), pdf.text);
  });
});

describe('受理回执 (80 mm slip)', () => {
  test('one page 80 mm wide cut to its content, with the same fields and each material as a line', async () => {
    const record = sampleAcceptanceReceipt();
    const pdf = await render(counterAcceptanceSlip, record);
    assert.equal(pdf.pages, 1);
    assert.equal(pdf.width.toFixed(2), '226.77');
    assert.ok(pdf.height > 300 && pdf.height < 900, `height ${pdf.height}`);
    assertIncludes(pdf.text, [
      '受理回执',
      '受理编号：SL-2026-000015',
      '身份证号：410523********3021',
      '受理日期：2026年10月12日',
      '承诺办结日期：2026年10月26日（10个工作日）',
      '已收材料（5项）',
      '1.临时救助申请书（原件1份）',
      '2.居民身份证（原件及复印件1份）',
      '5.社会保障卡或银行卡（复印件1份）',
      '咨询电话：0372-5123456',
      `核验码：${ISSUE.verificationCode}`,
    ]);
  });

  test('more materials make a longer slip, never a second page', async () => {
    const short = await render(counterAcceptanceSlip, sampleAcceptanceReceipt());
    const long = await render(counterAcceptanceSlip, { ...sampleAcceptanceReceipt(), materials: eightMaterials() });
    assert.equal(long.pages, 1);
    assert.ok(long.height > short.height, `${long.height} ≤ ${short.height}`);
    assertIncludes(long.text, ['8.银行卡或“一卡通”账户（复印件1份）']);
  });
});

describe('一次性告知书 (A4)', () => {
  test('the sample: addressed to the resident, what was received, every missing material with its note', async () => {
    const record = sampleMissingMaterialsNotice();
    const pdf = await render(counterMissingMaterialsNotice, record);
    assert.equal(pdf.pages, 1);
    assert.deepEqual({ width: pdf.width.toFixed(2), height: pdf.height.toFixed(2) }, A4);
    assertIncludes(pdf.text, [
      '一次性告知书',
      '李秀英：',
      '410523********3021',
      '2026年10月12日',
      '“门诊慢特病待遇认定申请”（事项编码：YB-005',
      '门诊慢特病待遇认定申请表（原件1份）、居民身份证（原件及复印件1份）',
      '还需补齐以下3项材料',
      '序号 材料名称 原件/复印件 份数 说明',
      '1 二级及以上医疗机构诊断证明 原件 1 加盖医院公章',
      '3 出院记录 复印件 1 有住院经历的提供',
      '已提交的材料无需重复提交',
      '设定依据：《中华人民共和国社会保险法》',
      '办理窗口：4号窗口（社保医保）',
      '经办人：张伟',
      '咨询电话：0372-5123456',
      '（盖章）',
      '申请人签收：',
      `核验码：${ISSUE.verificationCode}`,
    ]);
  });

  test('ten missing materials are all listed, numbered, in one table', async () => {
    const missing: MaterialLine[] = [
      ...eightMaterials(),
      { name: '家庭收入及财产状况申报表', form: 'original', copies: 1, note: '全体家庭成员签字' },
      { name: '村民委员会评议意见', form: 'original', copies: 1, note: '加盖村民委员会公章' },
    ];
    const record = { ...sampleMissingMaterialsNotice(), missing };
    const pdf = await render(counterMissingMaterialsNotice, record);
    assertIncludes(pdf.text, ['还需补齐以下10项材料']);
    for (const [i, material] of missing.entries()) assertIncludes(pdf.text, [`${i + 1}${material.name}`]);
    assertIncludes(pdf.text, ['全体家庭成员签字', '加盖村民委员会公章', `核验码：${ISSUE.verificationCode}`]);
    // However many pages the table takes, the seal never stands on a page without the text.
    const lastPage = squeeze(
      runPoppler('pdftotext', ['-f', String(pdf.pages), '-l', String(pdf.pages), '-enc', 'UTF-8', pdf.file, '-']),
    );
    assertIncludes(lastPage, ['特此告知。', '（盖章）', '申请人签收：']);
  });

  test('nothing received yet, a rare name, and no phone set', async () => {
    const record = { ...sampleMissingMaterialsNotice(), residentName: '刘䶮', received: [] };
    record.hall.queryPhone = '';
    const pdf = await render(counterMissingMaterialsNotice, record);
    assertIncludes(pdf.text, ['刘䶮：', '您尚未提交申请材料。']);
    assert.ok(!pdf.text.includes('咨询电话'), pdf.text);
  });

  test('a name no font can print stops the paper naming the 申请人 field', async () => {
    const record = { ...sampleMissingMaterialsNotice(), residentName: '刘\u{30000}' };
    await assert.rejects(
      renderPdf(counterMissingMaterialsNotice, record, { ...ISSUE, fonts: fonts() }),
      (error: unknown) => error instanceof MissingGlyphError && error.field === '申请人',
    );
  });
});

describe('不予受理告知书 (A4)', () => {
  test('the sample: the reason, where to go instead, the remedies, the seal and the sign-off', async () => {
    const record = sampleNonAcceptanceNotice();
    const pdf = await render(counterNonAcceptanceNotice, record);
    assert.equal(pdf.pages, 1);
    assert.deepEqual({ width: pdf.width.toFixed(2), height: pdf.height.toFixed(2) }, A4);
    assertIncludes(pdf.text, [
      '不予受理告知书',
      '李秀英：',
      '410523********3021',
      '于2026年10月12日到城关镇便民服务中心申请办理“门诊慢特病待遇认定申请”',
      '不予受理',
      `${record.reason}。`,
      `建议您向${record.redirectTo}申请办理。`,
      '如对本决定有异议，可依法申请行政复议或者提起行政诉讼。',
      '办理窗口：4号窗口（社保医保）',
      '经办人：张伟',
      '咨询电话：0372-5123456',
      '城关镇便民服务中心',
      '申请人签收：',
      `核验码：${ISSUE.verificationCode}`,
    ]);
  });

  test('with no body known to redirect to, the sentence is left out, not printed empty', async () => {
    const record = {
      ...sampleNonAcceptanceNotice(),
      residentName: '𠮷秀英',
      redirectTo: '',
      reason: '申请事项已于2026年9月停止办理。',
    };
    const pdf = await render(counterNonAcceptanceNotice, record);
    assertIncludes(pdf.text, ['𠮷秀英：', '申请事项已于2026年9月停止办理。']);
    assert.ok(!pdf.text.includes('建议您向'), pdf.text);
    assert.ok(!pdf.text.includes('停止办理。。'), 'reason closed twice');
  });
});

describe('办结通知书 (A4)', () => {
  test('approved: the case, the dates, the result, the note and how to collect it', async () => {
    const record = sampleResultNotice();
    const pdf = await render(counterResultNotice, record);
    assert.equal(pdf.pages, 1);
    assert.deepEqual({ width: pdf.width.toFixed(2), height: pdf.height.toFixed(2) }, A4);
    assertIncludes(pdf.text, [
      '办结通知书',
      '李秀英：',
      '受理编号：SL-2026-000015',
      '身份证号：410523********3021',
      '办理事项：临时救助申请（MZ-003）',
      '受理日期：2026年10月12日',
      '承诺办结日期：2026年10月26日',
      '办结日期：2026年10月23日',
      '办理结果：准予办理',
      record.note,
      '请携带本通知书及受理回执到窗口领取办理结果，或由代办员代为领取。',
      '经办人：王晓燕',
      '咨询电话：0372-5123456',
      `核验码：${ISSUE.verificationCode}`,
    ]);
    assert.ok(!pdf.text.includes('行政复议'), 'an approval tells the resident how to contest it');
  });

  test('refused: the remedies instead of the collection, and no promised date when there was none', async () => {
    const record = {
      ...sampleResultNotice(),
      result: 'refused' as const,
      promisedDate: null,
      note: '经入户核查，申请人家庭人均收入高于本县临时救助标准',
    };
    const pdf = await render(counterResultNotice, record);
    assertIncludes(pdf.text, [
      '办理结果：不予批准',
      '经入户核查，申请人家庭人均收入高于本县临时救助标准。',
      '如对本决定有异议，可依法申请行政复议或者提起行政诉讼。',
    ]);
    assert.ok(!pdf.text.includes('领取办理结果'), 'a refusal tells the resident to collect a result');
    assert.ok(!pdf.text.includes('承诺办结日期'), pdf.text);
  });
});

describe('every counter paper', () => {
  test('pdffonts: every font embedded as a subset with a ToUnicode map', async () => {
    for (const definition of COUNTER_DOCUMENTS) {
      const pdf = await render(definition, definition.sample!());
      const rows = runPoppler('pdffonts', [pdf.file]).trim().split('\n').slice(2);
      assert.ok(rows.length > 0, definition.type);
      for (const row of rows) assert.match(row, /yes\s+yes\s+yes\s+\d+\s+\d+$/, `${definition.type}: ${row}`);
    }
  });
});
