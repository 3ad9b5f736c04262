// The mediation committee's nine papers rendered to real PDF files and read back with poppler:
// every party's name (a rare character among them), the case number, the reasons, the rights
// and duties of Art. 23/24, the routes left to the parties, the attachments' full hashes, the
// signature lines, A4 paper, and a long session record numbered page by page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MissingGlyphError } from '../../electron/backend/documents/fonts';
import { getDocumentType } from '../../electron/backend/documents/registry';
import { renderPdf } from '../../electron/backend/documents/render';
import { mediationApplication } from '../../electron/backend/mediation/documents/application';
import { mediationFollowUpRecord } from '../../electron/backend/mediation/documents/followUpRecord';
import { mediationInvestigationRecord } from '../../electron/backend/mediation/documents/investigationRecord';
import { mediationOralAgreement } from '../../electron/backend/mediation/documents/oralAgreement';
import type {
  AttachmentLine,
  CommitteeLines,
  PartyLines,
  SessionRecordPaper,
} from '../../electron/backend/mediation/documents/records';
import { mediationRefusalNotice } from '../../electron/backend/mediation/documents/refusalNotice';
import { mediationRegistrationForm } from '../../electron/backend/mediation/documents/registrationForm';
import { mediationRightsNotice } from '../../electron/backend/mediation/documents/rightsNotice';
import { mediationSessionRecord } from '../../electron/backend/mediation/documents/sessionRecord';
import { mediationTerminationNotice } from '../../electron/backend/mediation/documents/terminationNotice';
import {
  assertA4,
  assertExcludes,
  assertIncludes,
  pageText,
  squeeze,
  usePdfRenderer,
  withoutPageNumbers,
} from '../support/renderedPdf';

const ISSUE = { issuedAt: new Date('2026-11-24T02:30:00Z'), verificationCode: '4F7Q-2KXM-9TCA' } as const;

const { render, fonts } = usePdfRenderer(ISSUE);

/** 东河乡: a second committee, without a phone, for the hand-built records. */
function otherCommittee(phone = ''): CommitteeLines {
  return { committeeName: '东河乡人民调解委员会', sealName: '东河乡人民调解委员会', phone };
}

function person(label: string, name: string, overrides: Partial<PartyLines> = {}): PartyLines {
  return {
    label,
    side: 'applicant',
    kind: 'person',
    name,
    sex: '女',
    ethnicity: '回族',
    birthDate: '1985-02-14',
    occupation: '务工人员',
    idNumber: '410523198502143027',
    address: '东河乡柳湾村五组8号',
    phone: '13603720011',
    legalRepresentative: '',
    legalRepresentativeTitle: '',
    agentName: '',
    agentRelation: '',
    agentPhone: '',
    ...overrides,
  };
}

function company(label: string): PartyLines {
  return {
    ...person(label, '东河乡顺达建筑劳务有限公司', { side: 'respondent', kind: 'organisation' }),
    sex: '',
    ethnicity: '',
    birthDate: '',
    occupation: '',
    idNumber: '91410523MA44TQ7C2H',
    address: '东河乡政府街66号',
    phone: '0372-5567890',
    legalRepresentative: '周国强',
    legalRepresentativeTitle: '总经理',
  };
}

const HASH_A = 'a3b1c5d7e9f20468ace13579bdf02468ace13579bdf02468ace13579bdf0246a';
const HASH_B = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';

function attachments(): AttachmentLine[] {
  return [
    { fileName: '工资欠条.jpg', caption: '顺达公司出具的工资欠条', sha256: HASH_A, sizeBytes: 1_048_576 },
    { fileName: '考勤表.xlsx', caption: '2026年8月至10月考勤记录', sha256: HASH_B, sizeBytes: 20_480 },
  ];
}

