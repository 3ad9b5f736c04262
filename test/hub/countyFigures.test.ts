// The county's figures are the townships' own (issue 21): two demo townships sync to the hub over
// real HTTPS (their rows arrive as row images, the demo's in the enrollment's baseline), and for
// every period the county's figures of each township equal what the township's own statistics
// say — the counter's summary, errands per village, the mediation and petition statistics —
// figure by figure. A township whose last sync does not reach past a period is named as missing
// for it, not counted silently as zero; the county page's API answers the same over HTTP.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { seedDemoTownship } from '../../demo/demoTownship';
import { openBackend, type Backend } from '../../electron/backend/backend';
import { openDatabase } from '../../electron/backend/db/database';
import { loadWorkingCalendar } from '../../electron/backend/calendar/calendarStore';
import { periodSummary } from '../../electron/backend/counter/periodSummary';
import { periodStatistics as mediationStatistics } from '../../electron/backend/mediation/periodStatistics';
import { periodStatistics as petitionStatistics } from '../../electron/backend/petitions/statistics';
import { periodMatterStatistics } from '../../electron/backend/matters/statistics';
import { DEFAULT_SETTINGS } from '../../electron/backend/api/settings';
import { figureCountsOf, type DeskCounts } from '../../hub/figures/countyFigures';
import { FIGURE_DEFINITIONS } from '../../hub/figures/definitions';
import { countyDay } from '../../hub/countyDay';
import { periodAsOf } from '../../shared/documents/reportPeriods';
import { TestClock } from '../support/testHall';
import { PASSPHRASE, startTestHub, type TestHubServer } from '../sync/nodeHarness';

interface Township {
  name: string;
  nodeId: string;
  backend: Backend;
  dataDir: string;
}

/** What the township's own statistics say of `period` on `today`, by desk, under the figures' names. */
async function townshipCounts(backend: Backend, period: string, today: string): Promise<DeskCounts> {
  const db = backend.db;
  const calendar = await loadWorkingCalendar(db);
  const [counter, mediation, petitions, matters] = await Promise.all([
    periodSummary(db, calendar, period, today, DEFAULT_SETTINGS.timeZone),
    mediationStatistics(db, period, today),
    petitionStatistics(db, period, today),
    periodMatterStatistics(db, period, today),
  ]);
  const errands = { registered: 0, handedOver: 0, delivered: 0 };
  for (const v of counter.errandsByVillage) {
    errands.registered += v.registered;
    errands.handedOver += v.handedOver;
    errands.delivered += v.delivered;
  }
  return new Map<string, Record<string, number>>([
    [
      'counter',
      {
        ...counter.counts,
        overdue: counter.overdue,
        notAccepted: counter.notAccepted,
        awaitingMaterials: counter.awaitingMaterials,
      },
    ],
    ['errands', errands],
    ['mediation', numbers(mediation.totals)],
    ['petitions', numbers(petitions.totals)],
    ['matters', numbers(matters.totals)],
  ]);
}

function numbers(record: object): Record<string, number> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => typeof v === 'number')) as Record<string, number>;
}

describe('the county’s figures are the townships’ own', () => {
  const clock = new TestClock(new Date('2026-11-20T02:00:00Z'));
  let hub: TestHubServer;
  const townships: Township[] = [];

  before(async () => {
    hub = await startTestHub(clock);
    for (const [name, seed] of [
      ['青石镇', 11],
      ['白水乡', 29],
    ] as const) {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-county-figures-'));
      const db = await openDatabase(dataDir);
      await seedDemoTownship(db, { residents: 300, seed, now: clock.now(), townshipName: name });
      await db.destroy();
      const backend = await openBackend({ dataDir, now: clock.now, logError: () => {}, sync: { log: () => {} } });
      const enrollment = await hub.enrollment(name);
      const enrolled = await backend.sync.enroll(enrollment, PASSPHRASE);
      assert.ok(enrolled.registered, enrolled.message);
      for (let run = 0; run < 20; run++) if ((await backend.sync.runOnce()).ok) break;
      townships.push({ name, nodeId: enrollment.nodeId, backend, dataDir });
    }
  });

  after(async () => {
    for (const t of townships) {
      await t.backend.close();
      await rm(t.dataDir, { recursive: true, force: true });
    }
    await hub?.close();
  });

  test('every figure of every desk, township by township, for months, quarters and a year', async () => {
    const today = countyDay(clock.now());
    const desks = new Map<string, string[]>();
    for (const d of FIGURE_DEFINITIONS) desks.set(d.desk, [...(desks.get(d.desk) ?? []), ...d.figures]);
    let compared = 0;
    let nonZero = 0;
    for (const period of ['2026-09', '2026-10', '2026-11', '2026-Q3', '2026-Q4', '2026', '2025-12']) {
      const county = await figureCountsOf(hub.hub.db, period, periodAsOf(period, today), today);
      for (const t of townships) {
        const own = await townshipCounts(t.backend, period, today);
        const kept = county.get(t.nodeId) ?? new Map();
        for (const [desk, figures] of desks) {
          const expected = own.get(desk) ?? {};
          for (const figure of figures) {
            if (!(figure in expected)) continue;
            const got = kept.get(desk)?.[figure] ?? 0;
            assert.equal(got, expected[figure], `${t.name} ${period} ${desk}.${figure}`);
            compared++;
            if (got !== 0) nonZero++;
          }
        }
      }
    }
    assert.ok(compared > 300, `${compared} figures compared`);
    assert.ok(nonZero > 60, `${nonZero} of them not zero`);
  });

  test('a township whose sync stops before a period ends is named for it; synced again, it is covered', async () => {
    const [qingshi, baishui] = townships as [Township, Township];
    // 白水乡 goes quiet; 青石镇 syncs on into December (its daily report is an entry of the day).
    clock.current = new Date('2026-12-02T02:00:00Z');
    assert.ok((await qingshi.backend.sync.runOnce()).ok);
    const november = await hub.hub.countyFigures('2026-11');
    const named = november.missing.map((m) => m.townshipName);
    assert.deepEqual(named, ['白水乡']);
    assert.match(november.missing[0]!.why, /最近同步的记录写于 2026-11-20，未覆盖2026年11月（截至 2026-11-30）/);
    assert.equal(november.townships.find((t) => t.nodeId === baishui.nodeId)?.covered, false);
    assert.equal(november.townships.find((t) => t.nodeId === qingshi.nodeId)?.covered, true);
    // What arrived still counts; the total is the sum of the townships.
    const accepted = november.townships.map((t) => t.values['counter.accepted'] ?? 0);
    assert.equal(november.total['counter.accepted'], accepted[0]! + accepted[1]!);

    assert.ok((await baishui.backend.sync.runOnce()).ok);
    assert.deepEqual((await hub.hub.countyFigures('2026-11')).missing, []);
    // December runs: covered only by a sync written today.
    clock.current = new Date('2026-12-03T02:00:00Z');
    assert.ok((await qingshi.backend.sync.runOnce()).ok);
    const december = await hub.hub.countyFigures('2026-12');
    assert.deepEqual(
      december.missing.map((m) => [m.townshipName, m.why]),
      [['白水乡', '最近同步的记录写于 2026-12-02，今天尚未同步']],
    );
  });
});
