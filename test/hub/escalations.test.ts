// The county's list of residents' matters the townships escalated (提交统筹), read from the
// records they synced — on SQLite and PostgreSQL — and the same list over the county API with
// the county token.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openHub, type Hub } from '../../hub/hub';
import { startHubServer, type RunningHubServer } from '../../hub/server';
import { COUNTY_API_PREFIX, COUNTY_PATHS, type EscalatedMatterRow } from '../../shared/sync/countyApi';
import { disposeAll } from '../support/dispose';
import { TestClock } from '../support/testHall';
import { PASSPHRASE, startNodeHall, startTestHub, userClient } from '../sync/nodeHarness';
import { ESCALATED, escalate, matterEntry, matterRow, villageEntry } from '../support/matterEntries';
import { makeTestNode, type TestNode } from '../support/syncNode';
import { eachDatabase, TEST_CERTIFICATE_PEM, TEST_FINGERPRINT } from '../support/testHub';

eachDatabase((fixture) => {
  test('escalated matters are listed with their township, village and origin; others are not', async () => {
    const t = await fixture.hub();
    const qingshan = await t.registered('青山镇');
    const baishui = await t.registered('白水乡');

    // 青山镇: its villages in a baseline (filed in bulk), 石桥村 renamed since by its own entry,
    // 白鹤村 known only from the baseline.
    const m1 = matterRow('m-1', 'SQ-2026-000001', 'v-1');
    const m2 = matterRow('m-2', 'SQ-2026-000002', 'v-2', { source: 'grid', category: 'livelihood' });
    const m3 = matterRow('m-3', 'SQ-2026-000003', 'v-1');
    const first = [
      ...qingshan.entries(1, () => ({
        entity: 'rowBaseline',
        entityId: 'villages',
        op: 'baseline',
        data: { table: 'villages', rows: 2 },
        rows: [
          { table: 'villages', row: { id: 'v-1', name: '石桥村（旧名）' } },
          { table: 'villages', row: { id: 'v-2', name: '白鹤村' } },
        ],
      })),
      villageEntry(qingshan, 'v-1', '石桥村'),
      matterEntry(qingshan, 'register', m1, { number: m1.number }),
      // Collected on a village node: the township forwarded its entry (projection.ts).
      matterEntry(qingshan, 'register', m2, { number: m2.number, village: { nodeId: 'village-node-7', seq: 12 } }),
      matterEntry(qingshan, 'register', m3, { number: m3.number }),
    ];
    const e1 = escalate(qingshan, m1);
    const e2 = escalate(qingshan, m2);
    // A 大事 given a deadline: not escalated, not listed.
    const m3Triaged = { ...m3, status: 'inHand', triage: 'major', handling: 'deadline', decided_on: '2026-10-22' };
    await t.hub.applyBatch(
      qingshan.batch([
        ...first,
        e1.entry,
        e2.entry,
        matterEntry(qingshan, 'triage', m3Triaged, { triage: 'major', handling: 'deadline' }),
      ]),
      'link',
    );
    // 白水乡 has a matter with the same number (numbers are per township), escalated later.
    const b1 = matterRow('b-1', 'SQ-2026-000001', 'w-1', { description: '饮水管网老化' });
    const b1Escalated = { ...b1, ...ESCALATED, decided_on: '2026-10-25', escalated_to: '县水利局' };
    await t.hub.applyBatch(
      baishui.batch([
        villageEntry(baishui, 'w-1', '清泉村'),
        matterEntry(baishui, 'register', b1, {}),
        matterEntry(baishui, 'triage', b1Escalated, { triage: 'major', handling: 'escalated' }),
      ]),
      'link',
    );
    // A 交办 to 青山镇 naming its SQ-2026-000001: shown on that matter, not on 白水乡's of the same number.
    const instruction = await t.hub.issueInstruction(
      {
        kind: 'assign',
        title: '关于诉求 SQ-2026-000001 的统筹办理',
        body: '请会同县交通运输局办理群众诉求 SQ-2026-000001。',
        dueOn: '2026-11-30',
        responsibleRole: 'administrator',
        issuedBy: '县级平台',
        refersTo: null,
      },
      [qingshan.nodeId],
    );

    const list = await t.hub.escalatedMatters();
    assert.deepEqual(
      list.map((m) => [m.townshipName, m.number]),
      [
        ['白水乡', 'SQ-2026-000001'],
        ['青山镇', 'SQ-2026-000002'],
        ['青山镇', 'SQ-2026-000001'],
      ],
      'newest escalation first; the deadline matter is not listed',
    );
    const one = list.find((m) => m.matterId === 'm-1')!;
    assert.deepEqual(
      { ...one, changedAt: undefined },
      {
        nodeId: qingshan.nodeId,
        townshipName: '青山镇',
        matterId: 'm-1',
        number: 'SQ-2026-000001',
        villageId: 'v-1',
        villageName: '石桥村',
        type: 'problem',
        category: 'infrastructure',
        residentName: '李秀英',
        description: '村道塌方，车辆无法通行，需县里统筹修复',
        escalatedTo: '县交通运输局',
        escalationReason: '修复资金超出乡镇能力',
        escalatedOn: '2026-10-21',
        status: 'escalated',
        repliedOn: null,
        reply: '',
        closedOn: null,
        voidedOn: null,
        villageNodeId: null,
        changedAt: undefined,
        instructions: [
          {
            id: instruction.id,
            kind: 'assign',
            title: '关于诉求 SQ-2026-000001 的统筹办理',
            issuedAt: instruction.issuedAt,
            dueOn: '2026-11-30',
            acknowledgedAt: null,
            repliedAt: null,
          },
        ],
      },
    );
    assert.equal(one.changedAt, e1.entry.at);
    assert.ok(!('phone' in one) && !JSON.stringify(list).includes('13800000000'), 'no phone number goes to the list');
    const fromVillage = list.find((m) => m.matterId === 'm-2')!;
    assert.equal(fromVillage.villageNodeId, 'village-node-7');
    assert.equal(fromVillage.villageName, '白鹤村', 'a village known only from the baseline');
    assert.equal(fromVillage.category, 'livelihood');
    const other = list.find((m) => m.nodeId === baishui.nodeId)!;
    assert.deepEqual(
      [other.villageName, other.escalatedTo, other.instructions],
      ['清泉村', '县水利局', []],
      'an instruction to one township is not shown on another’s matter of the same number',
    );

    assert.deepEqual(
      (await t.hub.escalatedMatters({ nodeId: baishui.nodeId })).map((m) => m.matterId),
      ['b-1'],
    );
  });

  test('the status follows the township: replied, then closed; voided; the open filter', async () => {
    const t = await fixture.hub();
    const node = await t.registered('青山镇');
    const m1 = matterRow('m-1', 'SQ-2026-000001', 'v-1');
    const m2 = matterRow('m-2', 'SQ-2026-000002', 'v-1');
    // Entries take their sequence numbers as they are made: in log order.
    const registered = [
      villageEntry(node, 'v-1', '石桥村'),
      matterEntry(node, 'register', m1, {}),
      matterEntry(node, 'register', m2, {}),
    ];
    const e1 = escalate(node, m1);
    const e2 = escalate(node, m2);
    await t.hub.applyBatch(node.batch([...registered, e1.entry, e2.entry]), 'link');
    const status = async (filter?: Parameters<Hub['escalatedMatters']>[0]) =>
      Object.fromEntries((await t.hub.escalatedMatters(filter)).map((m) => [m.matterId, m.status]));
    assert.deepEqual(await status(), { 'm-1': 'escalated', 'm-2': 'escalated' });

    // The township replies to the resident on m-1 (a village worker may: the entry comes forwarded).
    const replied = {
      ...e1.row,
      status: 'replied',
      replied_on: '2026-11-02',
      reply_method: 'phone',
      reply: '县交通运输局已列入修复计划',
      replied_by_name: '张网格',
      version: 3,
    };
    await t.hub.applyBatch(
      node.batch([
        matterEntry(node, 'reply', replied, {
          repliedOn: '2026-11-02',
          village: { nodeId: 'village-node-7', seq: 30 },
        }),
      ]),
      'link',
    );
    const afterReply = (await t.hub.escalatedMatters()).find((m) => m.matterId === 'm-1')!;
    assert.deepEqual(
      [afterReply.status, afterReply.repliedOn, afterReply.reply, afterReply.villageNodeId],
      ['replied', '2026-11-02', '县交通运输局已列入修复计划', null],
      'replied; registered at the township, whoever replied',
    );
    assert.deepEqual(await status({ status: 'open' }), { 'm-1': 'replied', 'm-2': 'escalated' });

    const closed = { ...replied, status: 'closed', closed_on: '2026-11-10', version: 4 };
    const voided = { ...e2.row, status: 'voided', voided_on: '2026-11-10', void_reason: '重复登记', version: 3 };
    await t.hub.applyBatch(
      node.batch([
        matterEntry(node, 'close', closed, { closedOn: '2026-11-10' }),
        matterEntry(node, 'void', voided, { voidedOn: '2026-11-10', reason: '重复登记' }),
      ]),
      'link',
    );
    assert.deepEqual(await status(), { 'm-1': 'closed', 'm-2': 'voided' });
    assert.deepEqual(await status({ status: 'open' }), {});
    assert.deepEqual(await status({ status: 'closed' }), { 'm-1': 'closed' });
    assert.equal((await t.hub.escalatedMatters()).find((m) => m.matterId === 'm-1')!.closedOn, '2026-11-10');
  });
});

