// The petition desk's papers rendered to real PDF files and read back with poppler: the number,
// the dates written in Chinese, the 15/60/30-day wording of 信访工作条例, the petitioners (a rare
// character among them, the representatives marked), a long matter run over pages, the review
// body and its last day, the posted rota, the monthly table — and the workbook read back with
// ExcelJS, every figure a number in its cell.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { PetitionStatistics } from '../../shared/petitions/api';
import { MissingGlyphError } from '../../electron/backend/documents/fonts';
import { getDocumentType, isArchival } from '../../electron/backend/documents/registry';
import { renderPdf } from '../../electron/backend/documents/render';
import {
  PETITION_DOCUMENTS,
  petitionAcceptanceNotice,
  petitionExtensionNotice,
  petitionMonthlyStatisticsReport,
  petitionNotAcceptedNotice,
  petitionReceptionRota,
  petitionRegistrationForm,
  petitionReply,
} from '../../electron/backend/petitions/documents';
import type { PetitionerLines, RegistrationFormRecord } from '../../electron/backend/petitions/documents/records';
import { petitionStatisticsWorkbook } from '../../electron/backend/petitions/statisticsSpreadsheet';
import {
  assertA4,
  assertExcludes,
  assertIncludes,
  pageText,
  usePdfRenderer,
  withoutPageNumbers,
} from '../support/renderedPdf';

const ISSUE = { issuedAt: new Date('2026-11-24T02:30:00Z'), verificationCode: '8HQ2-MX4K-7TCA' } as const;

const { render, fonts } = usePdfRenderer(ISSUE);

/** 东河乡: a second office, without a phone, for the hand-built records. */
const OTHER_OFFICE = { officeName: '东河乡人民政府', phone: '' };

function worker(name: string, overrides: Partial<PetitionerLines> = {}): PetitionerLines {
  return {
    name,
    sex: '女',
    idNumber: '410523198502143027',
    phone: '13603720011',
    address: '东河乡柳湾村五组8号',
    representative: false,
    ...overrides,
  };
}

/** A letter handed down by the county about unpaid wages, signed by one worker. */
function wageLetter(): RegistrationFormRecord {
  return {
    office: OTHER_OFFICE,
    number: '东信〔2026〕41号',
    channelLabel: '来信',
    receivedOn: '2026-11-16',
    receivedAt: '',
    peopleCount: 1,
    groupVisit: false,
    petitioners: [worker('马䶮')],
    letter: {
      postmarkOn: '2026-11-13',
      fromAddress: '河南省濮阳市华龙区人民路3号',
      mailNumber: 'XA123456789CN',
      pages: '3',
    },
    sourceLabel: '上级转送、交办',
    handedDown: '县信访局 2026-11-14 转送交办（县信转〔2026〕15号）',
    categoryLabel: '劳动保障（欠薪、社保）',
    matter: '反映东河乡顺达建筑劳务有限公司拖欠其2026年8月至10月在柳湾村安置房工地的工资共计21600元。',
    requests: '',
    place: '柳湾村 安置房工地',
    departmentConcerned: '',
    receivingLeader: '',
    repeat: '否',
    skipped: '越级到县',
    acceptanceDueOn: '2026-12-01',
    registeredByName: '赵敏',
  };
}

function sampleStatistics(): PetitionStatistics {
  return petitionMonthlyStatisticsReport.sample!().statistics;
}

describe('registry', () => {
  test('the seven papers are registered by name, each with its title, paper and a sample', () => {
    const expected: Array<[string, string, string]> = [
      ['petitionRegistrationForm', '信访登记表', 'a4Formal'],
      ['petitionAcceptanceNotice', '信访事项受理告知书', 'a4Formal'],
      ['petitionNotAcceptedNotice', '信访事项不予受理告知书', 'a4Formal'],
      ['petitionExtensionNotice', '信访事项延期办理告知书', 'a4Formal'],
      ['petitionReply', '信访事项答复意见书', 'a4Formal'],
      ['petitionReceptionRota', '领导接访安排公示', 'a4'],
      ['petitionMonthlyStatisticsReport', '信访统计表', 'a4'],
    ];
    assert.deepEqual(
      PETITION_DOCUMENTS.map((definition) => definition.type),
      expected.map(([type]) => type),
    );
    for (const [type, title, pageSize] of expected) {
      const definition = getDocumentType(type);
      assert.equal(definition.title, title);
      assert.equal(definition.pageSize, pageSize);
      assert.equal(typeof definition.sample, 'function', `${type} has no sample`);
    }
    // The notices are archived as PDF/A; the monthly table is drawn on demand, not issued.
    assert.equal(isArchival(petitionReply), true);
    assert.equal(isArchival(petitionMonthlyStatisticsReport), false);
  });
});

