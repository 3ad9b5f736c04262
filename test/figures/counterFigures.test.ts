// The counter's figures defined once (issue 21): counted from the rows of counter_cases and
// errands alone (shared/counter/figures.ts, shared/counter/errandFigures.ts), they are what the
// township's own statistics say (counter.summary: electron/backend/counter/periodSummary.ts),
// field by field and per village — for months, quarters and the year, past and running, on
// several days. The township works through its API on a moving clock (cases completed late,
// paused before and after their date, paused twice, voided after a rating, voided just after
// midnight Beijing time, rated after the month ended; errands of three villages' agents), on top
// of four months of generated cases (demo/demoCases.ts).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { catalogFile } from '../../shared/catalog/catalog';
import { errandFigures, ERRAND_FIGURES } from '../../shared/counter/errandFigures';
import {
  COUNTER_CASE_FIGURES,
  counterCaseFigures,
  TOWNSHIP_TIME_ZONE,
  type CounterCaseFigure,
} from '../../shared/counter/figures';
import type { PeriodSummary } from '../../shared/counter/ledgerApi';
import { periodOf, shiftPeriod } from '../../shared/documents/reportPeriods';
import { countFigures, type FigureCounts } from '../../shared/figures/figureEvents';
import { DEFAULT_SETTINGS, localDate } from '../../electron/backend/api/settings';
import { loadWorkingCalendar } from '../../electron/backend/calendar/calendarStore';
import { seedDemoCases } from '../../demo/demoCases';
import { residentId } from '../support/ids';
import { morningOf, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);
const itemOf = (code: string) => demoCatalog.items.find((i) => i.code === code)!;
const required = (code: string) =>
  itemOf(code)
    .materials.filter((m) => m.required)
    .map((m) => m.name);

/** The statistics' figures under the definition's names. */
function desksFigures(summary: PeriodSummary): FigureCounts<CounterCaseFigure> {
  return {
    ...summary.counts,
    overdue: summary.overdue,
    notAccepted: summary.notAccepted,
    awaitingMaterials: summary.awaitingMaterials,
  };
}

