import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../support/testHall';
import { catalogFile } from '../../shared/catalog/catalog';
import {
  PASSPHRASE,
  disputeWithAttachments,
  errandWithAttachment,
  recordedSleeps,
  startNodeHall,
  startTestHub,
  type TestHubServer,
  type TestNodeHall,
} from './nodeHarness';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const agentItem = demoCatalog.items.find((i) => i.agentAllowed && i.activeTo === null)!;

/** A dispute with one attachment of `size` bytes (incompressible, like a scan). */
async function disputeWithAttachment(node: TestNodeHall, size: number) {
  const [file] = await disputeWithAttachments(node, [size]);
  return file!;
}

describe('attachments go up resumably', () => {
  const clock = new TestClock();
  let hub: TestHubServer;
  before(async () => {
    hub = await startTestHub(clock);
  });
  after(() => hub.close());

  test('an upload cut off mid-chunk resumes after a restart from where the hub’s copy ends', async () => {
    const sleeps = recordedSleeps();
    const node = await startNodeHall(clock, { retry: { ...sleeps.retry, maxAttempts: 1 } });
    try {
      const enrollment = await hub.enrollment();
      await node.admin.ok('sync.enroll', { file: enrollment, passphrase: PASSPHRASE });
      const { content, sha256 } = await disputeWithAttachment(node, 600 * 1024);
      assert.equal((await node.admin.ok('sync.status', {})).pending.files, 1);

      // The first PATCH loses its connection after ~100 KiB have reached the hub.
      const patches: number[] = [];
      const heads: string[] = [];
      hub.hook = (req) => {
        if (req.method === 'HEAD') heads.push(req.url ?? '');
        if (req.method !== 'PATCH') return false;
        patches.push(Number(req.headers['upload-offset']));
        if (patches.length === 1) {
          // Counted on the socket (a listener on req would take the body away from the hub).
          let seen = 0;
          req.socket.on('data', (chunk: Buffer) => {
            seen += chunk.length;
            if (seen >= 100 * 1024) req.socket.destroy();
          });
        }
        return false;
      };
      const first = await node.backend.sync.runOnce();
      assert.equal(first.ok, false);
      assert.match(first.message, /连接中断/);
      const row = await node.backend.db.selectFrom('sync_files').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.sha256, sha256);
      assert.ok(row.upload_url, 'the upload address was kept before the first byte went');
      assert.equal(row.acknowledged_at, null);
      const sealedCopy = path.join(node.dataDir, row.envelope_path);
      assert.ok(existsSync(sealedCopy));

      await node.restart({ passphrase: PASSPHRASE, retry: sleeps.retry });
      const second = await node.backend.sync.runOnce();
      assert.equal(second.ok, true, second.message);
      assert.deepEqual(heads, [row.upload_url], 'asked the hub how far it got');
      assert.equal(patches[0], 0);
      assert.ok(patches[1]! >= 64 * 1024, `resumed at ${patches[1]}, not from the start`);
      assert.equal(hub.requests.filter((r) => r === 'POST /sync/v1/files').length, 1, 'one upload, resumed');
      const chunks = patches.slice(1);
      for (let i = 1; i < chunks.length; i++) assert.equal(chunks[i]! - chunks[i - 1]!, 256 * 1024);
      assert.equal(row.envelope_bytes - chunks[chunks.length - 1]! <= 256 * 1024, true);

      assert.deepEqual(await readFile(hub.hub.filePath(enrollment.nodeId, sha256)), content);
      const status = await node.admin.ok('sync.status', {});
      assert.equal(status.pending.files, 0);
      assert.equal(existsSync(sealedCopy), false, 'the sealed copy is removed once the hub holds the file');
      assert.ok((await hub.hub.records(enrollment.nodeId, 'dispute')).length > 0, 'the dispute itself went up too');
    } finally {
      hub.hook = null;
      await node.close();
    }
  });

  // The outbox reads the attachment tables the kinds of record declare: errands needed no line of its own.
  test('an errand’s photo is sealed like any attachment and reaches the hub', async () => {
    const node = await startNodeHall(clock);
    try {
      const enrollment = await hub.enrollment();
      await node.admin.ok('sync.enroll', { file: enrollment, passphrase: PASSPHRASE });
      await node.admin.ok('catalog.importFile', demoCatalog);
      const village = await node.admin.ok('places.saveVillage', { name: '西河村', kind: 'village', groups: [] });
      const photo = await errandWithAttachment(node, { villageId: village.id, itemCode: agentItem.code, size: 40_000 });
      assert.equal((await node.admin.ok('sync.status', {})).pending.files, 1);

      const run = await node.backend.sync.runOnce();
      assert.equal(run.ok, true, run.message);
      assert.deepEqual(await readFile(hub.hub.filePath(enrollment.nodeId, photo.sha256)), photo.content);
      const sealed = await node.backend.db
        .selectFrom('sync_files')
        .select(['sha256', 'acknowledged_at'])
        .executeTakeFirstOrThrow();
      assert.equal(sealed.sha256, photo.sha256);
      assert.ok(sealed.acknowledged_at, 'the hub confirmed it holds the file');
      assert.equal((await node.admin.ok('sync.status', {})).pending.files, 0);
      const errands = await hub.hub.records(enrollment.nodeId, 'errand');
      assert.ok(
        errands.some((r) => r.entityId === photo.errandId && r.op === 'attach'),
        'the attach entry went up with the file',
      );
    } finally {
      await node.close();
    }
  });
});
