// Who reads what, over real HTTP, for every role and every kind of record: the expectation of
// each cell comes from the declarations (shared/api/records.ts), the answers from the backend.
// Then the attempts that once got through, spelled out: a village agent reading petition papers,
// residents of another village and another agent's errands; a mediator reading another
// committee's dispute; and the reads of personal data that must each leave one audit event.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { isScreenAccess, type ProcedureSpec } from '../../shared/api/contract';
import { procedures, type ProcedureName } from '../../shared/api/procedures';
import { recordAccess } from '../../shared/api/records';
import type { SessionUser } from '../../shared/auth/api';
import { hasAnyRole } from '../../shared/auth/roles';
import { catalogFile } from '../../shared/catalog/catalog';
import { accessRefusal } from '../../shared/workflow/kind';
import { isRecordKindName, type RecordKindName } from '../../shared/workflow/kinds';
import { RECORD_TABLES } from '../../electron/backend/backend';
import { scopeFactsOf } from '../../electron/backend/workflow/recordTables';
import { residentId } from '../support/ids';
import { li, zhang } from '../support/mediationParties';
import { morningOf, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const item = demoCatalog.items.find((i) => i.agentAllowed && i.activeTo === null && i.handlingType === 'promised')!;
const required = item.materials.filter((m) => m.required).map((m) => m.name);

/** The procedure that reads one whole record of a kind, and the input field naming it. */
const READ_ONE: Partial<Record<RecordKindName, { procedure: ProcedureName; field: string }>> = {
  resident: { procedure: 'residents.get', field: 'id' },
  counterCase: { procedure: 'counter.get', field: 'caseId' },
  dispute: { procedure: 'mediation.dispute', field: 'id' },
  petition: { procedure: 'petitions.get', field: 'id' },
};

interface Person {
  name: string;
  client: TestClient;
  user: SessionUser;
}

describe('who reads what: every role × every kind of record, as declared', () => {
  let hall: TestHall;
  const people: Record<string, Person> = {};
  const records: { kind: RecordKindName; id: string; note: string }[] = [];
  const ids: Record<string, string> = {};

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    hall = started.hall;
    const admin = started.admin;
    hall.clock.current = morningOf('2026-11-02');
    const villageA = started.village.id;
    const villageB = (await admin.ok('places.saveVillage', { name: '西岭村', kind: 'village', groups: [] })).id;
    await admin.ok('catalog.importFile', demoCatalog);
    const sign = async (name: string, roles: string[]) => {
      const client = name === 'admin' ? admin : await signedInAs(hall, admin, name, roles);
      people[name] = { name, client, user: (await client.ok('auth.session', {}))!.user };
    };
    await sign('admin', ['administrator']);
    for (const [name, roles] of [
      ['clerk', ['counterClerk']],
      ['agentA', ['villageAgent']],
      ['agentB', ['villageAgent']],
      ['mediator', ['mediator']],
      ['head', ['committeeHead']],
      ['receptionist', ['petitionReceptionist']],
      ['leader', ['leader']],
    ] as const) {
      await sign(name, [...roles]);
    }
    await admin.ok('errands.setAgentVillage', { userId: people.agentA!.user.id, villageId: villageA });
    await admin.ok('errands.setAgentVillage', { userId: people.agentB!.user.id, villageId: villageB });

    const resident = async (name: string, villageId: string, birth: string, sequence: number) =>
      (
        await admin.ok('residents.register', {
          name,
          idType: 'residentId',
          idNumber: residentId(birth, sequence),
          phone: '13900000000',
          ethnicity: '汉族',
          villageId,
        })
      ).id;
    ids.residentA = await resident('东岗甲', villageA, '19600101', 11);
    ids.residentB = await resident('西岭乙', villageB, '19610101', 12);
    records.push(
      { kind: 'resident', id: ids.residentA, note: '东岗村的居民' },
      { kind: 'resident', id: ids.residentB, note: '西岭村的居民' },
    );

    const intake = await people.clerk!.client.ok('counter.intake', {
      requestId: crypto.randomUUID(),
      residentId: ids.residentA,
      itemCode: item.code,
      receivedMaterials: required,
      window: '1号窗口',
      decision: 'accept',
    });
    ids.case = intake.case.id;
    records.push({ kind: 'counterCase', id: ids.case, note: '窗口办件' });

    const errand = async (agent: string, residentKey: string) => {
      const client = people[agent]!.client;
      const registered = await client.ok('errands.register', {
        requestId: crypto.randomUUID(),
        residentId: ids[residentKey]!,
        itemCode: item.code,
      });
      const collected = await client.ok('errands.collect', {
        errandId: registered.errand.id,
        version: registered.errand.version,
        collectedMaterials: required,
      });
      return collected.errand.id;
    };
    ids.errandA = await errand('agentA', 'residentA');
    ids.errandB = await errand('agentB', 'residentB');
    records.push(
      { kind: 'errand', id: ids.errandA, note: '代办员甲的代办' },
      { kind: 'errand', id: ids.errandB, note: '代办员乙的代办' },
    );
    const handover = await people.clerk!.client.ok('errands.handOver', {
      requestId: crypto.randomUUID(),
      agentId: people.agentA!.user.id,
      errandIds: [ids.errandA],
      window: '2号窗口',
    });
    records.push({ kind: 'errandHandover', id: handover.handoverId, note: '代办员甲的材料交接单' });

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
    ids.committeeX = await committee('青石镇人民调解委员会', '青调');
    ids.committeeY = await committee('青石镇交通事故纠纷人民调解委员会', '青交调');
    for (const [name, sequence, user] of [
      ['刘德明', 21, 'mediator'],
      ['陈建华', 22, 'head'],
    ] as const) {
      await admin.ok('mediation.saveMediator', {
        name,
        idNumber: residentId('19750101', sequence),
        phone: '',
        committeeIds: [ids.committeeX],
        specialities: [],
        fullTime: true,
        lawyer: false,
        userId: people[user]!.user.id,
        active: true,
      });
    }
    const dispute = async (committeeId: string) =>
      (
        await admin.ok('mediation.registerDispute', {
          requestId: crypto.randomUUID(),
          committeeId,
          source: 'oralApplication',
          category: 'neighbour',
          facts: '两家因宅基地边界的围墙发生争执。',
          villageId: villageA,
          placeDetail: '',
          amountYuan: null,
          peopleInvolved: 2,
          risky: false,
          riskNote: '',
          parties: [zhang, li],
        })
      ).dispute.id;
    ids.disputeX = await dispute(ids.committeeX);
    ids.disputeY = await dispute(ids.committeeY);
    records.push(
      { kind: 'dispute', id: ids.disputeX, note: '本调委会的纠纷' },
      { kind: 'dispute', id: ids.disputeY, note: '另一调委会的纠纷' },
    );

    const petition = await people.receptionist!.client.ok('petitions.register', {
      requestId: crypto.randomUUID(),
      channel: 'visit',
      receivedAt: '09:10',
      peopleCount: 1,
      petitioners: [
        {
          name: '赵𠮷祥',
          idNumber: residentId('19650312', 31),
          phone: '13800000001',
          address: '东岗村一组',
          representative: false,
        },
      ],
      category: 'expropriation',
      matter: '村道拓宽占用承包地，青苗补偿款至今未发放。',
      requests: '要求发放青苗补偿款。',
      place: '',
      departmentConcerned: '',
    });
    ids.petition = petition.petition.id;
    ids.petitionDocument = petition.document!.id;
    records.push({ kind: 'petition', id: ids.petition, note: '信访件' });
    // The places each user serves were set after they signed in: read their sessions again.
    for (const person of Object.values(people)) person.user = (await person.client.ok('auth.session', {}))!.user;
  });
  after(() => hall.close());

  async function facts(kind: RecordKindName, id: string) {
    const found = await scopeFactsOf(hall.backend.db, RECORD_TABLES[kind], id);
    assert.ok(found, `${kind} ${id} exists`);
    return found;
  }

  const declaredReadable = async (person: Person, kind: RecordKindName, id: string) =>
    accessRefusal(recordAccess[kind], person.user, await facts(kind, id)) === null;

  test('each role reads exactly the records its row declares, one by one', async () => {
    const cells: string[] = [];
    for (const person of Object.values(people)) {
      for (const record of records) {
        const reader = READ_ONE[record.kind];
        if (!reader) continue;
        const spec = procedures[reader.procedure] as ProcedureSpec;
        const roleAllowed =
          spec.access === 'signedIn' ||
          (!isScreenAccess(spec.access) && hasAnyRole(person.user.roles, spec.access as never));
        const expected = roleAllowed && (await declaredReadable(person, record.kind, record.id));
        const answer = await person.client.call(reader.procedure, { [reader.field]: record.id });
        assert.equal(
          answer.status,
          expected ? 200 : 403,
          `${person.name} reading ${record.note}: ${JSON.stringify(answer.body)}`,
        );
        cells.push(`${person.name}×${record.note}=${expected ? 'reads' : 'refused'}`);
      }
    }
    // The matrix is not trivially all one way: some of every role's cells differ.
    assert.ok(cells.some((c) => c.endsWith('reads')) && cells.some((c) => c.endsWith('refused')));
  });

  test('papers follow the record they belong to: list, get and preview, for every role', async () => {
    const documents = await hall.backend.db
      .selectFrom('issued_documents')
      .select(['id', 'record_entity', 'record_id', 'title'])
      .execute();
    assert.ok(documents.length >= 7, 'papers of every kind were issued');
    for (const person of Object.values(people)) {
      const expected = new Set<string>();
      for (const document of documents) {
        assert.ok(isRecordKindName(document.record_entity), document.record_entity);
        const readable = await declaredReadable(person, document.record_entity, document.record_id);
        if (readable) expected.add(document.id);
        const got = await person.client.call('documents.get', { id: document.id });
        assert.equal(got.status, readable ? 200 : 403, `${person.name}: 《${document.title}》`);
        const preview = await person.client.call('documents.preview', { id: document.id });
        assert.equal(preview.status, readable ? 200 : 403, `${person.name}: preview 《${document.title}》`);
      }
      const listed = await person.client.ok('documents.list', { limit: 50 });
      assert.deepEqual(new Set(listed.documents.map((d) => d.id)), expected, `${person.name}'s archive`);
    }
  });

  test('a village agent gets no petition paper: not listed, no preview, no print — the first print stays the desk’s', async () => {
    const agent = people.agentA!.client;
    const listed = await agent.ok('documents.list', { recordEntity: 'petition' });
    assert.deepEqual(listed.documents, []);
    const preview = await agent.call('documents.preview', { id: ids.petitionDocument! });
    assert.equal(preview.status, 403);
    const print = await agent.call('documents.print', { documentId: ids.petitionDocument!, copies: 1 });
    assert.equal(print.status, 403);
    assert.ok(!print.body.ok && /信访件/.test(print.body.error.message), JSON.stringify(print.body));
    const desk = await people.receptionist!.client.ok('documents.print', {
      documentId: ids.petitionDocument!,
      copies: 1,
    });
    assert.equal(desk.reprint, false, 'the receptionist’s print is the first print');
  });

  test('a village agent reads the residents of the agent’s village only, and only the agent’s own errands', async () => {
    const agent = people.agentA!.client;
    const other = await agent.call('residents.get', { id: ids.residentB! });
    assert.equal(other.status, 403);
    assert.ok(!other.body.ok && other.body.error.message === '您只能查看本人负责的村（社区）的居民');
    assert.equal((await agent.ok('residents.search', { query: '西岭乙' })).items.length, 0);
    assert.equal((await agent.ok('residents.search', { query: '东岗甲' })).items.length, 1);
    const registerElsewhere = await agent.call('errands.register', {
      requestId: crypto.randomUUID(),
      residentId: ids.residentB!,
      itemCode: item.code,
    });
    assert.equal(registerElsewhere.status, 400);
    const mine = await agent.ok('errands.mine', { includeClosed: true });
    assert.deepEqual(
      mine.errands.map((e) => e.id),
      [ids.errandA],
    );
    const othersErrand = await agent.call('errands.withdraw', { errandId: ids.errandB!, version: 2, reason: '试试' });
    assert.equal(othersErrand.status, 403);
  });

  test('a mediator reads the disputes of the committees served on, and no other', async () => {
    const mediator = people.mediator!.client;
    const other = await mediator.call('mediation.dispute', { id: ids.disputeY! });
    assert.equal(other.status, 403);
    assert.ok(!other.body.ok && other.body.error.message === '您只能查看本人任职的调委会的纠纷');
    const listed = await mediator.ok('mediation.disputes', { query: '' });
    assert.deepEqual(
      listed.disputes.map((d) => d.id),
      [ids.disputeX],
    );
    const accept = await mediator.call('mediation.acceptDispute', { id: ids.disputeY!, version: 1 });
    assert.equal(accept.status, 403);
  });

  test('every read that answers with personal data leaves one audit event naming its procedure', async () => {
    const reads: [Person, ProcedureName, Record<string, unknown>][] = [
      [people.mediator!, 'mediation.dispute', { id: ids.disputeX }],
      [people.mediator!, 'mediation.disputes', { query: '' }],
      [people.receptionist!, 'petitions.list', {}],
      [
        people.receptionist!,
        'petitions.findEarlier',
        { petitioners: [{ idNumber: residentId('19650312', 31), name: '', phone: '' }] },
      ],
      [people.receptionist!, 'petitions.get', { id: ids.petition }],
      [people.clerk!, 'counter.get', { caseId: ids.case }],
      [people.clerk!, 'counter.worklist', {}],
      [people.agentA!, 'errands.mine', {}],
      [people.clerk!, 'errands.awaitingHandover', {}],
      [people.clerk!, 'residents.get', { id: ids.residentA }],
    ];
    for (const [person, procedure, input] of reads) {
      const before = await auditCount(procedure, person.user.id);
      await person.client.ok(procedure, input);
      assert.equal(await auditCount(procedure, person.user.id), before + 1, `${procedure} writes one audit event`);
    }
    const event = await hall.backend.db
      .selectFrom('audit_events')
      .selectAll()
      .where('procedure', '=', 'mediation.disputes')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(event.entity, 'dispute');
    assert.deepEqual(JSON.parse(event.record_ids!), [ids.disputeX], 'a list’s event names the records it showed');
  });

  async function auditCount(procedure: string, actorId: string) {
    const row = await hall.backend.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('procedure', '=', procedure)
      .where('actor_id', '=', actorId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  test('the change log lists ID numbers and phones masked', async () => {
    const changes = await people.admin!.client.ok('audit.changes', { entityId: ids.residentA });
    const text = JSON.stringify(changes.items);
    assert.ok(!text.includes(residentId('19600101', 11)), text);
    assert.ok(!text.includes('13900000000'), text);
    assert.ok(text.includes('139****0000'), text);
  });
});
