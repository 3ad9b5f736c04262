// An agent's photo of an errand's materials, made on a village node, up the tiers (issue 20):
// its row and its file reach the township separately — over the link the batch goes first and
// the file after it, on a USB stick both arrive together — and either way the township keeps the
// file in its own encrypted data files under the path the row names, so the clerk opens the same
// bytes there; the township's own outbox then sends it on to the county.
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { runWrite } from '../../electron/backend/db/writeScope';
import { uuidv7 } from '../../electron/backend/db/uuidv7';
import { VILLAGE_RECEIVER_FOLDER } from '../../electron/backend/sync/villages/receiver';
import { HubFixture } from '../support/testHub';
import { TestClock, type TestClient } from '../support/testHall';
import { userClient, type TestNodeHall } from './nodeHarness';
import { agentItem, agentOnVillage, requiredMaterials, startTiers, syncUntilDone, type Tiers } from './villageHarness';

/** A photo-like file: a JPEG marker, then bytes that do not compress and could not be guessed. */
function photoBytes(size: number): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
}

async function download(client: TestClient, fileUrl: string): Promise<Buffer> {
  const response = await client.fetchFile(fileUrl);
  assert.equal(response.status, 200);
  return Buffer.from(await response.arrayBuffer());
}

/** The agent on the village node registers an errand, collects its materials and photographs one. */
async function errandWithPhoto(agent: TestClient, tiers: Tiers, content: Buffer) {
  const registered = await agent.ok('errands.register', {
    requestId: randomUUID(),
    residentId: tiers.residentIds[0]!,
    itemCode: agentItem.code,
  });
  await agent.ok('errands.collect', {
    errandId: registered.errand.id,
    version: registered.errand.version,
    collectedMaterials: requiredMaterials,
  });
  const attachment = await agent.ok('errands.attach', {
    errandId: registered.errand.id,
    material: requiredMaterials[0]!,
    fileName: '户口簿首页.jpg',
    mimeType: 'image/jpeg',
    uploadId: await agent.upload(content),
  });
  return { errandId: registered.errand.id, attachment };
}

/** The clerk at the township finds the errand waiting and opens its photo. */
async function clerkOpens(township: TestNodeHall, errandId: string, clerkName: string): Promise<Buffer> {
  const clerk = await userClient(township, clerkName, ['counterClerk']);
  const waiting = await clerk.ok('errands.awaitingHandover', {});
  const errand = waiting.agents.flatMap((g) => g.errands).find((e) => e.id === errandId)!;
  assert.deepEqual(
    errand.attachments.map((a) => [a.fileName, a.material]),
    [['户口簿首页.jpg', requiredMaterials[0]]],
  );
  const link = await clerk.ok('errands.attachmentFile', { attachmentId: errand.attachments[0]!.id });
  return download(clerk, link.fileUrl);
}

/** The township's copy: in its data files under the row's path, sealed on disk (not the plain photo). */
async function assertKeptEncrypted(township: TestNodeHall, filePath: string, content: Buffer) {
  assert.deepEqual(await township.backend.files.read(filePath), content);
  const onDisk = await readFile(path.join(township.dataDir, filePath));
  assert.ok(!onDisk.includes(content.subarray(4, 64)), 'the township keeps the photo encrypted');
}

