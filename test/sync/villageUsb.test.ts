// A village with no link at all (issue 20): everything between the village node and its
// township travels on a USB stick — the registration, the village's records, the township's
// answers, its reference rows and number blocks — and every file imported twice changes nothing.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { HubFixture } from '../support/testHub';
import { TestClock, type TestClient } from '../support/testHall';
import { userClient, type TestNodeHall } from './nodeHarness';
import { agentItem, agentOnVillage, requiredMaterials, startTiers, type Tiers } from './villageHarness';

async function download(client: TestClient, fileUrl: string): Promise<Uint8Array> {
  const response = await client.fetchFile(fileUrl);
  assert.equal(response.status, 200);
  return new Uint8Array(await response.arrayBuffer());
}

/** The village's file taken to the township and imported there; the reply file it gives back. */
async function carryUp(tiers: Tiers, file: Uint8Array): Promise<Uint8Array> {
  const admin = tiers.township.admin;
  const imported = await admin.ok('villageNodes.importFile', {
    fileName: '东岗村.tdsync',
    uploadId: await admin.upload(file),
  });
  assert.ok(
    imported.outcomes.every((o) => o.result !== 'rejected'),
    JSON.stringify(imported.outcomes),
  );
  assert.equal(imported.replies.length, 1);
  assert.equal(imported.replies[0]!.villageName, '东岗村');
  return download(admin, imported.replies[0]!.fileUrl);
}

/** A reply file carried back and imported on the village node. */
async function carryDown(village: TestNodeHall, reply: Uint8Array) {
  return village.admin.ok('sync.importFile', { fileName: '回执.tdsync', uploadId: await village.admin.upload(reply) });
}

describe('a village without any link, by USB file both ways', () => {
  const fixture = new HubFixture('sqlite');
  let tiers: Tiers;
  after(async () => {
    await tiers?.close();
    await fixture.stop();
  });

  test('registered, given its residents and numbers, its errand taken over and answered — all by files', async () => {
    const clock = new TestClock(new Date());
    tiers = await startTiers(fixture, clock, { noLink: true });
    const { village, township } = tiers;

    // No link: the enrollment leaves a registration file to carry.
    const registration = await village.admin.ok('sync.registrationFile', {});
    const firstReply = await carryUp(tiers, await download(village.admin, registration.fileUrl));
    const applied = await carryDown(village, firstReply);
    assert.ok(applied.packagesApplied >= 2, 'reference rows and number blocks came with the reply');
    const status = await village.admin.ok('sync.status', {});
    assert.equal(status.enrollment?.registered, true, 'the reply confirms the registration');
    assert.equal(
      (await village.backend.db.selectFrom('residents').select('id').execute()).length,
      2,
      'the village’s residents arrived',
    );
    const blocks = await village.backend.db
      .selectFrom('held_number_blocks')
      .select(['scope', 'first', 'last'])
      .execute();
    assert.ok(
      blocks.some((b) => b.scope.startsWith('errandAuthorisation:')),
      JSON.stringify(blocks),
    );

    const agent = await agentOnVillage(tiers);
    const registered = await agent.ok('errands.register', {
      requestId: crypto.randomUUID(),
      residentId: tiers.residentIds[1]!,
      itemCode: agentItem.code,
    });
    assert.match(registered.errand.authorisationNumber ?? '', /^WT-\d{4}-\d{6}$/);
    await agent.ok('errands.collect', {
      errandId: registered.errand.id,
      version: registered.errand.version,
      collectedMaterials: requiredMaterials,
    });

    const exported = await village.admin.ok('sync.exportFile', {});
    const villageFile = await download(village.admin, exported.fileUrl);
    const reply = await carryUp(tiers, villageFile);
    const again = await carryUp(tiers, villageFile);
    assert.ok(again.byteLength > 0, 'the same file twice: accepted as a replay, nothing taken in twice');
    const atTownship = await township.backend.db
      .selectFrom('errands')
      .select(['status', 'authorisation_number'])
      .where('id', '=', registered.errand.id)
      .execute();
    assert.deepEqual(atTownship, [
      { status: 'collected', authorisation_number: registered.errand.authorisationNumber },
    ]);
    assert.equal((await carryDown(village, reply)).acknowledgedThrough, exported.entries);

    // The clerk takes it over; the township's answer goes back on the next stick.
    const clerk = await userClient(township, 'clerk', ['counterClerk']);
    const handover = await clerk.ok('errands.handOver', {
      requestId: crypto.randomUUID(),
      agentId: tiers.agentId,
      errandIds: [registered.errand.id],
      window: '1号窗口',
    });
    const answer = await township.admin.ok('villageNodes.replyFile', { id: tiers.villageNodeId });
    const answerFile = await download(township.admin, answer.fileUrl);
    await carryDown(village, answerFile);
    const replayed = await carryDown(village, answerFile);
    assert.equal(replayed.packagesApplied, 0, 'a reply imported twice applies nothing twice');
    const mine = await agent.ok('errands.mine', {});
    const seen = mine.errands.find((e) => e.id === registered.errand.id)!;
    assert.equal(seen.status, 'handedOver');
    assert.equal(seen.case?.caseNumber, handover.errands[0]!.case!.caseNumber);
  });
});
