// Residents' matters over real HTTP on an encrypted SQLite hall: registration where the collector
// serves (numbers without gaps, a resident of another village refused), reads refused out of
// scope, each step by the roles the declaration names — the township sorts, the village settles
// on the spot — a deadline of working days across the National Day holiday and its colours on the
// worklist as the clock moves, no closing before a reply, a stale version, voiding; the change
// log and the audit; and the statistics, their PDF read back with pdftotext and their workbook.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { MatterRecord, RegisterMatterInput } from '../../shared/matters/api';
import { NO_REPLY } from '../../shared/matters/matterKind';
import { residentId } from '../support/ids';
import { runPoppler, squeeze } from '../support/renderedPdf';
import { morningOf, refused, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

describe('residents’ matters over HTTP', () => {
  let hall: TestHall;
  let admin: TestClient;
  let clerk: TestClient;
  let leader: TestClient;
  let receptionist: TestClient;
  let gridEast: TestClient;
  let gridWest: TestClient;
  let east: string;
  let west: string;
  let residentWest: string;
  const matters: Record<string, MatterRecord> = {};

  const input = (fields: Partial<RegisterMatterInput> = {}): RegisterMatterInput => ({
    requestId: crypto.randomUUID(),
    source: 'grid',
    villageId: east,
    residentName: '张大爷',
    phone: '13900000000',
    type: 'problem',
    category: 'infrastructure',
    description: '三组路灯坏了两个月，晚上看不见路。',
    ...fields,
  });

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    ({ hall, admin } = started);
    east = started.village.id;
    hall.clock.current = morningOf('2026-09-29');
    west = (await admin.ok('places.saveVillage', { name: '西岭村', kind: 'village', groups: [] })).id;
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    leader = await signedInAs(hall, admin, 'leader', ['leader']);
    receptionist = await signedInAs(hall, admin, 'receptionist', ['petitionReceptionist']);
    gridEast = await signedInAs(hall, admin, 'grid-east', ['gridWorker']);
    gridWest = await signedInAs(hall, admin, 'grid-west', ['gridWorker']);
    const workers = await admin.ok('matters.gridWorkers', {});
    assert.deepEqual(
      workers.gridWorkers.map((w) => w.villageId),
      [null, null],
      'no village set yet',
    );
    for (const [name, villageId] of [
      ['grid-east同志', east],
      ['grid-west同志', west],
    ] as const) {
      const worker = workers.gridWorkers.find((w) => w.name === name)!;
      await admin.ok('matters.setGridWorkerVillage', { userId: worker.userId, villageId });
    }
    residentWest = (
      await admin.ok('residents.register', {
        name: '西岭乙',
        idType: 'residentId',
        idNumber: residentId('19610101', 12),
        phone: '13900000001',
        ethnicity: '汉族',
        villageId: west,
      })
    ).id;
  });
  after(() => hall.close());

  test('a grid worker registers in the own village; the numbers follow one another', async () => {
    const firstInput = input();
    const first = (await gridEast.ok('matters.register', firstInput)).matter;
    const second = (await clerk.ok('matters.register', input({ source: 'counter', villageId: west }))).matter;
    assert.equal(first.number, 'SQ-2026-000001');
    assert.equal(second.number, 'SQ-2026-000002');
    assert.equal(first.status, 'registered');
    assert.equal(first.collectedOn, '2026-09-29');
    assert.equal(first.collectedByName, 'grid-east同志');
    matters.east = first;
    matters.west = second;
    // The same request sent again (a double click, a retry) answers the same matter, with no new number.
    const again = (await gridEast.ok('matters.register', firstInput)).matter;
    assert.equal(again.id, first.id);
    assert.equal(again.number, 'SQ-2026-000001');
  });

  test('registering elsewhere, or for a resident of another village, is refused beside the field', async () => {
    refused(
      await gridEast.call('matters.register', input({ villageId: west })),
      400,
      /您只能登记本人负责的村（社区）的群众诉求/,
      'villageId',
    );
    refused(
      await gridEast.call('matters.register', input({ residentId: residentWest })),
      400,
      /您只能查看本人负责的村（社区）的居民/,
      'residentId',
    );
    refused(await receptionist.call('matters.register', input()), 403, /角色/);
    refused(
      await clerk.call('matters.register', input({ collectedOn: '2026-09-30' })),
      400,
      /收集日期：不能晚于今天/,
      'collectedOn',
    );
  });

  test('reads follow the declaration: the township all, a grid worker the own village', async () => {
    refused(
      await gridWest.call('matters.get', { id: matters.east!.id }),
      403,
      /^您只能查看本人负责的村（社区）的群众诉求$/,
    );
    refused(await receptionist.call('matters.get', { id: matters.east!.id }), 403, /角色/);
    assert.equal((await leader.ok('matters.get', { id: matters.east!.id })).number, 'SQ-2026-000001');
    const westList = await gridWest.ok('matters.list', { view: 'all' });
    assert.deepEqual(
      westList.matters.map((m) => m.number),
      ['SQ-2026-000002'],
    );
    const all = await clerk.ok('matters.list', { view: 'all' });
    assert.equal(all.matters.length, 2);
    // The resident named by a registration is taken from the registry.
    const linked = (
      await clerk.ok('matters.register', input({ villageId: west, residentId: residentWest, residentName: '别的名字' }))
    ).matter;
    assert.equal(linked.residentName, '西岭乙');
    assert.equal(linked.residentId, residentWest);
  });

  test('only the township sorts; a 限期解决 deadline is counted in working days across 国庆', async () => {
    refused(
      await gridEast.call('matters.triage', {
        id: matters.east!.id,
        version: 1,
        triage: 'minor',
        handling: 'deadline',
        ownerKind: 'villageCommittee',
        owner: '东岗村委会',
        workingDays: 5,
      }),
      403,
      /您的角色无权进行此操作（三事分流）/,
    );
    refused(
      await clerk.call('matters.triage', {
        id: matters.east!.id,
        version: 1,
        triage: 'minor',
        handling: 'deadline',
        ownerKind: 'township',
        owner: '',
        workingDays: 5,
      }),
      400,
      /小事由村（社区）委会或社会组织、群团组织负责/,
      'ownerKind',
    );
    refused(
      await clerk.call('matters.triage', { id: matters.east!.id, version: 1, triage: 'minor', handling: 'escalated' }),
      400,
      /小事只能“当即解决”或“限期解决”/,
      'handling',
    );
    const triaged = (
      await clerk.ok('matters.triage', {
        id: matters.east!.id,
        version: 1,
        triage: 'minor',
        handling: 'deadline',
        ownerKind: 'villageCommittee',
        owner: '东岗村委会',
        workingDays: 5,
      })
    ).matter;
    // 30 September, then 8, 9, 10 (a make-up working day) and 12 October: 1 to 7 October are the holiday.
    assert.equal(triaged.dueOn, '2026-10-12');
    assert.equal(triaged.status, 'inHand');
    assert.equal(triaged.owner, '东岗村委会');
    assert.deepEqual(triaged.deadline, {
      colour: 'green',
      dueDate: '2026-10-12',
      workingDaysLeft: 5,
      provisional: false,
    });
    matters.east = triaged;
    // A step on the version seen before the triage is refused: someone changed it meanwhile.
    refused(
      await clerk.call('matters.void', { id: triaged.id, version: 1, reason: '重复登记' }),
      409,
      /该诉求刚被别人处理过/,
    );
  });

  test('the worklist turns yellow and red on the working days it should', async () => {
    const colourOn = async (date: string) => {
      hall.clock.current = morningOf(date);
      const list = await gridEast.ok('matters.list', {});
      const row = list.matters.find((m) => m.id === matters.east!.id)!;
      return { colour: row.deadline!.colour, left: row.deadline!.workingDaysLeft, counts: list.counts };
    };
    assert.deepEqual(await colourOn('2026-10-09'), {
      colour: 'green',
      left: 2,
      counts: { red: 0, yellow: 0, green: 1 },
    });
    // Saturday the 10th is a make-up working day: one working day left.
    assert.deepEqual(await colourOn('2026-10-10'), {
      colour: 'yellow',
      left: 1,
      counts: { red: 0, yellow: 1, green: 0 },
    });
    assert.deepEqual(await colourOn('2026-10-12'), {
      colour: 'yellow',
      left: 0,
      counts: { red: 0, yellow: 1, green: 0 },
    });
    assert.deepEqual(await colourOn('2026-10-13'), {
      colour: 'red',
      left: -1,
      counts: { red: 1, yellow: 0, green: 0 },
    });
    const red = await clerk.ok('matters.list', { colour: 'red' });
    assert.deepEqual(
      red.matters.map((m) => m.id),
      [matters.east!.id],
    );
    assert.deepEqual((await clerk.ok('matters.list', { colour: 'yellow' })).matters, []);
  });

  test('件件有回复: no closing before the reply; the grid worker replies, the township closes', async () => {
    const id = matters.east!.id;
    refused(await clerk.call('matters.close', { id, version: 2 }), 409, new RegExp(`^${NO_REPLY}$`));
    const replied = (
      await gridEast.ok('matters.reply', {
        id,
        version: 2,
        reply: '村委会已更换路灯，今晚起照明恢复。',
        replyMethod: 'inPerson',
      })
    ).matter;
    assert.equal(replied.status, 'replied');
    assert.equal(replied.reply?.byName, 'grid-east同志');
    // Still in hand and still red: the deadline runs until the matter is closed.
    assert.equal(replied.deadline?.colour, 'red');
    refused(await gridEast.call('matters.close', { id, version: 3 }), 403, /您的角色无权进行此操作/);
    const closed = (await clerk.ok('matters.close', { id, version: 3, result: '已更换路灯两盏' })).matter;
    assert.equal(closed.status, 'closed');
    assert.equal(closed.closedOn, '2026-10-13');
    assert.equal(closed.deadline, null);
    assert.deepEqual(
      closed.history.map((h) => h.op),
      ['register', 'triage', 'reply', 'close'],
    );
    assert.match(
      closed.history[1]!.summary,
      /分流为小事，限期解决：村（社区）委会 东岗村委会，5个工作日内（2026-10-12前）/,
    );
  });

  test('in the village: a 小事 settled on the spot, never a 大事; another village’s matter refused', async () => {
    const matter = (await gridEast.ok('matters.register', input({ category: 'environment' }))).matter;
    refused(
      await gridEast.call('matters.settleInVillage', {
        id: matter.id,
        version: 1,
        triage: 'major',
        reply: '已答复',
        replyMethod: 'phone',
      }),
      400,
      /大事由乡镇分流办理/,
      'triage',
    );
    refused(
      await gridWest.call('matters.settleInVillage', {
        id: matter.id,
        version: 1,
        triage: 'minor',
        reply: '已清理',
        replyMethod: 'phone',
      }),
      403,
      /您只能/,
    );
    const settled = (
      await gridEast.ok('matters.settleInVillage', {
        id: matter.id,
        version: 1,
        triage: 'minor',
        reply: '已组织志愿者清理垃圾堆。',
        replyMethod: 'inPerson',
      })
    ).matter;
    assert.equal(settled.status, 'closed');
    assert.equal(settled.handling, 'onTheSpot');
    assert.equal(settled.reply?.repliedOn, '2026-10-13');
    matters.settled = settled;
  });

  test('a 私事 advised, a 大事 escalated, a mistaken registration voided with its reason', async () => {
    const advised = (await clerk.ok('matters.register', input({ source: 'counter', category: 'livelihood' }))).matter;
    const privateOne = (
      await clerk.ok('matters.triage', {
        id: advised.id,
        version: 1,
        triage: 'private',
        handling: 'advised',
        reply: '属家庭内部事务，已讲明赡养义务。',
        replyMethod: 'inPerson',
      })
    ).matter;
    assert.equal(privateOne.status, 'closed');
    const big = (
      await clerk.ok('matters.register', input({ source: 'meeting', residentName: '东岗村第三村民小组议事会' }))
    ).matter;
    const escalated = (
      await clerk.ok('matters.triage', {
        id: big.id,
        version: 1,
        triage: 'major',
        handling: 'escalated',
        escalatedTo: '县交通运输局',
        escalationReason: '村道改建需列入县农村公路计划',
      })
    ).matter;
    assert.equal(escalated.status, 'escalated');
    assert.deepEqual(escalated.escalation, { to: '县交通运输局', reason: '村道改建需列入县农村公路计划' });
    const voided = (
      await clerk.ok('matters.void', { id: matters.west!.id, version: 1, reason: '与SQ-2026-000001重复' })
    ).matter;
    assert.deepEqual(voided.voided, { on: '2026-10-13', reason: '与SQ-2026-000001重复' });
    refused(
      await clerk.call('matters.reply', { id: voided.id, version: 2, reply: '答复', replyMethod: 'phone' }),
      409,
      /该诉求已作废，不能再答复群众/,
    );
  });

  test('each write left its change-log entry; each read of a matter its audit event', async () => {
    const entries = await hall.backend.db
      .selectFrom('change_log')
      .select(['op'])
      .where('entity', '=', 'matter')
      .where('entity_id', '=', matters.east!.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      entries.map((e) => e.op),
      ['register', 'triage', 'reply', 'close'],
    );
    const audited = await hall.backend.db
      .selectFrom('audit_events')
      .select(['summary'])
      .where('procedure', '=', 'matters.get')
      .execute();
    assert.ok(
      audited.some((a) => a.summary === '查看群众诉求SQ-2026-000001（张大爷）'),
      JSON.stringify(audited),
    );
  });

  describe('statistics of October 2026, as of 13 October', () => {
    test('on screen: the equations hold and each matter is where it was handled', async () => {
      const statistics = await leader.ok('matters.statistics', { period: '2026-10' });
      // September’s first three registrations are not October’s; October: settled, advised, escalated.
      assert.equal(statistics.asOf, '2026-10-13');
      assert.deepEqual(
        {
          collected: statistics.totals.collected,
          onTheSpot: statistics.totals.onTheSpot,
          advised: statistics.totals.advised,
          escalated: statistics.totals.escalated,
          completed: statistics.totals.completed,
          inHand: statistics.totals.inHand,
          replied: statistics.totals.replied,
        },
        { collected: 3, onTheSpot: 1, advised: 1, escalated: 1, completed: 2, inHand: 1, replied: 2 },
      );
      const september = await leader.ok('matters.statistics', { period: '2026-09' });
      // 30 September: the first is with a deadline (not overdue then), the second voided since
      // (after the month: still counted), the linked one not sorted.
      assert.equal(september.asOf, '2026-09-30');
      assert.equal(september.totals.collected, 3);
      assert.equal(september.totals.deadline, 1);
      assert.equal(september.totals.pending, 2);
      assert.equal(september.voided, 0);
      const quarter = await leader.ok('matters.statistics', { period: '2026-Q4' });
      assert.equal(quarter.totals.collected, 3);
    });

    test('the PDF says the same, read back with pdftotext', async () => {
      const statistics = await leader.ok('matters.statistics', { period: '2026' });
      const { file } = await leader.ok('matters.exportStatistics', { period: '2026', format: 'pdf' });
      const response = await leader.fetchFile(file.fileUrl);
      assert.equal(response.status, 200);
      const bytes = Buffer.from(await response.arrayBuffer());
      assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
      const dir = await mkdtemp(path.join(os.tmpdir(), 'matter-statistics-'));
      try {
        await writeFile(path.join(dir, 'statistics.pdf'), bytes);
        const text = squeeze(runPoppler('pdftotext', ['-raw', '-enc', 'UTF-8', path.join(dir, 'statistics.pdf'), '-']));
        const t = statistics.totals;
        // Six registered in 2026, one of them voided since: not counted.
        assert.equal(t.collected, 5);
        assert.equal(statistics.voided, 1);
        for (const expected of [
          '群众诉求年度统计表',
          '（2026年）',
          '青石镇人民政府',
          `收集${t.collected}=当即解决${t.onTheSpot}+限期解决${t.deadline}+提交统筹${t.escalated}+私事劝导办结${t.advised}+待分流${t.pending}`,
          `新增${t.collected}=已办结${t.completed}+在办${t.inHand}`,
          '东岗村',
          '西岭村',
          `本期作废${statistics.voided}件`,
        ])
          assert.ok(text.includes(squeeze(expected)), `missing “${expected}” in ${text}`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    test('the workbook holds the same numbers in its cells', async () => {
      const statistics = await leader.ok('matters.statistics', { period: '2026' });
      const { file } = await leader.ok('matters.exportStatistics', { period: '2026', format: 'xlsx' });
      const bytes = Buffer.from(await (await leader.fetchFile(file.fileUrl)).arrayBuffer());
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(bytes as unknown as ArrayBuffer);
      const main = book.getWorksheet('总表')!;
      assert.match(String(main.getCell('A1').value), /^青石镇群众诉求年度统计表（2026年/);
      const value = (label: string) => {
        let found: unknown;
        main.eachRow((row) => {
          if (row.getCell(1).value === label) found = row.getCell(2).value;
        });
        return found;
      };
      assert.equal(value('收集'), statistics.totals.collected);
      assert.equal(value('当即解决'), statistics.totals.onTheSpot);
      assert.equal(value('限期解决'), statistics.totals.deadline);
      assert.equal(value('提交统筹'), statistics.totals.escalated);
      assert.equal(value('已办结'), statistics.totals.completed);
      assert.equal(value('在办'), statistics.totals.inHand);
      assert.equal(value('答复率（%）'), statistics.replyRate);
      const villages = book.getWorksheet('按村')!;
      const eastRow = villages.getRow(2);
      assert.equal(eastRow.getCell(1).value, '东岗村');
      const eastFigures = statistics.byVillage.find((v) => v.villageName === '东岗村')!;
      assert.equal(eastRow.getCell(2).value, eastFigures.collected);
      const total = villages.getRow(villages.rowCount);
      assert.equal(total.getCell(1).value, '合计');
      assert.equal(total.getCell(2).value, statistics.totals.collected);
      assert.equal(book.getWorksheet('按月')!.rowCount - 1, statistics.trend.length);
    });
  });
});
