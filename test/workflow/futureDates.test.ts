// A date typed in the future is refused beside its field, in words naming the field, never
// replaced by today: every declared step of every kind, and the dates a record is registered with.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { catalogFile } from '../../shared/catalog/catalog';
import { caseKind } from '../../shared/counter/caseKind';
import { disputeKind } from '../../shared/mediation/disputeKind';
import { petitionKind } from '../../shared/petitions/petitionKind';
import { afterTodayProblem } from '../../shared/validation/dates';
import { stepDateOf, type RecordKind } from '../../shared/workflow/kind';
import { residentId } from '../support/ids';
import { li, zhang, townshipCommittee } from '../support/mediationParties';
import { morningOf, refused, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);

const TODAY = '2026-06-05';
const TOMORROW = '2026-06-06';

describe('a step dated after today', () => {
  const kinds = [caseKind, disputeKind, petitionKind] as unknown as RecordKind<string, string, unknown>[];
  for (const kind of kinds) {
    test(`${kind.noun}: every dated step refuses it on its own field, naming it`, () => {
      let dated = 0;
      for (const [name, step] of Object.entries(kind.steps)) {
        if (!step.date) continue;
        dated++;
        // The future is refused before any bound of the record is looked at.
        const answer = stepDateOf(kind, name, undefined, TOMORROW, TODAY);
        assert.deepEqual(
          answer,
          { ok: false, field: step.date.field, message: `${step.date.label}：不能晚于今天（${TODAY}）` },
          `${kind.noun} ${name}`,
        );
      }
      assert.ok(dated > 0, `${kind.noun} has dated steps`);
    });
  }

  test('the words: the field, “不能晚于今天”, and the day it is', () => {
    assert.equal(afterTodayProblem('办结日期', TOMORROW, TODAY), `办结日期：不能晚于今天（${TODAY}）`);
    assert.equal(afterTodayProblem('办结日期', TODAY, TODAY), null);
  });
});

describe('a record registered with a date after today, over HTTP', () => {
  let hall: TestHall;
  let admin: TestClient;
  let receptionist: TestClient;
  let mediator: TestClient;
  let clerk: TestClient;
  let committeeId: string;
  let villageId: string;

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    ({ hall, admin } = started);
    villageId = started.village.id;
    hall.clock.current = morningOf(TODAY);
    receptionist = await signedInAs(hall, admin, 'reception', ['petitionReceptionist']);
    mediator = await signedInAs(hall, admin, 'mediator', ['mediator']);
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    committeeId = (await admin.ok('mediation.saveCommittee', townshipCommittee)).id;
    await admin.ok('mediation.saveMediator', {
      name: '王芳',
      idNumber: '',
      phone: '',
      committeeIds: [committeeId],
      specialities: [],
      fullTime: true,
      lawyer: false,
      userId: (await mediator.ok('auth.session', {}))!.user.id,
      active: true,
    });
  });
  after(() => hall.close());

  const petition = (channel: 'visit' | 'letter') => ({
    requestId: randomUUID(),
    channel,
    receivedOn: TOMORROW,
    receivedAt: channel === 'visit' ? '09:10' : null,
    peopleCount: 1,
    petitioners: [{ name: '赵春花', phone: '13987650021', representative: false }],
    letter: channel === 'letter' ? { postmarkOn: null, fromAddress: '', mailNumber: '', pages: 1 } : null,
    category: 'expropriation' as const,
    matter: '村道拓宽占用承包地，青苗补偿款未发放。',
  });

  test('a petition: 来访日期 for a visit, 收信日期 for a letter; nothing is registered', async () => {
    refused(
      await receptionist.call('petitions.register', petition('visit')),
      400,
      new RegExp(`^来访日期：不能晚于今天（${TODAY}）$`),
      'receivedOn',
    );
    refused(
      await receptionist.call('petitions.register', petition('letter')),
      400,
      new RegExp(`^收信日期：不能晚于今天（${TODAY}）$`),
      'receivedOn',
    );
    const list = await receptionist.ok('petitions.list', { limit: 10 });
    assert.equal(list.petitions.length, 0);
  });

  test('a dispute: its 登记日期, and a party’s 出生日期', async () => {
    const registration = {
      requestId: randomUUID(),
      committeeId,
      source: 'oralApplication' as const,
      category: 'neighbour' as const,
      facts: '施工堆放建材占用门前通道，排水沟被堵。',
      villageId,
      placeDetail: '第一村民小组',
      amountYuan: null,
      peopleInvolved: 2,
      risky: false,
      riskNote: '',
      parties: [zhang, li],
    };
    refused(
      await mediator.call('mediation.registerDispute', { ...registration, registeredOn: TOMORROW }),
      400,
      new RegExp(`^登记日期：不能晚于今天（${TODAY}）$`),
      'registeredOn',
    );
    refused(
      await mediator.call('mediation.registerDispute', {
        ...registration,
        parties: [{ ...zhang, birthDate: TOMORROW }, li],
      }),
      400,
      new RegExp(`^当事人“${zhang.name}”的出生日期：不能晚于今天（${TODAY}）$`),
      'parties.0.birthDate',
    );
  });

  test('a counter case completed “tomorrow”: 办结日期 refused, the case still in hand', async () => {
    await admin.ok('catalog.importFile', demoCatalog);
    const item = demoCatalog.items.find((i) => i.code === 'NY-005')!;
    const resident = await clerk.ok('residents.register', {
      name: '李秀英',
      idType: 'residentId',
      idNumber: residentId('19680312', 302),
      ethnicity: '汉族',
      villageId,
    });
    const intake = await clerk.ok('counter.intake', {
      requestId: randomUUID(),
      residentId: resident.id,
      itemCode: item.code,
      receivedMaterials: item.materials.filter((m) => m.required).map((m) => m.name),
      window: '1号窗口',
      decision: 'accept',
    });
    const c = intake.case;
    refused(
      await clerk.call('counter.complete', {
        caseId: c.id,
        version: c.version,
        result: 'approved',
        completedOn: TOMORROW,
      }),
      400,
      new RegExp(`^办结日期：不能晚于今天（${TODAY}）$`),
      'completedOn',
    );
    const now = await clerk.ok('counter.get', { caseId: c.id });
    assert.notEqual(now.case.status, 'completed');
  });
});