describe('GET /county/api/escalations', () => {
  const token = 'county-token-for-escalations-0123456789';
  let dataDir: string;
  let hub: Hub;
  let server: RunningHubServer;
  let node: TestNode;

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-escalations-'));
    hub = await openHub({ dataDir, log: () => {} });
    // Plain HTTP on the loopback address: what is tested is the route, not TLS (hubServer.test.ts).
    server = await startHubServer({ hub, host: '127.0.0.1', port: 0, tls: null, countyToken: token, uiDir: null });
    const { enrollment } = await hub.createNode({
      townshipName: '青山镇',
      hubUrl: server.url,
      certificatePem: TEST_CERTIFICATE_PEM,
      certificateFingerprint: TEST_FINGERPRINT,
    });
    node = makeTestNode(enrollment);
    await hub.register(node.registration(), 'link');
    const m1 = matterRow('m-1', 'SQ-2026-000001', 'v-1');
    await hub.applyBatch(
      node.batch([
        villageEntry(node, 'v-1', '石桥村'),
        matterEntry(node, 'register', m1, {}),
        escalate(node, m1).entry,
      ]),
      'link',
    );
  });

  after(() =>
    disposeAll([
      () => server?.close(),
      () => hub?.close(),
      () => dataDir && rm(dataDir, { recursive: true, force: true }),
    ]),
  );

  const get = (query: string, bearer: string | null = token) =>
    fetch(`${server.url}${COUNTY_API_PREFIX}${COUNTY_PATHS.escalations}${query}`, {
      headers: bearer ? { Authorization: `Bearer ${bearer}` } : {},
    });

  test('answers the list with the county token', async () => {
    const answer = await get('');
    assert.equal(answer.status, 200);
    const rows = (await answer.json()) as EscalatedMatterRow[];
    assert.deepEqual(
      rows.map((r) => [r.townshipName, r.number, r.villageName, r.status]),
      [['青山镇', 'SQ-2026-000001', '石桥村', 'escalated']],
    );
    const filtered = await get(`?nodeId=${encodeURIComponent(node.nodeId)}&status=open`);
    assert.equal(((await filtered.json()) as EscalatedMatterRow[]).length, 1);
    const none = await get('?status=closed');
    assert.deepEqual(await none.json(), []);
  });

  test('refuses a request without the token, and a status it does not know, naming the field', async () => {
    const refused = await get('', null);
    assert.equal(refused.status, 401);
    const wrong = await get('', 'not-the-county-token-at-all-0123456789');
    assert.equal(wrong.status, 401);
    const bad = await get('?status=done');
    assert.equal(bad.status, 400);
    const body = (await bad.json()) as { error: { message: string; field?: string } };
    assert.equal(body.error.field, 'status');
    assert.match(body.error.message, /^状态：/);
    const unknown = await get('?limit=5');
    assert.equal(unknown.status, 400);
    assert.match(((await unknown.json()) as { error: { message: string } }).error.message, /limit/);
  });
});