describe('registry', () => {
  test('the nine papers are registered by name, each with its title, A4 formal paper and a sample', () => {
    const expected: Array<[string, string]> = [
      ['mediationApplication', '人民调解申请书'],
      ['mediationRegistrationForm', '人民调解纠纷登记表'],
      ['mediationRightsNotice', '人民调解权利义务告知书'],
      ['mediationRefusalNotice', '不予受理告知书'],
      ['mediationInvestigationRecord', '调查记录'],
      ['mediationSessionRecord', '调解记录'],
      ['mediationOralAgreement', '口头调解协议登记表'],
      ['mediationTerminationNotice', '终止人民调解告知书'],
      ['mediationFollowUpRecord', '回访记录'],
    ];
    for (const [type, title] of expected) {
      const definition = getDocumentType(type);
      assert.equal(definition.title, title);
      assert.equal(definition.pageSize, 'a4Formal');
      assert.equal(typeof definition.sample, 'function', `${type} has no sample`);
    }
  });
});

describe('人民调解申请书', () => {
  test('the sample: both sides with their basic information, the request, the oral note, the signature', async () => {
    const pdf = await render(mediationApplication, mediationApplication.sample!());
    assertA4(pdf);
    assertIncludes(pdf.text, [
      '青石镇人民调解委员会',
      '人民调解申请书',
      '申请人：𠮷祥',
      '性别：男',
      '民族：彝族',
      '出生日期：1968年5月3日',
      '职业：农民',
      '身份证号码：532301196805031517',
      '住址：云南省楚雄州青石镇青石村委会三组27号',
      '联系电话：13887012345',
      '委托代理人：𠮷文军（儿子），联系电话13987054321',
      '被申请人一：李秀英',
      '身份证号码：53230119721120302X',
      '被申请人二：青石镇金穗农资经营部',
      '住所：青石镇集镇兴业路18号',
      '法定代表人：赵德明（经营者）',
      '联系电话：0871-6523088',
      '纠纷类别：邻里纠纷',
      '纠纷简要情况',
      '将原有排水沟填埋',
      '申请事项',
      '请求青石镇人民调解委员会依法对申请人𠮷祥与被申请人李秀英、青石镇金穗农资经营部之间的邻里纠纷进行调解。',
      '本申请系申请人口头提出，由调解员代为记录（记录人：王芳）。',
      '此致',
      '申请人𠮷祥（签名）：',
      '指印',
      '申请日期：2026年11月2日',
    ]);
    // 此致 comes before the committee's name, which comes before the signature.
    const end = pdf.text.lastIndexOf('此致');
    assert.ok(end > 0 && pdf.text.indexOf('青石镇人民调解委员会申请人𠮷祥（签名）', end) > end, pdf.text);
  });

  test('a written application by two people against a company: numbered applicants, no oral note', async () => {
    const pdf = await render(mediationApplication, {
      committee: otherCommittee(),
      source: 'writtenApplication',
      applicants: [
        person('申请人', '刘䶮'),
        person('申请人', '马秀兰', { idNumber: '410523199001013044', agentName: '马成', agentRelation: '律师' }),
      ],
      respondents: [company('被申请人')],
      category: '劳动争议纠纷',
      facts: '申请人于2026年8月至10月在被申请人承建的柳湾村安置房工地务工。\n被申请人至今拖欠两人工资共计18600元。',
      registeredOn: '2026-11-16',
      registeredByName: '陈立',
    });
    assertA4(pdf);
    assertIncludes(pdf.text, [
      '东河乡人民调解委员会',
      '申请人一：刘䶮',
      '申请人二：马秀兰',
      '身份证号码：410523199001013044',
      '委托代理人：马成（律师）',
      '被申请人：东河乡顺达建筑劳务有限公司',
      '统一社会信用代码：91410523MA44TQ7C2H',
      '法定代表人：周国强（总经理）',
      '纠纷类别：劳动争议纠纷',
      '被申请人至今拖欠两人工资共计18600元。',
      '请求东河乡人民调解委员会依法对申请人刘䶮、马秀兰与被申请人东河乡顺达建筑劳务有限公司之间的劳动争议纠纷进行调解。',
      '申请人一刘䶮（签名）：',
      '申请人二马秀兰（签名）：',
      '申请日期：2026年11月16日',
    ]);
    assertExcludes(pdf.text, ['口头提出', '记录人：陈立', '民族：（']);
  });

  test('a name no font can print stops the paper naming the applicant field', async () => {
    const record = mediationApplication.sample!();
    record.applicants[0]!.name = '刘\u{30000}';
    await assert.rejects(
      renderPdf(mediationApplication, record, { ...ISSUE, fonts: fonts() }),
      (error: unknown) => error instanceof MissingGlyphError && error.field === '申请人姓名',
    );
  });
});

