import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { handleSyncRequest } from '../../hub/syncRoutes';
import { REPORT_ENTITY } from '../../shared/sync/protocol';
import { TestClock } from '../support/testHall';
import {
  PASSPHRASE,
  appendEntries,
  recordedSleeps,
  startNodeHall,
  startTestHub,
  type TestHubServer,
  type TestNodeHall,
} from './nodeHarness';

/** Every seq of the node's log at the hub, once each: 1..n in order. */
async function hubSeqs(hub: TestHubServer, nodeId: string): Promise<number[]> {
  const rows = await hub.hub.db
    .selectFrom('hub_entries')
    .select('seq')
    .where('node_id', '=', nodeId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => Number(r.seq));
}

async function localCount(node: TestNodeHall): Promise<number> {
  const row = await node.backend.db
    .selectFrom('change_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const batchPosts = (hub: TestHubServer) => hub.requests.filter((r) => r === 'POST /sync/v1/batches').length;

describe('batches from the township to the county hub', () => {
  const clock = new TestClock();
  let hub: TestHubServer;
  before(async () => {
    hub = await startTestHub(clock);
  });
  after(() => hub.close());

  test('2,000 entries reach the hub exactly once and in order; a second run sends nothing', async () => {
    const node = await startNodeHall(clock, { batchMaxEntries: 500 });
    try {
      const enrollment = await hub.enrollment();
      await node.admin.ok('sync.enroll', { file: enrollment, passphrase: PASSPHRASE });
      await appendEntries(node.backend, 2_000, clock.now().toISOString());
      // Before anything is sealed the screen shows an estimate, never "0 bytes" for a backlog.
      const before = await node.admin.ok('sync.status', {});
      assert.ok(before.pending.entries >= 2_000);
      assert.ok(before.pending.bytes > 2_000 * 10 && before.pending.bytes < 2_000 * 200, String(before.pending.bytes));

      const started = await node.admin.ok('sync.syncNow', {});
      assert.equal(started.started, true);
      const again = await node.admin.ok('sync.syncNow', {});
      assert.equal(again.started, false, 'one run at a time');
      assert.match(again.message, /正在进行/);
      const result = await node.backend.sync.runOnce();
      assert.equal(result.ok, true, result.message);

      const total = await localCount(node);
      assert.ok(total > 2_000, 'the enrollment and the daily report are entries too');
      assert.deepEqual(
        await hubSeqs(hub, enrollment.nodeId),
        Array.from({ length: total }, (_, i) => i + 1),
      );
      const status = await node.admin.ok('sync.status', {});
      assert.equal(status.acknowledgedThrough, total);
      assert.deepEqual(status.pending, { entries: 0, bytes: 0, files: 0 });
      assert.equal(status.progress.phase, 'done');
      assert.equal(status.progress.running, false);
      assert.ok(status.progress.itemsDone >= 2_000);
      assert.ok(status.progress.bytesDone > 0);
      assert.equal(status.lastError, null);
      assert.ok(status.lastSuccessAt);
      assert.ok(status.batches.length >= 5, `${status.batches.length} batches of at most 500 entries`);
      assert.ok(status.batches.every((b) => b.acknowledgedAt && b.via === 'link' && b.entries <= 500));
      // Sized for a slow link: 500 entries of this kind deflate to a few tens of KiB.
      assert.ok(
        status.batches.every((b) => b.bytes < 64 * 1024),
        JSON.stringify(status.batches.map((b) => b.bytes)),
      );

      // 有事报事、无事报平安: one report a day, and the hub keeps the figures.
      const reports = await node.backend.db
        .selectFrom('change_log')
        .select('entity_id')
        .where('entity', '=', REPORT_ENTITY)
        .execute();
      assert.deepEqual(
        reports.map((r) => r.entity_id),
        ['2026-11-23'],
      );
      const township = (await hub.hub.townships()).find((t) => t.nodeId === enrollment.nodeId);
      assert.equal(township?.figures?.month, '2026-11');
      assert.deepEqual(
        township?.figures?.petitions,
        { received: 0, visitPeople: 0, groupVisits: 0, replied: 0, overdue: 0 },
        'the petition desk reports too',
      );
      assert.deepEqual(
        township?.figures?.matters,
        {
          collected: 0,
          onTheSpot: 0,
          deadline: 0,
          escalated: 0,
          advised: 0,
          pending: 0,
          completed: 0,
          inHand: 0,
          replied: 0,
          overdue: 0,
        },
        'and residents’ matters, as 三事分流 counts them',
      );

      const posts = batchPosts(hub);
      const second = await node.backend.sync.runOnce();
      assert.equal(second.ok, true);
      assert.equal(batchPosts(hub), posts, 'nothing new, nothing sent');
      assert.equal((await hubSeqs(hub, enrollment.nodeId)).length, total);

      // The next day brings the next report, and only that.
      clock.advanceMinutes(24 * 60);
      assert.equal((await node.backend.sync.runOnce()).ok, true);
      assert.equal(batchPosts(hub), posts + 1);
      assert.equal((await hubSeqs(hub, enrollment.nodeId)).length, total + 1);
    } finally {
      await node.close();
    }
  });

  test('an answer lost after the hub applied, and a run killed mid-way: resumed after a restart, nothing twice', async () => {
    const sleeps = recordedSleeps();
    const node = await startNodeHall(clock, { batchMaxEntries: 200, retry: { ...sleeps.retry, maxAttempts: 1 } });
    try {
      const enrollment = await hub.enrollment('红旗镇');
      await node.admin.ok('sync.enroll', { file: enrollment, passphrase: PASSPHRASE });
      await appendEntries(node.backend, 1_000, clock.now().toISOString());

      // The 2nd batch is applied by the hub but its answer never arrives; the 4th never arrives at all.
      let posts = 0;
      hub.hook = (req, res) => {
        if (req.method !== 'POST' || req.url !== '/sync/v1/batches') return false;
        posts++;
        if (posts === 2) {
          res.end = (() => {
            req.socket.destroy();
            return res;
          }) as typeof res.end;
          void handleSyncRequest(hub.hub, req, res);
          return true;
        }
        if (posts === 4) {
          req.socket.destroy();
          return true;
        }
        return false;
      };
      const first = await node.backend.sync.runOnce();
      assert.equal(first.ok, false);
      assert.match(first.message, /无法连接县级平台（连接中断）/);
      const applied = (await hub.hub.nodeState(enrollment.nodeId)).appliedThrough;
      assert.ok(applied > 0);
      const local = await node.admin.ok('sync.status', {});
      assert.ok(local.acknowledgedThrough < applied, 'the lost answer left the node unsure: it resends');

      // The program is restarted (the keys unlocked again) and syncs on.
      await node.restart({ passphrase: PASSPHRASE, batchMaxEntries: 200, retry: sleeps.retry });
      const second = await node.backend.sync.runOnce();
      assert.equal(second.ok, true, second.message);
      const total = await localCount(node);
      assert.deepEqual(
        await hubSeqs(hub, enrollment.nodeId),
        Array.from({ length: total }, (_, i) => i + 1),
      );
      const replays = await hub.hub.db
        .selectFrom('hub_batches')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('node_id', '=', enrollment.nodeId)
        .executeTakeFirstOrThrow();
      const status = await node.admin.ok('sync.status', {});
      assert.equal(Number(replays.n), status.batches.length, 'each stored batch applied once');
      assert.equal(status.acknowledgedThrough, total);
    } finally {
      hub.hook = null;
      await node.close();
    }
  });

  test('the hub restored from an older backup: told by a gap, the node sends again from where the hub stands', async () => {
    const node = await startNodeHall(clock, { batchMaxEntries: 200 });
    try {
      const enrollment = await hub.enrollment('白沙乡');
      await node.admin.ok('sync.enroll', { file: enrollment, passphrase: PASSPHRASE });
      await appendEntries(node.backend, 600, clock.now().toISOString());
      assert.equal((await node.backend.sync.runOnce()).ok, true);
      await appendEntries(node.backend, 300, clock.now().toISOString());

      // Between the node's look at the hub's state and its next batch, the hub loses everything
      // after its first batch (the county restored last week's backup).
      const restore = async () => {
        const db = hub.hub.db;
        const firstBatch = await db
          .selectFrom('hub_batches')
          .selectAll()
          .where('node_id', '=', enrollment.nodeId)
          .orderBy('first_seq')
          .limit(1)
          .executeTakeFirstOrThrow();
        const end = Number(firstBatch.last_seq);
        await db
          .deleteFrom('hub_batches')
          .where('node_id', '=', enrollment.nodeId)
          .where('first_seq', '>', end)
          .execute();
        await db.deleteFrom('hub_entries').where('node_id', '=', enrollment.nodeId).where('seq', '>', end).execute();
        await db
          .updateTable('hub_nodes')
          .set({ applied_through: end, last_batch_hash: firstBatch.hash })
          .where('id', '=', enrollment.nodeId)
          .execute();
      };
      let restored = false;
      hub.hook = (req, res) => {
        if (restored || req.method !== 'POST' || req.url !== '/sync/v1/batches') return false;
        restored = true;
        void restore().then(() => handleSyncRequest(hub.hub, req, res));
        return true;
      };
      const result = await node.backend.sync.runOnce();
      assert.equal(result.ok, true, result.message);
      const total = await localCount(node);
      assert.deepEqual(
        await hubSeqs(hub, enrollment.nodeId),
        Array.from({ length: total }, (_, i) => i + 1),
      );
      assert.equal((await node.admin.ok('sync.status', {})).acknowledgedThrough, total);
      const gaps = await hub.hub.rejections();
      assert.ok(gaps.some((r) => r.code === 'gap' && r.nodeId === enrollment.nodeId));
    } finally {
      hub.hook = null;
      await node.close();
    }
  });

  test('refusals that retrying cannot cure stop the run and say why: a broken chain, a revoked node', async () => {
    const sleeps = recordedSleeps();
    const node = await startNodeHall(clock, { retry: sleeps.retry });
    try {
      const enrollment = await hub.enrollment('大坪乡');
      await node.admin.ok('sync.enroll', { file: enrollment, passphrase: PASSPHRASE });
      assert.equal((await node.backend.sync.runOnce()).ok, true);
      await appendEntries(node.backend, 10, clock.now().toISOString());

      const forget = () =>
        hub.hub.db
          .updateTable('hub_nodes')
          .set({ last_batch_hash: 'f'.repeat(64) })
          .where('id', '=', enrollment.nodeId)
          .execute();
      let broken = false;
      hub.hook = (req, res) => {
        if (broken || req.method !== 'POST' || req.url !== '/sync/v1/batches') return false;
        broken = true;
        void forget().then(() => handleSyncRequest(hub.hub, req, res));
        return true;
      };
      const refused = await node.backend.sync.runOnce();
      assert.equal(refused.ok, false);
      assert.match(refused.message, /^县级平台拒收：前一批次的摘要不符（哈希链断开）/);
      assert.equal(sleeps.delays.length, 0, 'not retried');
      // Seen before sending, too: the hub's last batch is not ours.
      const again = await node.backend.sync.runOnce();
      assert.match(again.message, /哈希链不符/);
      hub.hook = null;

      await hub.hub.revokeNode(enrollment.nodeId, '设备丢失');
      const revoked = await node.backend.sync.runOnce();
      assert.equal(revoked.ok, false);
      assert.match(revoked.message, /^县级平台拒收：.*被县级平台吊销（原因：设备丢失）/);
      const status = await node.admin.ok('sync.status', {});
      assert.equal(status.enrollment?.revoked, true);
      const now = await node.admin.ok('sync.syncNow', {});
      assert.equal(now.started, false);
      assert.match(now.message, /吊销/);
      assert.equal(sleeps.delays.length, 0);
    } finally {
      hub.hook = null;
      await node.close();
    }
  });

  test('the scheduler syncs by itself once enrolled and unlocked', async () => {
    const node = await startNodeHall(clock);
    try {
      const enrollment = await hub.enrollment('青龙镇');
      await node.admin.ok('sync.enroll', { file: enrollment, passphrase: PASSPHRASE });
      await appendEntries(node.backend, 50, clock.now().toISOString());
      node.backend.sync.startScheduler(60, 0);
      // The first scheduled run starts on the next turn of the event loop; runOnce joins it.
      while (!node.backend.sync.running) await new Promise((resolve) => setImmediate(resolve));
      const result = await node.backend.sync.runOnce();
      assert.equal(result.ok, true, result.message);
      assert.equal((await hubSeqs(hub, enrollment.nodeId)).length, await localCount(node));
    } finally {
      await node.close();
    }
  });

  test('closing the program mid-request stops the run at once, and it resumes next time', async () => {
    const node = await startNodeHall(clock);
    let closed = false;
    try {
      const enrollment = await hub.enrollment('长岭乡');
      await node.admin.ok('sync.enroll', { file: enrollment, passphrase: PASSPHRASE });
      const arrived = new Promise<void>((resolve) => {
        hub.hook = (req) => {
          if (req.url !== `/sync/v1/nodes/${enrollment.nodeId}/state`) return false;
          resolve();
          return true; // never answered
        };
      });
      const run = node.backend.sync.runOnce();
      await arrived;
      await node.backend.sync.close();
      const result = await run;
      assert.equal(result.ok, false);
      assert.match(result.message, /程序正在关闭/);
      hub.hook = null;
      await node.restart({ passphrase: PASSPHRASE });
      assert.equal((await node.backend.sync.runOnce()).ok, true);
      await node.close();
      closed = true;
    } finally {
      hub.hook = null;
      if (!closed) await node.close();
    }
  });

  test('the hub unreachable: a plain reason, and retries after growing, jittered, capped pauses', async () => {
    const randoms = [0.5, 0.25, 0.999, 0.1, 0.75, 0.5, 0.9, 0.3, 0.6, 0.8, 0.95, 0.4];
    let next = 0;
    const sleeps = recordedSleeps(() => randoms[next++ % randoms.length]!);
    const seen: (string | null)[] = [];
    const node = await startNodeHall(clock, {
      retry: {
        ...sleeps.retry,
        maxAttempts: 12,
        sleep: async (ms: number) => {
          sleeps.delays.push(ms);
          seen.push(node.backend.sync.progress().error);
        },
      },
    });
    try {
      await node.admin.ok('sync.enroll', { file: await hub.enrollment('石门乡'), passphrase: PASSPHRASE });
      await hub.stop();
      const result = await node.backend.sync.runOnce();
      assert.equal(result.ok, false);
      assert.match(result.message, /^无法连接县级平台（连接被拒绝，县级平台可能未运行），请稍后点“立即同步”重试$/);
      assert.equal(sleeps.delays.length, 11, '12 tries, 11 pauses');
      sleeps.delays.forEach((delay, attempt) => {
        const ceiling = Math.min(5 * 60_000, 1_000 * 2 ** attempt);
        assert.equal(delay, Math.floor(randoms[attempt]! * ceiling), `pause ${attempt}`);
      });
      assert.ok(
        sleeps.delays.slice(8).every((d) => d <= 5 * 60_000),
        'capped at five minutes',
      );
      assert.equal(sleeps.delays[9], Math.floor(0.8 * 5 * 60_000));
      assert.equal(seen[0], '无法连接县级平台（连接被拒绝，县级平台可能未运行），将在 1 秒后重试');
      assert.equal(seen[9], '无法连接县级平台（连接被拒绝，县级平台可能未运行），将在 4 分钟后重试');
      const status = await node.admin.ok('sync.status', {});
      assert.equal(status.lastError, result.message);
      assert.equal(status.progress.phase, 'failed');
    } finally {
      await hub.restart();
      await node.close();
    }
  });

  test('a hub that stops answering: each request gives up after its timeout, “连接超时”', async () => {
    const sleeps = recordedSleeps();
    const node = await startNodeHall(clock, { retry: { ...sleeps.retry, maxAttempts: 2 }, requestTimeoutMs: 300 });
    try {
      await node.admin.ok('sync.enroll', { file: await hub.enrollment('五龙镇'), passphrase: PASSPHRASE });
      hub.hook = () => true; // swallows every request: no byte ever comes back
      const result = await node.backend.sync.runOnce();
      assert.equal(result.ok, false);
      assert.match(result.message, /^无法连接县级平台（连接超时）/);
      assert.equal(sleeps.delays.length, 1);
    } finally {
      hub.hook = null;
      await node.close();
    }
  });
});
