// Rebuilding a dead township PC from the county hub's copy (issue 18, docs/rebuild.md), over
// real HTTPS and on both hub databases: a township works and syncs, its data folder is deleted,
// the county authorises a replacement, a fresh installation rebuilds from the hub — same rows,
// same attachments — issues the next case number without a gap, and its next batch is accepted.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test, type TestContext } from 'node:test';
import { catalogFile } from '../../shared/catalog/catalog';
import { openBackend, type Backend } from '../../electron/backend/backend';
import { replicatedTables } from '../../electron/backend/db/rowImages';
import { createHallServer } from '../../electron/hall/httpServer';
import { rebuildTownship } from '../../electron/backend/sync/rebuildTownship';
import { FirstRunRebuild } from '../../electron/backend/sync/firstRunRebuild';
import { residentId } from '../support/ids';
import { postgresAvailable, startPostgres, type TestPostgres } from '../support/postgres';
import { TestClient, TestClock, morningOf } from '../support/testHall';
import {
  PASSPHRASE,
  disputeWithAttachments,
  errandWithAttachment,
  startNodeHall,
  startTestHub,
  userClient,
  type TestHubServer,
  type TestNodeHall,
} from './nodeHarness';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const item = demoCatalog.items.find((candidate) => candidate.code === 'NY-005')!;
const materials = item.materials.filter((m) => m.required).map((m) => m.name);

/** Every replicated row, table by table, in key order: what a rebuild must give back. */
async function replicatedContent(backend: Backend): Promise<Map<string, string>> {
  const content = new Map<string, string>();
  for (const shape of await replicatedTables(backend.db)) {
    const rows = await backend.db
      .selectFrom(shape.name as never)
      .select(shape.columns as never[])
      .orderBy(shape.key as never[])
      .execute();
    const filtered =
      shape.name === 'node_settings'
        ? (rows as { key: string }[]).filter((r) => !r.key.startsWith('sync.') && !r.key.startsWith('backup.'))
        : rows;
    content.set(shape.name, JSON.stringify(filtered));
  }
  return content;
}

/** A fresh installation: a backend on an empty folder behind the hall's server, nobody set up. */
async function freshInstallation(clock: TestClock) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-rebuilt-'));
  const backend = await openBackend({ dataDir, now: clock.now, logError: () => {}, sync: { log: () => {} } });
  const server = createHallServer({ backend, staticDir: null, loopbackOnly: true });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    backend,
    client: () => new TestClient(url),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await backend.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function dayOfWork(node: TestNodeHall) {
  await node.admin.ok('catalog.importFile', demoCatalog);
  const attachments = await disputeWithAttachments(node, [30_000, 12_000]);
  const village = await node.admin.ok('places.saveVillage', { name: '西河村', kind: 'village', groups: [] });
  // An agent's photo of an errand's materials: the rebuild fetches every kind's declared attachments.
  const photo = await errandWithAttachment(node, { villageId: village.id, itemCode: item.code, size: 20_000 });
  const clerk = await userClient(node, 'clerk', ['counterClerk']);
  const resident = await clerk.ok('residents.register', {
    name: '李秀英',
    idType: 'residentId',
    idNumber: residentId('19680312', 302),
    ethnicity: '汉族',
    villageId: village.id,
    phone: '13903721234',
  });
  const intake = () =>
    clerk.ok('counter.intake', {
      requestId: randomUUID(),
      residentId: resident.id,
      itemCode: item.code,
      receivedMaterials: materials,
      window: '3号窗口',
      decision: 'accept',
      receiptPaper: 'a5',
    });
  const first = await intake();
  const second = await intake();
  await clerk.ok('counter.complete', {
    caseId: first.case.id,
    version: first.case.version,
    result: 'approved',
    note: '已办结',
    completedOn: '2026-11-23',
  });
  return { attachments, photo, resident, caseNumbers: [first.case.caseNumber!, second.case.caseNumber!] };
}

let postgres: Promise<TestPostgres | null> | null = null;

