// Photos and scans of an errand's materials through the API: the agent attaches them (naming the
// material one shows), the counter reads them, another agent does not; they are stored by content,
// encrypted like every attachment, and listed for the sync's file outbox like the other kinds'.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { catalogFile } from '../../shared/catalog/catalog';
import { RECORD_TABLES } from '../../electron/backend/backend';
import { unsealedAttachments } from '../../electron/backend/sync/fileOutbox';
import { residentId } from '../support/ids';
import { refused, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const item = demoCatalog.items.find((i) => i.agentAllowed && i.activeTo === null && i.handlingType === 'promised')!;
const required = item.materials.filter((m) => m.required).map((m) => m.name);

/** A small PNG-looking file (the signature is what the backend checks), different each call. */
function photo(tag: string): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from(`户口簿首页 ${tag}`),
  ]);
}

describe('errand attachments through the API', () => {
  let hall: TestHall;
  let admin: TestClient;
  let agent: TestClient;
  let otherAgent: TestClient;
  let clerk: TestClient;
  let residentIdOf: string;

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    ({ hall, admin } = started);
    hall.clock.current = new Date('2026-10-13T01:30:00Z');
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    agent = await signedInAs(hall, admin, 'agent', ['villageAgent']);
    otherAgent = await signedInAs(hall, admin, 'agent2', ['villageAgent']);
    await admin.ok('catalog.importFile', demoCatalog);
    const agents = await admin.ok('errands.agents', {});
    for (const a of agents.agents)
      await admin.ok('errands.setAgentVillage', { userId: a.userId, villageId: started.village.id });
    residentIdOf = (
      await agent.ok('residents.register', {
        name: '李秀英',
        idType: 'residentId',
        idNumber: residentId('19500101', 300),
        ethnicity: '汉族',
        villageId: started.village.id,
      })
    ).id;
  });
  after(() => hall.close());

  const register = async () =>
    (
      await agent.ok('errands.register', {
        requestId: crypto.randomUUID(),
        residentId: residentIdOf,
        itemCode: item.code,
      })
    ).errand;

  test('the agent attaches a photo naming its material; the errand lists it, the counter opens the same bytes', async () => {
    const errand = await register();
    const content = photo('a');
    const added = await agent.ok('errands.attach', {
      errandId: errand.id,
      material: required[0]!,
      fileName: '户口簿.png',
      mimeType: 'image/png',
      uploadId: await agent.upload(content),
      caption: '首页',
    });
    assert.equal(added.material, required[0]);
    assert.equal(added.sha256, createHash('sha256').update(content).digest('hex'));
    assert.equal(added.addedByName, 'agent同志');

    // Listed with the errand; its version did not move (a dialog open on it stays current).
    const mine = (await agent.ok('errands.mine', {})).errands.find((e) => e.id === errand.id)!;
    assert.deepEqual(
      mine.attachments.map((a) => [a.fileName, a.material, a.caption]),
      [['户口簿.png', required[0], '首页']],
    );
    assert.equal(mine.version, errand.version);

    for (const reader of [agent, clerk]) {
      const link = await reader.ok('errands.attachmentFile', { attachmentId: added.id });
      assert.equal(link.fileName, '户口簿.png');
      const response = await reader.fetchFile(link.fileUrl);
      assert.equal(response.status, 200);
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), content);
    }
    const audited = await hall.backend.db
      .selectFrom('audit_events')
      .select(['entity', 'entity_id', 'summary'])
      .where('procedure', '=', 'errands.attachmentFile')
      .execute();
    assert.equal(audited.length, 2);
    assert.ok(audited.every((a) => a.entity === 'errand' && a.entity_id === errand.id));
    assert.match(audited[0]!.summary, /查看代办附件：代办：李秀英的/);

    // Another agent neither reads nor adds to it: the errand's own access.
    refused(await otherAgent.call('errands.attachmentFile', { attachmentId: added.id }), 403, /本人经办的代办/);
    refused(
      await otherAgent.call('errands.attach', {
        errandId: errand.id,
        fileName: '照片.png',
        mimeType: 'image/png',
        uploadId: await otherAgent.upload(photo('b')),
      }),
      403,
      /本人经办的代办/,
    );

    // Stored by content, encrypted at rest, and waiting for the sync's file outbox like the other kinds'.
    const row = await hall.backend.db
      .selectFrom('errand_attachments')
      .select(['file_path', 'sha256'])
      .where('id', '=', added.id)
      .executeTakeFirstOrThrow();
    const raw = await readFile(path.join(hall.dataDir, row.file_path));
    assert.ok(!raw.includes(Buffer.from('户口簿首页')), 'the file on disk is not the plain photo');
    assert.ok(
      (await unsealedAttachments(hall.backend.db, RECORD_TABLES)).some((a) => a.sha256 === row.sha256),
      'errand attachments go up to the county as disputes’ and petitions’ do',
    );
  });

  test('a material not on the errand’s list, a renamed file and a closed errand are refused in words', async () => {
    const errand = await register();
    refused(
      await agent.call('errands.attach', {
        errandId: errand.id,
        material: '结婚证',
        fileName: '结婚证.png',
        mimeType: 'image/png',
        uploadId: await agent.upload(photo('c')),
      }),
      400,
      /所示材料：“结婚证”不是/,
      'material',
    );
    refused(
      await agent.call('errands.attach', {
        errandId: errand.id,
        fileName: '扫描件.pdf',
        mimeType: 'image/jpeg',
        uploadId: await agent.upload(Buffer.from('%PDF-1.4 not a photo')),
      }),
      400,
      /不是JPG 图片/,
      'uploadId',
    );
    // The counter adds its own scan while checking the materials.
    const collected = await agent.ok('errands.collect', {
      errandId: errand.id,
      version: errand.version,
      collectedMaterials: required,
    });
    const scan = await clerk.ok('errands.attach', {
      errandId: errand.id,
      fileName: '原件核对.pdf',
      mimeType: 'application/pdf',
      uploadId: await clerk.upload(Buffer.from('%PDF-1.4 counter scan')),
    });
    assert.equal(scan.material, null);
    const withdrawn = await agent.ok('errands.withdraw', {
      errandId: errand.id,
      version: collected.errand.version,
      reason: '居民自己去办了',
    });
    assert.deepEqual(
      withdrawn.errand.attachments.map((a) => a.fileName),
      ['原件核对.pdf'],
    );
    refused(
      await agent.call('errands.attach', {
        errandId: errand.id,
        fileName: '迟到的照片.png',
        mimeType: 'image/png',
        uploadId: await agent.upload(photo('d')),
      }),
      409,
      /这项代办当前为“已撤回”，不能添加附件/,
    );
  });
});
