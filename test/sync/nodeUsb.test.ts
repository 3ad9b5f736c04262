import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { CatalogFile } from '../../shared/catalog/catalog';
import { SUITE_GUOMI, SUITE_IDS, SUITE_LABELS, suiteOf } from '../../shared/sync/suites';
import { parseEnvelope } from '../../shared/sync/envelope';
import { unpackContainer } from '../../shared/sync/container';
import { disposeAll } from '../support/dispose';
import { TestClock, type TestClient } from '../support/testHall';
import {
  PASSPHRASE,
  appendEntries,
  disputeWithAttachments,
  startNodeHall,
  startTestHub,
  type TestHubServer,
  type TestNodeHall,
} from './nodeHarness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const catalog = JSON.parse(
  readFileSync(path.join(root, 'resources/catalog/demo-service-catalog.json'), 'utf8'),
) as CatalogFile;

/** The file behind a link the node's administrator was given (the link opens for that session only). */
async function download(node: TestNodeHall, fileUrl: string): Promise<Uint8Array> {
  const response = await node.admin.fetchFile(fileUrl);
  assert.equal(response.status, 200);
  return new Uint8Array(await response.arrayBuffer());
}

/** `sync.importFile`'s input: the file uploaded first by the node's administrator. */
const asUpload = async (node: TestNodeHall, bytes: Uint8Array, fileName = '回执.tdsync') => ({
  fileName,
  uploadId: await node.admin.upload(bytes),
});