/** A township that enrolled, worked and synced, then lost its PC and its data folder. */
async function lostTownship(t: TestContext, dialect: 'sqlite' | 'postgres') {
  const clock = new TestClock(morningOf('2026-11-23'));
  let connection: string | undefined;
  if (dialect === 'postgres') {
    postgres ??= startPostgres();
    connection = await (await postgres)!.newDatabase();
  }
  const hub: TestHubServer = await startTestHub(clock, connection);
  t.after(() => hub.close());
  const node = await startNodeHall(clock);
  let nodeClosed = false;
  t.after(() => (nodeClosed ? undefined : node.close()));
  await node.admin.ok('sync.enroll', { file: await hub.enrollment(), passphrase: PASSPHRASE });
  const work = await dayOfWork(node);
  const synced = await node.backend.sync.runOnce();
  assert.ok(synced.ok, synced.message);
  const before = await replicatedContent(node.backend);
  const nodeId = (await hub.hub.townships())[0]!.nodeId;
  // The PC dies with its data folder.
  await node.close();
  nodeClosed = true;
  const authorize = (reason: string) =>
    hub.hub.authorizeReplacement(nodeId, {
      hubUrl: hub.url,
      certificatePem: hub.certificate.certificatePem,
      certificateFingerprint: hub.certificate.fingerprint,
      reason,
    });
  return { clock, hub, nodeId, work, before, authorize };
}

/** Every replicated table as it was (the accounts aside), and the scans and the photo back byte for byte. */
async function assertRebuiltAsBefore(
  backend: Backend,
  lost: Pick<Awaited<ReturnType<typeof lostTownship>>, 'before' | 'work'>,
): Promise<Map<string, string>> {
  const rebuilt = await replicatedContent(backend);
  for (const [table, rows] of lost.before) {
    if (table === 'users') continue;
    assert.equal(rebuilt.get(table), rows, `表 ${table} 重建后与原来不同`);
  }
  for (const attachment of lost.work.attachments) {
    const row = await backend.db
      .selectFrom('dispute_attachments')
      .select('file_path')
      .where('sha256', '=', attachment.sha256)
      .executeTakeFirstOrThrow();
    assert.deepEqual(await backend.files.read(row.file_path), attachment.content);
  }
  const photo = await backend.db
    .selectFrom('errand_attachments')
    .select('file_path')
    .where('sha256', '=', lost.work.photo.sha256)
    .executeTakeFirstOrThrow();
  assert.deepEqual(await backend.files.read(photo.file_path), lost.work.photo.content);
  return rebuilt;
}

const dialects: Array<'sqlite' | 'postgres'> = ['sqlite', ...(postgresAvailable() ? (['postgres'] as const) : [])];
after(async () => (await postgres)?.stop());

