import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { PetitionCommandResult, RegisterPetitionInput } from '../../shared/petitions/api';
import { RECORD_TABLES } from '../../electron/backend/backend';
import { unsealedAttachments } from '../../electron/backend/sync/fileOutbox';
import { archivedPdfText } from '../support/archivedPdf';
import { residentId } from '../support/ids';
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

const resultOf = (answer: Answer<unknown>) => commandResult<PetitionCommandResult>(answer);

const ZHAO = residentId('19650312', 31);
const QIAN = residentId('19700805', 42);
const SUN = residentId('19721120', 55);

function groupVisit(overrides: Partial<RegisterPetitionInput> = {}): RegisterPetitionInput {
  return {
    requestId: randomUUID(),
    channel: 'visit',
    receivedAt: '09:10',
    peopleCount: 6,
    petitioners: [
      { name: '赵𠮷祥', idNumber: ZHAO, phone: '13800000001', address: '东岗村一组', representative: true },
      { name: '钱秀英', idNumber: QIAN, phone: '13800000002', address: '东岗村一组', representative: true },
      { name: '孙建国', idNumber: SUN, phone: '', address: '东岗村二组', representative: false },
    ],
    category: 'expropriation',
    matter: '东岗村一组六户村民反映，2026年村道拓宽占用承包地共3.2亩，青苗补偿款至今未发放到户。',
    requests: '要求按县定标准发放青苗补偿款。',
    place: '村道拓宽段',
    departmentConcerned: '镇交通管理站',
    ...overrides,
  };
}