describe('the counter’s figures counted from the rows are the township’s statistics', () => {
  let hall: TestHall;
  let admin: TestClient;
  let clerk: TestClient;
  let leader: TestClient;
  const agents = {} as Record<'east' | 'west', TestClient>;
  const residents: string[] = [];
  /** The residents of each agent's village: an agent registers errands for them only. */
  const villagers: Record<'east' | 'west', string[]> = { east: [], west: [] };
  /** Every figure that was not zero in some compared period: the comparison is not of zeros. */
  const seen = new Set<string>();
  let comparisons = 0;

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 366, sessionIdleMinutes: 60 * 24 * 366 });
    ({ hall, admin } = started);
    hall.clock.current = morningOf('2026-03-02');
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    leader = await signedInAs(hall, admin, 'leader', ['leader']);
    await admin.ok('catalog.importFile', demoCatalog);
    const west = await admin.ok('places.saveVillage', { name: '西岭村', kind: 'village', groups: [] });
    for (const [key, village] of [
      ['east', started.village.id],
      ['west', west.id],
    ] as const) {
      agents[key] = await signedInAs(hall, admin, `agent-${key}`, ['villageAgent']);
      const id = (await admin.ok('errands.agents', {})).agents.find((a) => a.name === `agent-${key}同志`)!.userId;
      await admin.ok('errands.setAgentVillage', { userId: id, villageId: village });
    }
    for (let i = 0; i < 12; i++) {
      const resident = await clerk.ok('residents.register', {
        name: `汇总居民${i}`,
        idType: 'residentId',
        idNumber: residentId(`19${60 + i}0315`, 400 + i),
        ethnicity: '汉族',
        villageId: i % 2 === 0 ? started.village.id : west.id,
      });
      residents.push(resident.id);
      villagers[i % 2 === 0 ? 'east' : 'west'].push(resident.id);
    }
    // March to June: a busy hall's mix, written as rows (pauses, voids, ratings, cases still open).
    await seedDemoCases(hall.backend.db, {
      from: '2026-03-02',
      to: '2026-06-30',
      perWorkingDay: 5,
      today: '2026-06-30',
      seed: 21,
    });
  });
  after(() => hall.close());

  let residentIndex = 0;
  const nextResident = () => residents[residentIndex++ % residents.length]!;
  const on = (day: string) => (hall.clock.current = morningOf(day));

  async function intake(code: string, how: 'accept' | 'onTheSpot' | 'awaitMaterials' | 'refuse' = 'accept') {
    const answer = await clerk.ok('counter.intake', {
      requestId: crypto.randomUUID(),
      residentId: nextResident(),
      itemCode: code,
      receivedMaterials: how === 'awaitMaterials' ? [] : required(code),
      window: '1号窗口',
      decision: how === 'onTheSpot' ? 'accept' : how,
      ...(how === 'onTheSpot' ? { completeNow: true } : {}),
      ...(how === 'refuse' ? { refusalReason: '不属于本中心受理范围', redirectTo: '县政务服务中心' } : {}),
    });
    return answer.case.id;
  }

  /** Takes a step on a case as it now is (its current version). */
  async function step(
    procedure:
      | 'counter.accept'
      | 'counter.forward'
      | 'counter.recordForwardReply'
      | 'counter.pause'
      | 'counter.resume'
      | 'counter.complete'
      | 'counter.deliver'
      | 'counter.rate'
      | 'counter.closeFollowUp'
      | 'counter.void',
    caseId: string,
    input: Record<string, unknown> = {},
  ) {
    const { version } = (await clerk.ok('counter.get', { caseId })).case;
    return clerk.ok(procedure, { caseId, version, ...input });
  }
  const pause = (caseId: string) => step('counter.pause', caseId, { kind: 'materials', reason: '补正材料' });
  const complete = (caseId: string, completedOn?: string) =>
    step('counter.complete', caseId, { result: 'approved', ...(completedOn ? { completedOn } : {}) });
  const deliverAndRate = async (caseId: string, level: string) => {
    await step('counter.deliver', caseId, { method: 'collected', signedBy: '本人' });
    await step('counter.rate', caseId, { level, channel: 'clerk' });
  };

  const agentItems = ['NY-004', 'SB-003', 'MZ-003'];
  async function register(agent: 'east' | 'west', code = agentItems[residentIndex % agentItems.length]!) {
    const { errand } = await agents[agent].ok('errands.register', {
      requestId: crypto.randomUUID(),
      residentId: villagers[agent][residentIndex++ % villagers[agent].length]!,
      itemCode: code,
    });
    const collected = await agents[agent].ok('errands.collect', {
      errandId: errand.id,
      version: errand.version,
      collectedMaterials: required(code),
    });
    return collected.errand;
  }
  async function handOver(agent: 'east' | 'west', errandIds: string[]) {
    const id = (await clerk.ok('errands.agents', {})).agents.find((a) => a.name === `agent-${agent}同志`)!.userId;
    const done = await clerk.ok('errands.handOver', {
      requestId: crypto.randomUUID(),
      agentId: id,
      errandIds,
      window: '2号窗口',
    });
    return done.errands.map((e) => e.case!.id);
  }
  async function deliverErrand(agent: TestClient, errandId: string, deliveredOn?: string) {
    const { errands } = await agent.ok('errands.mine', {});
    const errand = errands.find((e) => e.id === errandId)!;
    await agent.ok('errands.recordDelivery', {
      errandId,
      version: errand.version,
      signedBy: '本人',
      ...(deliveredOn ? { deliveredOn } : {}),
    });
  }

  /**
   * On the hall's today: each period's statistics (as the leader's screen asks them) against the
   * figures counted from the rows of counter_cases and errands as they are now.
   */
  async function compareOn(periods: readonly string[]) {
    const db = hall.backend.db;
    const today = localDate(hall.clock.now(), DEFAULT_SETTINGS.timeZone);
    const cases = await db.selectFrom('counter_cases').selectAll().execute();
    const errands = await db.selectFrom('errands').selectAll().execute();
    const villages = await db.selectFrom('villages').select(['id', 'name']).execute();
    const definition = counterCaseFigures(await loadWorkingCalendar(db), DEFAULT_SETTINGS.timeZone);
    for (const period of periods) {
      const summary = await leader.ok('counter.summary', { period });
      const counted = countFigures(definition, cases, period, today);
      const where = `${period} on ${today}`;
      assert.deepEqual(counted, desksFigures(summary), where);
      assert.deepEqual(definition.rates!(counted), summary.rates, where);
      for (const figure of COUNTER_CASE_FIGURES) if (counted[figure] !== 0) seen.add(figure);

      // Errands per village: the group is the village's id (none: the statistics' 未设定村（社区）).
      const errandTotal = countFigures(errandFigures, errands, period, today);
      const byVillage = [...new Set(errands.map((e) => e.village_id))].map((villageId) => ({
        villageName: villages.find((v) => v.id === villageId)?.name ?? '未设定村（社区）',
        ...countFigures(errandFigures, errands, period, today, { group: villageId }),
      }));
      const named = (rows: readonly { villageName: string }[]) =>
        [...rows].sort((a, b) => a.villageName.localeCompare(b.villageName, 'zh-CN'));
      assert.deepEqual(
        named(byVillage.filter((v) => v.registered + v.handedOver + v.delivered > 0)),
        named(summary.errandsByVillage),
        `errands by village, ${where}`,
      );
      const sum = (key: (typeof ERRAND_FIGURES)[number]) =>
        summary.errandsByVillage.reduce((total, v) => total + v[key], 0);
      assert.deepEqual(
        errandTotal,
        { registered: sum('registered'), handedOver: sum('handedOver'), delivered: sum('delivered') },
        `errands, ${where}`,
      );
      for (const figure of ERRAND_FIGURES) if (errandTotal[figure] !== 0) seen.add(`errands.${figure}`);
      comparisons++;
    }
    return today;
  }

  /** The running month, quarter and year and the ones before them. */
  const aroundToday = (day: string) =>
    (['month', 'quarter', 'year'] as const).flatMap((kind) => [
      periodOf(kind, day),
      shiftPeriod(periodOf(kind, day), -1),
    ]);

  test('the township’s time zone is the definition’s', () => {
    assert.equal(TOWNSHIP_TIME_ZONE, DEFAULT_SETTINGS.timeZone);
  });

  test('from July to December, on the running and on past periods, field by field and per village', async () => {
    on('2026-07-01');
    await intake('NY-004'); // due 07-08, never completed: 超期 from 07-09 on, whatever the period
    await intake('SB-001', 'onTheSpot');
    const forwarded = await intake('TY-002'); // promises nothing: never 超期
    const waitedForMaterials = await intake('NY-004', 'awaitMaterials'); // accepted in August
    await intake('NY-004', 'awaitMaterials'); // never accepted
    await intake('HJ-001', 'refuse');
    const east1 = await register('east');
    const east2 = await register('east');
    const east3 = await register('east');
    const west1 = await register('west');
    on('2026-07-02');
    await step('counter.forward', forwarded, { department: '县退役军人事务局' });
    const pausedBeforeItsDate = await intake('NY-004'); // due 07-09
    on('2026-07-03');
    await pause(pausedBeforeItsDate);
    on('2026-07-06');
    const pausedTwice = await intake('NY-004'); // due 07-13; late when paused, and paused again
    const pausedForGood = await intake('ZJ-003');
    on('2026-07-07');
    await pause(pausedForGood);
    on('2026-07-20');
    await step('counter.resume', pausedBeforeItsDate);
    await pause(pausedTwice);
    await step('counter.recordForwardReply', forwarded, { reply: '已审核通过' });
    on('2026-07-21');
    await complete(forwarded);
    on('2026-07-24');
    await step('counter.resume', pausedTwice);
    on('2026-07-27');
    await complete(pausedBeforeItsDate);
    const ratedInAugust = await intake('NY-004');
    on('2026-07-28');
    const poorlyRated = await intake('CL-002');
    on('2026-07-29');
    await complete(poorlyRated);
    await deliverAndRate(poorlyRated, 'dissatisfied');
    const voidedAfterRating = await intake('MZ-004', 'onTheSpot');
    await deliverAndRate(voidedAfterRating, 'satisfied');
    const [eastCase1, eastCase2] = await handOver('east', [east1.id, east2.id]);
    on('2026-07-30');
    await step('counter.closeFollowUp', poorlyRated, { actionTaken: '已回访并说明' });
    on('2026-07-31');
    await compareOn(aroundToday('2026-07-31'));

    on('2026-08-03');
    await step('counter.accept', waitedForMaterials, { receivedMaterials: required('NY-004'), window: '1号窗口' });
    await pause(pausedTwice);
    on('2026-08-05');
    await complete(ratedInAugust);
    on('2026-08-06');
    await step('counter.deliver', ratedInAugust, { method: 'collected', signedBy: '本人' });
    on('2026-08-10');
    await step('counter.rate', ratedInAugust, { level: 'verySatisfied', channel: 'clerk' });
    await complete(eastCase1!);
    const west2 = await register('west');
    on('2026-08-12');
    await step('counter.void', voidedAfterRating, { reason: '重复登记' });
    await deliverErrand(agents.east, east1.id);
    on('2026-08-14');
    await compareOn(aroundToday('2026-08-14'));

    // Resumed only now, the second pause moves the promise past 31 July: July's 超期, asked from
    // now on, still counts the case by its promise as it stood then (moved by the first pause only).
    on('2026-08-28');
    await step('counter.resume', pausedTwice);
    on('2026-09-01');
    await complete(pausedTwice);
    const voidedAtMidnight = await intake('NY-004'); // due 09-08; voided at 00:30 on 1 October
    const completedLate = await intake('NY-004');
    await handOver('west', [west1.id]);
    on('2026-09-25');
    await complete(eastCase2!);
    on('2026-09-28');
    const ratedInOctober = await intake('NY-004');
    await complete(completedLate);
    on('2026-09-30');
    await compareOn(aroundToday('2026-09-30'));

    // 00:30 on 1 October in Beijing is still 30 September in UTC: the township's day is the 1st,
    // so on 30 September the case was open and late, and September's figures say so.
    hall.clock.current = new Date('2026-09-30T16:30:00Z');
    await step('counter.void', voidedAtMidnight, { reason: '申请人撤回' });
    assert.equal(await compareOn(aroundToday('2026-10-01')), '2026-10-01');
    const september = await leader.ok('counter.summary', { period: '2026-09' });
    assert.ok(september.overdue >= 1 && september.counts.voided === 0, JSON.stringify(september.counts));

    on('2026-10-09');
    // The agent brings the result back now and records the day it was handed over: in September.
    await deliverErrand(agents.east, east2.id, '2026-09-30');
    await agents.east.ok('errands.withdraw', { errandId: east3.id, version: east3.version, reason: '居民已自行办理' });
    await register('west');
    on('2026-10-20');
    await complete(ratedInOctober);
    await deliverAndRate(ratedInOctober, 'basicallySatisfied');
    await complete(waitedForMaterials);
    await handOver('west', [west2.id]);
    on('2026-10-30');
    await compareOn(aroundToday('2026-10-30'));

    on('2026-11-02');
    const briefPause = await intake('YB-006');
    on('2026-11-03');
    await pause(briefPause);
    on('2026-11-04');
    await step('counter.resume', briefPause);
    on('2026-11-16');
    const voidedOnTheSpot = await intake('SB-001', 'onTheSpot');
    on('2026-11-17');
    await step('counter.void', voidedOnTheSpot, { reason: '录入错误' });
    await register('east');

    on('2026-12-10');
    const months = Array.from({ length: 10 }, (_, i) => `2026-${String(i + 3).padStart(2, '0')}`);
    await compareOn([...months, '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2026', '2025']);

    const expected = [...COUNTER_CASE_FIGURES, ...ERRAND_FIGURES.map((f) => `errands.${f}`)];
    assert.deepEqual(
      expected.filter((f) => !seen.has(f)),
      [],
      'every figure was compared where it counted something',
    );
    assert.ok(comparisons > 40);
  });

  test('a row the definitions cannot read adds nothing, and never stops the count', async () => {
    const definition = counterCaseFigures(await loadWorkingCalendar(hall.backend.db));
    const [row] = await hall.backend.db.selectFrom('counter_cases').selectAll().limit(1).execute();
    assert.notEqual(definition.ofRow(row!), null);
    for (const odd of [
      {},
      { ...row, steps: '{not json' },
      { ...row, accepted_on: '2026-13-01' },
      { ...row, status: 'lost' },
    ]) {
      assert.equal(definition.ofRow(odd), null, JSON.stringify(odd).slice(0, 80));
    }
    assert.equal(errandFigures.ofRow({ village_id: null, authorised_on: 'yesterday' }), null);
  });
});
