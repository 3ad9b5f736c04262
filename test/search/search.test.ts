// The one search and a resident's history over real HTTP on a real database: every kind of
// query (numbers, tails, names, initials, ID tails, codes typed and scanned, full-width input),
// what each role gets (as declared: a clerk and a village agent no petitions, a mediator only
// the disputes of the committees served on), and the audit events the answers leave.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { catalogFile } from '../../shared/catalog/catalog';
import { residentId } from '../support/ids';
import { morningOf, refused, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const item = demoCatalog.items.find((i) => i.agentAllowed && i.activeTo === null && i.handlingType === 'promised')!;
const required = item.materials.filter((m) => m.required).map((m) => m.name);

/** 欧阳锋 is in everything: a case, an errand, a dispute as a party, a group petition as a member. */
const OUYANG_ID = residentId('19620718', 51);

function ids(group: { items: { id: string }[] } | null): string[] {
  return group ? group.items.map((item) => item.id) : [];
}

function toFullWidth(text: string): string {
  return [...text].map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
}

describe('search.everything and search.residentHistory', () => {
  let hall: TestHall;
  const users: Record<string, TestClient> = {};
  const userIds: Record<string, string> = {};
  const rec = {} as Record<
    'ouyang' | 'huang' | 'case' | 'errand' | 'committeeX' | 'committeeY' | 'disputeX' | 'disputeY' | 'petition',
    string
  >;
  let caseNumber = '';
  let receiptCode = '';
  let petitionNumber = '';
  let disputeNumber = '';

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    hall = started.hall;
    const { admin, village } = started;
    hall.clock.current = morningOf('2026-11-02');
    await admin.ok('catalog.importFile', demoCatalog);
    const otherVillage = (await admin.ok('places.saveVillage', { name: '西岭村', kind: 'village', groups: [] })).id;
    users.admin = admin;
    for (const [name, roles] of [
      ['clerk', ['counterClerk']],
      ['agent', ['villageAgent']],
      ['mediator', ['mediator']],
      ['receptionist', ['petitionReceptionist']],
      ['leader', ['leader']],
    ] as const) {
      users[name] = await signedInAs(hall, admin, name, [...roles]);
      userIds[name] = (await users[name].ok('auth.session', {}))!.user.id;
    }
    await admin.ok('errands.setAgentVillage', { userId: userIds.agent!, villageId: village.id });

    const register = async (name: string, idNumber: string, villageId: string, phone = '') =>
      (
        await admin.ok('residents.register', {
          name,
          idType: 'residentId',
          idNumber,
          phone,
          ethnicity: '汉族',
          villageId,
        })
      ).id;
    rec.ouyang = await register('欧阳锋', OUYANG_ID, village.id, '13912345678');
    rec.huang = await register('黄药师', residentId('19600505', 53), otherVillage);

    const intake = await users.clerk!.ok('counter.intake', {
      requestId: crypto.randomUUID(),
      residentId: rec.ouyang,
      itemCode: item.code,
      receivedMaterials: required,
      window: '1号窗口',
      decision: 'accept',
    });
    rec.case = intake.case.id;
    caseNumber = intake.case.caseNumber!;
    receiptCode = intake.document!.verificationCode;

    const errand = await users.agent!.ok('errands.register', {
      requestId: crypto.randomUUID(),
      residentId: rec.ouyang,
      itemCode: item.code,
    });
    rec.errand = errand.errand.id;

    const committee = async (name: string, casePrefix: string) =>
      (
        await admin.ok('mediation.saveCommittee', {
          name,
          kind: 'township',
          villageId: null,
          speciality: null,
          sealName: name,
          casePrefix,
          phone: '',
          active: true,
        })
      ).id;
    rec.committeeX = await committee('青石镇人民调解委员会', '青调');
    rec.committeeY = await committee('青石镇交通事故纠纷人民调解委员会', '青交调');
    await admin.ok('mediation.saveMediator', {
      name: '刘德明',
      idNumber: residentId('19750101', 21),
      phone: '',
      committeeIds: [rec.committeeX],
      specialities: [],
      fullTime: true,
      lawyer: false,
      userId: userIds.mediator!,
      active: true,
    });
    const party = (name: string, sequence: number, side: 'applicant' | 'respondent', residentLink?: string) => ({
      side,
      kind: 'person' as const,
      name,
      sex: 'male' as const,
      ethnicity: '汉族',
      birthDate: '1962-07-18',
      occupation: '农民',
      idNumber: residentId('19620718', sequence),
      address: '东岗村',
      phone: '',
      ...(residentLink ? { residentId: residentLink } : {}),
    });
    const dispute = async (committeeId: string, parties: unknown[]) =>
      await admin.ok('mediation.registerDispute', {
        requestId: crypto.randomUUID(),
        committeeId,
        source: 'oralApplication',
        category: 'neighbour',
        facts: '两家因宅基地边界的围墙发生争执。',
        villageId: village.id,
        placeDetail: '',
        amountYuan: null,
        peopleInvolved: 2,
        risky: false,
        riskNote: '',
        parties,
      });
    // In committee Y (not the mediator's), 欧阳锋 as a linked party against 洪七公, who is no resident.
    rec.disputeY = (
      await dispute(rec.committeeY, [party('欧阳锋', 51, 'applicant', rec.ouyang), party('洪七公', 55, 'respondent')])
    ).dispute.id;
    const accepted = await admin.ok('mediation.acceptDispute', { id: rec.disputeY, version: 1 });
    disputeNumber = accepted.dispute.caseNumber!;
    // In committee X, 欧阳锋 typed by hand (same ID number, no link to the register).
    rec.disputeX = (
      await dispute(rec.committeeX, [party('欧阳锋', 51, 'applicant'), party('郭靖', 57, 'respondent')])
    ).dispute.id;

    const petition = await users.receptionist!.ok('petitions.register', {
      requestId: crypto.randomUUID(),
      channel: 'visit',
      receivedAt: '09:10',
      peopleCount: 5,
      petitioners: [
        {
          name: '梅超风',
          idNumber: residentId('19650312', 62),
          phone: '13800000001',
          address: '东岗村',
          representative: true,
        },
        {
          name: '欧阳锋',
          idNumber: OUYANG_ID,
          phone: '',
          address: '东岗村',
          representative: false,
          residentId: rec.ouyang,
        },
      ],
      category: 'expropriation',
      matter: '村道拓宽占用承包地，青苗补偿款至今未发放。',
      requests: '要求发放青苗补偿款。',
      place: '',
      departmentConcerned: '',
    });
    rec.petition = petition.petition.id;
    petitionNumber = petition.petition.number;
  });
  after(() => hall?.close());

  const search = (who: string, query: string) => users[who]!.ok('search.everything', { query });

  test('a 受理编号 in full opens its case; its tail with or without zeros finds it among the numbers', async () => {
    const full = await search('clerk', caseNumber);
    assert.deepEqual(ids(full.cases), [rec.case]);
    assert.equal(full.cases!.items[0]!.exact, true);
    assert.equal(full.cases!.items[0]!.matchedBy, '受理编号');
    assert.deepEqual(full.direct, { kind: 'counterCase', id: rec.case, caseId: null });

    const sequence = caseNumber.slice(-6);
    for (const tail of [String(Number(sequence)), sequence]) {
      const found = await search('clerk', tail);
      assert.ok(ids(found.cases).includes(rec.case), `tail ${tail}`);
      assert.equal(found.cases!.items[0]!.exact, false);
      assert.equal(found.direct, null, 'a tail is not exact: Enter shows the list');
    }
  });

  test('full-width, lower-case and unpadded numbers are read as the number', async () => {
    const year = caseNumber.slice(3, 7);
    const sequence = Number(caseNumber.slice(-6));
    for (const typed of [
      toFullWidth(caseNumber),
      caseNumber.toLowerCase(),
      `sl-${year}-${sequence}`,
      `${year}-${sequence}`,
    ]) {
      const found = await search('clerk', typed);
      assert.deepEqual(found.direct, { kind: 'counterCase', id: rec.case, caseId: null }, typed);
    }
  });

  test('a receipt’s verification code, typed, lower-case, full-width or scanned as a link, finds the paper and opens the case', async () => {
    const link = `https://county.example.cn/verify?code=${encodeURIComponent(receiptCode)}&sig=AbC123`;
    for (const typed of [receiptCode, receiptCode.toLowerCase().replace(/-/g, ''), toFullWidth(receiptCode), link]) {
      const found = await search('clerk', typed);
      assert.equal(found.documents.items.length, 1, typed);
      assert.equal(found.documents.items[0]!.verificationCode, receiptCode);
      assert.match(found.documents.items[0]!.recordLabel, new RegExp(caseNumber));
      assert.deepEqual(ids(found.cases), [rec.case]);
      assert.equal(found.cases!.items[0]!.matchedBy, '核验码');
      assert.deepEqual(found.direct, { kind: 'counterCase', id: rec.case, caseId: null }, typed);
    }
    refused(
      await users.clerk!.call('search.everything', { query: 'https://county.example.cn/verify?sig=AbC123' }),
      400,
      /链接中没有有效的核验码/,
      'query',
    );
  });

  test('a name, pinyin initials and an ID tail find the resident and, for the leader, every record of the person', async () => {
    for (const query of ['欧阳锋', 'oyf', OUYANG_ID.slice(-4), OUYANG_ID.slice(-6)]) {
      const found = await search('leader', query);
      assert.deepEqual(ids(found.residents), [rec.ouyang], query);
      assert.deepEqual(ids(found.cases), [rec.case], query);
      assert.deepEqual(ids(found.errands), [rec.errand], query);
      // Both disputes: the linked party, and the one typed by hand with the same ID number.
      assert.deepEqual(new Set(ids(found.disputes)), new Set([rec.disputeX, rec.disputeY]), query);
      assert.deepEqual(ids(found.petitions), [rec.petition], `${query}: a member of a group petition`);
      assert.equal(found.direct, null, `${query}: not exact`);
    }
    const byId = await search('leader', OUYANG_ID);
    assert.deepEqual(byId.direct, { kind: 'resident', id: rec.ouyang, caseId: null }, 'a full ID number is exact');
    // A party who is not registered as a resident is found by the full name.
    const hong = await search('leader', '洪七公');
    assert.deepEqual(ids(hong.residents), []);
    assert.deepEqual(ids(hong.disputes), [rec.disputeY]);
    assert.equal(hong.disputes!.items[0]!.matchedBy, '当事人');
  });

  test('a 信访编号 and a 调解案号 in full are exact hits for whoever reads them', async () => {
    const petition = await search('receptionist', petitionNumber);
    assert.deepEqual(petition.direct, { kind: 'petition', id: rec.petition, caseId: null });
    const bracketed = petitionNumber.replace('〔', '[').replace('〕', ']');
    assert.deepEqual((await search('leader', bracketed)).direct?.id, rec.petition);
    const dispute = await search('leader', disputeNumber);
    assert.deepEqual(dispute.direct, { kind: 'dispute', id: rec.disputeY, caseId: null });
    const halfWidth = disputeNumber.replace('（', '(').replace('）', ')');
    assert.deepEqual((await search('leader', halfWidth)).direct?.id, rec.disputeY);
  });

  test('access as declared: a clerk and a village agent get no petitions, a mediator only the own committee’s disputes', async () => {
    const clerk = await search('clerk', '欧阳锋');
    assert.equal(clerk.petitions, null, 'the clerk’s role reads no petitions: no group at all');
    assert.equal(clerk.disputes, null);
    assert.deepEqual(ids(clerk.cases), [rec.case]);
    assert.deepEqual(ids(clerk.errands), [rec.errand]);
    const clerkByNumber = await search('clerk', petitionNumber);
    assert.equal(clerkByNumber.petitions, null);
    assert.equal(clerkByNumber.direct, null, 'a petition number names nothing the clerk may open');

    const agent = await search('agent', '欧阳锋');
    assert.deepEqual(ids(agent.residents), [rec.ouyang]);
    assert.equal(agent.cases, null, 'a village agent reads errands, not cases');
    assert.equal(agent.petitions, null);
    assert.deepEqual(ids(agent.errands), [rec.errand]);
    const agentOther = await search('agent', '黄药师');
    assert.deepEqual(ids(agentOther.residents), [], 'a resident of another village');

    const mediator = await search('mediator', '欧阳锋');
    assert.deepEqual(ids(mediator.disputes), [rec.disputeX], 'only the dispute of the mediator’s committee');
    assert.equal(mediator.petitions, null);
    assert.equal(mediator.cases, null);

    // A receipt code of a case: the agent may not read the case, so not the receipt either.
    const agentCode = await search('agent', receiptCode);
    assert.deepEqual(agentCode.documents.items, []);
    assert.equal(agentCode.direct, null);
  });

  test('each answer is audited: one event per kind it listed, naming the records; one when nothing was found', async () => {
    const db = hall.backend.db;
    const before = await db
      .selectFrom('audit_events')
      .select('id')
      .where('procedure', '=', 'search.everything')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    await search('leader', '欧阳锋');
    const events = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('procedure', '=', 'search.everything')
      .where('id', '>', before?.id ?? '')
      .execute();
    const byEntity = new Map(events.map((e) => [e.entity, e]));
    assert.deepEqual([...byEntity.keys()].sort(), ['counterCase', 'dispute', 'errand', 'petition', 'resident']);
    assert.equal(byEntity.get('petition')!.action, 'readPersonalData');
    assert.equal(byEntity.get('petition')!.actor_id, userIds.leader);
    assert.deepEqual(JSON.parse(byEntity.get('petition')!.record_ids!), [rec.petition]);
    assert.match(byEntity.get('petition')!.summary, /一站查找“欧阳锋”（信访件 1 条）/);

    await search('clerk', '没有此人');
    const none = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('procedure', '=', 'search.everything')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(none.actor_id, userIds.clerk);
    assert.match(none.summary, /一站查找“没有此人”（无结果）/);

    await search('leader', OUYANG_ID);
    const masked = await db
      .selectFrom('audit_events')
      .select('summary')
      .where('procedure', '=', 'search.everything')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.ok(!masked.summary.includes(OUYANG_ID), 'a full ID number is masked in the log');
  });

  test('bad input is refused naming the field', async () => {
    refused(
      await users.clerk!.call('search.everything', { query: 'x'.repeat(301) }),
      400,
      /查询内容：最多 300 个字符/,
      'query',
    );
    refused(await users.clerk!.call('search.everything', { query: '   ' }), 400, /查询内容：请输入/, 'query');
  });

  test('a resident’s history: all four kinds for the leader, what the role reads for the others', async () => {
    const leader = await users.leader!.ok('search.residentHistory', { residentId: rec.ouyang });
    assert.deepEqual(ids({ items: leader.cases }), [rec.case]);
    assert.deepEqual(ids({ items: leader.errands }), [rec.errand]);
    assert.deepEqual(new Set(ids({ items: leader.disputes })), new Set([rec.disputeX, rec.disputeY]));
    assert.deepEqual(ids({ items: leader.petitions }), [rec.petition]);
    assert.deepEqual(leader.coverage, []);
    assert.equal(leader.cases[0]!.deadline?.unit, 'workingDays', 'an open case carries its deadline');

    const clerk = await users.clerk!.ok('search.residentHistory', { residentId: rec.ouyang });
    assert.deepEqual(ids({ items: clerk.cases }), [rec.case]);
    assert.deepEqual(ids({ items: clerk.errands }), [rec.errand]);
    assert.deepEqual(clerk.disputes, []);
    assert.deepEqual(clerk.petitions, []);
    assert.deepEqual(
      clerk.coverage.map((c) => c.note),
      ['您的角色不能查看纠纷，此处不列出', '您的角色不能查看信访件，此处不列出'],
    );

    const mediator = await users.mediator!.ok('search.residentHistory', { residentId: rec.ouyang });
    assert.deepEqual(ids({ items: mediator.disputes }), [rec.disputeX]);
    assert.ok(mediator.coverage.some((c) => c.note === '只列出本人任职的调委会的纠纷'));

    // A village agent reads the residents of the own village only: another's history is refused.
    refused(await users.agent!.call('search.residentHistory', { residentId: rec.huang }), 403, /本人负责的村/);
    const agent = await users.agent!.ok('search.residentHistory', { residentId: rec.ouyang });
    assert.deepEqual(ids({ items: agent.errands }), [rec.errand]);
    assert.deepEqual(agent.cases, []);

    const event = await hall.backend.db
      .selectFrom('audit_events')
      .selectAll()
      .where('procedure', '=', 'search.residentHistory')
      .where('actor_id', '=', userIds.leader!)
      .where('entity', '=', 'petition')
      .executeTakeFirstOrThrow();
    assert.match(event.summary, /查看居民“欧阳锋”的办事记录（信访件 1 条）/);
  });
});
