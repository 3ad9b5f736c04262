import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { catalogFile } from '../../shared/catalog/catalog';
import { archivedPdfText } from '../support/archivedPdf';
import { residentId } from '../support/ids';
import { signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const forAgents = demoCatalog.items.filter(
  (item) => item.agentAllowed && item.activeTo === null && item.handlingType === 'promised',
);
const notForAgents = demoCatalog.items.find((item) => !item.agentAllowed && item.activeTo === null)!;
const requiredOf = (code: string) =>
  demoCatalog.items
    .find((item) => item.code === code)!
    .materials.filter((m) => m.required)
    .map((m) => m.name);

describe('village agents’ errands through the API', () => {
  let hall: TestHall;
  let admin: TestClient;
  let clerk: TestClient;
  let agent: TestClient;
  let otherAgent: TestClient;
  let agentId: string;
  const residents: string[] = [];

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    ({ hall, admin } = started);
    hall.clock.current = new Date('2026-10-13T01:30:00Z');
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    agent = await signedInAs(hall, admin, 'agent', ['villageAgent']);
    otherAgent = await signedInAs(hall, admin, 'agent2', ['villageAgent']);
    await admin.ok('catalog.importFile', demoCatalog);
    const agents = await admin.ok('errands.agents', {});
    agentId = agents.agents.find((a) => a.name === 'agent同志')!.userId;
    const placed = await admin.ok('errands.setAgentVillage', { userId: agentId, villageId: started.village.id });
    assert.equal(placed.villageName, '东岗村');
    for (const [i, name] of ['李秀英', '王桂兰', '张德福'].entries()) {
      const resident = await agent.ok('residents.register', {
        name,
        idType: 'residentId',
        idNumber: residentId(`1950010${i + 1}`, 300 + i),
        ethnicity: '汉族',
        villageId: started.village.id,
      });
      residents.push(resident.id);
    }
  });
  after(() => hall.close());

  async function pdfText(documentId: string): Promise<string> {
    return archivedPdfText(hall, documentId);
  }

  async function registerAndCollect(residentIndex: number, code: string) {
    const registered = await agent.ok('errands.register', {
      requestId: crypto.randomUUID(),
      residentId: residents[residentIndex]!,
      itemCode: code,
    });
    const collected = await agent.ok('errands.collect', {
      errandId: registered.errand.id,
      version: registered.errand.version,
      collectedMaterials: requiredOf(code),
    });
    return { registered, errand: collected.errand };
  }

  test('an errand from authorisation to delivery; three handed over with one list', async () => {
    const requestId = crypto.randomUUID();
    const first = await agent.ok('errands.register', {
      requestId,
      residentId: residents[0]!,
      itemCode: forAgents[0]!.code,
    });
    assert.equal(first.errand.status, 'authorised');
    assert.equal(first.errand.villageName, '东岗村');
    assert.equal(first.document.type, 'errandAuthorisation');
    assert.equal(first.errand.authorisationDocumentId, first.document.id, 'the agent can reprint it later');
    const authorisation = await pdfText(first.document.id);
    assert.match(authorisation, /李秀英/);
    assert.match(authorisation, /agent同志/);
    const replay = await agent.ok('errands.register', {
      requestId,
      residentId: residents[0]!,
      itemCode: forAgents[0]!.code,
    });
    assert.equal(replay.errand.id, first.errand.id, 'a retried registration registers once');

    // Handing over before the required materials are collected is refused by name.
    const early = await clerk.call('errands.handOver', {
      requestId: crypto.randomUUID(),
      agentId,
      errandIds: [first.errand.id],
      window: '2号窗口',
    });
    assert.equal(early.status, 400);
    assert.match(JSON.stringify(early.body), /李秀英.*必需材料尚未收齐/);

    const collected = await agent.ok('errands.collect', {
      errandId: first.errand.id,
      version: first.errand.version,
      collectedMaterials: requiredOf(forAgents[0]!.code),
    });
    assert.equal(collected.errand.status, 'collected');
    const second = await registerAndCollect(1, forAgents[1]!.code);
    const third = await registerAndCollect(2, forAgents[2]!.code);

    const waiting = await clerk.ok('errands.awaitingHandover', {});
    assert.deepEqual(
      waiting.agents.map((g) => [g.agent.name, g.errands.length]),
      [['agent同志', 3]],
    );

    const handoverRequest = {
      requestId: crypto.randomUUID(),
      agentId,
      errandIds: [first.errand.id, second.errand.id, third.errand.id],
      window: '2号窗口',
    };
    const [handover, again] = await Promise.all([
      clerk.ok('errands.handOver', handoverRequest),
      clerk.ok('errands.handOver', handoverRequest),
    ]);
    assert.equal(again.handoverId, handover.handoverId, 'a double submit hands over once');
    assert.equal(handover.receipts.length, 3);
    assert.ok(handover.errands.every((e) => e.status === 'handedOver' && e.case?.status === 'accepted'));
    const numbers = handover.errands.map((e) => e.case!.caseNumber!);
    assert.equal(new Set(numbers).size, 3);
    const list = await pdfText(handover.handoverList.id);
    for (const number of numbers) assert.ok(list.includes(number), number);
    assert.match(list, /共\s*3\s*件/);
    const cases = await hall.backend.db.selectFrom('counter_cases').select(['agent_id', 'errand_id']).execute();
    assert.equal(cases.filter((c) => c.agent_id === agentId).length, 3);

    // The counter finishes one; the result goes back through the agent.
    const caseId = handover.errands[0]!.case!.id;
    const detail = await clerk.ok('counter.get', { caseId });
    const done = await clerk.ok('counter.complete', { caseId, version: detail.case.version, result: 'approved' });
    assert.equal(done.case.status, 'completed');
    const mine = await agent.ok('errands.mine', {});
    const tracked = mine.errands.find((e) => e.id === first.errand.id)!;
    assert.equal(tracked.case?.status, 'completed');

    const notYours = await otherAgent.call('errands.recordDelivery', {
      errandId: tracked.id,
      version: tracked.version,
      signedBy: '李秀英',
    });
    assert.equal(notYours.status, 403);
    const delivered = await agent.ok('errands.recordDelivery', {
      errandId: tracked.id,
      version: tracked.version,
      signedBy: '李秀英',
    });
    assert.equal(delivered.errand.status, 'delivered');
    assert.equal(delivered.errand.case?.status, 'delivered');
    const caseAfter = await clerk.ok('counter.get', { caseId });
    assert.equal(caseAfter.case.delivery?.method, 'agent');
    assert.equal(caseAfter.case.delivery?.signedBy, '李秀英');

    const counts = await clerk.ok('errands.monthlyCounts', { month: '2026-10' });
    assert.deepEqual(counts.byAgent, [
      { agentId, agentName: 'agent同志', villageName: '东岗村', registered: 3, handedOver: 3, delivered: 1 },
    ]);
    assert.deepEqual(counts.byVillage, [{ villageName: '东岗村', registered: 3, handedOver: 3, delivered: 1 }]);
    assert.deepEqual((await clerk.ok('errands.monthlyCounts', { month: '2026-09' })).byAgent, []);
  });

  test('items an agent may not handle are refused; an errand is withdrawn, not deleted', async () => {
    const refused = await agent.call('errands.register', {
      requestId: crypto.randomUUID(),
      residentId: residents[0]!,
      itemCode: notForAgents.code,
    });
    assert.equal(refused.status, 400);
    assert.match(JSON.stringify(refused.body), /不能代办/);
    const { errand } = await registerAndCollect(0, forAgents[0]!.code);
    const withdrawn = await agent.ok('errands.withdraw', {
      errandId: errand.id,
      version: errand.version,
      reason: '居民已自行办理',
    });
    assert.equal(withdrawn.errand.status, 'withdrawn');
    assert.equal(withdrawn.errand.withdrawReason, '居民已自行办理');
    const handover = await clerk.call('errands.handOver', {
      requestId: crypto.randomUUID(),
      agentId,
      errandIds: [errand.id],
      window: '2号窗口',
    });
    assert.equal(handover.status, 400);
    assert.match(JSON.stringify(handover.body), /已交接或已撤回/);
    assert.equal((await agent.call('counter.worklist', {})).status, 403, 'agents do not see the counter’s worklist');
  });
});
