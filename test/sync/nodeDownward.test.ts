import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { CalendarFile } from '../../shared/calendar/workingCalendar';
import type { CatalogFile } from '../../shared/catalog/catalog';
import { INSTRUCTION_ENTITY } from '../../shared/sync/protocol';
import { RECORD_TABLES } from '../../electron/backend/backend';
import { disposeAll } from '../support/dispose';
import { TestClock } from '../support/testHall';
import {
  PASSPHRASE,
  startNodeHall,
  startTestHub,
  userClient,
  type TestHubServer,
  type TestNodeHall,
} from './nodeHarness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const catalog = JSON.parse(
  readFileSync(path.join(root, 'resources/catalog/demo-service-catalog.json'), 'utf8'),
) as CatalogFile;
const calendar = JSON.parse(
  readFileSync(path.join(root, 'resources/calendars/working-calendar-2026.json'), 'utf8'),
) as CalendarFile;

describe('what comes down from the county: instructions, the catalog, the calendar', () => {
  const clock = new TestClock();
  let hub: TestHubServer;
  let node: TestNodeHall;
  let nodeId: string;
  before(async () => {
    hub = await startTestHub(clock);
    node = await startNodeHall(clock);
    const enrollment = await hub.enrollment();
    nodeId = enrollment.nodeId;
    await node.admin.ok('sync.enroll', { file: enrollment, passphrase: PASSPHRASE });
  });
  // Each closed even if the other fails, or if `before` failed half-way: a server left open keeps
  // this file's process alive after its tests.
  after(() => disposeAll([() => node?.close(), () => hub?.close()]));

  test('an instruction round trip: issued, arrived, acknowledged, answered — and the county sees each step', async () => {
    const mediator = await userClient(node, 'mediator', ['mediator']);
    const head = await userClient(node, 'head', ['committeeHead']);
    const clerk = await userClient(node, 'clerk', ['counterClerk']);
    const issued = await hub.hub.issueInstruction(
      {
        kind: 'assign',
        title: '排查东岗村宅基地纠纷',
        body: '请于本月底前完成东岗村宅基地纠纷的排查并反馈调处情况。',
        dueOn: '2026-11-30',
        responsibleRole: 'mediator',
        issuedBy: '县司法局',
        refersTo: null,
      },
      [nodeId],
    );

    clock.advanceMinutes(1);
    const run = await node.backend.sync.runOnce();
    assert.equal(run.ok, true, run.message);
    // The arrival went up in the same run: the county's five-minute clock starts from it.
    let receipt = (await hub.hub.instructionStatus()).find(
      (r) => r.instruction.id === issued.id && r.nodeId === nodeId,
    );
    assert.equal(receipt?.arrivedAt, clock.now().toISOString());
    assert.equal(receipt?.acknowledgedAt, null);

    const listed = await mediator.ok('instructions.list', {});
    assert.equal(listed.instructions.length, 1);
    assert.equal(listed.instructions[0]!.state, 'new');
    assert.equal(listed.instructions[0]!.instruction.title, '排查东岗村宅基地纠纷');
    assert.equal(
      (await head.ok('instructions.list', {})).instructions.length,
      1,
      'a committee head sees the mediators’',
    );
    assert.equal((await node.admin.ok('instructions.list', {})).instructions.length, 1);
    assert.equal((await clerk.ok('instructions.list', {})).instructions.length, 0);
    const notHis = await clerk.call('instructions.acknowledge', { id: issued.id });
    assert.equal(notHis.status, 404);

    clock.advanceMinutes(3);
    const acknowledged = await mediator.ok('instructions.acknowledge', { id: issued.id });
    assert.equal(acknowledged.state, 'acknowledged');
    assert.equal(acknowledged.acknowledgedBy, 'mediator同志');
    assert.equal(acknowledged.acknowledgedAt, clock.now().toISOString());
    clock.advanceMinutes(1);
    const twice = await head.ok('instructions.acknowledge', { id: issued.id });
    assert.equal(twice.acknowledgedAt, acknowledged.acknowledgedAt, 'acknowledged once');
    assert.equal(twice.acknowledgedBy, 'mediator同志');

    const short = await mediator.call('instructions.reply', { id: issued.id, reply: '好' });
    assert.equal(short.status, 400);
    assert.ok(!short.body.ok && /反馈内容至少 2 个字/.test(short.body.error.fieldErrors?.reply ?? ''));
    const replied = await mediator.ok('instructions.reply', { id: issued.id, reply: '已排查，双方达成口头协议。' });
    assert.equal(replied.state, 'replied');
    assert.equal((await mediator.ok('instructions.list', { onlyOpen: true })).instructions.length, 0);

    const ops = await node.backend.db
      .selectFrom('change_log')
      .select('op')
      .where('entity', '=', INSTRUCTION_ENTITY)
      .where('entity_id', '=', issued.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      ops.map((o) => o.op),
      ['arrive', 'acknowledge', 'reply'],
    );

    assert.equal((await node.backend.sync.runOnce()).ok, true);
    receipt = (await hub.hub.instructionStatus()).find((r) => r.instruction.id === issued.id && r.nodeId === nodeId);
    assert.equal(receipt?.acknowledgedAt, acknowledged.acknowledgedAt);
    assert.equal(receipt?.reply, '已排查，双方达成口头协议。');
    assert.equal(receipt?.ackWithin5Min, true);
  });

  test('the county’s catalog and calendar replace the township’s, versioned; applied once', async () => {
    const nextYear = {
      year: 2027,
      source: '县级平台转发',
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }],
      makeUpWorkdays: [],
    };
    await hub.hub.publishCatalog({ ...catalog, version: '2026.3' }, [nodeId]);
    await hub.hub.publishCalendar({ ...calendar, years: [...calendar.years, nextYear] }, '2026.2', [nodeId]);
    const run = await node.backend.sync.runOnce();
    assert.equal(run.ok, true, run.message);

    const listed = await node.admin.ok('catalog.list', { includeInactive: true });
    assert.equal(listed.info.version, '2026.3');
    assert.equal(listed.entries.length, catalog.items.length);
    assert.ok(listed.entries.every((e) => e.origin === 'county' && e.updatedByName === '县级平台'));
    const years = await node.admin.ok('calendar.get', {});
    assert.deepEqual(
      years.years.map((y) => y.arrangement.year),
      [2026, 2027],
    );
    let status = await node.admin.ok('sync.status', {});
    assert.deepEqual(status.reference, { catalogVersion: '2026.3', calendarVersion: '2026.2' });
    const downApplied = status.downAppliedThrough;

    // The next calendar leaves 2026, the current year, out: the township keeps it and says so
    // (calendar.importFile would ask the administrator; here nobody can be asked).
    await hub.hub.publishCalendar({ ...calendar, years: [nextYear] }, '2027.1', [nodeId]);
    assert.equal((await node.backend.sync.runOnce()).ok, true);
    assert.deepEqual(
      (await node.admin.ok('calendar.get', {})).years.map((y) => y.arrangement.year),
      [2026, 2027],
    );
    status = await node.admin.ok('sync.status', {});
    assert.equal(status.reference.calendarVersion, '2027.1');
    assert.equal(status.downAppliedThrough, downApplied + 1);
    const summaryOf = async (seq: number) =>
      (
        await node.backend.db
          .selectFrom('sync_packages')
          .select('summary')
          .where('seq', '=', seq)
          .executeTakeFirstOrThrow()
      ).summary;
    assert.equal(
      await summaryOf(status.downAppliedThrough),
      '工作日历 2027.1：2027 年；保留了文件中没有的 2026 年（本年度）的现有安排，未删除',
    );
    const applied = await node.admin.ok('audit.changes', { entity: 'syncPackage' });
    assert.match(JSON.stringify(applied.items[0]!.data), /保留了文件中没有的 2026 年（本年度）/);

    // A year in no use (2027: not the current year, no open deadline counted on it) does go.
    await hub.hub.publishCalendar(calendar, '2027.2', [nodeId]);
    assert.equal((await node.backend.sync.runOnce()).ok, true);
    assert.deepEqual(
      (await node.admin.ok('calendar.get', {})).years.map((y) => y.arrangement.year),
      [2026],
    );
    status = await node.admin.ok('sync.status', {});
    assert.equal(await summaryOf(status.downAppliedThrough), '工作日历 2027.2：2026 年；删除了 2027 年');

    // Asking again for packages already applied changes nothing.
    const before = await node.backend.db.selectFrom('sync_packages').selectAll().execute();
    const { applyDown } = await import('../../electron/backend/sync/downward');
    const again = await applyDown(
      { db: node.backend.db, now: clock.now, timeZone: 'Asia/Shanghai', records: RECORD_TABLES, via: 'link' },
      {
        nodeId,
        appliedThrough: 0,
        lastBatchHash: '',
        packages: [{ seq: 1, kind: 'catalog', publishedAt: clock.now().toISOString(), file: catalog }],
        storedFiles: [],
        revoked: false,
        issuedAt: clock.now().toISOString(),
      },
    );
    assert.equal(again.packagesApplied, 0);
    assert.deepEqual(await node.backend.db.selectFrom('sync_packages').selectAll().execute(), before);
    assert.equal((await node.admin.ok('catalog.list', {})).info.version, '2026.3');
  });
});
