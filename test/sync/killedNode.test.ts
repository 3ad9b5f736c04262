// A township program killed in the middle of a sync loses nothing and sends nothing twice:
// once while a batch is on its way (the hub never saw it), once after the hub applied a batch
// but before its answer arrived (the node never learnt it). Each restart goes on from what is
// stored, and at the end every entry is at the hub once, in order.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { openBackend } from '../../electron/backend/backend';
import { handleSyncRequest } from '../../hub/syncRoutes';
import { stopChild } from '../support/dispose';
import { HubFixture } from '../support/testHub';
import { PASSPHRASE, appendEntries, testCertificates } from './nodeHarness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = new HubFixture('sqlite');
after(() => fixture.stop());

/** When to kill the township program: at the n-th batch it posts, before or after the hub applies it. */
type KillPoint = { atBatch: number; when: 'beforeApply' | 'afterApply' } | null;

test('a township program killed mid-sync and restarted: every entry reaches the hub once, in order', async () => {
  // The township program runs on the real clock: so does the hub (an enrollment file expires).
  const testHub = await fixture.hub();
  testHub.clock.current = new Date();
  const { hub } = testHub;
  let child: ChildProcess | null = null;
  let kill: KillPoint = null;
  let batchPosts = 0;
  const killChild = async () => {
    const exited = once(child!, 'exit');
    child!.kill('SIGKILL');
    await exited;
  };
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'POST' && req.url === '/sync/v1/batches' && kill) {
        batchPosts++;
        if (batchPosts === kill.atBatch && kill.when === 'beforeApply') {
          await killChild();
          res.destroy();
          return;
        }
        if (batchPosts === kill.atBatch) {
          // The hub commits the batch, then the program dies before the answer leaves.
          const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
          res.end = ((...args: unknown[]) => {
            void killChild().then(() => end(...args));
            return res;
          }) as typeof res.end;
        }
      }
      if (!(await handleSyncRequest(hub, req, res))) res.writeHead(404).end();
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-killed-'));
  try {
    const [certificate] = await testCertificates();
    const { enrollment } = await hub.createNode({
      townshipName: '青石镇',
      hubUrl,
      certificatePem: certificate.certificatePem,
      certificateFingerprint: certificate.fingerprint,
    });
    const setup = await openBackend({ dataDir, logError: () => {}, sync: { log: () => {} } });
    const enrolled = await setup.sync.enroll(enrollment, PASSPHRASE);
    assert.equal(enrolled.registered, true, enrolled.message);
    await appendEntries(setup, 1_500, new Date().toISOString());
    await setup.close();

    const runChild = async (point: KillPoint): Promise<number | null> => {
      kill = point;
      batchPosts = 0;
      child = spawn(process.execPath, ['--import', 'tsx', 'test/support/syncChild.ts', dataDir, PASSPHRASE], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    };
    assert.equal(await runChild({ atBatch: 3, when: 'beforeApply' }), null, 'killed while batch 3 was on its way');
    const afterFirst = await hub.nodeState(enrollment.nodeId);
    assert.ok(afterFirst.appliedThrough > 0 && afterFirst.appliedThrough < 1_500);
    assert.equal(await runChild({ atBatch: 2, when: 'afterApply' }), null, 'killed after the hub applied a batch');
    const afterSecond = await hub.nodeState(enrollment.nodeId);
    assert.ok(afterSecond.appliedThrough > afterFirst.appliedThrough, 'the second run got further');
    assert.equal(await runChild(null), 0, 'the third run finishes');

    const node = await openBackend({ dataDir, logError: () => {}, sync: { log: () => {} } });
    try {
      const local = await node.db.selectFrom('change_log').select(['seq', 'id']).orderBy('seq').execute();
      const atHub = await hub.db
        .selectFrom('hub_entries')
        .select(['seq', 'id'])
        .where('node_id', '=', enrollment.nodeId)
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        atHub.map((r) => [Number(r.seq), r.id]),
        local.map((r) => [r.seq, r.id]),
      );
      const batches = await node.db.selectFrom('sync_batches').select(['first', 'acknowledged_at']).execute();
      assert.ok(
        batches.every((b) => b.acknowledged_at !== null),
        'every batch acknowledged',
      );
      const hubBatches = await hub.db
        .selectFrom('hub_batches')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(hubBatches.n), batches.length, 'no batch applied twice');
    } finally {
      await node.close();
    }
  } finally {
    // A failed step can leave the township program running, and it would keep this file's
    // process alive after the test. (The cast: TypeScript cannot see the callbacks assign it.)
    const last = child as ChildProcess | null;
    if (last) await stopChild(last);
    server.closeAllConnections();
    server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