describe('a township’s own escalation, synced', () => {
  test('reaches the county’s list as the township wrote it, and follows its reply', async () => {
    const clock = new TestClock();
    const hub = await startTestHub(clock);
    const node = await startNodeHall(clock);
    try {
      const enrollment = await hub.enrollment('青石镇');
      await node.admin.ok('sync.enroll', { file: enrollment, passphrase: PASSPHRASE });
      const village = await node.admin.ok('places.saveVillage', { name: '东岗村', kind: 'village', groups: [] });
      const clerk = await userClient(node, 'clerk', ['counterClerk']);
      const { matter } = await clerk.ok('matters.register', {
        requestId: crypto.randomUUID(),
        source: 'meeting',
        villageId: village.id,
        residentName: '东岗村第三村民小组议事会',
        phone: '13900000000',
        type: 'request',
        category: 'infrastructure',
        description: '村道改建，群众出行困难',
      });
      const escalated = await clerk.ok('matters.triage', {
        id: matter.id,
        version: 1,
        triage: 'major',
        handling: 'escalated',
        escalatedTo: '县交通运输局',
        escalationReason: '村道改建需列入县农村公路计划',
      });
      const synced = await node.backend.sync.runOnce();
      assert.equal(synced.ok, true, synced.message);

      const [row, ...rest] = await hub.hub.escalatedMatters();
      assert.equal(rest.length, 0);
      assert.deepEqual(
        [row!.townshipName, row!.number, row!.villageName, row!.category, row!.type, row!.residentName],
        ['青石镇', matter.number, '东岗村', 'infrastructure', 'request', '东岗村第三村民小组议事会'],
      );
      assert.deepEqual(
        [row!.escalatedTo, row!.escalationReason, row!.escalatedOn, row!.status, row!.villageNodeId],
        ['县交通运输局', '村道改建需列入县农村公路计划', '2026-11-23', 'escalated', null],
      );

      await clerk.ok('matters.reply', {
        id: matter.id,
        version: escalated.matter.version,
        reply: '已列入明年农村公路计划',
        replyMethod: 'meeting',
      });
      assert.equal((await node.backend.sync.runOnce()).ok, true);
      const [after] = await hub.hub.escalatedMatters();
      assert.deepEqual([after!.status, after!.reply], ['replied', '已列入明年农村公路计划']);
    } finally {
      await disposeAll([() => node.close(), () => hub.close()]);
    }
  });
});