describe('信访登记表', () => {
  test('the sample: a group visit on a leader’s day, every petitioner with the representatives marked, the signature block', async () => {
    const record = petitionRegistrationForm.sample!();
    const pdf = await render(petitionRegistrationForm, record);
    assertA4(pdf);
    const raw = withoutPageNumbers(pdf.raw);
    assertIncludes(raw, [
      '青石镇人民政府',
      '信访登记表',
      '青信〔2026〕12号',
      '信访形式来访',
      '来访时间2026年11月2日09:30',
      '来访人数6人',
      '集体访是（推选代表2人）',
      '重复信访是（此前：青信〔2026〕3号）',
      '越级情况无',
      '姓名性别身份证号码联系电话住址代表',
      '𠮷建国男53230119620315121913887016688云南省楚雄州青石镇青石村委会三组12号是',
      '李桂芬女53230119700822094915987120033云南省楚雄州青石镇青石村委会三组15号是',
      '张德福男53230119581130071113708781245云南省楚雄州青石镇青石村委会三组3号信访来源',
      '信访来源本级接待（来访、来信）',
      '内容分类农村农业（土地承包、宅基地）',
      '涉及单位青石村委会三组村民小组',
      '问题发生地青石村三组水库边',
      '接访领导镇长李明（领导接访日）',
      `信访事项${record.matter}`,
      `信访诉求${record.requests}`,
      '受理告知期限2026年11月17日前',
      '登记人王芳',
      '以上登记内容经本人核对无误。',
      '信访人（签名）：',
      '年月日',
      '接待人：王芳',
    ]);
    assertExcludes(raw, ['收信日期', '邮戳日期', '转送交办', '2026-11']);
    // The signature closes the form: after the last row.
    assert.ok(raw.indexOf('信访人（签名）') > raw.indexOf('受理告知期限'), raw);
  });

  test('a letter handed down: the envelope, the date the county sent it written out, level-skipping, no leader', async () => {
    const pdf = await render(petitionRegistrationForm, wageLetter());
    assertA4(pdf);
    assert.equal(pdf.pages, 1);
    assertIncludes(pdf.raw, [
      '东河乡人民政府',
      '东信〔2026〕41号',
      '信访形式来信',
      '收信日期2026年11月16日',
      '署名人数1人',
      '集体访否',
      '重复信访否',
      '越级情况越级到县',
      '邮戳日期2026年11月13日',
      '信件页数3页',
      '寄信地址河南省濮阳市华龙区人民路3号',
      '邮件单号XA123456789CN',
      '马䶮女41052319850214302713603720011东河乡柳湾村五组8号',
      '信访来源上级转送、交办',
      '转送交办县信访局2026年11月14日转送交办（县信转〔2026〕15号）',
      '内容分类劳动保障（欠薪、社保）',
      '涉及单位无',
      '接访领导无',
      '信访诉求无',
      '受理告知期限2026年12月1日前',
      '接待人：赵敏',
    ]);
    assertExcludes(pdf.raw, ['来访时间', '来访人数', '2026-11-14']);
  });

  test('a group of twelve with a matter longer than a page: the table and the matter run on, nothing lost', async () => {
    const matter = Array.from(
      { length: 45 },
      (_, i) =>
        `第${i + 1}户反映：2026年汛期柳湾村五组水渠被堵，其承包的稻田被淹约${i + 2}亩，村民小组至今未组织清淤，也未给予任何补偿。`,
    ).join('');
    const petitioners = Array.from({ length: 12 }, (_, i) =>
      worker(i === 7 ? '𠮷春生' : `柳湾村民${i + 1}`, { representative: i < 3, sex: i % 2 ? '女' : '男' }),
    );
    const record: RegistrationFormRecord = {
      ...wageLetter(),
      channelLabel: '来访',
      receivedAt: '08:45',
      letter: null,
      peopleCount: 12,
      groupVisit: true,
      petitioners,
      sourceLabel: '本级接待（来访、来信）',
      handedDown: '',
      categoryLabel: '自然资源（林地、矿产、水利）',
      matter,
    };
    const pdf = await render(petitionRegistrationForm, record);
    assert.ok(pdf.pages >= 2, `${pdf.pages} page(s)`);
    for (let page = 1; page <= pdf.pages; page++) assertIncludes(pageText(pdf, page), [`第${page}页共${pdf.pages}页`]);
    const raw = withoutPageNumbers(pdf.raw);
    assertIncludes(raw, ['集体访是（推选代表3人）', '来访人数12人', '𠮷春生女', '信访事项（续）', '接待人：赵敏']);
    assertIncludes(raw.replace(/信访事项（续）/g, ''), [matter]);
    assert.doesNotMatch(raw, /信访事项（续）[，。、：；）]/);
    // The signature comes last, on the last page, after the whole matter.
    assertIncludes(pageText(pdf, pdf.pages), ['信访人（签名）：', '接待人：赵敏']);
    assert.ok(raw.indexOf('信访人（签名）') > raw.lastIndexOf('未给予任何补偿'), raw);
  });
});