for (const dialect of dialects) {
  describe(`rebuilding a township from the county hub (${dialect})`, () => {
    test('a deleted township comes back from the hub: same rows, its attachments, the next number, the next batch accepted', async (t) => {
      const lost = await lostTownship(t, dialect);
      const { clock, hub, nodeId, work } = lost;
      const hubBefore = await hub.hub.db
        .selectFrom('hub_nodes')
        .select(['applied_through', 'last_batch_hash'])
        .where('id', '=', nodeId)
        .executeTakeFirstOrThrow();
      assert.ok(Number(hubBefore.applied_through) > 10);

      const { enrollment } = await lost.authorize('原电脑硬盘损坏，无可用备份');
      assert.equal(enrollment.replacement?.appliedThrough, Number(hubBefore.applied_through));

      const fresh = await freshInstallation(clock);
      t.after(() => fresh.close());
      const phases: string[] = [];
      const outcome = await rebuildTownship(
        { db: fresh.backend.db, sync: fresh.backend.sync, now: clock.now },
        {
          file: enrollment,
          passphrase: PASSPHRASE,
          administrator: { username: 'newadmin', displayName: '王新', password: 'Rebuilt2026' },
        },
        (progress) => phases.push(progress.phase),
      );
      assert.equal(outcome.appliedThrough, Number(hubBefore.applied_through));
      assert.equal(outcome.files, 3);
      assert.deepEqual(outcome.missingFiles, []);
      assert.equal(outcome.skippedImages, 0);
      assert.ok(phases.includes('entries') && phases.includes('files') && phases.includes('finish'));

      // Same rows, table by table (the accounts come back without passwords, and one more).
      const rebuilt = await assertRebuiltAsBefore(fresh.backend, lost);
      const users = JSON.parse(rebuilt.get('users')!) as { username: string }[];
      assert.deepEqual(users.map((u) => u.username).sort(), ['admin', 'agent', 'clerk', 'newadmin']);

      // The county page sees it finished; the old PC's keys stay refused.
      const state = await hub.hub.db
        .selectFrom('hub_nodes')
        .select(['status', 'rebuild_finished_at', 'rebuild_through', 'rebuild_files'])
        .where('id', '=', nodeId)
        .executeTakeFirstOrThrow();
      assert.equal(state.status, 'active');
      assert.ok(state.rebuild_finished_at);
      assert.equal(Number(state.rebuild_through), Number(hubBefore.applied_through));
      assert.equal(Number(state.rebuild_files), 3);

      // The administrator signs in, the clerk gets a new password, the next case follows on.
      const admin = fresh.client();
      await admin.ok('auth.login', { username: 'newadmin', password: 'Rebuilt2026' });
      const clerkRow = await fresh.backend.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'clerk')
        .executeTakeFirstOrThrow();
      await admin.ok('users.resetPassword', { id: clerkRow.id, password: 'Reset2026x' });
      const clerk = fresh.client();
      await clerk.ok('auth.login', { username: 'clerk', password: 'Reset2026x' });
      await clerk.ok('auth.changePassword', { currentPassword: 'Reset2026x', newPassword: 'Counter2027' });
      const next = await clerk.ok('counter.intake', {
        requestId: randomUUID(),
        residentId: work.resident.id,
        itemCode: item.code,
        receivedMaterials: materials,
        window: '3号窗口',
        decision: 'accept',
      });
      const lastNumber = Number(work.caseNumbers[1]!.slice(-6));
      assert.equal(
        next.case.caseNumber,
        `${work.caseNumbers[1]!.slice(0, -6)}${String(lastNumber + 1).padStart(6, '0')}`,
      );

      const resumed = await fresh.backend.sync.runOnce();
      assert.ok(resumed.ok, resumed.message);
      const hubAfter = await hub.hub.db
        .selectFrom('hub_nodes')
        .select('applied_through')
        .where('id', '=', nodeId)
        .executeTakeFirstOrThrow();
      assert.ok(Number(hubAfter.applied_through) > Number(hubBefore.applied_through));
      const refusals = await hub.hub.rejections();
      assert.deepEqual(
        refusals.map((r) => r.code),
        [],
      );
    });

    test('without a link: the registration file goes to the county on a stick, the rebuild file comes back, the first batch closes it', async (t) => {
      const lost = await lostTownship(t, dialect);
      const { clock, hub, nodeId } = lost;
      const { enrollment } = await lost.authorize('乡镇没有网络，原电脑损坏');
      await hub.stop(); // the new PC has no link at all

      const fresh = await freshInstallation(clock);
      t.after(() => fresh.close());
      const stick = await mkdtemp(path.join(os.tmpdir(), 'township-usb-'));
      t.after(() => rm(stick, { recursive: true, force: true }));
      const firstRun = new FirstRunRebuild({
        db: fresh.backend.db,
        sync: fresh.backend.sync,
        now: clock.now,
        log: () => {},
      });
      const written = await firstRun.registrationFile({ file: enrollment, passphrase: PASSPHRASE, folder: stick });
      assert.equal(written.registered, false);
      assert.ok(written.path?.startsWith(stick));

      // At the county: the registration file imported, the rebuild file exported.
      const imported = await hub.hub.importFile(await readFile(written.path!));
      assert.deepEqual(
        imported.outcomes.map((o) => o.result),
        ['accepted'],
      );
      const rebuildFile = path.join(stick, 'rebuild.tdsync');
      await writeFile(rebuildFile, await hub.hub.rebuildPackage(nodeId));

      // Back at the township: a wrong path is said beside its field; the right one rebuilds.
      const account = { username: 'newadmin', displayName: '王新', password: 'Rebuilt2026' };
      await assert.rejects(
        firstRun.start({
          file: enrollment,
          passphrase: PASSPHRASE,
          ...account,
          administrator: account,
          rebuildFile: path.join(stick, 'no.tdsync'),
        }),
        /重建文件位置：找不到文件/,
      );
      const started = await firstRun.start({
        file: enrollment,
        passphrase: PASSPHRASE,
        administrator: account,
        rebuildFile,
      });
      assert.ok(started.started);
      while (firstRun.progress().running) await new Promise((resolve) => setTimeout(resolve, 50));
      const outcome = firstRun.progress().outcome!;
      assert.ok(outcome.ok, outcome.message ?? '');
      assert.equal(outcome.files, 3);
      await assertRebuiltAsBefore(fresh.backend, lost);
      const waiting = await hub.hub.db
        .selectFrom('hub_nodes')
        .select('rebuild_finished_at')
        .where('id', '=', nodeId)
        .executeTakeFirstOrThrow();
      assert.equal(waiting.rebuild_finished_at, null, 'not finished until the township is heard from');

      // The link comes back: the next batch is accepted and closes the rebuild.
      await hub.restart();
      const resumed = await fresh.backend.sync.runOnce();
      assert.ok(resumed.ok, resumed.message);
      const done = await hub.hub.db
        .selectFrom('hub_nodes')
        .select('rebuild_finished_at')
        .where('id', '=', nodeId)
        .executeTakeFirstOrThrow();
      assert.ok(done.rebuild_finished_at);
      assert.deepEqual(
        (await hub.hub.rejections()).map((r) => r.code),
        [],
      );
    });
  });
}
