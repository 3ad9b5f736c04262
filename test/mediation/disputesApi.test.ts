import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { DisputeCommandResult, RegisterDisputeInput } from '../../shared/mediation/disputesApi';
import { uuidv7 } from '../../electron/backend/db/uuidv7';
import { archivedPdfText } from '../support/archivedPdf';
import { residentId } from '../support/ids';
import { builder, li, zhang, townshipCommittee } from '../support/mediationParties';
import {
  morningOf,
  refused,
  resultOf as commandResult,
  signedInAs,
  startSetUpHall,
  type Answer,
  type TestClient,
  type TestHall,
} from '../support/testHall';

const squeeze = (text: string) => text.replace(/\s+/g, '');

const resultOf = (answer: Answer<unknown>) => commandResult<DisputeCommandResult>(answer);

describe('mediation disputes through the API', () => {
  let hall: TestHall;
  let admin: TestClient;
  let mediator: TestClient;
  let committeeId: string;
  let villageId: string;
  let wang: string;
  let yang: string;

  before(async () => {
    // Disputes live for months: the sessions must outlive the clock's jumps.
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    ({ hall, admin } = started);
    villageId = started.village.id;
    hall.clock.current = morningOf('2026-11-02');
    mediator = await signedInAs(hall, admin, 'mediator', ['mediator']);
    committeeId = (await admin.ok('mediation.saveCommittee', townshipCommittee)).id;
    const saveMediator = async (name: string, idNumber: string, userId: string | null = null) =>
      (
        await admin.ok('mediation.saveMediator', {
          name,
          idNumber,
          phone: '',
          committeeIds: [committeeId],
          specialities: ['邻里纠纷'],
          fullTime: true,
          lawyer: false,
          userId,
          active: true,
        })
      ).id;
    // The mediator signs in as 王芳: a mediator reads the disputes of their committees.
    wang = await saveMediator('王芳', residentId('19800101', 42), (await mediator.ok('auth.session', {}))!.user.id);
    yang = await saveMediator('杨建华', residentId('19790505', 53));
  });
  after(() => hall.close());

  const registration = (overrides: Partial<RegisterDisputeInput> = {}): RegisterDisputeInput => ({
    requestId: crypto.randomUUID(),
    committeeId,
    source: 'oralApplication',
    category: 'neighbour',
    facts: '李桂芬家翻建房屋时，宏达公司施工堆放建材占用张𠮷祥家门前通道，排水沟被堵，双方多次争吵。',
    villageId,
    placeDetail: '第一村民小组',
    amountYuan: 3200.5,
    peopleInvolved: 3,
    risky: true,
    riskNote: '双方曾发生推搡',
    parties: [zhang, li, builder],
    ...overrides,
  });

  async function accepted(overrides: Partial<RegisterDisputeInput> = {}) {
    const registered = await mediator.ok('mediation.registerDispute', registration(overrides));
    const acceptance = await mediator.ok('mediation.acceptDispute', {
      id: registered.dispute.id,
      version: registered.dispute.version,
    });
    const assigned = await mediator.ok('mediation.assignMediators', {
      id: acceptance.dispute.id,
      version: acceptance.dispute.version,
      mediatorIds: [wang, yang],
      leadMediatorId: wang,
    });
    return { registered, acceptance, dispute: assigned.dispute };
  }

  const completeDraft = {
    facts: '',
    disputedMatters: '通道占用及排水沟堵塞的恢复与赔偿。',
    responsibilities: '宏达公司堆放建材不当，负主要责任；李桂芬未及时督促，负次要责任。',
    terms: ['宏达公司于2026年11月10日前清运全部建材，疏通排水沟。', '宏达公司赔偿张𠮷祥损失人民币3200元。'],
    performanceManner: '现金当面支付，清运由调委会现场确认。',
    performanceDueOn: '2026-11-30',
    recorder: '刘晓燕',
  };

  test('registering: the application form for signature, one dispute per request, parties in order', async () => {
    hall.clock.current = morningOf('2026-11-02');
    const input = registration();
    const [first, second] = await Promise.all([
      mediator.ok('mediation.registerDispute', input),
      mediator.ok('mediation.registerDispute', input),
    ]);
    assert.equal(first.dispute.id, second.dispute.id);
    const count = await hall.backend.db
      .selectFrom('disputes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('request_key', '=', input.requestId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
    const { dispute } = first;
    assert.equal(dispute.status, 'registered');
    assert.equal(dispute.caseNumber, null);
    assert.deepEqual(
      dispute.parties.map((p) => `${p.label}${p.name}`),
      ['甲方张𠮷祥', '乙方李桂芬', '丙方青石镇宏达建筑有限公司'],
    );
    assert.equal(dispute.parties[0]!.idNumberMasked.includes('*'), true);
    assert.equal(dispute.amountYuan, 3200.5);
    assert.equal(dispute.partyNames, '张𠮷祥 与 李桂芬、青石镇宏达建筑有限公司');
    const paper = first.document ?? second.document;
    assert.equal(paper?.type, 'mediationApplication');
    const text = squeeze(await archivedPdfText(hall, paper.id));
    for (const expected of ['人民调解申请书', '张𠮷祥', '李桂芬', '青石镇宏达建筑有限公司', '赵宏达', zhang.idNumber!])
      assert.ok(text.includes(squeeze(expected)), `missing ${expected}`);
  });

  test('bad input is refused with the field named and nothing stored', async () => {
    const before = await hall.backend.db.selectFrom('disputes').select('id').execute();
    refused(
      await mediator.call(
        'mediation.registerDispute',
        registration({ parties: [{ ...zhang, idNumber: '410223197103080119' }] }),
      ),
      400,
      /张𠮷祥.*身份证号码/,
      'parties.0.idNumber',
    );
    refused(
      await mediator.call('mediation.registerDispute', registration({ source: 'sweep' })),
      400,
      /所属排查/,
      'sweepId',
    );
    refused(
      await mediator.call('mediation.registerDispute', registration({ source: 'handover' })),
      400,
      /移送单位/,
      'handover',
    );
    refused(
      await mediator.call('mediation.registerDispute', registration({ registeredOn: '2026-12-01' })),
      400,
      /不能晚于今天/,
      'registeredOn',
    );
    refused(
      await mediator.call('mediation.registerDispute', registration({ amountYuan: 1.234 })),
      400,
      /两位小数/,
      'amountYuan',
    );
    const after = await hall.backend.db.selectFrom('disputes').select('id').execute();
    assert.equal(after.length, before.length);
  });

  test('acceptance numbers per committee and year without gaps; refusal gives its notice', async () => {
    hall.clock.current = morningOf('2026-11-02');
    const first = await accepted();
    const second = await accepted();
    const n1 = Number(/第(\d+)号/.exec(first.acceptance.dispute.caseNumber!)![1]);
    assert.match(first.acceptance.dispute.caseNumber!, /^（2026）青调字第\d+号$/);
    assert.equal(second.acceptance.dispute.caseNumber, `（2026）青调字第${n1 + 1}号`);
    assert.equal(first.acceptance.document?.type, 'mediationRightsNotice');
    const notice = squeeze(await archivedPdfText(hall, first.acceptance.document!.id));
    assert.ok(notice.includes(first.acceptance.dispute.caseNumber!));
    assert.ok(notice.includes('如实陈述纠纷事实'));
    // Accepting twice is refused by status, and a stale version by version.
    refused(
      await mediator.call('mediation.acceptDispute', { id: first.dispute.id, version: first.dispute.version }),
      409,
      /调解中.*不能受理/,
    );
    refused(await mediator.call('mediation.acceptDispute', { id: first.dispute.id, version: 1 }), 409, /刷新/);

    const other = await mediator.ok('mediation.registerDispute', registration());
    const refusal = resultOf(
      await mediator.call('mediation.refuseDispute', {
        id: other.dispute.id,
        version: other.dispute.version,
        reason: '该纠纷已由青石镇人民法院立案受理',
      }),
    );
    assert.equal(refusal.dispute.status, 'refused');
    assert.equal(refusal.dispute.caseNumber, null);
    const refusalText = squeeze(await archivedPdfText(hall, refusal.document!.id));
    assert.ok(refusalText.includes('该纠纷已由青石镇人民法院立案受理'));
    assert.ok(refusalText.includes('提起诉讼'));
    // Not sent on: nothing recorded, nothing printed about it.
    assert.equal(refusal.dispute.referralOut, null);
    assert.ok(!refusalText.includes('本委员会已'), refusalText);
  });

  test('referrals out (三调联动 移出): a termination sent to the police, a refusal guided to the court', async () => {
    hall.clock.current = morningOf('2026-11-05');
    const { dispute } = await accepted();
    // A referral names its receiver; nothing is stored without one.
    refused(
      await mediator.call('mediation.terminate', {
        id: dispute.id,
        version: dispute.version,
        reason: '双方分歧较大',
        referral: { kind: 'police', to: ' ' },
      }),
      400,
      /接收单位/,
      'referral.to',
    );
    hall.clock.current = morningOf('2026-11-06');
    const terminated = resultOf(
      await mediator.call('mediation.terminate', {
        id: dispute.id,
        version: dispute.version,
        reason: '乙方多次阻挠施工并扬言动手，双方拒绝继续调解',
        terminatedOn: '2026-11-06',
        referral: { kind: 'police', to: '青石派出所' },
      }),
    );
    assert.equal(terminated.dispute.status, 'terminated');
    assert.deepEqual(terminated.dispute.referralOut, { kind: 'police', to: '青石派出所', on: '2026-11-06' });
    const row = await hall.backend.db
      .selectFrom('disputes')
      .select(['referral_out_kind', 'referral_out_to', 'referral_out_on'])
      .where('id', '=', dispute.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, {
      referral_out_kind: 'police',
      referral_out_to: '青石派出所',
      referral_out_on: '2026-11-06',
    });
    assert.equal(terminated.document?.type, 'mediationTerminationNotice');
    const notice = squeeze(await archivedPdfText(hall, terminated.document!.id));
    assert.ok(notice.includes('乙方多次阻挠施工并扬言动手，双方拒绝继续调解。'), notice);
    assert.ok(notice.includes('本委员会已将该纠纷移送青石派出所处理。'), notice);
    const detail = await mediator.ok('mediation.dispute', { id: dispute.id });
    assert.deepEqual(detail.dispute.referralOut, terminated.dispute.referralOut);
    assert.ok(
      detail.history.some(
        (h) => h.summary === '终止调解：乙方多次阻挠施工并扬言动手，双方拒绝继续调解，移送青石派出所',
      ),
      JSON.stringify(detail.history),
    );
    const log = await hall.backend.db
      .selectFrom('change_log')
      .select('data')
      .where('entity', '=', 'dispute')
      .where('entity_id', '=', dispute.id)
      .where('op', '=', 'terminate')
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(log.data).referral, { kind: 'police', to: '青石派出所' });

    const other = await mediator.ok('mediation.registerDispute', registration());
    const refusal = resultOf(
      await mediator.call('mediation.refuseDispute', {
        id: other.dispute.id,
        version: other.dispute.version,
        reason: '申请人已向楚雄市人民法院起诉，法院已立案',
        referral: { kind: 'court', to: '楚雄市人民法院' },
      }),
    );
    assert.equal(refusal.dispute.status, 'refused');
    assert.deepEqual(refusal.dispute.referralOut, { kind: 'court', to: '楚雄市人民法院', on: '2026-11-06' });
    const refusalText = squeeze(await archivedPdfText(hall, refusal.document!.id));
    assert.ok(refusalText.includes('本委员会已引导当事人向楚雄市人民法院起诉或者通过诉调对接解决。'), refusalText);
    const refusalDetail = await mediator.ok('mediation.dispute', { id: other.dispute.id });
    assert.ok(refusalDetail.history.some((h) => h.summary.endsWith('，引导至楚雄市人民法院')));
  });

  test('a mediator who is a party, shares a party’s home or was recused is not assigned', async () => {
    hall.clock.current = morningOf('2026-11-02');
    // 王芳 is herself the respondent of this one.
    const registered = await mediator.ok(
      'mediation.registerDispute',
      registration({
        parties: [zhang, { ...li, name: '王芳', idNumber: residentId('19800101', 42) }],
      }),
    );
    // A registered dispute gets its mediators once accepted, not before (the declaration's words).
    refused(
      await mediator.call('mediation.assignMediators', {
        id: registered.dispute.id,
        version: registered.dispute.version,
        mediatorIds: [yang],
        leadMediatorId: yang,
      }),
      409,
      /该纠纷当前为“待受理”，不能指派调解员（只有“调解中”的纠纷可以）/,
    );
    const own = await mediator.ok('mediation.acceptDispute', {
      id: registered.dispute.id,
      version: registered.dispute.version,
    });
    refused(
      await mediator.call('mediation.assignMediators', {
        id: own.dispute.id,
        version: own.dispute.version,
        mediatorIds: [wang],
        leadMediatorId: wang,
      }),
      400,
      /王芳是本纠纷的当事人/,
      'mediatorIds',
    );
    // 杨建华 lives at the address of a party taken from the registry.
    const home = '东岗村第二村民小组6号';
    await admin.ok('residents.register', {
      name: '杨建华',
      idType: 'residentId',
      idNumber: residentId('19790505', 53),
      ethnicity: '汉族',
      villageId,
      address: home,
    });
    const wife = await admin.ok('residents.register', {
      name: '孙丽',
      idType: 'residentId',
      idNumber: residentId('19820909', 64),
      ethnicity: '汉族',
      villageId,
      address: home,
    });
    const familyRegistered = await mediator.ok(
      'mediation.registerDispute',
      registration({
        parties: [
          zhang,
          { ...li, name: '孙丽', idNumber: residentId('19820909', 64), residentId: wife.id, address: home },
        ],
      }),
    );
    const family = await mediator.ok('mediation.acceptDispute', {
      id: familyRegistered.dispute.id,
      version: familyRegistered.dispute.version,
    });
    refused(
      await mediator.call('mediation.assignMediators', {
        id: family.dispute.id,
        version: family.dispute.version,
        mediatorIds: [yang],
        leadMediatorId: yang,
      }),
      400,
      /杨建华与当事人孙丽登记住址相同/,
      'mediatorIds',
    );
    // A recusal withdraws the mediator and keeps them off the dispute.
    const { dispute } = await accepted();
    const recusal = resultOf(
      await mediator.call('mediation.recordRecusal', {
        id: dispute.id,
        version: dispute.version,
        mediatorId: wang,
        requestedByPartyId: dispute.parties[1]!.id,
        reason: '认为王芳与申请人系远亲',
      }),
    );
    assert.deepEqual(
      recusal.dispute.mediators.map((m) => [m.name, m.lead]),
      [['杨建华', true]],
    );
    assert.equal(recusal.dispute.recusals[0]?.requestedBy, '李桂芬');
    refused(
      await mediator.call('mediation.assignMediators', {
        id: dispute.id,
        version: recusal.dispute.version,
        mediatorIds: [wang, yang],
        leadMediatorId: yang,
      }),
      400,
      /李桂芬已申请调解员王芳回避/,
      'mediatorIds',
    );
  });

  test('records: dates not before registration, only the dispute’s mediators, attachments with their hash', async () => {
    hall.clock.current = morningOf('2026-11-03');
    const { dispute } = await accepted();
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    // The file goes first (PUT /uploads), the procedure names it.
    const uploadId = await mediator.upload(png);
    const attachment = await mediator.ok('mediation.addAttachment', {
      disputeId: dispute.id,
      fileName: '现场照片1.png',
      mimeType: 'image/png',
      uploadId,
      caption: '堆放的建材',
    });
    const sha256 = createHash('sha256').update(png).digest('hex');
    assert.equal(attachment.sha256, sha256);
    // Used, the upload is gone: from the staging folder, and as an id.
    assert.deepEqual(await readdir(path.join(hall.dataDir, 'uploads')), []);
    refused(
      await mediator.call('mediation.addAttachment', {
        disputeId: dispute.id,
        fileName: '现场照片1.png',
        mimeType: 'image/png',
        uploadId,
      }),
      400,
      /^文件内容：上传已过期，请重新选择文件$/,
      'uploadId',
    );
    const stored = await hall.backend.db
      .selectFrom('dispute_attachments')
      .select('file_path')
      .where('id', '=', attachment.id)
      .executeTakeFirstOrThrow();
    // On disk it is encrypted (the scan is not there in clear); through the data files it is the scan.
    const onDisk = await readFile(path.join(hall.dataDir, stored.file_path));
    assert.ok(!onDisk.includes(png.subarray(0, 64)), 'the stored file is not the plain scan');
    assert.deepEqual(await hall.backend.files.read(stored.file_path), png);
    const link = await mediator.ok('mediation.attachmentFile', { attachmentId: attachment.id });
    const served = await mediator.fetchFile(link.fileUrl);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), png);
    refused(
      await mediator.call('mediation.addAttachment', {
        disputeId: dispute.id,
        fileName: '伪装.png',
        mimeType: 'image/png',
        uploadId: await mediator.upload(Buffer.from('%PDF-1.7 not an image')),
      }),
      400,
      /^文件内容：“伪装.png”不是PNG 图片/,
      'uploadId',
    );
    // Refused, the upload is gone all the same: nothing is left staged.
    assert.deepEqual(await readdir(path.join(hall.dataDir, 'uploads')), []);

    const record = {
      id: dispute.id,
      version: dispute.version,
      kind: 'investigation' as const,
      heldOn: '2026-11-03',
      place: '东岗村第一村民小组现场',
      mediatorIds: [wang],
      subject: '现场及邻居周大爷',
      findings: '建材堆放约12平方米，排水沟堵塞约8米。',
      statements: [],
      attachmentIds: [attachment.id],
    };
    refused(
      await mediator.call('mediation.addRecord', { ...record, heldOn: '2026-11-01' }),
      400,
      /不能早于纠纷登记日期/,
      'heldOn',
    );
    refused(
      await mediator.call('mediation.addRecord', { ...record, mediatorIds: [uuidv7()] }),
      400,
      /只能选择指派到本纠纷的调解员/,
      'mediatorIds',
    );
    const investigation = await mediator.ok('mediation.addRecord', record);
    assert.deepEqual(investigation.record.attachmentIds, [attachment.id]);
    const text = squeeze(await archivedPdfText(hall, investigation.document!.id));
    assert.ok(text.includes(sha256), 'the record lists the attachment’s hash');
    assert.ok(text.includes('建材堆放约12平方米'));
  });

  test('an agreement missing its performance time limit is refused, naming it; the complete one states its copies', async () => {
    hall.clock.current = morningOf('2026-11-03');
    const { dispute } = await accepted();
    const draft = await mediator.ok('mediation.saveAgreementDraft', {
      id: dispute.id,
      version: dispute.version,
      agreement: { ...completeDraft, performanceDueOn: null },
    });
    const missing = await mediator.call('mediation.issueAgreement', { id: dispute.id, version: draft.dispute.version });
    refused(missing, 400, /调解协议书还缺少：履行期限/);
    assert.ok(!missing.body.ok);
    assert.match(missing.body.error.fieldErrors?.['agreement.performanceDueOn'] ?? '', /履行期限/);

    const complete = await mediator.ok('mediation.saveAgreementDraft', {
      id: dispute.id,
      version: draft.dispute.version,
      agreement: completeDraft,
    });
    const issued = await mediator.ok('mediation.issueAgreement', { id: dispute.id, version: complete.dispute.version });
    assert.equal(issued.dispute.status, 'settled');
    assert.equal(issued.dispute.outcome?.copies, 4);
    assert.equal(issued.document?.type, 'mediationAgreement');
    const text = squeeze(await archivedPdfText(hall, issued.document!.id));
    for (const expected of [
      issued.dispute.caseNumber!,
      '张𠮷祥',
      '李桂芬',
      '青石镇宏达建筑有限公司',
      completeDraft.terms[1]!,
      '一式四份',
      '2026年11月30日',
    ])
      assert.ok(text.includes(squeeze(expected)), `missing ${expected}`);
    // Settled: no second outcome, no editing of what was registered.
    refused(
      await mediator.call('mediation.terminate', { id: dispute.id, version: issued.dispute.version, reason: '再议' }),
      409,
      /调解成功.*不能终止调解/,
    );
  });

  test('an agreement needs both sides and an accepted dispute', async () => {
    hall.clock.current = morningOf('2026-11-03');
    const lonely = await mediator.ok('mediation.registerDispute', registration({ parties: [zhang] }));
    refused(
      await mediator.call('mediation.issueAgreement', { id: lonely.dispute.id, version: lonely.dispute.version }),
      409,
      /待受理.*不能出具调解协议书/,
    );
    const acceptance = await mediator.ok('mediation.acceptDispute', {
      id: lonely.dispute.id,
      version: lonely.dispute.version,
    });
    const assigned = await mediator.ok('mediation.assignMediators', {
      id: lonely.dispute.id,
      version: acceptance.dispute.version,
      mediatorIds: [wang],
      leadMediatorId: wang,
    });
    const draft = await mediator.ok('mediation.saveAgreementDraft', {
      id: lonely.dispute.id,
      version: assigned.dispute.version,
      agreement: completeDraft,
    });
    refused(
      await mediator.call('mediation.issueAgreement', { id: lonely.dispute.id, version: draft.dispute.version }),
      400,
      /被申请方当事人/,
    );
  });

  test('court confirmation: reminder from day 20, window of 30 days; follow-ups before closing; read-only after', async () => {
    hall.clock.current = morningOf('2026-11-02');
    const { dispute } = await accepted();
    const draft = await mediator.ok('mediation.saveAgreementDraft', {
      id: dispute.id,
      version: dispute.version,
      agreement: completeDraft,
    });
    let current = (await mediator.ok('mediation.issueAgreement', { id: dispute.id, version: draft.dispute.version }))
      .dispute;
    assert.equal(current.court?.effectiveOn, '2026-11-02');
    assert.equal(current.court?.closesOn, '2026-12-02');

    hall.clock.current = morningOf('2026-11-21');
    let detail = await mediator.ok('mediation.dispute', { id: dispute.id });
    assert.equal(detail.dispute.court?.reminderDue, false);
    hall.clock.current = morningOf('2026-11-22');
    detail = await mediator.ok('mediation.dispute', { id: dispute.id });
    assert.equal(detail.dispute.court?.reminderDue, true);
    const attention = await mediator.ok('mediation.disputes', { attention: true });
    assert.ok(attention.disputes.some((d) => d.id === dispute.id));

    const form = await mediator.ok('mediation.courtApplicationForm', { id: dispute.id, court: '青石县人民法院' });
    assert.equal(form.document?.type, 'mediationCourtApplication');
    const formText = squeeze(await archivedPdfText(hall, form.document!.id));
    assert.ok(formText.includes('青石县人民法院'));
    current = form.dispute;

    refused(
      await mediator.call('mediation.recordCourtConfirmation', {
        id: dispute.id,
        version: current.version,
        appliedOn: '2026-12-03',
        court: '青石县人民法院',
        decision: null,
        decidedOn: null,
      }),
      400,
      /.+/,
      'appliedOn',
    );
    current = (
      await mediator.ok('mediation.recordCourtConfirmation', {
        id: dispute.id,
        version: current.version,
        appliedOn: '2026-11-22',
        court: '青石县人民法院',
        decision: null,
        decidedOn: null,
      })
    ).dispute;
    assert.equal(current.court?.reminderDue, false);

    // Closing waits for a follow-up, for the next planned visit and for the court's decision.
    refused(
      await mediator.call('mediation.closeDispute', {
        id: dispute.id,
        version: current.version,
        summary: '协议已履行',
      }),
      409,
      /至少回访一次/,
    );
    current = (
      await mediator.ok('mediation.saveFollowUp', {
        id: dispute.id,
        version: current.version,
        doneOn: '2026-11-22',
        byName: '王芳',
        performance: 'partial',
        notes: '建材已清运，赔偿款尚未支付',
        nextVisitOn: '2026-11-30',
      })
    ).dispute;
    refused(
      await mediator.call('mediation.closeDispute', {
        id: dispute.id,
        version: current.version,
        summary: '协议已履行',
      }),
      409,
      /计划于 2026-11-30 的回访/,
    );
    hall.clock.current = morningOf('2026-11-30');
    detail = await mediator.ok('mediation.dispute', { id: dispute.id });
    const planned = detail.followUps.find((f) => !f.doneOn)!;
    assert.equal(planned.plannedOn, '2026-11-30');
    current = (
      await mediator.ok('mediation.saveFollowUp', {
        id: dispute.id,
        version: detail.dispute.version,
        followUpId: planned.id,
        doneOn: '2026-11-30',
        byName: '王芳',
        performance: 'full',
        notes: '赔偿款已当面付清',
      })
    ).dispute;
    refused(
      await mediator.call('mediation.closeDispute', {
        id: dispute.id,
        version: current.version,
        summary: '协议已履行',
      }),
      409,
      /尚未记录法院裁定/,
    );
    current = (
      await mediator.ok('mediation.recordCourtConfirmation', {
        id: dispute.id,
        version: current.version,
        appliedOn: '2026-11-22',
        court: '青石县人民法院',
        decision: 'confirmed',
        decidedOn: '2026-11-27',
      })
    ).dispute;
    const closed = await mediator.ok('mediation.closeDispute', {
      id: dispute.id,
      version: current.version,
      summary: '协议已全部履行，经司法确认有效。',
    });
    assert.equal(closed.dispute.status, 'closed');
    assert.equal(closed.document?.type, 'mediationClosingSheet');

    // Closed: no edits, but annotations.
    refused(
      await mediator.call('mediation.saveFollowUp', {
        id: dispute.id,
        version: closed.dispute.version,
        doneOn: '2026-11-30',
        byName: '王芳',
        performance: 'full',
      }),
      409,
      /已结案.*只能加批注/,
    );
    const note = await mediator.ok('mediation.annotate', { id: dispute.id, text: '2027年1月电话回访，双方关系良好。' });
    assert.equal(note.text, '2027年1月电话回访，双方关系良好。');

    const file = await mediator.ok('mediation.caseFile', { id: dispute.id });
    assert.equal(file.document?.type, 'mediationCaseFile');
    const fileText = squeeze(await archivedPdfText(hall, file.document!.id));
    for (const title of [
      '卷内目录',
      '人民调解申请书',
      '人民调解权利义务告知书',
      '人民调解协议书',
      '回访记录',
      '司法确认申请书',
      '结案登记表',
    ])
      assert.ok(fileText.includes(title), `the case file lacks ${title}`);
    // Drawn again, the new file replaces the old one.
    const again = await mediator.ok('mediation.caseFile', { id: dispute.id });
    const documents = (await mediator.ok('mediation.dispute', { id: dispute.id })).documents;
    assert.ok(documents.find((d) => d.id === file.document!.id)?.supersededAt);
    assert.equal(documents.find((d) => d.id === again.document!.id)?.supersededAt, null);
  });

  test('sweeps are records of their own; the register finds disputes by party name and case number', async () => {
    hall.clock.current = morningOf('2026-11-05');
    const sweep = await mediator.ok('mediation.saveSweep', {
      committeeId,
      heldOn: '2026-11-05',
      area: '东岗村一至三组',
      team: '王芳、杨建华、村调委会委员3人',
    });
    const found = await mediator.ok(
      'mediation.registerDispute',
      registration({
        source: 'sweep',
        sweepId: sweep.id,
        category: 'landContract',
        parties: [
          { ...zhang, name: '欧阳春' },
          { ...li, name: '欧阳秋' },
        ],
      }),
    );
    assert.equal(found.document?.type, 'mediationRegistrationForm');
    const sweeps = await mediator.ok('mediation.sweeps', { committeeId });
    assert.equal(sweeps.sweeps.find((s) => s.id === sweep.id)?.disputesFound, 1);

    const byName = await mediator.ok('mediation.disputes', { query: '欧阳' });
    assert.deepEqual(
      byName.disputes.map((d) => d.id),
      [found.dispute.id],
    );
    const acceptance = await mediator.ok('mediation.acceptDispute', {
      id: found.dispute.id,
      version: found.dispute.version,
    });
    const byNumber = await mediator.ok('mediation.disputes', { query: acceptance.dispute.caseNumber! });
    assert.deepEqual(
      byNumber.disputes.map((d) => d.id),
      [found.dispute.id],
    );
    assert.equal(byNumber.disputes[0]?.norm?.colour, 'green');
    assert.equal(byNumber.disputes[0]?.norm?.dueDate, '2026-12-05');

    // A month on it is red, and the colour filter finds it.
    hall.clock.current = morningOf('2026-12-06');
    const red = await mediator.ok('mediation.disputes', { colour: 'red', query: '欧阳' });
    assert.deepEqual(
      red.disputes.map((d) => d.norm?.colour),
      ['red'],
    );
    hall.clock.current = morningOf('2026-12-01');
    const yellow = await mediator.ok('mediation.disputes', { colour: 'yellow', query: '欧阳' });
    assert.deepEqual(
      yellow.disputes.map((d) => d.norm?.colour),
      ['yellow'],
    );
  });
});
