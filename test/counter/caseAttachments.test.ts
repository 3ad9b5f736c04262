// Photos and scans of a counter case's materials through the API: a clerk attaches them (naming
// the material one shows), which ticks that material while the case waits for its materials; a
// leader reads them and adds none; a voided case takes none, in the declaration's words; they are
// stored by content, encrypted at rest, written to the change log, and listed for the county.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RECORD_TABLES } from '../../electron/backend/backend';
import { unsealedAttachments } from '../../electron/backend/sync/fileOutbox';
import { catalogFile } from '../../shared/catalog/catalog';
import { caseKind } from '../../shared/counter/caseKind';
import type { CaseRecord } from '../../shared/counter/casesApi';
import { refusalOf } from '../../shared/workflow/kind';
import { residentId } from '../support/ids';
import { morningOf, refused, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
/** A 承诺件 with at least two required materials. */
const item = demoCatalog.items.find(
  (i) => i.activeTo === null && i.handlingType === 'promised' && i.materials.filter((m) => m.required).length >= 2,
)!;
const required = item.materials.filter((m) => m.required).map((m) => m.name);

/** A small JPEG-looking file (the first bytes are what the backend checks), different each call. */
function photo(tag: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`户口簿首页 ${tag}`)]);
}

describe('counter case attachments through the API', () => {
  let hall: TestHall;
  let admin: TestClient;
  let clerk: TestClient;
  let leader: TestClient;
  let leaderUser: { id: string; roles: ['leader']; villageIds: []; committeeIds: [] };
  let resident: string;

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    ({ hall, admin } = started);
    hall.clock.current = morningOf('2026-10-13');
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    leader = await signedInAs(hall, admin, 'leader', ['leader']);
    leaderUser = {
      id: (await leader.ok('auth.session', {}))!.user.id,
      roles: ['leader'],
      villageIds: [],
      committeeIds: [],
    };
    await admin.ok('catalog.importFile', demoCatalog);
    resident = (
      await clerk.ok('residents.register', {
        name: '李秀英',
        idType: 'residentId',
        idNumber: residentId('19500101', 300),
        ethnicity: '汉族',
        villageId: started.village.id,
      })
    ).id;
  });
  after(() => hall.close());

  const intake = async (decision: 'accept' | 'awaitMaterials', received: string[]) =>
    (
      await clerk.ok('counter.intake', {
        requestId: crypto.randomUUID(),
        residentId: resident,
        itemCode: item.code,
        receivedMaterials: received,
        window: '1号窗口',
        decision,
      })
    ).case;

  const attach = async (client: TestClient, c: CaseRecord, tag: string, material: string | null = null) =>
    client.call('counter.attach', {
      caseId: c.id,
      material,
      fileName: `拍照-${tag}.jpg`,
      mimeType: 'image/jpeg',
      uploadId: await client.upload(photo(tag)),
      caption: `说明 ${tag}`,
    });

  test('a photo of a missing material ticks it on a case waiting for materials, in one step after the attachment', async () => {
    const waiting = await intake('awaitMaterials', [required[0]!]);
    const shown = required[1]!;
    const answer = await attach(clerk, waiting, 'a', shown);
    assert.ok(answer.body.ok, JSON.stringify(answer.body));
    const { attachment, case: after } = answer.body.result;
    assert.equal(attachment.material, shown);
    assert.equal(attachment.sha256, createHash('sha256').update(photo('a')).digest('hex'));
    assert.equal(attachment.addedByName, 'clerk同志');
    assert.equal(after.status, 'awaitingMaterials');
    assert.equal(after.materials.find((m) => m.name === shown)?.received, true, 'the material it shows is ticked');
    assert.equal(after.materials.find((m) => m.name === required[0])?.received, true, 'what was there stays');
    assert.equal(after.version, waiting.version + 1);

    // The case lists it; the change log has the attachment, then the tick, each with its entry.
    const detail = await clerk.ok('counter.get', { caseId: waiting.id });
    assert.deepEqual(
      detail.attachments.map((a) => [a.fileName, a.material, a.caption]),
      [['拍照-a.jpg', shown, '说明 a']],
    );
    assert.deepEqual(
      detail.history.map((h) => h.op),
      ['intake', 'attach', 'receiveMaterials'],
    );
    assert.match(detail.history[1]!.summary, /添加附件“拍照-a\.jpg”/);
    assert.equal(detail.history[2]!.summary, `补收材料：${shown}（随附件“拍照-a.jpg”）`);

    // 受理 keeps what the photo ticked: only the rest is ticked in its dialog.
    const accepted = (
      await clerk.ok('counter.accept', {
        caseId: waiting.id,
        version: after.version,
        receivedMaterials: required.slice(2),
        window: '1号窗口',
      })
    ).case;
    assert.equal(accepted.status, 'accepted');
    assert.equal(accepted.materials.find((m) => m.name === shown)?.received, true);
  });

  test('once accepted, a photo only says what it shows: the case does not move', async () => {
    const accepted = await intake('accept', required);
    const optional = item.materials.find((m) => !m.required)?.name ?? required[0]!;
    const answer = await attach(clerk, accepted, 'b', optional);
    assert.ok(answer.body.ok, JSON.stringify(answer.body));
    assert.equal(answer.body.result.case.version, accepted.version, 'the case’s version did not move');
    assert.deepEqual(answer.body.result.case.materials, accepted.materials);
    const ops = (await clerk.ok('counter.get', { caseId: accepted.id })).history.map((h) => h.op);
    assert.deepEqual(ops, ['intake', 'attach']);
  });

  test('the file is stored by content, encrypted at rest, opened by readers, listed for the county', async () => {
    const accepted = await intake('accept', required);
    const answer = await attach(clerk, accepted, 'c');
    assert.ok(answer.body.ok, JSON.stringify(answer.body));
    const { attachment } = answer.body.result;
    for (const reader of [clerk, leader]) {
      const link = await reader.ok('counter.attachmentFile', { attachmentId: attachment.id });
      assert.equal(link.fileName, '拍照-c.jpg');
      assert.equal(link.mimeType, 'image/jpeg');
      const response = await reader.fetchFile(link.fileUrl);
      assert.equal(response.status, 200);
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), photo('c'));
    }
    const audited = await hall.backend.db
      .selectFrom('audit_events')
      .select(['entity', 'entity_id', 'summary'])
      .where('procedure', '=', 'counter.attachmentFile')
      .execute();
    assert.equal(audited.length, 2);
    assert.ok(audited.every((a) => a.entity === 'counterCase' && a.entity_id === accepted.id));
    assert.match(audited[0]!.summary, /查看办件附件：办件SL-/);

    const row = await hall.backend.db
      .selectFrom('case_attachments')
      .select(['file_path', 'sha256'])
      .where('id', '=', attachment.id)
      .executeTakeFirstOrThrow();
    const raw = await readFile(path.join(hall.dataDir, row.file_path));
    assert.ok(!raw.includes(Buffer.from('户口簿首页')), 'the file on disk is not the plain photo');
    assert.ok(
      (await unsealedAttachments(hall.backend.db, RECORD_TABLES)).some((a) => a.sha256 === row.sha256),
      'case attachments go up to the county as the other kinds’ do',
    );
    const entry = await hall.backend.db
      .selectFrom('change_log')
      .select(['entity', 'entity_id', 'op', 'data'])
      .where('op', '=', 'attach')
      .where('entity_id', '=', accepted.id)
      .executeTakeFirstOrThrow();
    assert.equal(entry.entity, 'counterCase');
    assert.equal((JSON.parse(entry.data) as { attachmentId: string }).attachmentId, attachment.id);
  });

  test('a leader reads but adds nothing; a voided case takes nothing, in the declaration’s words', async () => {
    const accepted = await intake('accept', required);
    // The procedure is the counter staff's; the declaration says the same of the step.
    refused(await attach(leader, accepted, 'd'), 403, /您的角色无权进行此操作/);

    const voided = (
      await clerk.ok('counter.void', { caseId: accepted.id, version: accepted.version, reason: '录错了' })
    ).case;
    const words = refusalOf(caseKind, 'attach', voided, leaderUser, '2026-10-13');
    assert.deepEqual(words, { code: 'FORBIDDEN', message: '您的角色不能添加附件' });
    const clerkWords = caseKind.steps.attach.refusedIn?.voided;
    assert.equal(clerkWords, '该件已作废，不能再添加附件');
    refused(await attach(clerk, voided, 'e'), 409, new RegExp(`^${clerkWords}$`));
    refused(
      await clerk.call('counter.receiveMaterials', {
        caseId: voided.id,
        version: voided.version,
        receivedMaterials: [required[0]],
      }),
      409,
      /该件当前为“已作废”，不能登记补收材料（只有“待补齐材料”的办件可以）/,
    );
    assert.deepEqual((await leader.ok('counter.get', { caseId: voided.id })).attachments, []);
  });

  test('a material not on the case’s list, and a renamed file, are refused on their fields', async () => {
    const waiting = await intake('awaitMaterials', []);
    refused(
      await attach(clerk, waiting, 'f', '结婚证'),
      400,
      new RegExp(`所示材料：“结婚证”不是“${item.name}”`),
      'material',
    );
    refused(
      await clerk.call('counter.attach', {
        caseId: waiting.id,
        fileName: '照片.jpg',
        mimeType: 'image/jpeg',
        uploadId: await clerk.upload(Buffer.from('%PDF-1.4 not a picture')),
      }),
      400,
      /“照片\.jpg”不是JPG 图片/,
      'uploadId',
    );
    // Nothing of either reached the case.
    const detail = await clerk.ok('counter.get', { caseId: waiting.id });
    assert.deepEqual(detail.attachments, []);
    assert.deepEqual(
      detail.history.map((h) => h.op),
      ['intake'],
    );
  });

  test('登记补收材料 by itself: ticked, kept by 受理, refused when nothing is new', async () => {
    const waiting = await intake('awaitMaterials', []);
    const ticked = (
      await clerk.ok('counter.receiveMaterials', {
        caseId: waiting.id,
        version: waiting.version,
        receivedMaterials: [required[0]],
      })
    ).case;
    assert.deepEqual(
      ticked.materials.filter((m) => m.received).map((m) => m.name),
      [required[0]],
    );
    refused(
      await clerk.call('counter.receiveMaterials', {
        caseId: waiting.id,
        version: ticked.version,
        receivedMaterials: [required[0]],
      }),
      400,
      /补收材料：所选材料都已登记为已收/,
      'receivedMaterials',
    );
    refused(
      await clerk.call('counter.receiveMaterials', {
        caseId: waiting.id,
        version: waiting.version,
        receivedMaterials: [required[1]],
      }),
      409,
      /刚被别人处理过/,
    );
  });

  test('access follows the case: an attachment of a case is opened only by those who read cases', async () => {
    const accepted = await intake('accept', required);
    const answer = await attach(clerk, accepted, 'g');
    assert.ok(answer.body.ok);
    const mediator = await signedInAs(hall, admin, 'mediator', ['mediator']);
    refused(
      await mediator.call('counter.attachmentFile', { attachmentId: answer.body.result.attachment.id }),
      403,
      /您的角色/,
    );
  });
});