describe('人民调解纠纷登记表', () => {
  test('the sample: a case handed over by the police, every party in the table, the 防激化 flag', async () => {
    const pdf = await render(mediationRegistrationForm, mediationRegistrationForm.sample!());
    assertA4(pdf);
    assert.equal(pdf.pages, 1);
    assertIncludes(pdf.raw, [
      '人民调解纠纷登记表',
      '纠纷来源交办、委派、移送',
      '交办类别公安机关移送',
      '交办单位青石派出所',
      '交办日期2026年11月3日',
      '文号青公（治）移字〔2026〕7号',
      '甲方𠮷祥男532301196805031517云南省楚雄州青石镇青石村委会三组27号13887012345',
      '乙方李秀英女53230119721120302X云南省楚雄州青石镇青石村委会三组29号15087123456',
      '纠纷类别邻里纠纷',
      '发生地点青石村委会三组',
      '涉及金额3200.00元',
      '涉及人数6人',
      '防激化是',
      '双方亲属已发生推搡，需在一周内调处，防止矛盾激化。',
      '简要案情2026年11月2日晚，𠮷祥与李秀英因围墙加砌填埋排水沟一事发生口角',
      '登记人王芳',
      '登记日期2026年11月3日',
    ]);
  });

  test('a dispute found in a sweep: the sweep line with its date, no handover, no amount, not flagged', async () => {
    const pdf = await render(mediationRegistrationForm, {
      committee: otherCommittee(),
      sourceLabel: '排查发现（主动调解）',
      sweep: '2026-11-12 柳湾村五组排查（排查人员：陈立、赵敏）',
      handover: null,
      parties: [person('甲方', '马䶮'), company('乙方')],
      category: '劳动争议纠纷',
      facts: '排查中发现马䶮等人被拖欠工资。',
      place: '柳湾村安置房工地',
      amount: '',
      peopleInvolved: 12,
      riskNote: '',
      risky: false,
      registeredOn: '2026-11-12',
      registeredByName: '赵敏',
    });
    assertIncludes(pdf.raw, [
      '纠纷来源排查发现（主动调解）',
      '排查情况2026年11月12日柳湾村五组排查（排查人员：陈立、赵敏）',
      '甲方马䶮女410523198502143027',
      '乙方东河乡顺达建筑劳务有限公司法人或其他组织91410523MA44TQ7C2H',
      '涉及金额无',
      '涉及人数12人',
      '防激化否',
      '登记人赵敏',
    ]);
    assertExcludes(pdf.raw, ['交办类别', '交办单位', '2026-11-12']);
  });

  test('facts longer than a page run on under 简要案情（续） with nothing lost', async () => {
    const facts = Array.from(
      { length: 60 },
      (_, i) => `第${i + 1}户反映：2026年汛期柳湾村五组水渠被堵，导致其承包的稻田被淹约${i + 2}亩。`,
    ).join('');
    const record = { ...mediationRegistrationForm.sample!(), facts };
    const pdf = await render(mediationRegistrationForm, record);
    assert.ok(pdf.pages >= 2, `${pdf.pages} page(s)`);
    assertIncludes(pdf.raw, ['简要案情（续）', '登记人王芳']);
    assertIncludes(withoutPageNumbers(pdf.raw).replace(/简要案情（续）/g, ''), [facts]);
    // The continued cell never starts with a mark no line may start with.
    assert.doesNotMatch(pdf.raw, /简要案情（续）[，。、：；）]/);
  });
});

