// The queue over real HTTP on an encrypted SQLite hall: the administrator's set-up refused beside
// its fields; tickets numbered per day and category without gaps (and from 001 again after
// midnight in Asia/Shanghai); a window calling transfers to it first, then the oldest ticket of
// its categories; recall, skip (and calling a skipped ticket back), transfer keeping the taken
// time; refusals in the declaration's words; two windows calling at once never get one ticket;
// the intake of a case taking the called ticket in within its own transaction; the 80 mm ticket
// read back with pdftotext.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { catalogFile } from '../../shared/catalog/catalog';
import type { QueueTicket, TakenTicket } from '../../shared/queue/api';
import { residentId } from '../support/ids';
import { runPoppler, squeeze } from '../support/renderedPdf';
import { refused, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';
import { pairedScreen, setUpQueue, type QueueSetUp } from './queueSetup';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const item = demoCatalog.items.find((i) => i.code === 'NY-005')!;
const requiredMaterials = item.materials.filter((m) => m.required).map((m) => m.name);

describe('the queue over HTTP', () => {
  let hall: TestHall;
  let admin: TestClient;
  let clerk: TestClient;
  let clerk2: TestClient;
  let leader: TestClient;
  let queue: QueueSetUp;
  let residentIdValue: string;

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    ({ hall, admin } = started);
    // 08:30 in Beijing on 2026-11-23.
    hall.clock.current = new Date('2026-11-23T00:30:00Z');
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    clerk2 = await signedInAs(hall, admin, 'clerk2', ['counterClerk']);
    leader = await signedInAs(hall, admin, 'leader', ['leader']);
    queue = await setUpQueue(admin);
    await admin.ok('catalog.importFile', demoCatalog);
    residentIdValue = (
      await clerk.ok('residents.register', {
        name: '李秀英',
        idType: 'residentId',
        idNumber: residentId('19680312', 302),
        ethnicity: '汉族',
        villageId: started.village.id,
        phone: '13903721234',
      })
    ).id;
  });
  after(() => hall.close());

  const take = async (prefix: 'A' | 'B' | 'C', client = clerk): Promise<TakenTicket> => {
    hall.clock.advanceMinutes(1);
    return client.ok('queue.takeTicketAtCounter', {
      requestId: crypto.randomUUID(),
      categoryId: queue.categories[prefix].id,
    });
  };
  const call = (n: 1 | 2 | 3 | 4, client = clerk) => client.call('queue.call', { windowId: queue.windows[n].id });
  const called = async (n: 1 | 2 | 3 | 4, client = clerk): Promise<QueueTicket> => {
    hall.clock.advanceMinutes(1);
    return (await client.ok('queue.call', { windowId: queue.windows[n].id })).ticket;
  };
  const ticket = (id: string) => clerk.ok('queue.ticket', { id });
  const finish = async (t: { id: string }) => {
    const now = await ticket(t.id);
    return (await clerk.ok('queue.finish', { id: now.id, version: now.version })).ticket;
  };

  test('the set-up is the administrator’s, and refused beside its fields', async () => {
    refused(
      await clerk.call('queue.saveCategory', { prefix: 'D', name: '其他', sortOrder: 4, active: true }),
      403,
      /角色/,
    );
    refused(
      await admin.call('queue.saveCategory', { prefix: 'a', name: '重复字母', sortOrder: 4, active: true }),
      400,
      /“A”已用于“社保医保”/,
      'prefix',
    );
    refused(
      await admin.call('queue.saveCategory', { prefix: '甲', name: '甲类', sortOrder: 4, active: true }),
      400,
      /A 到 Z/,
      'prefix',
    );
    refused(
      await admin.call('queue.saveWindow', { name: '5号窗口', categoryIds: [], active: true }),
      400,
      /至少选择一个/,
      'categoryIds',
    );
    refused(
      await admin.call('queue.saveWindow', { name: '3号窗口', categoryIds: [queue.categories.C.id], active: true }),
      400,
      /已有“3号窗口”/,
      'name',
    );
    const { windows } = await clerk.ok('queue.windows', {});
    assert.deepEqual(
      windows.map((w) => w.name),
      ['1号窗口', '2号窗口', '3号窗口', '4号窗口'],
      'windows in the order of their numbers',
    );
  });

  test('numbers run per category without gaps; a second tap of one request takes one ticket', async () => {
    const a1 = await take('A');
    const a2 = await take('A');
    const b1 = await take('B');
    assert.deepEqual([a1.number, a2.number, b1.number], ['A001', 'A002', 'B001']);
    assert.equal(a1.waitingBefore, 0);
    assert.equal(a2.waitingBefore, 1);
    assert.equal(b1.waitingBefore, 0);
    assert.equal(a1.categoryName, '社保医保');
    const requestId = crypto.randomUUID();
    const [x, y] = await Promise.all([
      clerk.ok('queue.takeTicketAtCounter', { requestId, categoryId: queue.categories.A.id }),
      clerk.ok('queue.takeTicketAtCounter', { requestId, categoryId: queue.categories.A.id }),
    ]);
    assert.equal(x.ticketId, y.ticketId);
    assert.equal(x.number, 'A003');
    assert.equal((await take('A')).number, 'A004');
    // Clear the hall for the next tests: every window finishes what it calls.
    for (let i = 0; i < 5; i++) await finish(await called(3));
    refused(await call(3), 409, /3号窗口办理的类别现在没有等候的号/);
  });

  test('the 80 mm ticket reads the hall, the number, the category, the waiting count and the time', async () => {
    const first = await take('C');
    const taken = await take('C');
    const response = await clerk.fetchFile(taken.ticketPdfUrl);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'queue-ticket-'));
    try {
      const file = path.join(dir, 'ticket.pdf');
      await writeFile(file, Buffer.from(await response.arrayBuffer()));
      const text = squeeze(runPoppler('pdftotext', [file, '-']));
      for (const expected of ['青石镇便民服务中心', taken.number, '综合业务', '前面还有1人等候', '请妥善保管本票']) {
        assert.ok(text.includes(squeeze(expected)), `missing “${expected}” in ${text}`);
      }
      // Taken at 08:xx Beijing time on 2026-11-23, not at the UTC clock's 00:xx.
      assert.match(text, /取号时间：2026年11月23日08:\d\d/);
      const info = runPoppler('pdfinfo', [file]);
      assert.match(info, /Page size:\s+226\.77\d* x/, '80 mm wide');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // Another browser's session cannot open the link.
    assert.equal((await admin.fetchFile(taken.ticketPdfUrl)).status, 404);
    await finish(await called(4));
    await finish(await called(4));
    assert.equal(first.number, 'C001');
  });

  test('a window calls transfers to it first, then the oldest ticket of its categories', async () => {
    const a = await take('A'); // A006 … (taken first)
    const b = await take('B');
    const a2 = await take('A');
    // Window 1 (A only) calls the oldest A; window 3 (A, B) the oldest of A and B: b.
    assert.equal((await called(1)).number, a.number);
    const atThree = await called(3);
    assert.equal(atThree.number, b.number);
    // Window 3 transfers B to window 1: it waits for window 1 only, which calls it first once free.
    const transferred = (
      await clerk.ok('queue.transfer', { id: atThree.id, version: atThree.version, toWindowId: queue.windows[1].id })
    ).ticket;
    assert.equal(transferred.status, 'waiting');
    assert.equal(transferred.forWindowName, '1号窗口');
    assert.equal(transferred.takenAt, atThree.takenAt, 'the original taken time is kept');
    assert.equal(transferred.transferCount, 1);
    // Window 2 (A) does not get the ticket transferred to window 1; it gets a2.
    assert.equal((await called(2)).number, a2.number);
    await finish(await ticket(a.ticketId));
    const atOne = await called(1);
    assert.equal(atOne.number, b.number, 'the transferred ticket first, though B is not window 1’s category');
    assert.equal(atOne.windowName, '1号窗口');
    assert.equal(atOne.firstCalledAt, atThree.firstCalledAt, 'the first call stays the first');
    for (const t of [atOne, await ticket(a2.ticketId)]) await finish(t);
  });

  test('recall counts, skip, and a skipped ticket called back; refusals in the declaration’s words', async () => {
    const taken = await take('B');
    const t = await called(3);
    assert.equal(t.id, taken.ticketId);
    const once = (await clerk.ok('queue.recall', { id: t.id, version: t.version })).ticket;
    const twice = (await clerk.ok('queue.recall', { id: once.id, version: once.version })).ticket;
    assert.equal(twice.recallCount, 2);
    refused(await clerk.call('queue.recall', { id: t.id, version: t.version }), 409, /刚被别的窗口处理过/);
    refused(await call(3), 409, /3号窗口还有 B\d{3} 号未处理完/);
    const skipped = (await clerk.ok('queue.skip', { id: twice.id, version: twice.version })).ticket;
    assert.equal(skipped.status, 'skipped');
    refused(
      await clerk.call('queue.recall', { id: skipped.id, version: skipped.version }),
      409,
      /^该号当前为“过号”，不能重呼（只有“已叫号”的排队号可以）$/,
    );
    refused(
      await clerk.call('queue.finish', { id: skipped.id, version: skipped.version }),
      409,
      /^该号当前为“过号”，不能办结（只有“已叫号”或“办理中”的排队号可以）$/,
    );
    refused(await leader.call('queue.skip', { id: skipped.id, version: skipped.version }), 403, /角色/);
    const panel = await clerk.ok('queue.panel', { windowId: queue.windows[3].id });
    assert.deepEqual(
      panel.skipped.map((s) => s.number),
      [skipped.number],
    );
    // The holder comes back: called again at window 3.
    const back = (
      await clerk.ok('queue.call', { windowId: queue.windows[3].id, ticketId: skipped.id, version: skipped.version })
    ).ticket;
    assert.equal(back.status, 'called');
    assert.equal(back.recallCount, 0);
    assert.deepEqual(
      back.history.map((h) => h.kind),
      ['call', 'recall', 'recall', 'skip', 'call'],
    );
    const done = await finish(back);
    assert.equal(done.status, 'done');
    refused(
      await clerk.call('queue.skip', { id: done.id, version: done.version }),
      409,
      /^该号已办结，不能再过号，已办结的号只保留备查$/,
    );
  });

  test('the kiosk takes tickets and only that; the calling screen reads the board', async () => {
    const kiosk = await pairedScreen(hall, 'ticketKiosk', '入口取号机');
    const screen = await pairedScreen(hall, 'callingScreen', '大厅叫号屏');
    const offered = await kiosk.ok('queue.kiosk', {});
    assert.equal(offered.hallName, '青石镇便民服务中心');
    assert.deepEqual(
      offered.categories.map((c) => `${c.prefix}${c.categoryName}`),
      ['A社保医保', 'B民政救助', 'C综合业务'],
    );
    hall.clock.advanceMinutes(1);
    const taken = await kiosk.ok('queue.takeTicket', {
      requestId: crypto.randomUUID(),
      categoryId: queue.categories.B.id,
    });
    assert.match(taken.number, /^B\d{3}$/);
    // The kiosk's own cookie opens its ticket; nobody else's does.
    assert.equal((await kiosk.fetchFile(taken.ticketPdfUrl)).status, 200);
    assert.equal((await clerk.fetchFile(taken.ticketPdfUrl)).status, 404);
    const row = await hall.backend.db
      .selectFrom('change_log')
      .select(['actor_name', 'op'])
      .where('entity', '=', 'queueTicket')
      .where('entity_id', '=', taken.ticketId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { actor_name: '入口取号机', op: 'take' });
    assert.equal((await ticket(taken.ticketId)).takenByName, '入口取号机');
    // A screen calls only what is declared for its kind; a clerk's session opens no screen's procedure.
    assert.notEqual(
      (await screen.call('queue.takeTicket', { requestId: crypto.randomUUID(), categoryId: queue.categories.B.id }))
        .status,
      200,
    );
    assert.notEqual((await kiosk.call('queue.call', { windowId: queue.windows[3].id })).status, 200);
    assert.notEqual((await kiosk.call('queue.board', {})).status, 200);
    assert.notEqual((await clerk.call('queue.board', {})).status, 200);

    const t = await called(3);
    assert.equal(t.number, taken.number);
    hall.clock.advanceMinutes(1);
    const recalled = (await clerk.ok('queue.recall', { id: t.id, version: t.version })).ticket;
    const board = await screen.ok('queue.board', {});
    assert.deepEqual(
      board.calls.slice(0, 2).map((c) => [c.ticketNumber, c.windowName, c.recallCount]),
      [
        [t.number, '3号窗口', 1],
        [t.number, '3号窗口', 0],
      ],
      'the recall is a line of its own above the call, so the screen says it again',
    );
    assert.notEqual(board.calls[0]!.id, board.calls[1]!.id);
    assert.equal(board.windows.find((w) => w.windowName === '3号窗口')?.ticketNumber, t.number);
    assert.equal(board.waiting.find((w) => w.prefix === 'B')?.waiting, 0);
    await finish(recalled);
  });

  test('two windows calling at once never get the same ticket', async () => {
    for (let i = 0; i < 12; i++) await take('A');
    const seen = new Set<string>();
    for (let round = 0; round < 6; round++) {
      const [one, two] = await Promise.all([call(1, clerk), call(2, clerk2)]);
      for (const answer of [one, two]) assert.ok(answer.body.ok, JSON.stringify(answer.body));
      const tickets = [one, two].map((a) => (a.body.ok ? a.body.result.ticket : null)!);
      assert.notEqual(tickets[0]!.id, tickets[1]!.id);
      for (const t of tickets) {
        assert.ok(!seen.has(t.id), `${t.number} called twice`);
        seen.add(t.id);
        await finish(t);
      }
    }
    assert.equal(seen.size, 12);
  });

  test('the case accepted for a called ticket is linked to it in one transaction', async () => {
    const taken = await take('A');
    const t = await called(3);
    assert.equal(t.id, taken.ticketId);
    const intake = (ticketId: string, decision = 'accept') =>
      clerk.call('counter.intake', {
        requestId: crypto.randomUUID(),
        residentId: residentIdValue,
        itemCode: item.code,
        receivedMaterials: requiredMaterials,
        window: '3号窗口',
        decision,
        ticketId,
      });
    // A ticket still waiting cannot be taken in: refused in the declaration's words, and no case made.
    const waiting = await take('C');
    const before = await hall.backend.db
      .selectFrom('counter_cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    refused(await intake(waiting.ticketId), 409, /^该号当前为“等候”，不能开始办理（只有“已叫号”的排队号可以）$/);
    const after = await hall.backend.db
      .selectFrom('counter_cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));

    const answer = await intake(t.id);
    assert.ok(answer.body.ok, JSON.stringify(answer.body));
    const accepted = answer.body.result.case;
    const linked = await ticket(t.id);
    assert.equal(linked.status, 'serving');
    assert.equal(linked.caseId, accepted.id);
    assert.equal(linked.caseNumber, accepted.caseNumber);
    assert.ok(linked.takenInAt);
    const ofCase = await clerk.ok('queue.ticketOfCase', { caseId: accepted.id });
    assert.equal(ofCase.ticket?.number, t.number);
    // One transaction: the case's intake, the ticket's take-in and the receipt, each with its entry.
    const entries = await hall.backend.db
      .selectFrom('change_log')
      .select(['entity', 'op', 'entity_id', 'at'])
      .orderBy('seq', 'desc')
      .limit(3)
      .execute();
    assert.deepEqual(
      entries.reverse().map((e) => `${e.entity}:${e.op}`),
      ['counterCase:intake', 'queueTicket:takeIn', 'document:issue'],
    );
    assert.equal(new Set(entries.map((e) => e.at)).size, 1);
    // Taken in once: a second case for the same ticket is refused.
    refused(await intake(t.id), 409, /^该号当前为“办理中”，不能开始办理/);
    await finish(linked);
    await finish(await called(4));
  });

  test('numbers start again at 001 after midnight in Asia/Shanghai, not at midnight UTC', async () => {
    // 23:58 Beijing on 2026-11-23 is 15:58 UTC.
    hall.clock.current = new Date('2026-11-23T15:57:00Z');
    const late = await take('B');
    assert.notEqual(late.number, 'B001');
    const lastOfDay = Number(late.number.slice(1));
    const lateCalled = await called(3);
    assert.equal(lateCalled.id, late.ticketId);
    await clerk.ok('queue.skip', { id: lateCalled.id, version: lateCalled.version });
    // 00:01 Beijing on 2026-11-24 is still 2026-11-23 in UTC.
    hall.clock.current = new Date('2026-11-23T16:00:00Z');
    const early = await take('B');
    const second = await take('B');
    assert.deepEqual([early.number, second.number], ['B001', 'B002']);
    const days = await hall.backend.db
      .selectFrom('queue_tickets')
      .select(['day', 'sequence'])
      .where('category_id', '=', queue.categories.B.id)
      .orderBy('day')
      .orderBy('sequence')
      .execute();
    for (const day of ['2026-11-23', '2026-11-24']) {
      const sequences = days.filter((d) => d.day === day).map((d) => d.sequence);
      assert.deepEqual(
        sequences,
        sequences.map((_, i) => i + 1),
        `${day}: no gaps`,
      );
    }
    assert.equal(days.filter((d) => d.day === '2026-11-23').length, lastOfDay);
    // Yesterday's skipped ticket cannot be called back today; a waiting one is never called by number.
    const stale = await ticket(late.ticketId);
    refused(
      await clerk.call('queue.call', { windowId: queue.windows[3].id, ticketId: stale.id, version: stale.version }),
      409,
      /^该号不是今天取的，已失效，请群众重新取号$/,
    );
    const waiting = await ticket(second.ticketId);
    refused(
      await clerk.call('queue.call', { windowId: queue.windows[3].id, ticketId: waiting.id, version: waiting.version }),
      409,
      /^该号当前为“等候”，不能过号回叫（只有“过号”的排队号可以）$/,
    );
    const atThree = await called(3);
    assert.equal(atThree.number, 'B001');
    await finish(atThree);
    await finish(await called(3));
  });
});
