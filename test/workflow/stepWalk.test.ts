// Every step of every kind of record, tried over real HTTP on a record in every status: the
// backend refuses each step its kind's declaration refuses, with exactly the declaration's
// words (refusalOf, the function the UI draws its buttons from). The records are brought to each
// status through the API itself; the steps that are allowed are not taken here (the walk to each
// status takes them, and the domains' own tests check what they do).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { ProcedureName } from '../../shared/api/procedures';
import type { SessionUser } from '../../shared/auth/api';
import { catalogFile } from '../../shared/catalog/catalog';
import { caseKind, type CaseStep } from '../../shared/counter/caseKind';
import { errandKind, type ErrandStep } from '../../shared/counter/errandKind';
import { disputeKind, type DisputeStep } from '../../shared/mediation/disputeKind';
import { petitionKind, type PetitionStep } from '../../shared/petitions/petitionKind';
import { refusalOf, type RecordKind } from '../../shared/workflow/kind';
import { residentId } from '../support/ids';
import { li, zhang, townshipCommittee } from '../support/mediationParties';
import { morningOf, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const item = demoCatalog.items.find((i) => i.agentAllowed && i.activeTo === null && i.handlingType === 'promised')!;
const required = item.materials.filter((m) => m.required).map((m) => m.name);
/** An upload id of the right shape: each attach step is refused by its status before its file is looked for. */
const NO_UPLOAD = 'A'.repeat(22);

type Call = [ProcedureName, Record<string, unknown>];
interface Walked<R> {
  status: string;
  record: R;
}

/** Tries every step on every walked record and checks the answer against the declaration. */
async function tryEveryStep<S extends string, K extends string, R extends { version: number; id: string }>(
  kind: RecordKind<S, K, R>,
  walked: Walked<R>[],
  calls: Record<K, (record: R) => Call>,
  actor: (step: K) => { client: TestClient; user: SessionUser },
  today: string,
) {
  let refusals = 0;
  for (const { record } of walked) {
    for (const step of Object.keys(calls) as K[]) {
      const { client, user } = actor(step);
      const refusal = refusalOf(kind, step, record, user, today);
      if (!refusal) continue;
      const [procedure, input] = calls[step](record);
      const answer = await client.call(procedure, input);
      const where = `${kind.noun}（${kind.statusLabels[kind.status(record)]}）：${kind.steps[step].label}`;
      assert.ok(!answer.body.ok, `${where} must be refused: ${JSON.stringify(answer.body)}`);
      assert.ok(
        answer.body.error.message.includes(refusal.message),
        `${where}: “${answer.body.error.message}” should say “${refusal.message}”`,
      );
      refusals++;
    }
  }
  // Each status refuses something, and every status was reached.
  assert.deepEqual(
    new Set(walked.map((w) => w.status)),
    new Set(Object.keys(kind.statusLabels)),
    'the walk reaches every status',
  );
  assert.ok(refusals > walked.length);
}

describe('every step in every status, refused by the backend in the declaration’s words', () => {
  let hall: TestHall;
  let admin: TestClient;
  const users: Record<string, { client: TestClient; user: SessionUser }> = {};
  let villageId: string;
  const today = '2026-11-02';

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    ({ hall, admin } = started);
    villageId = started.village.id;
    hall.clock.current = morningOf(today);
    await admin.ok('catalog.importFile', demoCatalog);
    for (const [name, roles] of [
      ['clerk', ['counterClerk']],
      ['agent', ['villageAgent']],
      ['mediator', ['mediator']],
      ['receptionist', ['petitionReceptionist']],
    ] as const) {
      const client = await signedInAs(hall, admin, name, [...roles]);
      users[name] = { client, user: (await client.ok('auth.session', {}))!.user };
    }
    await admin.ok('errands.setAgentVillage', { userId: users.agent!.user.id, villageId });
    users.agent!.user = (await users.agent!.client.ok('auth.session', {}))!.user;
  });
  after(() => hall.close());

  test('the counter case', async () => {
    const clerk = users.clerk!.client;
    const resident = (
      await admin.ok('residents.register', {
        name: '柳青',
        idType: 'residentId',
        idNumber: residentId('19700101', 21),
        ethnicity: '汉族',
        villageId,
      })
    ).id;
    const intake = async (decision: 'accept' | 'awaitMaterials' | 'refuse') =>
      (
        await clerk.ok('counter.intake', {
          requestId: crypto.randomUUID(),
          residentId: resident,
          itemCode: item.code,
          receivedMaterials: decision === 'accept' ? required : [],
          window: '1号窗口',
          decision,
          refusalReason: decision === 'refuse' ? '不属本镇受理范围' : '',
        })
      ).case;
    type Case = Awaited<ReturnType<typeof intake>>;
    const step = async (c: Case, procedure: ProcedureName, input: Record<string, unknown> = {}) =>
      ((await clerk.ok(procedure, { caseId: c.id, version: c.version, ...input })) as { case: Case }).case;
    const accepted = await intake('accept');
    const inProgress = await step(await intake('accept'), 'counter.startHandling');
    const forwarded = await step(await intake('accept'), 'counter.forward', { department: '县民政局' });
    const paused = await step(await intake('accept'), 'counter.pause', { kind: 'materials', reason: '补正' });
    const completedCase = async () => step(await intake('accept'), 'counter.complete', { result: 'approved' });
    const deliveredCase = async () =>
      step(await completedCase(), 'counter.deliver', { method: 'collected', signedBy: '柳青' });
    const completed = await completedCase();
    const delivered = await deliveredCase();
    const rated = await step(await deliveredCase(), 'counter.rate', { level: 'satisfied', channel: 'clerk' });
    const voided = await step(await intake('accept'), 'counter.void', { reason: '录错了' });
    const walked = [
      await intake('awaitMaterials'),
      await intake('refuse'),
      accepted,
      inProgress,
      forwarded,
      paused,
      completed,
      delivered,
      rated,
      voided,
    ].map((record) => ({ status: record.status, record }));
    const calls: Record<CaseStep, (c: Case) => Call> = {
      accept: (c) => ['counter.accept', { caseId: c.id, version: c.version, receivedMaterials: [], window: '1号窗口' }],
      startHandling: (c) => ['counter.startHandling', { caseId: c.id, version: c.version }],
      forward: (c) => ['counter.forward', { caseId: c.id, version: c.version, department: '县民政局' }],
      recordForwardReply: (c) => ['counter.recordForwardReply', { caseId: c.id, version: c.version, reply: '同意' }],
      pause: (c) => ['counter.pause', { caseId: c.id, version: c.version, kind: 'materials', reason: '补正' }],
      resume: (c) => ['counter.resume', { caseId: c.id, version: c.version }],
      complete: (c) => ['counter.complete', { caseId: c.id, version: c.version, result: 'approved' }],
      deliver: (c) => ['counter.deliver', { caseId: c.id, version: c.version, method: 'collected', signedBy: '柳青' }],
      rate: (c) => ['counter.rate', { caseId: c.id, version: c.version, level: 'satisfied', channel: 'clerk' }],
      closeFollowUp: (c) => ['counter.closeFollowUp', { caseId: c.id, version: c.version, actionTaken: '已整改' }],
      void: (c) => ['counter.void', { caseId: c.id, version: c.version, reason: '录错了' }],
      attach: (c) => [
        'counter.attach',
        { caseId: c.id, fileName: '户口簿.jpg', mimeType: 'image/jpeg', uploadId: NO_UPLOAD },
      ],
      receiveMaterials: (c) => [
        'counter.receiveMaterials',
        { caseId: c.id, version: c.version, receivedMaterials: [required[0]] },
      ],
    };
    await tryEveryStep(caseKind, walked, calls, () => users.clerk!, today);
  });

  test('the errand', async () => {
    const agent = users.agent!.client;
    const resident = (
      await admin.ok('residents.register', {
        name: '杜鹃',
        idType: 'residentId',
        idNumber: residentId('19650101', 31),
        ethnicity: '汉族',
        villageId,
      })
    ).id;
    const register = async () =>
      (
        await agent.ok('errands.register', {
          requestId: crypto.randomUUID(),
          residentId: resident,
          itemCode: item.code,
        })
      ).errand;
    type Errand = Awaited<ReturnType<typeof register>>;
    const collect = async (e: Errand) =>
      (await agent.ok('errands.collect', { errandId: e.id, version: e.version, collectedMaterials: required })).errand;
    const handOver = async (e: Errand) => {
      await users.clerk!.client.ok('errands.handOver', {
        requestId: crypto.randomUUID(),
        agentId: e.agentId,
        errandIds: [e.id],
        window: '2号窗口',
      });
      return (await agent.ok('errands.mine', { includeClosed: true })).errands.find((x) => x.id === e.id)!;
    };
    const handedOver = await handOver(await collect(await register()));
    const toDeliver = await handOver(await collect(await register()));
    const caseNow = (await users.clerk!.client.ok('counter.get', { caseId: toDeliver.case!.id })).case;
    await users.clerk!.client.ok('counter.complete', {
      caseId: caseNow.id,
      version: caseNow.version,
      result: 'approved',
    });
    const delivered = (
      await agent.ok('errands.recordDelivery', { errandId: toDeliver.id, version: toDeliver.version, signedBy: '杜鹃' })
    ).errand;
    const withdrawn = (
      await agent.ok('errands.withdraw', { errandId: (await register()).id, version: 1, reason: '群众自己去办了' })
    ).errand;
    const walked = [await register(), await collect(await register()), handedOver, delivered, withdrawn].map(
      (record) => ({ status: record.status, record }),
    );
    const calls: Record<ErrandStep, (e: Errand) => Call> = {
      collect: (e) => ['errands.collect', { errandId: e.id, version: e.version, collectedMaterials: [] }],
      attach: (e) => [
        'errands.attach',
        { errandId: e.id, fileName: '户口簿.jpg', mimeType: 'image/jpeg', uploadId: NO_UPLOAD },
      ],
      withdraw: (e) => ['errands.withdraw', { errandId: e.id, version: e.version, reason: '不办了' }],
      handOver: (e) => [
        'errands.handOver',
        { requestId: crypto.randomUUID(), agentId: e.agentId, errandIds: [e.id], window: '2号窗口' },
      ],
      deliver: (e) => ['errands.recordDelivery', { errandId: e.id, version: e.version, signedBy: '杜鹃' }],
    };
    await tryEveryStep(errandKind, walked, calls, (step) => (step === 'handOver' ? users.clerk! : users.agent!), today);
  });

  test('the dispute', async () => {
    const mediator = users.mediator!.client;
    const committeeId = (await admin.ok('mediation.saveCommittee', townshipCommittee)).id;
    const mediatorId = (
      await admin.ok('mediation.saveMediator', {
        name: '王芳',
        idNumber: residentId('19800101', 42),
        phone: '',
        committeeIds: [committeeId],
        specialities: [],
        fullTime: true,
        lawyer: false,
        userId: users.mediator!.user.id,
        active: true,
      })
    ).id;
    users.mediator!.user = (await mediator.ok('auth.session', {}))!.user;
    const fields = {
      source: 'oralApplication',
      category: 'neighbour',
      facts: '两家因宅基地边界的围墙发生争执。',
      villageId,
      placeDetail: '',
      amountYuan: null,
      peopleInvolved: 2,
      risky: false,
      riskNote: '',
      parties: [zhang, li],
    } as const;
    const register = async () =>
      (await mediator.ok('mediation.registerDispute', { requestId: crypto.randomUUID(), committeeId, ...fields }))
        .dispute;
    type Dispute = Awaited<ReturnType<typeof register>>;
    const step = async (d: Dispute, procedure: ProcedureName, input: Record<string, unknown> = {}) =>
      ((await mediator.ok(procedure, { id: d.id, version: d.version, ...input })) as { dispute: Dispute }).dispute;
    const accept = (d: Dispute) => step(d, 'mediation.acceptDispute');
    const settle = async () =>
      step(
        await step(await accept(await register()), 'mediation.assignMediators', {
          mediatorIds: [mediatorId],
          leadMediatorId: mediatorId,
        }),
        'mediation.recordOralAgreement',
        {
          content: '拆除围墙，重新划界。',
        },
      );
    const terminated = await step(await accept(await register()), 'mediation.terminate', { reason: '双方分歧较大' });
    const closed = await step(
      await step(await accept(await register()), 'mediation.terminate', { reason: '双方分歧较大' }),
      'mediation.closeDispute',
      { summary: '终止调解后结案' },
    );
    const walked = [
      await register(),
      await step(await register(), 'mediation.refuseDispute', { reason: '已起诉' }),
      await step(await accept(await register()), 'mediation.assignMediators', {
        mediatorIds: [mediatorId],
        leadMediatorId: mediatorId,
      }),
      await settle(),
      terminated,
      closed,
    ].map((record) => ({ status: record.status, record }));
    const id = (d: Dispute) => ({ id: d.id, version: d.version });
    const calls: Record<DisputeStep, (d: Dispute) => Call> = {
      accept: (d) => ['mediation.acceptDispute', id(d)],
      refuse: (d) => ['mediation.refuseDispute', { ...id(d), reason: '已起诉' }],
      update: (d) => ['mediation.updateDispute', { ...id(d), ...fields }],
      session: (d) => [
        'mediation.addRecord',
        {
          ...id(d),
          kind: 'session',
          heldOn: today,
          place: '调解室',
          mediatorIds: [mediatorId],
          findings: '未达成一致',
          statements: [],
        },
      ],
      investigation: (d) => [
        'mediation.addRecord',
        {
          ...id(d),
          kind: 'investigation',
          heldOn: today,
          place: '现场',
          mediatorIds: [mediatorId],
          findings: '围墙占地',
          statements: [],
        },
      ],
      assign: (d) => ['mediation.assignMediators', { ...id(d), mediatorIds: [mediatorId], leadMediatorId: mediatorId }],
      recusal: (d) => [
        'mediation.recordRecusal',
        { ...id(d), mediatorId, requestedByPartyId: d.parties[0]!.id, reason: '亲戚' },
      ],
      attach: (d) => [
        'mediation.addAttachment',
        { disputeId: d.id, fileName: '照片.png', mimeType: 'image/png', uploadId: NO_UPLOAD, caption: '' },
      ],
      agreementDraft: (d) => [
        'mediation.saveAgreementDraft',
        {
          ...id(d),
          agreement: {
            facts: '',
            disputedMatters: '围墙的位置。',
            responsibilities: '双方各负其责。',
            terms: ['拆除围墙，按原界线重建。'],
            performanceManner: '双方共同出工。',
            recorder: '王芳',
          },
        },
      ],
      issueAgreement: (d) => ['mediation.issueAgreement', id(d)],
      oral: (d) => ['mediation.recordOralAgreement', { ...id(d), content: '拆除围墙' }],
      terminate: (d) => ['mediation.terminate', { ...id(d), reason: '分歧较大' }],
      recordFollowUp: (d) => [
        'mediation.saveFollowUp',
        { ...id(d), doneOn: today, byName: '王芳', performance: 'full', notes: '' },
      ],
      planFollowUp: (d) => ['mediation.saveFollowUp', { ...id(d), plannedOn: today, byName: '王芳' }],
      courtForm: (d) => ['mediation.courtApplicationForm', { id: d.id, court: '某县人民法院' }],
      courtRecord: (d) => [
        'mediation.recordCourtConfirmation',
        { ...id(d), appliedOn: null, court: '', decision: null, decidedOn: null },
      ],
      close: (d) => ['mediation.closeDispute', { ...id(d), summary: '结案' }],
      caseFile: (d) => ['mediation.caseFile', { id: d.id }],
      annotate: (d) => ['mediation.annotate', { id: d.id, text: '批注' }],
    };
    await tryEveryStep(disputeKind, walked, calls, () => users.mediator!, today);
  });

  test('the petition', async () => {
    const desk = users.receptionist!.client;
    const register = async () =>
      (
        await desk.ok('petitions.register', {
          requestId: crypto.randomUUID(),
          channel: 'letter',
          peopleCount: 1,
          letter: { postmarkOn: null, fromAddress: '东岗村', mailNumber: '', pages: 1 },
          petitioners: [{ name: '赵𠮷祥', idNumber: '', phone: '', address: '东岗村一组', representative: false }],
          category: 'expropriation',
          matter: '青苗补偿款未发放。',
          requests: '发放补偿款。',
          place: '',
          departmentConcerned: '',
        })
      ).petition;
    type Petition = Awaited<ReturnType<typeof register>>;
    const step = async (p: Petition, procedure: ProcedureName, input: Record<string, unknown> = {}) =>
      ((await desk.ok(procedure, { id: p.id, version: p.version, ...input })) as { petition: Petition }).petition;
    const accepted = async () => step(await register(), 'petitions.accept', { handlingUnit: '镇农业农村办' });
    const replied = async () =>
      step(await accepted(), 'petitions.reply', { facts: '经查属实', opinion: '月底前发放', basis: '补偿办法' });
    const underReview = async () => step(await replied(), 'petitions.requestReview', { level: 'review' });
    const reviewed = async () =>
      step(await underReview(), 'petitions.recordReview', { level: 'review', outcome: 'upheld', opinion: '维持' });
    const underReReview = async () => step(await reviewed(), 'petitions.requestReview', { level: 'reReview' });
    const reReviewed = async () =>
      step(await underReReview(), 'petitions.recordReview', { level: 'reReview', outcome: 'upheld', opinion: '维持' });
    const walked = [
      await register(),
      await accepted(),
      await step(await register(), 'petitions.notAccept', {
        ground: 'other',
        reason: '不属本机关',
        channel: '向县局反映',
      }),
      await replied(),
      await underReview(),
      await reviewed(),
      await underReReview(),
      await reReviewed(),
      await step(await replied(), 'petitions.close'),
    ].map((record) => ({ status: record.status, record }));
    const id = (p: Petition) => ({ id: p.id, version: p.version });
    const calls: Record<PetitionStep, (p: Petition) => Call> = {
      accept: (p) => ['petitions.accept', { ...id(p), handlingUnit: '镇农业农村办' }],
      notAccept: (p) => [
        'petitions.notAccept',
        { ...id(p), ground: 'other', reason: '不属本机关', channel: '向县局反映' },
      ],
      leaderDecision: (p) => ['petitions.recordLeaderDecision', { ...id(p), decision: 'onTheSpot' }],
      reply: (p) => ['petitions.reply', { ...id(p), facts: '经查', opinion: '发放', basis: '办法' }],
      event: (p) => ['petitions.addHandlingEvent', { ...id(p), kind: 'progress', note: '正在核实' }],
      extend: (p) => ['petitions.extend', { ...id(p), days: 10, reason: '需要调查' }],
      satisfaction: (p) => ['petitions.recordSatisfaction', { ...id(p), value: 'satisfied' }],
      deliverReply: (p) => ['petitions.recordDelivery', { ...id(p), paper: 'reply', method: 'inPerson' }],
      requestReview: (p) => ['petitions.requestReview', { ...id(p), level: 'review' }],
      deliverReview: (p) => ['petitions.recordDelivery', { ...id(p), paper: 'review', method: 'post' }],
      hearing: (p) => ['petitions.recordHearing', { ...id(p), heldFrom: today }],
      recordReview: (p) => [
        'petitions.recordReview',
        { ...id(p), level: 'review', outcome: 'upheld', opinion: '维持' },
      ],
      requestReReview: (p) => ['petitions.requestReview', { ...id(p), level: 'reReview' }],
      recordReReview: (p) => [
        'petitions.recordReview',
        { ...id(p), level: 'reReview', outcome: 'upheld', opinion: '维持' },
      ],
      close: (p) => ['petitions.close', id(p)],
      attach: (p) => [
        'petitions.addAttachment',
        { petitionId: p.id, fileName: '来信.png', mimeType: 'image/png', uploadId: NO_UPLOAD, caption: '' },
      ],
    };
    await tryEveryStep(petitionKind, walked, calls, () => users.receptionist!, today);
  });
});