describe('人民调解权利义务告知书', () => {
  const RIGHTS = [
    '选择或者接受人民调解员',
    '接受调解、拒绝调解或者要求终止调解',
    '要求调解公开进行或者不公开进行',
    '自主表达意愿、自愿达成调解协议',
  ];
  const DUTIES = ['如实陈述纠纷事实', '遵守调解现场秩序，尊重人民调解员', '尊重对方当事人行使权利'];

  test('the sample: the case, every party, the rights and duties, recusal, the seal and a line per party', async () => {
    const pdf = await render(mediationRightsNotice, mediationRightsNotice.sample!());
    assertA4(pdf);
    assertIncludes(pdf.text, [
      '人民调解权利义务告知书',
      '（2026）青调字第12号',
      '𠮷祥、李秀英：',
      '你们之间的邻里纠纷，本委员会已于2026年11月4日受理。',
      '当事人享有下列权利',
      ...RIGHTS,
      '有权要求其回避',
      '当事人应当履行下列义务',
      ...DUTIES,
      '特此告知。',
      '青石镇人民调解委员会',
      '2026年11月4日',
      '联系电话：0871-6512345',
      '当事人已知悉上述权利义务。',
      '当事人𠮷祥（签名）：',
      '当事人李秀英（签名）：',
    ]);
  });

  test('three parties, one a company, each with a line to sign; no phone printed when none is set', async () => {
    const pdf = await render(mediationRightsNotice, {
      committee: otherCommittee(),
      caseNumber: '（2026）东调字第3号',
      partyNames: ['刘䶮', '马秀兰', '东河乡顺达建筑劳务有限公司'],
      category: '劳动争议纠纷',
      acceptedOn: '2026-11-17',
    });
    assertA4(pdf);
    assertIncludes(pdf.text, [
      '（2026）东调字第3号',
      '刘䶮、马秀兰、东河乡顺达建筑劳务有限公司：',
      '本委员会已于2026年11月17日受理',
      ...RIGHTS,
      ...DUTIES,
      '当事人刘䶮（签名）：',
      '当事人马秀兰（签名）：',
      '当事人东河乡顺达建筑劳务有限公司（签名）：',
    ]);
    assertExcludes(pdf.text, ['联系电话']);
  });

  test('a party name no font can print names the addressee field', async () => {
    const record = { ...mediationRightsNotice.sample!(), partyNames: ['李秀英', '刘\u{30000}'] };
    await assert.rejects(
      renderPdf(mediationRightsNotice, record, { ...ISSUE, fonts: fonts() }),
      (error: unknown) => error instanceof MissingGlyphError && error.field === '当事人2姓名',
    );
  });
});

describe('不予受理告知书', () => {
  test('the sample: the parties, the registration date, the reason, the other routes, the seal and phone', async () => {
    const record = mediationRefusalNotice.sample!();
    const pdf = await render(mediationRefusalNotice, record);
    assertA4(pdf);
    assert.equal(pdf.pages, 1);
    assertIncludes(pdf.text, [
      '不予受理告知书',
      '𠮷祥、李秀英：',
      '你们之间的房屋宅基地纠纷，本委员会于2026年11月2日登记。',
      '决定不予受理',
      `${record.reason}。`,
      '可以依法向有关行政机关申请处理、申请仲裁或者向人民法院提起诉讼',
      '特此告知。',
      '青石镇人民调解委员会',
      '2026年11月4日',
      '联系电话：0871-6512345',
    ]);
  });

  test('a reason already closed with 。 is not closed twice, and no phone is printed when none is set', async () => {
    const pdf = await render(mediationRefusalNotice, {
      committee: otherCommittee(),
      partyNames: ['刘䶮', '东河乡顺达建筑劳务有限公司'],
      category: '劳动争议纠纷',
      registeredOn: '2026-11-16',
      reason: '该纠纷已申请劳动人事争议仲裁，仲裁委员会已经受理。',
      refusedOn: '2026-11-18',
    });
    assertIncludes(pdf.text, [
      '刘䶮、东河乡顺达建筑劳务有限公司：',
      '本委员会于2026年11月16日登记',
      '该纠纷已申请劳动人事争议仲裁，仲裁委员会已经受理。',
      '申请仲裁或者向人民法院提起诉讼',
      '东河乡人民调解委员会',
      '2026年11月18日',
    ]);
    assertExcludes(pdf.text, ['已经受理。。', '联系电话']);
  });
});