async function snapshot(node: TestNodeHall, admin: TestClient) {
  const status = await admin.ok('sync.status', {});
  const log = await node.backend.db
    .selectFrom('change_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { ...status, progress: null, lastContactAt: null, changes: Number(log.n) };
}

// Once per suite: the county chooses the 国密 suite for a township as readily as the other, and the
// USB path carries its SM2-signed, SM4-sealed envelopes (attachments included) the same way.
for (const suite of SUITE_IDS) {
  describe(`the USB file both ways, for a township without a link — ${SUITE_LABELS[suite]}`, () => {
    const clock = new TestClock();
    let hub: TestHubServer;
    let node: TestNodeHall;
    before(async () => {
      hub = await startTestHub(clock);
      node = await startNodeHall(clock, { batchMaxEntries: 300 });
    });
    // Each closed even if the other fails, or if `before` failed half-way: a server left open keeps
    // this file's process alive after its tests.
    after(() => disposeAll([() => node?.close(), () => hub?.close()]));

    test('enrolled and synced by files only: export, import at the hub, import the reply; twice changes nothing', async () => {
      const enrollment = await hub.enrollment('青石镇', suite);
      await hub.hub.publishCatalog({ ...catalog, version: '2026.4' }, [enrollment.nodeId]);
      await hub.stop(); // no link from here on

      const enrolled = await node.admin.ok('sync.enroll', { file: enrollment, passphrase: PASSPHRASE });
      assert.equal(enrolled.registered, false);
      assert.match(enrolled.message, /导出登记文件/);
      const registration = await node.admin.ok('sync.registrationFile', {});
      assert.match(registration.fileName, /^青石镇-登记-2026-11-23\.tdsync$/);

      await appendEntries(node.backend, 700, clock.now().toISOString());
      const attachments = suite === SUITE_GUOMI ? await disputeWithAttachments(node, [200 * 1024, 90 * 1024]) : [];
      const exported = await node.admin.ok('sync.exportFile', {});
      assert.equal(exported.fileName, '青石镇-同步-2026-11-23.tdsync');
      assert.ok(exported.batches >= 3);
      assert.ok(exported.entries > 700);
      const file = await download(node, exported.fileUrl);
      assert.equal(file.byteLength, exported.bytes);
      assert.equal(exported.files, attachments.length);
      // Every envelope on the stick is of the county's chosen suite.
      for (const envelope of unpackContainer(file)) assert.equal(parseEnvelope(envelope).header.suite, suite);
      const exports = await node.backend.db
        .selectFrom('audit_events')
        .select(['procedure', 'summary'])
        .where('action', '=', 'export')
        .orderBy('id')
        .execute();
      assert.deepEqual(exports, [
        { procedure: 'sync.registrationFile', summary: '导出登记文件“青石镇-登记-2026-11-23.tdsync”' },
        {
          procedure: 'sync.exportFile',
          summary: `导出同步文件“青石镇-同步-2026-11-23.tdsync”（${exported.batches} 个批次，${exported.files} 个附件）`,
        },
      ]);

      const imported = await hub.hub.importFile(file);
      assert.ok(
        imported.outcomes.every((o) => o.result !== 'rejected'),
        JSON.stringify(imported.outcomes),
      );
      const reply = imported.replies.find((r) => r.nodeId === enrollment.nodeId)!.file;
      assert.equal((await hub.hub.nodeState(enrollment.nodeId)).appliedThrough, exported.entries);
      for (const attachment of attachments) {
        assert.deepEqual(await readFile(hub.hub.filePath(enrollment.nodeId, attachment.sha256)), attachment.content);
      }
      const [replyEnvelope] = unpackContainer(reply);
      const replyHeader = parseEnvelope(replyEnvelope!).header;
      assert.equal(replyHeader.suite, suite, 'the reply comes back in the same suite');
      assert.equal(replyHeader.signer, hub.hub.identity.suites[suite].signingKeyId);
      assert.equal(suiteOf(suite).hashHex(replyEnvelope!), parseEnvelope(replyEnvelope!).hash);

      // Our own export is not a reply: refused on the field, nothing changed.
      const wrongFile = await node.admin.call('sync.importFile', await asUpload(node, file, exported.fileName));
      assert.equal(wrongFile.status, 400);
      assert.ok(!wrongFile.body.ok && /应在县级平台导入/.test(wrongFile.body.error.fieldErrors?.uploadId ?? ''));
      // A reply altered on the way is refused whole.
      const tampered = new Uint8Array(reply);
      tampered[tampered.length - 10]! ^= 0xff;
      const altered = await node.admin.call('sync.importFile', await asUpload(node, tampered));
      assert.equal(altered.status, 400);
      assert.ok(!altered.body.ok && /签名校验失败/.test(altered.body.error.fieldErrors?.uploadId ?? ''));
      assert.equal((await node.admin.ok('sync.status', {})).acknowledgedThrough, 0);

      const applied = await node.admin.ok('sync.importFile', await asUpload(node, reply));
      assert.equal(applied.acknowledgedThrough, exported.entries);
      assert.equal(applied.newlyAcknowledged, exported.batches);
      assert.ok(applied.packagesApplied >= 1, 'the catalog came back with the reply');
      const status = await node.admin.ok('sync.status', {});
      assert.equal(status.enrollment?.registered, true, 'the reply confirms the registration');
      assert.equal(status.enrollment?.suite, suite);
      assert.equal(status.pending.files, 0, 'the reply says the hub holds the attachments');
      assert.ok(status.batches.every((b) => b.acknowledgedAt && b.via === 'file'));
      assert.equal(status.reference.catalogVersion, '2026.4');
      assert.equal((await node.admin.ok('catalog.list', {})).info.version, '2026.4');

      const before = await snapshot(node, node.admin);
      const again = await node.admin.ok('sync.importFile', await asUpload(node, reply));
      assert.equal(again.newlyAcknowledged, 0);
      assert.equal(again.packagesApplied, 0);
      assert.match(again.message, /没有新的内容/);
      assert.deepEqual(await snapshot(node, node.admin), before);

      // The catalog's arrival (and what it changed) are entries of their own: the next file carries them.
      const next = await node.admin.ok('sync.exportFile', {});
      assert.ok(next.entries > 0);
      const nextImport = await hub.hub.importFile(await download(node, next.fileUrl));
      assert.ok(
        nextImport.outcomes.every((o) => o.result !== 'rejected'),
        JSON.stringify(nextImport.outcomes),
      );
      // Importing the first file at the hub again changes nothing there either.
      const replayed = await hub.hub.importFile(file);
      assert.ok(
        replayed.outcomes.every((o) => o.result !== 'rejected'),
        JSON.stringify(replayed.outcomes),
      );
      await node.admin.ok('sync.importFile', await asUpload(node, nextImport.replies[0]!.file));
      const done = await node.admin.ok('sync.status', {});
      assert.deepEqual(done.pending, { entries: 0, bytes: 0, files: 0 });

      // Keys rotated without a link: the rotation travels first in the next file, the batches after
      // it carry the new signature, and the reply (sealed to the new key) confirms it.
      clock.advanceMinutes(5);
      const rotated = await node.admin.ok('sync.rotateKeys', { passphrase: PASSPHRASE });
      assert.equal(rotated.registered, false);
      clock.advanceMinutes(5);
      await appendEntries(node.backend, 20, clock.now().toISOString());
      const withRotation = await node.admin.ok('sync.exportFile', {});
      const rotationImport = await hub.hub.importFile(await download(node, withRotation.fileUrl));
      assert.deepEqual(
        rotationImport.outcomes.map((o) => [o.kind, o.result !== 'rejected']),
        [['rotation', true], ...Array.from({ length: withRotation.batches }, () => ['batch', true])],
        JSON.stringify(rotationImport.outcomes),
      );
      await node.admin.ok('sync.importFile', await asUpload(node, rotationImport.replies[0]!.file));
      const waiting = await node.backend.db
        .selectFrom('node_settings')
        .select('key')
        .where('key', '=', 'sync.rotation')
        .executeTakeFirst();
      assert.equal(waiting, undefined, 'the rotation is confirmed and no longer carried');
      assert.equal((await node.admin.ok('sync.status', {})).enrollment?.signingKeyId, rotated.signingKeyId);

      const nothing = await node.admin.call('sync.exportFile', {});
      assert.equal(nothing.status, 409);
      assert.ok(!nothing.body.ok && /没有需要导出的内容/.test(nothing.body.error.message));
    });
  });
}