describe('信访事项受理告知书', () => {
  test('the sample: the number, the representatives addressed, accepted on a day, 60 days to the last day, 30 more at most', async () => {
    const pdf = await render(petitionAcceptanceNotice, petitionAcceptanceNotice.sample!());
    assertA4(pdf);
    assert.equal(pdf.pages, 1);
    assertIncludes(pdf.text, [
      '青石镇人民政府',
      '信访事项受理告知书',
      '青信〔2026〕12号',
      '𠮷建国、李桂芬：',
      '你们于2026年11月2日提出的信访事项（青石村三组村民反映',
      '经审查，符合受理条件',
      '《信访工作条例》',
      '本机关决定自2026年11月5日起予以受理，由青石镇农业农村服务中心（农村经营管理站）负责办理。',
      '自受理之日起60日内，即于2027年1月4日前办结并书面答复你们',
      '延长期限不超过30日，并书面告知你们延期理由。',
      '特此告知。',
      '（盖章）',
      '2026年11月5日',
      '联系电话：0871-6512000',
    ]);
    assertExcludes(pdf.text, ['张德福', '2026-11']);
  });

  test('one petitioner is told 你; no phone is printed when none is set', async () => {
    const pdf = await render(petitionAcceptanceNotice, {
      office: OTHER_OFFICE,
      number: '东信〔2026〕41号',
      petitionerNames: ['马䶮'],
      receivedOn: '2026-11-16',
      matterSummary: '反映东河乡顺达建筑劳务有限公司拖欠工资共计21600元。',
      acceptedOn: '2026-11-20',
      handlingUnit: '东河乡劳动保障所',
      handlingDueOn: '2027-01-19',
    });
    assertIncludes(pdf.text, [
      '马䶮：',
      '你于2026年11月16日提出的信访事项（反映东河乡顺达建筑劳务有限公司拖欠工资共计21600元），',
      '自2026年11月20日起予以受理，由东河乡劳动保障所负责办理',
      '即于2027年1月19日前办结并书面答复你；',
      '东河乡人民政府',
    ]);
    assertExcludes(pdf.text, ['你们', '联系电话', '21600元。）']);
  });

  test('a petitioner name no font can print names the addressee field', async () => {
    const record = { ...petitionAcceptanceNotice.sample!(), petitionerNames: ['𠮷建国', '李\u{30000}'] };
    await assert.rejects(
      renderPdf(petitionAcceptanceNotice, record, { ...ISSUE, fonts: fonts() }),
      (error: unknown) => error instanceof MissingGlyphError && error.field === '信访人2姓名',
    );
  });
});