describe('调查记录', () => {
  test('the sample: time, place, who, the findings, each attachment with its full hash, the signatures', async () => {
    const record = mediationInvestigationRecord.sample!();
    const pdf = await render(mediationInvestigationRecord, record);
    assertA4(pdf);
    assertIncludes(pdf.raw, [
      '调查记录',
      '（2026）青调字第12号',
      '调查时间2026年11月5日',
      '记录人杨建华',
      '调查地点青石村委会三组𠮷祥、李秀英两户之间排水沟现场',
      '调查人王芳、杨建华',
      '被调查人/对象青石村三组村民小组长张有福（现场知情人）',
      '参加人𠮷祥、李秀英、青石村委会副主任罗云',
      '调查情况',
      '两户宅基地界线以排水沟中线为准',
      '约12袋复合肥受潮结块。',
      '附件',
      'SHA-256',
      `1IMG_20261105_093012.jpg排水沟现场照片（自东向西）2.3MB${record.attachments[0]!.sha256}`,
      `2围墙位置示意图.pdf村小组长绘制的围墙位置示意图180.0KB${record.attachments[1]!.sha256}`,
      '以上记录已经本人阅读（或向本人宣读），与本人所述一致。',
      '被调查人（签名）：',
      '调查人王芳（签名）：',
      '调查人杨建华（签名）：',
      '记录人杨建华（签名）：',
    ]);
  });

  test('one investigator, a rare name, attachments of our own; none at all leaves the table out', async () => {
    const base = {
      committee: otherCommittee(),
      caseNumber: '（2026）东调字第3号',
      heldOn: '2026-11-19',
      place: '柳湾村安置房工地项目部',
      mediatorNames: ['陈立'],
      subject: '工地班组长刘䶮',
      attendees: '',
      findings: '经询问，刘䶮确认2026年8月至10月共有12名工人在该工地务工，工资按日结算。',
      recorder: '赵敏',
    };
    const pdf = await render(mediationInvestigationRecord, { ...base, attachments: attachments() });
    assertIncludes(pdf.raw, [
      '（2026）东调字第3号',
      '被调查人/对象工地班组长刘䶮',
      '参加人无',
      '工资按日结算。',
      `1工资欠条.jpg顺达公司出具的工资欠条1.0MB${HASH_A}`,
      `2考勤表.xlsx2026年8月至10月考勤记录20.0KB${HASH_B}`,
      '调查人陈立（签名）：',
      '记录人赵敏（签名）：',
    ]);
    const bare = await render(mediationInvestigationRecord, { ...base, attachments: [] });
    assertExcludes(bare.raw, ['附件', 'SHA-256']);
    assertIncludes(bare.raw, ['被调查人（签名）：']);
  });
});