describe('an errand’s photo from the village node up to the county', () => {
  const fixture = new HubFixture('sqlite');
  const opened: Tiers[] = [];
  after(async () => {
    for (const tiers of opened) await tiers.close();
    await fixture.stop();
  });

  test('over the link: the row first, the file after it; the clerk opens the same bytes, the county gets the file from the township', async () => {
    const clock = new TestClock(new Date());
    const tiers = await startTiers(fixture, clock, { townshipDatabaseKey: randomBytes(32) });
    opened.push(tiers);
    const { township, village, county } = tiers;
    await syncUntilDone(village);
    const agent = await agentOnVillage(tiers);
    const content = photoBytes(48_000);
    const { errandId, attachment } = await errandWithPhoto(agent, tiers, content);

    await syncUntilDone(village);
    const row = await township.backend.db
      .selectFrom('errand_attachments')
      .select(['errand_id', 'sha256', 'file_path', 'material'])
      .where('id', '=', attachment.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row.errand_id, errandId);
    assert.equal(row.sha256, attachment.sha256);
    await assertKeptEncrypted(township, row.file_path, content);
    // The receiving library's own copy (what a village node would be rebuilt from) is sealed too.
    const libraryCopy = await readFile(
      path.join(township.dataDir, VILLAGE_RECEIVER_FOLDER, 'files', tiers.villageNodeId, attachment.sha256),
    );
    assert.ok(!libraryCopy.includes(content.subarray(4, 64)), 'no plain copy stays at the township');

    assert.deepEqual(await clerkOpens(township, errandId, 'clerk'), content);

    // The township's own outbox sends it on: the county holds it from the township's node.
    await syncUntilDone(township);
    assert.deepEqual(await readFile(county.filePath(tiers.townshipNodeId, attachment.sha256)), content);
    const forwarded = await county.db
      .selectFrom('hub_entries')
      .select('data')
      .where('node_id', '=', tiers.townshipNodeId)
      .where('entity', '=', 'errand')
      .where('entity_id', '=', errandId)
      .where('op', '=', 'attach')
      .executeTakeFirstOrThrow();
    assert.equal((JSON.parse(forwarded.data) as { village: { nodeId: string } }).village.nodeId, tiers.villageNodeId);
  });

  test('a village row naming its file outside the attachments folder is refused at the township, in its entry', async () => {
    const clock = new TestClock(new Date());
    const tiers = await startTiers(fixture, clock);
    opened.push(tiers);
    const { township, village } = tiers;
    await syncUntilDone(village);
    const agent = await agentOnVillage(tiers);
    const { errandId } = await errandWithPhoto(agent, tiers, photoBytes(2_000));
    // A broken or hostile village program writes a row pointing elsewhere (as its own write would).
    const content = photoBytes(2_000);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const id = uuidv7();
    await runWrite(village.backend.db, { id: tiers.agentId, name: '赵代办' }, clock.now().toISOString(), (scope) =>
      scope.insert(
        'errand_attachments',
        {
          id,
          errand_id: errandId,
          material: null,
          file_name: 'x.jpg',
          mime_type: 'image/jpeg',
          size_bytes: content.byteLength,
          sha256,
          file_path: '../escaped.jpg',
          caption: '',
          added_by_name: '赵代办',
          added_at: clock.now().toISOString(),
        },
        { entity: 'errand', id: errandId, op: 'attach', data: { summary: '添加附件' } },
      ),
    );
    await syncUntilDone(village);
    const taken = await township.backend.db
      .selectFrom('errand_attachments')
      .select('id')
      .where('id', '=', id)
      .execute();
    assert.deepEqual(taken, []);
    const entries = await township.backend.db
      .selectFrom('change_log')
      .select('data')
      .where('entity', '=', 'errand')
      .where('entity_id', '=', errandId)
      .where('op', '=', 'attach')
      .execute();
    const refusals = entries.flatMap(
      (e) =>
        (JSON.parse(e.data) as { village?: { refused?: { id: string; reason: string }[] } }).village?.refused ?? [],
    );
    assert.deepEqual(refusals, [{ table: 'errand_attachments', id, reason: '附件的文件摘要或存放位置不合规' }]);
  });

  test('by USB file: row and file arrive together and the file is taken in with the row', async () => {
    const clock = new TestClock(new Date());
    const tiers = await startTiers(fixture, clock, { noLink: true, townshipDatabaseKey: randomBytes(32) });
    opened.push(tiers);
    const { township, village } = tiers;
    const carryUp = async (file: Buffer) => {
      const imported = await township.admin.ok('villageNodes.importFile', {
        fileName: '东岗村.tdsync',
        uploadId: await township.admin.upload(file),
      });
      assert.ok(
        imported.outcomes.every((o) => o.result !== 'rejected'),
        JSON.stringify(imported.outcomes),
      );
      return download(township.admin, imported.replies[0]!.fileUrl);
    };
    const carryDown = async (reply: Buffer) =>
      village.admin.ok('sync.importFile', { fileName: '回执.tdsync', uploadId: await village.admin.upload(reply) });

    const registration = await village.admin.ok('sync.registrationFile', {});
    await carryDown(await carryUp(await download(village.admin, registration.fileUrl)));
    const agent = await agentOnVillage(tiers);
    const content = photoBytes(30_000);
    const { errandId, attachment } = await errandWithPhoto(agent, tiers, content);

    const exported = await village.admin.ok('sync.exportFile', {});
    assert.equal(exported.files, 1, 'the photo travels in the same file as its row');
    await carryUp(await download(village.admin, exported.fileUrl));
    const row = await township.backend.db
      .selectFrom('errand_attachments')
      .select('file_path')
      .where('id', '=', attachment.id)
      .executeTakeFirstOrThrow();
    await assertKeptEncrypted(township, row.file_path, content);
    assert.deepEqual(await clerkOpens(township, errandId, 'clerk2'), content);
  });
});