describe('信访事项不予受理告知书', () => {
  test('the sample: the ground, the reason, the channel to take instead, the seal dated the decision', async () => {
    const record = petitionNotAcceptedNotice.sample!();
    const pdf = await render(petitionNotAcceptedNotice, record);
    assertA4(pdf);
    assert.equal(pdf.pages, 1);
    assertIncludes(pdf.text, [
      '信访事项不予受理告知书',
      '青信〔2026〕15号',
      '𠮷文华：',
      '你于2026年11月9日提出的信访事项',
      '属于“应当通过仲裁途径解决”的情形',
      '本机关于2026年11月16日决定不予受理。理由如下：',
      `${record.reason}。`,
      `请你通过以下途径依法反映或解决：${record.channel}。`,
      '特此告知。',
      '2026年11月16日',
    ]);
  });

  test('a reason and a channel already closed with 。 are not closed twice', async () => {
    const pdf = await render(petitionNotAcceptedNotice, {
      office: OTHER_OFFICE,
      number: '东信〔2026〕44号',
      petitionerNames: ['刘䶮', '马秀兰'],
      receivedOn: '2026-11-18',
      matterSummary: '要求撤销东河乡人民法庭（2026）豫0523民初1234号民事判决…',
      decidedOn: '2026-11-25',
      groundLabel: '应当通过诉讼途径解决',
      reason: '该事项已由人民法院作出判决，属于涉法涉诉事项。',
      channel: '依法向安阳市中级人民法院提起上诉或申请再审。',
    });
    assertIncludes(pdf.text, [
      '刘䶮、马秀兰：',
      '你们于2026年11月18日提出的信访事项（要求撤销东河乡人民法庭（2026）豫0523民初1234号民事判决…），',
      '属于“应当通过诉讼途径解决”的情形',
      '该事项已由人民法院作出判决，属于涉法涉诉事项。',
      '请你们通过以下途径依法反映或解决：依法向安阳市中级人民法院提起上诉或申请再审。',
    ]);
    assertExcludes(pdf.text, ['。。', '联系电话']);
  });
});

describe('信访事项延期办理告知书', () => {
  test('the sample: accepted on, the original last day, extended by N days to the new last day, the reason', async () => {
    const record = petitionExtensionNotice.sample!();
    const pdf = await render(petitionExtensionNotice, record);
    assertA4(pdf);
    assert.equal(pdf.pages, 1);
    assertIncludes(pdf.text, [
      '信访事项延期办理告知书',
      '青信〔2026〕12号',
      '𠮷建国、李桂芬：',
      '本机关已于2026年11月5日受理，原定于2027年1月4日前办结。因以下原因，需要延期办理：',
      `${record.reason}。`,
      '经本机关负责人批准，办理期限延长30日，至2027年2月3日前办结并书面答复你们。',
      '特此告知。',
      '2026年12月28日',
    ]);
  });

  test('a shorter extension prints its own days and dates', async () => {
    const pdf = await render(petitionExtensionNotice, {
      ...petitionExtensionNotice.sample!(),
      office: OTHER_OFFICE,
      petitionerNames: ['马䶮'],
      days: 15,
      newDueOn: '2027-01-19',
      extendedOn: '2027-01-04',
    });
    assertIncludes(pdf.text, ['马䶮：', '办理期限延长15日，至2027年1月19日前办结并书面答复你。', '2027年1月4日']);
    assertExcludes(pdf.text, ['延长30日', '联系电话']);
  });
});

describe('信访事项答复意见书', () => {
  test('the sample: requests, 经查 findings, the opinion, its basis, the review body and the last day, the seal', async () => {
    const record = petitionReply.sample!();
    const pdf = await render(petitionReply, record);
    assertA4(pdf);
    const raw = withoutPageNumbers(pdf.raw);
    assertIncludes(raw, [
      '信访事项答复意见书',
      '青信〔2026〕12号',
      '𠮷建国、李桂芬：',
      '本机关已于2026年11月5日受理。',
      `你们的诉求是：${record.requests}经调查核实，现答复如下：`,
      '一、调查核实情况',
      `经查，${record.facts.split('\n')[0]}`,
      record.facts.split('\n')[1]!,
      '二、处理意见',
      ...record.opinion.split('\n'),
      `以上处理意见的依据：${record.basis}。`,
      '如对本答复意见不服，可自收到本答复意见书之日起30日内向楚雄市人民政府请求复查',
      '（2027年1月20日收到本答复意见书的，请求复查的期限至2027年2月19日止）。',
      '特此答复。',
      '2027年1月20日',
      '联系电话：0871-6512000',
    ]);
    // The review right and the seal stand together on the last page.
    assertIncludes(pageText(pdf, pdf.pages), ['如对本答复意见不服', '（盖章）', '2027年1月20日']);
  });

  test('no requests and no basis: neither sentence is printed; findings already opened with 经 keep their words', async () => {
    const pdf = await render(petitionReply, {
      ...petitionReply.sample!(),
      office: OTHER_OFFICE,
      petitionerNames: ['马䶮'],
      requests: '',
      facts: '经调查，顺达公司已于2026年12月20日将拖欠的21600元工资全部支付给你。',
      opinion: '你反映的欠薪问题已经解决，本机关不再作其他处理。',
      basis: '',
      reviewBody: '东河县人民政府',
    });
    assertIncludes(pdf.text, [
      '马䶮：',
      '受理。经调查核实，现答复如下：',
      '经调查，顺达公司已于2026年12月20日',
      '30日内向东河县人民政府请求复查',
    ]);
    assertExcludes(pdf.text, ['诉求是', '以上处理意见的依据', '经查，经调查', '联系电话']);
  });
});