describe('调解记录', () => {
  test('the sample: what each party said, the result, the attachment hash, every signer', async () => {
    const record = mediationSessionRecord.sample!();
    const pdf = await render(mediationSessionRecord, record);
    assertA4(pdf);
    assertIncludes(withoutPageNumbers(pdf.raw), [
      '调解记录',
      '（2026）青调字第12号',
      '调解时间2026年11月10日',
      '调解地点青石镇人民调解委员会调解室',
      '调解员王芳、杨建华',
      '记录人杨建华',
      '当事人陈述',
      '甲方：𠮷祥',
      record.statements[0]!.statement,
      '乙方：李秀英',
      record.statements[1]!.statement,
      '调解结果',
      record.result,
      record.attachments[0]!.sha256,
      '甲方𠮷祥（签名）：',
      '乙方李秀英（签名）：',
      '调解员王芳（签名）：',
      '调解员杨建华（签名）：',
      '记录人杨建华（签名）：',
    ]);
  });

  test('six parties with long statements run over several pages, each page numbered', async () => {
    const parties = ['刘䶮', '马秀兰', '𠮷春生', '周国强', '赵德明', '罗云'];
    const labels = ['甲方', '乙方', '丙方', '丁方', '戊方', '己方'];
    const statementOf = (name: string) =>
      Array.from(
        { length: 8 },
        (_, i) =>
          `${name}陈述第${i + 1}点：2026年8月至10月在柳湾村安置房工地务工期间的出勤、工资结算和欠付情况如实说明如下，金额以考勤表为准。`,
      ).join('');
    const record: SessionRecordPaper = {
      committee: otherCommittee(),
      caseNumber: '（2026）东调字第3号',
      heldOn: '2026-11-20',
      place: '东河乡人民调解委员会调解室',
      mediatorNames: ['陈立', '赵敏'],
      attendees: '东河乡劳动保障所工作人员李强',
      statements: parties.map((name, i) => ({ label: labels[i]!, name, statement: statementOf(name) })),
      result: '经调解，各方就欠付工资的数额和支付期限达成一致，同意签订书面调解协议。',
      recorder: '赵敏',
      signers: parties.map((name, i) => ({ label: labels[i]!, name })),
      attachments: attachments(),
    };
    const pdf = await render(mediationSessionRecord, record);
    assertA4(pdf);
    assert.ok(pdf.pages >= 3, `${pdf.pages} page(s)`);
    for (let page = 1; page <= pdf.pages; page++) assertIncludes(pageText(pdf, page), [`第${page}页共${pdf.pages}页`]);
    const whole = withoutPageNumbers(pdf.raw);
    for (const [i, name] of parties.entries())
      assertIncludes(whole, [`${labels[i]}：${name}`, statementOf(name), `${labels[i]}${name}（签名）：`]);
    assertIncludes(whole, [HASH_A, HASH_B, '调解员陈立（签名）：', '调解员赵敏（签名）：', '记录人赵敏（签名）：']);
    // The signatures come last, after the result.
    assert.ok(whole.indexOf('己方罗云（签名）') > whole.indexOf('同意签订书面调解协议'), whole);
  });
});

describe('口头调解协议登记表', () => {
  test('the sample: the parties in brief, the category, what was agreed, the Art. 28/30 note, the mediator', async () => {
    const record = mediationOralAgreement.sample!();
    const pdf = await render(mediationOralAgreement, record);
    assertA4(pdf);
    assertIncludes(pdf.text, [
      '口头调解协议登记表',
      '（2026）青调字第15号',
      '甲方：𠮷祥，男，彝族，1968年5月3日出生，农民，身份证号码532301196805031517，住云南省楚雄州青石镇青石村委会三组27号',
      '委托代理人𠮷文军（儿子）',
      '乙方：李秀英，女，汉族，1972年11月20日出生',
      '纠纷类别：邻里纠纷',
      '达成日期：2026年11月6日',
      '口头协议内容',
      record.content,
      '根据《中华人民共和国人民调解法》第二十八条、第三十条的规定，口头调解协议自各方当事人达成协议之日起生效。',
      '人民调解员王芳（签名）：',
    ]);
  });

  test('a company among the parties prints its legal representative; two mediators sign', async () => {
    const pdf = await render(mediationOralAgreement, {
      committee: otherCommittee(),
      caseNumber: '（2026）东调字第4号',
      parties: [person('甲方', '刘䶮'), company('乙方')],
      category: '劳动争议纠纷',
      content: '乙方于2026年11月25日前当场支付甲方工资3100元。',
      agreedOn: '2026-11-21',
      mediatorNames: ['陈立', '赵敏'],
    });
    assertIncludes(pdf.text, [
      '（2026）东调字第4号',
      '甲方：刘䶮，女，回族',
      '乙方：东河乡顺达建筑劳务有限公司，统一社会信用代码91410523MA44TQ7C2H，住所东河乡政府街66号，法定代表人周国强（总经理）',
      '乙方于2026年11月25日前当场支付甲方工资3100元。',
      '达成日期：2026年11月21日',
      '第二十八条、第三十条',
      '人民调解员陈立（签名）：',
      '人民调解员赵敏（签名）：',
    ]);
  });
});