describe('the petition desk through the API', () => {
  let hall: TestHall;
  let admin: TestClient;
  let receptionist: TestClient;
  let leader: TestClient;
  let villageId: string;
  let receptionDayId: string;

  before(async () => {
    // Petitions live for months: the sessions must outlive the clock's jumps.
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    ({ hall, admin } = started);
    villageId = started.village.id;
    hall.clock.current = morningOf('2026-08-03');
    receptionist = await signedInAs(hall, admin, 'petition', ['petitionReceptionist']);
    leader = await signedInAs(hall, admin, 'leader', ['leader']);
    await admin.ok('petitions.saveSettings', {
      counting: {
        acceptance: 'calendarDays',
        handling: 'calendarDays',
        reviewRequest: 'calendarDays',
        review: 'calendarDays',
        reReviewRequest: 'calendarDays',
        reReview: 'calendarDays',
      },
      officeName: '青石镇人民政府',
      reviewBody: '东川县人民政府',
      phone: '0871-62001234',
      numberPrefix: '青信',
    });
    receptionDayId = (
      await receptionist.ok('petitions.saveReceptionDay', {
        on: '2026-08-03',
        startsAt: '08:30',
        endsAt: '11:30',
        place: '镇信访接待室',
        leaderName: '李明',
        leaderTitle: '镇长',
        note: '',
      })
    ).id;
  });
  after(() => hall.close());

  test('a group visit needs representatives; the refusal names the field and nothing is stored', async () => {
    const input = groupVisit({
      petitioners: groupVisit().petitioners.map((p) => ({ ...p, representative: false })),
    });
    refused(await receptionist.call('petitions.register', input), 400, /集体访.*代表/, 'petitioners');
    const bad = groupVisit({ petitioners: [{ name: '赵𠮷祥', idNumber: '410223196503120000', representative: true }] });
    refused(await receptionist.call('petitions.register', bad), 400, /赵𠮷祥.*身份证号码/, 'petitioners.0.idNumber');
    const { petitions } = await receptionist.ok('petitions.list', {});
    assert.equal(petitions.length, 0);
  });

  test('only the desk registers: a leader reads but may not register', async () => {
    const answer = await leader.call('petitions.register', groupVisit());
    assert.equal(answer.status, 403);
  });

  let first: PetitionCommandResult;
  let reviewedPetition: PetitionCommandResult;

  test('registering a group visit on a reception day: number, leader, deadline and the registration form', async () => {
    const input = groupVisit({ receptionDayId, villageId });
    first = resultOf(await receptionist.call('petitions.register', input));
    const petition = first.petition;
    assert.equal(petition.number, '青信〔2026〕1号');
    assert.equal(petition.status, 'registered');
    assert.equal(petition.groupVisit, true);
    assert.equal(petition.petitionerNames, '赵𠮷祥等6人');
    assert.equal(petition.leaderName, '李明');
    assert.equal(petition.receptionDay?.leaderTitle, '镇长');
    assert.equal(petition.acceptanceDueOn, '2026-08-18');
    assert.deepEqual(petition.deadline, {
      period: 'acceptance',
      dueOn: '2026-08-18',
      colour: 'green',
      daysLeft: 15,
      provisional: false,
    });
    assert.equal(petition.petitioners[0]!.idNumberMasked, `${ZHAO.slice(0, 4)}**********${ZHAO.slice(-4)}`);
    const again = resultOf(await receptionist.call('petitions.register', input));
    assert.equal(again.petition.id, petition.id, 'a double submit registers once');
    const text = squeeze(await archivedPdfText(hall, first.document!.id));
    for (const expected of ['信访登记表', '青信〔2026〕1号', '赵𠮷祥', ZHAO, '钱秀英', '李明', '东岗村'])
      assert.ok(text.includes(squeeze(expected)), `${expected} in ${text}`);
  });

  test('earlier petitions of a person are found by ID number and by name and phone', async () => {
    const found = await receptionist.ok('petitions.findEarlier', {
      petitioners: [{ idNumber: QIAN.toLowerCase(), name: '', phone: '' }],
    });
    assert.deepEqual(
      found.petitions.map((p) => [p.number, p.matchedBy, p.matchedName]),
      [['青信〔2026〕1号', 'idNumber', '钱秀英']],
    );
    const byPhone = await receptionist.ok('petitions.findEarlier', {
      petitioners: [{ idNumber: '', name: '赵𠮷祥', phone: '13800000001' }],
    });
    assert.equal(byPhone.petitions[0]?.matchedBy, 'namePhone');
    const excluded = await receptionist.ok('petitions.findEarlier', {
      petitioners: [{ idNumber: QIAN, name: '', phone: '' }],
      excludeId: first.petition.id,
    });
    assert.equal(excluded.petitions.length, 0);
    const nobody = await receptionist.ok('petitions.findEarlier', {
      petitioners: [{ idNumber: '', name: '赵𠮷祥', phone: '13900000000' }],
    });
    assert.equal(nobody.petitions.length, 0, 'a name alone with another phone is somebody else');
  });

  test('the leader decides: a difficult case gets a deadline within the legal one and an owner', async () => {
    const { id, version } = first.petition;
    refused(
      await receptionist.call('petitions.recordLeaderDecision', {
        id,
        version,
        decision: 'deadline',
        caseLeader: '李明',
      }),
      400,
      /限办日期/,
      'dueOn',
    );
    const decided = resultOf(
      await receptionist.call('petitions.recordLeaderDecision', {
        id,
        version,
        decision: 'deadline',
        dueOn: '2026-09-15',
        caseLeader: '张副镇长',
      }),
    );
    assert.deepEqual(decided.petition.leaderDecision, {
      decision: 'deadline',
      decidedOn: '2026-08-03',
      dueOn: '2026-09-15',
      caseLeader: '张副镇长',
    });
    first = decided;
  });

  test('a reply before acceptance, closing without a reply and a stale version are refused', async () => {
    const { id, version } = first.petition;
    refused(
      await receptionist.call('petitions.reply', { id, version, facts: '经查', opinion: '发放' }),
      409,
      /不能书面答复/,
    );
    refused(await receptionist.call('petitions.close', { id, version }), 409, /尚未书面答复，不能办结（件件有回复）/);
    refused(
      await receptionist.call('petitions.accept', { id, version: version - 1, handlingUnit: '镇交通管理站' }),
      409,
      /刚被别人处理过/,
    );
  });

  test('accept with the notice; extend once within the period; a second extension is refused', async () => {
    hall.clock.current = morningOf('2026-08-10');
    const { id, version } = first.petition;
    refused(
      await receptionist.call('petitions.accept', {
        id,
        version,
        acceptedOn: '2026-08-02',
        handlingUnit: '镇交通管理站',
      }),
      400,
      /不能早于上一环节的日期（2026-08-03）/,
      'acceptedOn',
    );
    const accepted = resultOf(
      await receptionist.call('petitions.accept', {
        id,
        version,
        acceptedOn: '2026-08-10',
        handlingUnit: '镇交通管理站',
      }),
    );
    // 08-10 + 60 = 10-09, a working day (the day after 国庆节).
    assert.equal(accepted.petition.handlingDueOn, '2026-10-09');
    assert.equal(accepted.petition.deadline?.period, 'handling');
    const notice = squeeze(await archivedPdfText(hall, accepted.document!.id));
    assert.match(notice, /受理告知书/);
    assert.ok(notice.includes('2026年10月9日'), notice);
    assert.ok(notice.includes('60日'), notice);

    hall.clock.current = morningOf('2026-09-28');
    const extended = resultOf(
      await receptionist.call('petitions.extend', {
        id,
        version: accepted.petition.version,
        days: 30,
        reason: '需会同县交通运输局核定补偿标准',
      }),
    );
    // 08-10 + 90 = 11-08, a Sunday.
    assert.equal(extended.petition.handlingDueOn, '2026-11-09');
    assert.deepEqual(extended.petition.extension, {
      extendedOn: '2026-09-28',
      days: 30,
      reason: '需会同县交通运输局核定补偿标准',
      originalDueOn: '2026-10-09',
    });
    const extensionText = squeeze(await archivedPdfText(hall, extended.document!.id));
    assert.ok(extensionText.includes('2026年11月9日'), extensionText);
    refused(
      await receptionist.call('petitions.extend', { id, version: extended.petition.version, days: 5, reason: '再延' }),
      409,
      /只能延长一次/,
    );
    first = extended;
  });

  test('handling events, then the reply (not before acceptance) with the right to a review', async () => {
    hall.clock.current = morningOf('2026-10-20');
    const { id } = first.petition;
    let { version } = first.petition;
    const assigned = resultOf(
      await receptionist.call('petitions.addHandlingEvent', {
        id,
        version,
        kind: 'assigned',
        toBody: '镇交通管理站',
        person: '周站长',
        note: '',
      }),
    );
    assert.equal(assigned.petition.assignedDepartment, '镇交通管理站');
    refused(
      await receptionist.call('petitions.addHandlingEvent', {
        id,
        version: assigned.petition.version,
        kind: 'transferred',
      }),
      400,
      /接收单位/,
      'toBody',
    );
    const transferred = resultOf(
      await receptionist.call('petitions.addHandlingEvent', {
        id,
        version: assigned.petition.version,
        kind: 'transferred',
        on: '2026-10-15',
        toBody: '东川县交通运输局',
        note: '补偿标准由县局核定',
      }),
    );
    assert.deepEqual(
      transferred.petition.events.map((e) => [e.kind, e.on, e.toBody]),
      [
        ['transferred', '2026-10-15', '东川县交通运输局'],
        ['assigned', '2026-10-20', '镇交通管理站'],
      ],
    );
    version = transferred.petition.version;
    refused(
      await receptionist.call('petitions.reply', {
        id,
        version,
        repliedOn: '2026-08-09',
        facts: '经查',
        opinion: '发放',
      }),
      400,
      /答复日期：不能早于受理日期（2026-08-10）/,
      'repliedOn',
    );
    const replied = resultOf(
      await receptionist.call('petitions.reply', {
        id,
        version,
        facts: '经查，村道拓宽占用东岗村一组承包地3.2亩属实，青苗补偿款因标准未核定而未发放。',
        opinion: '县交通运输局已核定标准，补偿款于2026年10月31日前发放到户。',
        basis: '《云南省征收农村集体土地管理办法》',
      }),
    );
    assert.equal(replied.petition.status, 'replied');
    assert.equal(replied.petition.repliedOnTime, true);
    // The window counts from receiving the reply: unknown until its delivery is recorded.
    assert.equal(replied.petition.reviewRequestDueOn, null);
    assert.equal(
      replied.petition.deadline,
      null,
      'nothing owed by the office while the petitioner may ask for a review',
    );
    const reply = squeeze(await archivedPdfText(hall, replied.document!.id));
    for (const expected of ['答复意见书', '东川县人民政府', '30日', '2026年11月19日'])
      assert.ok(reply.includes(expected), `${expected} in ${reply}`);
    // Sent by post, signed for on 10-23: 10-23 + 30 = 11-22, a Sunday, so 11-23.
    refused(
      await receptionist.call('petitions.recordDelivery', {
        id,
        version: replied.petition.version,
        paper: 'reply',
        method: 'post',
        deliveredOn: '2026-10-19',
      }),
      400,
      /送达日期：不能早于答复日期（2026-10-20）/,
      'deliveredOn',
    );
    hall.clock.current = morningOf('2026-10-26');
    const delivered = resultOf(
      await receptionist.call('petitions.recordDelivery', {
        id,
        version: replied.petition.version,
        paper: 'reply',
        method: 'post',
        deliveredOn: '2026-10-23',
      }),
    );
    assert.deepEqual(delivered.petition.reply?.delivery, { deliveredOn: '2026-10-23', method: 'post' });
    assert.equal(delivered.petition.reviewRequestDueOn, '2026-11-23');
    refused(
      await receptionist.call('petitions.recordDelivery', {
        id,
        version: delivered.petition.version,
        paper: 'reply',
        method: 'inPerson',
      }),
      409,
      /答复意见书已于2026-10-23送达/,
    );
    first = delivered;
  });

  test('satisfaction, closing, then a review inside the window reopens it; one outside is refused', async () => {
    const { id } = first.petition;
    let { version } = first.petition;
    const rated = resultOf(
      await receptionist.call('petitions.recordSatisfaction', { id, version, value: 'basicallySatisfied' }),
    );
    const closed = resultOf(await receptionist.call('petitions.close', { id, version: rated.petition.version }));
    assert.equal(closed.petition.status, 'closed');
    assert.equal(closed.petition.closedOn, '2026-10-26');
    hall.clock.current = morningOf('2026-11-25');
    refused(
      await receptionist.call('petitions.requestReview', { id, version: closed.petition.version, level: 'review' }),
      400,
      /30日内提出（截至2026-11-23），已逾期/,
      'requestedOn',
    );
    const requested = resultOf(
      await receptionist.call('petitions.requestReview', {
        id,
        version: closed.petition.version,
        level: 'review',
        requestedOn: '2026-11-18',
      }),
    );
    assert.equal(requested.petition.status, 'underReview');
    assert.equal(requested.petition.closedOn, null);
    // 11-18 + 30 = 12-18.
    assert.deepEqual(requested.petition.deadline, {
      period: 'review',
      dueOn: '2026-12-18',
      colour: 'green',
      daysLeft: 23,
      provisional: false,
    });
    version = requested.petition.version;
    const reviewed = resultOf(
      await receptionist.call('petitions.recordReview', {
        id,
        version,
        level: 'review',
        outcome: 'upheld',
        opinion: '维持原答复意见。',
      }),
    );
    assert.equal(reviewed.petition.reReviewRequestDueOn, null, 'counted from the review’s delivery');
    assert.deepEqual(
      reviewed.petition.reviews.map((r) => [r.level, r.body, r.dueOn, r.answeredOn, r.outcome]),
      [['review', '东川县人民政府', '2026-12-18', '2026-11-25', 'upheld']],
    );
    const reviewDelivered = resultOf(
      await receptionist.call('petitions.recordDelivery', {
        id,
        version: reviewed.petition.version,
        paper: 'review',
        method: 'inPerson',
      }),
    );
    // 11-25 + 30 = 12-25.
    assert.equal(reviewDelivered.petition.reReviewRequestDueOn, '2026-12-25');
    reviewedPetition = reviewDelivered;
  });

  test('a re-review’s hearing is not counted in its period: the period moves on by its days', async () => {
    hall.clock.current = morningOf('2026-12-01');
    const { id } = reviewedPetition.petition;
    const requested = resultOf(
      await receptionist.call('petitions.requestReview', {
        id,
        version: reviewedPetition.petition.version,
        level: 'reReview',
        requestedOn: '2026-11-30',
      }),
    );
    // 11-30 + 30 = 12-30.
    assert.equal(requested.petition.deadline?.dueOn, '2026-12-30');
    refused(
      await receptionist.call('petitions.recordHearing', {
        id,
        version: requested.petition.version,
        heldFrom: '2026-11-29',
        heldTo: '2026-12-01',
      }),
      400,
      /听证开始日期：不能早于复核请求日期（2026-11-30）/,
      'heldFrom',
    );
    const heard = resultOf(
      await receptionist.call('petitions.recordHearing', {
        id,
        version: requested.petition.version,
        heldFrom: '2026-11-30',
        heldTo: '2026-12-01',
        note: '听取双方陈述',
      }),
    );
    // Two hearing days: 11-30 + 32 = 2027-01-01, 元旦 (provisional 2027), so 2027-01-04.
    assert.equal(heard.petition.deadline?.dueOn, '2027-01-04');
    assert.equal(heard.petition.deadline?.provisional, true);
    assert.deepEqual(heard.petition.reviews[1]?.hearing, { from: '2026-11-30', to: '2026-12-01', days: 2 });
    const answered = resultOf(
      await receptionist.call('petitions.recordReview', {
        id,
        version: heard.petition.version,
        level: 'reReview',
        outcome: 'upheld',
        opinion: '维持复查意见。',
      }),
    );
    assert.equal(answered.petition.deadline, null, 'the re-review answered: the office owes nothing');
  });

  test('not accepted: the notice gives the reason and the channel; no closing needed', async () => {
    hall.clock.current = morningOf('2026-11-25');
    const letter = resultOf(
      await receptionist.call('petitions.register', {
        requestId: randomUUID(),
        channel: 'letter',
        receivedOn: '2026-11-23',
        peopleCount: 1,
        petitioners: [{ name: '吴大海', phone: '13700000009' }],
        letter: { postmarkOn: '2026-11-20', fromAddress: '东岗村三组', mailNumber: 'XA123456789CN', pages: 3 },
        category: 'lawAndOrder',
        matter: '反映与邻居房屋买卖合同纠纷，法院判决后对方拒不履行。',
      }),
    );
    assert.equal(letter.petition.number, '青信〔2026〕2号');
    assert.equal(letter.petition.groupVisit, false);
    const { id, version } = letter.petition;
    const decided = resultOf(
      await receptionist.call('petitions.notAccept', {
        id,
        version,
        ground: 'litigation',
        reason: '该事项已经人民法院判决，属于判决执行问题',
        channel: '可向东川县人民法院申请强制执行',
      }),
    );
    assert.equal(decided.petition.status, 'notAccepted');
    assert.equal(decided.petition.deadline, null);
    const notice = squeeze(await archivedPdfText(hall, decided.document!.id));
    for (const expected of ['不予受理告知书', '应当通过诉讼途径解决', '可向东川县人民法院申请强制执行'])
      assert.ok(notice.includes(expected), `${expected} in ${notice}`);
    refused(await receptionist.call('petitions.close', { id, version: decided.petition.version }), 409, /无需办结/);
  });

  test('a reception day with petitions cannot be cancelled or moved; overlapping duties are refused', async () => {
    refused(await receptionist.call('petitions.deleteReceptionDay', { id: receptionDayId }), 409, /已登记信访件/);
    refused(
      await receptionist.call('petitions.saveReceptionDay', {
        on: '2026-08-03',
        startsAt: '10:00',
        endsAt: '12:00',
        place: '东岗村委会',
        leaderName: '李明',
        leaderTitle: '镇长',
      }),
      400,
      /时间重叠/,
      'startsAt',
    );
    const { days } = await leader.ok('petitions.receptionDays', { from: '2026-08-01', to: '2026-08-31' });
    assert.deepEqual(
      days.map((d) => [d.on, d.leaderName, d.petitions]),
      [['2026-08-03', '李明', 1]],
    );
    const rota = await receptionist.ok('petitions.printReceptionRota', { from: '2026-08-01', to: '2026-08-31' });
    const text = squeeze(await archivedPdfText(hall, rota.document.id));
    for (const expected of ['李明', '镇长', '镇信访接待室'])
      assert.ok(text.includes(expected), `${expected} in ${text}`);
  });

  test('working days for a period: a changed setting gives new deadlines and leaves given ones', async () => {
    const settings = await admin.ok('petitions.settings', {});
    await admin.ok('petitions.saveSettings', {
      ...settings,
      counting: { ...settings.counting, acceptance: 'workingDays' },
    });
    const visit = resultOf(
      await receptionist.call('petitions.register', {
        requestId: randomUUID(),
        channel: 'visit',
        receivedOn: '2026-11-20',
        peopleCount: 1,
        petitioners: [{ name: '郑小红', phone: '13600000003' }],
        category: 'labour',
        matter: '在镇内砖厂务工被拖欠工资8600元。',
      }),
    );
    // 15 working days after Friday 11-20: 11-23 … 12-11.
    assert.equal(visit.petition.acceptanceDueOn, '2026-12-11');
    const earlier = await receptionist.ok('petitions.get', { id: first.petition.id });
    assert.equal(earlier.acceptanceDueOn, '2026-08-18', 'a deadline given stays');
    await admin.ok('petitions.saveSettings', settings);
  });

  test('the worklist filters by colour and finds by number, ID number and words of the matter', async () => {
    const numbers = async (colour: 'green' | 'yellow' | 'red') =>
      (await leader.ok('petitions.list', { colour })).petitions.map((p) => p.number);
    // Only 3号 is open, its acceptance due 12-11.
    assert.deepEqual(await numbers('green'), ['青信〔2026〕3号']);
    assert.deepEqual(await numbers('yellow'), []);
    hall.clock.current = morningOf('2026-12-07');
    assert.deepEqual(await numbers('yellow'), ['青信〔2026〕3号']);
    hall.clock.current = morningOf('2026-12-12');
    assert.deepEqual(await numbers('red'), ['青信〔2026〕3号']);
    assert.deepEqual(await numbers('green'), []);
    hall.clock.current = morningOf('2026-11-25');
    assert.equal(
      (await leader.ok('petitions.list', { query: '青信〔2026〕2号' })).petitions[0]?.petitionerNames,
      '吴大海',
    );
    assert.equal((await leader.ok('petitions.list', { query: SUN })).petitions[0]?.number, '青信〔2026〕1号');
    assert.equal((await leader.ok('petitions.list', { query: '青苗补偿' })).petitions.length, 1);
    assert.equal((await leader.ok('petitions.list', { query: '吴大海' })).petitions.length, 1);
  });

  test('attachments are stored by content and refused when not what they say', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% a scanned letter\n');
    const added = await receptionist.ok('petitions.addAttachment', {
      petitionId: first.petition.id,
      fileName: '来信扫描件.pdf',
      mimeType: 'application/pdf',
      uploadId: await receptionist.upload(pdf),
    });
    assert.equal(added.sizeBytes, pdf.byteLength);
    assert.match(added.sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(
      (await unsealedAttachments(hall.backend.db, RECORD_TABLES)).map((a) => a.sha256),
      [added.sha256],
      'petition attachments go up to the county like the mediation ones',
    );
    refused(
      await receptionist.call('petitions.addAttachment', {
        petitionId: first.petition.id,
        fileName: '照片.jpg',
        mimeType: 'image/jpeg',
        uploadId: await receptionist.upload(pdf),
      }),
      400,
      /不是JPG 图片/,
      'uploadId',
    );
    // An upload is the session's that sent it: another user's id is refused as if it never was.
    const othersUpload = await leader.upload(pdf);
    refused(
      await receptionist.call('petitions.addAttachment', {
        petitionId: first.petition.id,
        fileName: '来信扫描件.pdf',
        mimeType: 'application/pdf',
        uploadId: othersUpload,
      }),
      400,
      /^文件内容：上传已过期，请重新选择文件$/,
      'uploadId',
    );
    const link = await leader.ok('petitions.attachmentFile', { attachmentId: added.id });
    assert.equal(link.fileName, '来信扫描件.pdf');
  });

  test('the month counts batches and people apart', async () => {
    const august = await leader.ok('petitions.statistics', { period: '2026-08' });
    assert.equal(august.totals.visitBatches, 1);
    assert.equal(august.totals.visitPeople, 6);
    assert.equal(august.totals.groupVisitBatches, 1);
    assert.equal(august.totals.groupVisitPeople, 6);
    assert.equal(august.totals.leaderReceived, 1);
    assert.equal(august.totals.accepted, 1);
    const october = await leader.ok('petitions.statistics', { period: '2026-10' });
    assert.equal(october.totals.replied, 1);
    assert.equal(october.totals.repliedOnTime, 1);
    const november = await leader.ok('petitions.statistics', { period: '2026-11' });
    assert.equal(november.totals.letters, 1);
    assert.equal(november.totals.notAccepted, 1);
    assert.equal(november.totals.reviewsRequested, 1);
  });
});