describe('领导接访安排公示', () => {
  test('the sample: the period, how to come and the phone, a row per day with its weekday, the office and date', async () => {
    const pdf = await render(petitionReceptionRota, petitionReceptionRota.sample!());
    assertA4(pdf);
    assert.equal(pdf.pages, 1);
    assertIncludes(pdf.raw, [
      '领导接访安排公示',
      '（2026年12月1日至2026年12月31日）',
      '信访人可在公示时间到场反映问题',
      '5人以上反映共同问题的，请推选代表（不超过5人）',
      '信访接待电话：0871-6512000。',
      '日期（星期）时间地点接访领导职务备注',
      '12月1日（星期二）08:30—12:00镇综治中心信访接待室李明镇长重点接待土地承包、征地补偿问题',
      '12月8日（星期二）08:30—12:00镇综治中心信访接待室赵𠮷林党委书记',
      '12月29日（星期二）08:30—12:00镇综治中心信访接待室周国平人大主席',
      '青石镇人民政府',
      '2026年11月25日',
    ]);
  });

  test('a rota of every working day runs over pages with the header row on each; no phone sentence without a phone', async () => {
    const days = Array.from({ length: 40 }, (_, i) => ({
      on: `2027-0${1 + Math.floor(i / 20)}-${String(4 + (i % 20)).padStart(2, '0')}`,
      startsAt: '08:00',
      endsAt: '11:30',
      place: '乡信访接待室',
      leaderName: i % 3 === 0 ? '王堃' : '刘䶮',
      leaderTitle: i % 3 === 0 ? '乡长' : '副乡长',
      note: '',
    }));
    const pdf = await render(petitionReceptionRota, {
      office: OTHER_OFFICE,
      from: '2027-01-04',
      to: '2027-02-23',
      days,
      publishedOn: '2026-12-30',
    });
    assert.ok(pdf.pages >= 2, `${pdf.pages} page(s)`);
    for (let page = 1; page <= pdf.pages; page++) assertIncludes(pageText(pdf, page), ['日期（星期）', '接访领导']);
    assertIncludes(pdf.raw, ['1月4日（星期一）08:00—11:30乡信访接待室王堃乡长', '东河乡人民政府', '2026年12月30日']);
    assertExcludes(pdf.raw, ['信访接待电话']);
  });
});

describe('信访月度统计表', () => {
  test('the sample on A4: intake in 批次 and 人次, handling with the reception-day decisions, the months, by category with the total, satisfaction and its rate', async () => {
    const pdf = await render(petitionMonthlyStatisticsReport, petitionMonthlyStatisticsReport.sample!());
    assertA4(pdf);
    // A month's report carries its twelve months' trend: at most two pages.
    assert.ok(pdf.pages <= 2, `${pdf.pages} pages`);
    assertIncludes(pdf.raw, [
      '信访月度统计表',
      '（2026年11月）',
      '统计单位：青石镇人民政府',
      '统计期间：2026年11月1日至2026年11月30日',
      '项目收到合计来信来访其中集体访重复信访越级信访',
      '批次（件）35629352',
      '人次——6422137',
      '上级转送、交办4不予受理3办结17',
      '领导接访8答复19复查请求1',
      '接访当场解决5按期答复18复核请求0',
      '接访限期办理3超期1',
      '受理28延期2',
      '按期答复率94.7%（按期答复18÷答复19）',
      '月份收到来访人次答复按期答复按期答复率满意率',
      '11月35641918 94.7%88.2%'.replace(/ /g, ''),
      '农村农业（土地承包、宅基地）922交通运输00',
      '自然资源（林地、矿产、水利）13合计3570',
      '满意基本满意不满意未能联系到信访人满意率',
      '114 2 1 88.2%'.replace(/ /g, ''),
      '填表人：',
    ]);
  });

  test('a month nobody was asked about their satisfaction prints the rate as —', async () => {
    const statistics = sampleStatistics();
    statistics.satisfaction = statistics.satisfaction.map((s) => ({ ...s, count: 0 }));
    statistics.satisfactionRate = null;
    const pdf = await render(petitionMonthlyStatisticsReport, { officeName: '东河乡人民政府', statistics });
    assertIncludes(pdf.raw, ['统计单位：东河乡人民政府', '0000—']);
  });
});