describe('终止人民调解告知书', () => {
  test('the sample: the case, the accepted date, the reason, Art. 26 and the routes left, the seal', async () => {
    const record = mediationTerminationNotice.sample!();
    const pdf = await render(mediationTerminationNotice, record);
    assertA4(pdf);
    assert.equal(pdf.pages, 1);
    assertIncludes(pdf.text, [
      '终止人民调解告知书',
      '（2026）青调字第12号',
      '𠮷祥、李秀英：',
      '你们之间的邻里纠纷，本委员会于2026年11月4日受理后',
      `${record.reason}。`,
      '第二十六条',
      '本委员会决定自2026年11月28日起终止对该纠纷的调解',
      '当事人可以依法通过仲裁、行政、司法等途径维护自己的权利。',
      '特此告知。',
      '青石镇人民调解委员会',
      '联系电话：0871-6512345',
    ]);
  });

  test('a hand-built notice: our parties, our reason, our date; a malformed date stops the paper', async () => {
    const record = {
      committee: otherCommittee('0372-5560110'),
      caseNumber: '（2026）东调字第3号',
      partyNames: ['刘䶮', '东河乡顺达建筑劳务有限公司'],
      category: '劳动争议纠纷',
      acceptedOn: '2026-11-17',
      reason: '被申请人经两次通知无正当理由拒不参加调解',
      terminatedOn: '2026-12-01',
    };
    const pdf = await render(mediationTerminationNotice, record);
    assertIncludes(pdf.text, [
      '（2026）东调字第3号',
      '刘䶮、东河乡顺达建筑劳务有限公司：',
      '你们之间的劳动争议纠纷，本委员会于2026年11月17日受理后',
      '被申请人经两次通知无正当理由拒不参加调解。',
      '自2026年12月1日起终止',
      '仲裁、行政、司法等途径',
      '东河乡人民调解委员会',
      '联系电话：0372-5560110',
    ]);
    await assert.rejects(
      renderPdf(mediationTerminationNotice, { ...record, terminatedOn: '2026-13-01' }, { ...ISSUE, fonts: fonts() }),
      RangeError,
    );
  });

  test('sent on (三调联动 移出): the sentence follows the routes left, before 特此告知', async () => {
    const record = { ...mediationTerminationNotice.sample!(), referredTo: '本委员会已将该纠纷移送青石派出所处理。' };
    const pdf = await render(mediationTerminationNotice, record);
    assert.equal(pdf.pages, 1);
    const routes = pdf.text.indexOf(squeeze('维护自己的权利。'));
    const referred = pdf.text.indexOf(squeeze(record.referredTo));
    assert.ok(routes >= 0 && referred > routes, pdf.text);
    assert.ok(pdf.text.indexOf('特此告知') > referred, pdf.text);
  });
});

describe('回访记录', () => {
  test('the sample: the case, the parties, when and by whom, the performance, notes, next visit, signatures', async () => {
    const record = mediationFollowUpRecord.sample!();
    const pdf = await render(mediationFollowUpRecord, record);
    assertA4(pdf);
    assert.equal(pdf.pages, 1);
    assertIncludes(pdf.raw, [
      '回访记录',
      '（2026）青调字第12号',
      '当事人𠮷祥、李秀英',
      '回访日期2026年12月20日',
      '回访人王芳',
      '履行情况部分履行',
      '下次回访2027年1月12日',
      `回访情况${record.notes}`,
      '回访人王芳（签名）：',
      '被回访人（签名）：',
    ]);
  });

  test('fully performed with no next visit planned', async () => {
    const pdf = await render(mediationFollowUpRecord, {
      committee: otherCommittee(),
      caseNumber: '（2026）东调字第4号',
      partyNames: ['刘䶮', '东河乡顺达建筑劳务有限公司'],
      doneOn: '2026-12-02',
      byName: '赵敏',
      performance: '已全部履行',
      notes: '刘䶮确认已收到工资3100元。',
      nextVisitOn: '',
    });
    assertIncludes(pdf.raw, [
      '（2026）东调字第4号',
      '当事人刘䶮、东河乡顺达建筑劳务有限公司',
      '回访日期2026年12月2日',
      '履行情况已全部履行',
      '下次回访不再回访',
      '刘䶮确认已收到工资3100元。',
      '回访人赵敏（签名）：',
    ]);
  });
});
