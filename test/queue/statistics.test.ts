// The queue's statistics against tickets whose every time is set by the test's clock, the figures
// worked out by hand below: waiting = first call − taken, service = finish − the last call (the
// finishing window's), per window (where first called / finished / left skipped / transferred
// from) and per category; the windows and the categories each add up to the hall, times included.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { QueueFigures, QueueStatistics } from '../../shared/queue/api';
import { refused, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';
import { setUpQueue, type QueueSetUp } from './queueSetup';

/** `HH:MM` in Beijing on `date`, as the clock's instant (UTC+8). */
const beijing = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);

const durations = (count: number, total: number, median: number | null, max: number | null) => ({
  count,
  totalSeconds: total,
  averageSeconds: count ? total / count : null,
  medianSeconds: median,
  maxSeconds: max,
});

describe('queue statistics', () => {
  let hall: TestHall;
  let admin: TestClient;
  let clerk: TestClient;
  let leader: TestClient;
  let queue: QueueSetUp;

  const at = (date: string, time: string) => {
    hall.clock.current = beijing(date, time);
  };
  const take = async (prefix: 'A' | 'B' | 'C') =>
    (
      await clerk.ok('queue.takeTicketAtCounter', {
        requestId: crypto.randomUUID(),
        categoryId: queue.categories[prefix].id,
      })
    ).number;
  const call = async (n: 1 | 2 | 3 | 4) => (await clerk.ok('queue.call', { windowId: queue.windows[n].id })).ticket;
  const current = async (n: 1 | 2 | 3 | 4) =>
    (await clerk.ok('queue.panel', { windowId: queue.windows[n].id })).current!;
  const step = async (n: 1 | 2 | 3 | 4, name: 'queue.finish' | 'queue.skip' | 'queue.recall') => {
    const t = await current(n);
    await clerk.ok(name, { id: t.id, version: t.version });
  };

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    ({ hall, admin } = started);
    hall.clock.current = beijing('2026-11-24', '08:00');
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    leader = await signedInAs(hall, admin, 'leader', ['leader']);
    queue = await setUpQueue(admin);

    // 2026-11-24: one C ticket, waited 2 minutes, served 3.
    at('2026-11-24', '10:00');
    await take('C');
    at('2026-11-24', '10:02');
    await call(4);
    at('2026-11-24', '10:05');
    await step(4, 'queue.finish');

    // 2026-11-25, the day counted below.
    at('2026-11-25', '09:00');
    assert.equal(await take('A'), 'A001');
    at('2026-11-25', '09:01');
    assert.equal(await take('A'), 'A002');
    at('2026-11-25', '09:02');
    assert.equal(await take('B'), 'B001');
    at('2026-11-25', '09:03');
    assert.equal(await take('C'), 'C001');
    at('2026-11-25', '09:05');
    assert.equal((await call(1)).number, 'A001'); // waited 09:00 → 09:05 = 300 s
    at('2026-11-25', '09:06');
    assert.equal((await call(3)).number, 'A002'); // the oldest of A and B; waited 09:01 → 09:06 = 300 s
    at('2026-11-25', '09:07');
    assert.equal((await call(4)).number, 'C001'); // waited 09:03 → 09:07 = 240 s
    at('2026-11-25', '09:08');
    await step(4, 'queue.skip'); // C001 left skipped at window 4
    at('2026-11-25', '09:10');
    await step(1, 'queue.finish'); // A001 served 09:05 → 09:10 = 300 s at window 1
    at('2026-11-25', '09:12');
    const a002 = await current(3);
    await clerk.ok('queue.transfer', { id: a002.id, version: a002.version, toWindowId: queue.windows[2].id });
    at('2026-11-25', '09:13');
    assert.equal((await call(2)).number, 'A002'); // its last call: 09:13 at window 2
    at('2026-11-25', '09:14');
    assert.equal((await call(3)).number, 'B001'); // waited 09:02 → 09:14 = 720 s
    at('2026-11-25', '09:15');
    await step(3, 'queue.recall'); // a recall is not a call: B001's service still runs from 09:14
    at('2026-11-25', '09:20');
    await step(2, 'queue.finish'); // A002 served 09:13 → 09:20 = 420 s at window 2
    at('2026-11-25', '09:30');
    await step(3, 'queue.finish'); // B001 served 09:14 → 09:30 = 960 s at window 3
    at('2026-11-25', '09:31');
    assert.equal(await take('A'), 'A003'); // still waiting: taken, not called

    // 2026-12-01: outside November.
    at('2026-12-01', '09:00');
    await take('A');
  });
  after(() => hall.close());

  const figures = (f: QueueFigures) => ({
    taken: f.taken,
    called: f.called,
    served: f.served,
    skipped: f.skipped,
    transferred: f.transferred,
    waiting: f.waiting,
    service: f.service,
  });

  function assertReconciles(stats: QueueStatistics) {
    const sum = (rows: QueueFigures[], pick: (f: QueueFigures) => number) => rows.reduce((s, f) => s + pick(f), 0);
    for (const [name, rows] of [
      ['windows', stats.byWindow],
      ['categories', stats.byCategory],
    ] as const) {
      for (const [figure, pick] of [
        ['called', (f: QueueFigures) => f.called],
        ['served', (f: QueueFigures) => f.served],
        ['skipped', (f: QueueFigures) => f.skipped],
        ['transferred', (f: QueueFigures) => f.transferred],
        ['waiting count', (f: QueueFigures) => f.waiting.count],
        ['waiting seconds', (f: QueueFigures) => f.waiting.totalSeconds],
        ['service count', (f: QueueFigures) => f.service.count],
        ['service seconds', (f: QueueFigures) => f.service.totalSeconds],
      ] as const) {
        assert.equal(sum(rows, pick), pick(stats.hall), `${name}' ${figure} add up to the hall's`);
      }
    }
    assert.equal(
      sum(stats.byCategory, (f) => f.taken!),
      stats.hall.taken,
    );
    assert.ok(
      stats.byWindow.every((w) => w.taken === null),
      'a ticket is taken for a category, not a window',
    );
  }

  test('one day: every figure as worked out by hand, and the windows and categories add up', async () => {
    const day = await leader.ok('queue.statistics', { period: '2026-11-25' });
    assert.deepEqual([day.from, day.to], ['2026-11-25', '2026-11-25']);
    // Waiting: 300, 300, 240, 720 → total 1560, average 390, median (300 + 300) / 2 = 300, max 720.
    // Service: 300, 420, 960 → total 1680, average 560, median 420, max 960.
    assert.deepEqual(figures(day.hall), {
      taken: 5,
      called: 4,
      served: 3,
      skipped: 1,
      transferred: 1,
      waiting: durations(4, 1560, 300, 720),
      service: durations(3, 1680, 420, 960),
    });
    assert.equal(day.hall.waiting.averageSeconds, 390);
    assert.equal(day.hall.service.averageSeconds, 560);
    const byWindow = Object.fromEntries(day.byWindow.map((w) => [w.windowName, figures(w)]));
    assert.deepEqual(byWindow, {
      // First called A001 (300 s waited); finished A001 (300 s).
      '1号窗口': {
        taken: null,
        called: 1,
        served: 1,
        skipped: 0,
        transferred: 0,
        waiting: durations(1, 300, 300, 300),
        service: durations(1, 300, 300, 300),
      },
      // Called no ticket first; finished A002, transferred to it (420 s).
      '2号窗口': {
        taken: null,
        called: 0,
        served: 1,
        skipped: 0,
        transferred: 0,
        waiting: durations(0, 0, null, null),
        service: durations(1, 420, 420, 420),
      },
      // First called A002 (300 s) and B001 (720 s): median (300 + 720) / 2 = 510; finished B001 (960 s); transferred A002 out.
      '3号窗口': {
        taken: null,
        called: 2,
        served: 1,
        skipped: 0,
        transferred: 1,
        waiting: durations(2, 1020, 510, 720),
        service: durations(1, 960, 960, 960),
      },
      // First called C001 (240 s) and left it skipped.
      '4号窗口': {
        taken: null,
        called: 1,
        served: 0,
        skipped: 1,
        transferred: 0,
        waiting: durations(1, 240, 240, 240),
        service: durations(0, 0, null, null),
      },
    });
    const byCategory = Object.fromEntries(day.byCategory.map((c) => [c.prefix, figures(c)]));
    assert.deepEqual(byCategory, {
      // A001, A002, A003 taken; A001 and A002 waited 300 s each, served 300 and 420 s; A002 transferred once.
      A: {
        taken: 3,
        called: 2,
        served: 2,
        skipped: 0,
        transferred: 1,
        waiting: durations(2, 600, 300, 300),
        service: durations(2, 720, 360, 420),
      },
      B: {
        taken: 1,
        called: 1,
        served: 1,
        skipped: 0,
        transferred: 0,
        waiting: durations(1, 720, 720, 720),
        service: durations(1, 960, 960, 960),
      },
      C: {
        taken: 1,
        called: 1,
        served: 0,
        skipped: 1,
        transferred: 0,
        waiting: durations(1, 240, 240, 240),
        service: durations(0, 0, null, null),
      },
    });
    assertReconciles(day);
  });

  test('a month, its quarter and its year take in the other days of the period only', async () => {
    const month = await leader.ok('queue.statistics', { period: '2026-11' });
    assert.deepEqual([month.from, month.to], ['2026-11-01', '2026-11-30']);
    // 2026-11-25 plus 2026-11-24's C ticket (waited 120 s, served 180 s); 2026-12-01's is outside.
    assert.deepEqual(figures(month.hall), {
      taken: 6,
      called: 5,
      served: 4,
      skipped: 1,
      transferred: 1,
      waiting: durations(5, 1680, 300, 720),
      service: durations(4, 1860, 360, 960),
    });
    assertReconciles(month);
    const quarter = await leader.ok('queue.statistics', { period: '2026-Q4' });
    assert.equal(quarter.hall.taken, 7);
    assertReconciles(quarter);
    const year = await leader.ok('queue.statistics', { period: '2026' });
    assert.deepEqual(figures(year.hall), figures(quarter.hall));
    const empty = await leader.ok('queue.statistics', { period: '2026-11-26' });
    assert.deepEqual(figures(empty.hall), {
      taken: 0,
      called: 0,
      served: 0,
      skipped: 0,
      transferred: 0,
      waiting: durations(0, 0, null, null),
      service: durations(0, 0, null, null),
    });
  });

  test('the period is checked beside its field; a village agent reads no queue figures', async () => {
    refused(await leader.call('queue.statistics', { period: '2026-13' }), 400, /统计期间/, 'period');
    refused(await leader.call('queue.statistics', { period: '2026-02-30' }), 400, /统计期间/, 'period');
    const agent = await signedInAs(hall, admin, 'agent', ['villageAgent']);
    refused(await agent.call('queue.statistics', { period: '2026-11' }), 403, /角色/);
  });
});