describe('信访月度统计 workbook', () => {
  async function load(statistics: PetitionStatistics, officeName = '青石镇人民政府') {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await petitionStatisticsWorkbook(statistics, officeName)) as unknown as ArrayBuffer);
    return book;
  }
  function cells(sheet: ExcelJS.Worksheet, row: number): unknown[] {
    return (sheet.getRow(row).values as unknown[]).slice(1);
  }
  /** The cells right of the row whose first cell is `label`. */
  function rowOf(sheet: ExcelJS.Worksheet, label: string): unknown[] {
    let found: unknown[] | null = null;
    sheet.eachRow((row) => {
      if (found === null && row.getCell(1).value === label) found = [row.getCell(2).value, row.getCell(3).value];
    });
    assert.ok(found, `no row “${label}” in ${sheet.name}`);
    return found;
  }

  test('three sheets, Chinese headers, every figure a number in its cell', async () => {
    const book = await load(sampleStatistics());
    assert.deepEqual(
      book.worksheets.map((sheet) => sheet.name),
      ['总表', '按月', '分类', '满意度'],
    );
    const main = book.getWorksheet('总表')!;
    assert.equal(main.getCell('A1').value, '青石镇人民政府信访月度统计表（2026年11月，2026-11-01 至 2026-11-30）');
    assert.deepEqual(cells(main, 2), ['来信来访', '批次（件）', '人次']);
    assert.deepEqual(rowOf(main, '收到合计'), [35, null]);
    assert.deepEqual(rowOf(main, '来信'), [6, null]);
    assert.deepEqual(rowOf(main, '来访'), [29, 64]);
    assert.deepEqual(rowOf(main, '其中集体访'), [3, 22]);
    assert.deepEqual(rowOf(main, '重复信访'), [5, 13]);
    assert.deepEqual(rowOf(main, '越级信访'), [2, 7]);
    for (const [label, value] of [
      ['上级转送、交办', 4],
      ['领导接访', 8],
      ['接访当场解决', 5],
      ['接访限期办理', 3],
      ['受理', 28],
      ['不予受理', 3],
      ['答复', 19],
      ['按期答复', 18],
      ['超期', 1],
      ['延期', 2],
      ['办结', 17],
      ['复查请求', 1],
      ['复核请求', 0],
    ] as const)
      assert.equal(rowOf(main, label)[0], value, label);

    assert.equal(rowOf(main, '按期答复率（%）')[0], 94.7);
    const months = book.getWorksheet('按月')!;
    assert.deepEqual(cells(months, 4), ['2026-11', 35, 64, 19, 18, 94.7, 17, 15, 88.2]);

    const categories = book.getWorksheet('分类')!;
    assert.deepEqual(cells(categories, 1), ['内容分类', '批次（件）', '人次']);
    assert.equal(categories.rowCount, 1 + 17 + 1);
    assert.deepEqual(rowOf(categories, '农村农业（土地承包、宅基地）'), [9, 22]);
    assert.deepEqual(rowOf(categories, '劳动保障（欠薪、社保）'), [5, 15]);
    assert.deepEqual(rowOf(categories, '合计'), [35, 70]);

    const satisfaction = book.getWorksheet('满意度')!;
    assert.deepEqual(cells(satisfaction, 1), ['满意度', '件数']);
    assert.deepEqual(rowOf(satisfaction, '满意')[0], 11);
    assert.deepEqual(rowOf(satisfaction, '基本满意')[0], 4);
    assert.deepEqual(rowOf(satisfaction, '不满意')[0], 2);
    assert.deepEqual(rowOf(satisfaction, '未能联系到信访人')[0], 1);
    assert.deepEqual(rowOf(satisfaction, '合计')[0], 18);
    assert.equal(rowOf(satisfaction, '满意率（%）')[0], 88.2);
  });

  test('no rate: the cell is left empty rather than 0', async () => {
    const statistics = { ...sampleStatistics(), satisfactionRate: null };
    const book = await load(statistics, '东河乡人民政府');
    assert.match(String(book.getWorksheet('总表')!.getCell('A1').value), /^东河乡人民政府信访月度统计表/);
    assert.equal(rowOf(book.getWorksheet('满意度')!, '满意率（%）')[0], null);
  });
});
