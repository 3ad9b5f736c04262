// 超期, defined once (shared/counter/overdue.ts): the rule itself on the 2026 calendar, and then
// the promise it keeps — on the same cases, the worklist's red, the clerk's count on the home
// page, the statistics of the running month, quarter and year, and the figures the county gets
// all say the same number; and a past period's 超期 is what the worklist said on its last day,
// though cases were since completed, paused, resumed and voided.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { calendarFile, WorkingCalendar } from '../../shared/calendar/workingCalendar';
import { catalogFile } from '../../shared/catalog/catalog';
import { caseStandingOn, isOverdueOn, type CaseClock } from '../../shared/counter/overdue';
import { deskFigures } from '../../electron/backend/deskFigures';
import { residentId } from '../support/ids';
import { morningOf, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const calendar = new WorkingCalendar(
  calendarFile.parse(
    JSON.parse(
      await readFile(new URL('../../resources/calendars/working-calendar-2026.json', import.meta.url), 'utf8'),
    ),
  ).years,
);

const demoCatalog = catalogFile.parse(
  JSON.parse(await readFile(new URL('../../resources/catalog/demo-service-catalog.json', import.meta.url), 'utf8')),
);

/** A 5-working-day case accepted on Tuesday 1 September 2026: promised for Tuesday 8 September. */
const clock = (over: Partial<CaseClock> = {}): CaseClock => ({
  acceptedOn: '2026-09-01',
  originalPromisedDate: '2026-09-08',
  promisedDate: '2026-09-08',
  pauses: [],
  completedOn: null,
  voidedOn: null,
  ...over,
});

describe('超期: the rule', () => {
  test('open: overdue from the day after its promised date, not on the day itself', () => {
    assert.equal(isOverdueOn(calendar, clock(), '2026-09-08'), false);
    assert.equal(isOverdueOn(calendar, clock(), '2026-09-09'), true);
    // Before it was accepted it was nothing at all.
    assert.deepEqual(caseStandingOn(calendar, clock(), '2026-08-31'), { stage: 'notAccepted', overdue: false });
  });

  test('completed: late stays overdue (超期办结), on time never was; before completion it was open', () => {
    const late = clock({ completedOn: '2026-09-10' });
    assert.deepEqual(caseStandingOn(calendar, late, '2026-09-30'), { stage: 'completed', overdue: true });
    assert.equal(caseStandingOn(calendar, late, '2026-09-09').stage, 'open');
    assert.equal(isOverdueOn(calendar, late, '2026-09-09'), true);
    assert.equal(isOverdueOn(calendar, clock({ completedOn: '2026-09-08' }), '2026-12-31'), false);
  });

  test('voided: never overdue from the day it was voided; no promise: never overdue', () => {
    const voided = clock({ voidedOn: '2026-09-20' });
    assert.equal(isOverdueOn(calendar, voided, '2026-09-19'), true);
    assert.equal(isOverdueOn(calendar, voided, '2026-09-20'), false);
    assert.equal(isOverdueOn(calendar, clock({ originalPromisedDate: null, promisedDate: null }), '2026-12-31'), false);
  });

  test('a pause running on the day moves the due date as if the clock started again that day', () => {
    const paused = clock({ pauses: [{ pausedOn: '2026-09-07', resumedOn: null, workingDays: null }] });
    assert.equal(isOverdueOn(calendar, paused, '2026-09-30'), false);
  });

  test('a pause that ended after the day had not moved the promise yet on that day', () => {
    // Paused 10-08, resumed 11-16 (26 working days): the promise moved to 11-04 — but on 9-30 the
    // case was already 16 working days late, and the worklist said so then.
    const days = calendar.workingDaysBetween('2026-10-08', '2026-11-16');
    const resumed = clock({
      promisedDate: calendar.addWorkingDays('2026-09-08', days),
      pauses: [{ pausedOn: '2026-10-08', resumedOn: '2026-11-16', workingDays: days }],
    });
    assert.equal(isOverdueOn(calendar, resumed, '2026-09-30'), true);
    // Paused on 10-20, but late long before the pause: waiting does not hide it.
    assert.equal(isOverdueOn(calendar, resumed, '2026-10-20'), true);
    assert.equal(isOverdueOn(calendar, resumed, '2026-11-20'), resumed.promisedDate! < '2026-11-20');
  });
});

describe('超期: one number on the worklist, the home page, the statistics and the county’s figures', () => {
  let hall: TestHall;
  let clerk: TestClient;
  let leader: TestClient;
  let residentIds: string[];

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    hall = started.hall;
    hall.clock.current = morningOf('2026-09-01');
    clerk = await signedInAs(hall, started.admin, 'clerk', ['counterClerk']);
    leader = await signedInAs(hall, started.admin, 'leader', ['leader']);
    await started.admin.ok('catalog.importFile', demoCatalog);
    residentIds = [];
    for (let i = 0; i < 8; i++) {
      const resident = await clerk.ok('residents.register', {
        name: `超期测试${i}`,
        idType: 'residentId',
        idNumber: residentId(`197${i}0101`, 200 + i),
        ethnicity: '汉族',
        villageId: started.village.id,
      });
      residentIds.push(resident.id);
    }
  });
  after(() => hall.close());

  const item = (code: string) => demoCatalog.items.find((i) => i.code === code)!;
  const intake = async (i: number, code: string, completeNow = false) =>
    (
      await clerk.ok('counter.intake', {
        requestId: crypto.randomUUID(),
        residentId: residentIds[i]!,
        itemCode: code,
        receivedMaterials: item(code).materials.map((m) => m.name),
        window: '1号窗口',
        decision: 'accept',
        ...(completeNow ? { completeNow: true } : {}),
      })
    ).case;
  const version = async (id: string) => (await clerk.ok('counter.get', { caseId: id })).case.version;
  const on = (date: string) => (hall.clock.current = morningOf(date));

  /** Every count of 超期 there is, on the hall's today. */
  async function everyCount() {
    const today = hall.clock.now().toISOString().slice(0, 10);
    const month = today.slice(0, 7);
    const quarter = `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
    return {
      worklist: (await leader.ok('counter.worklist', {})).counts.red,
      // The clerk's own count on the home page's 窗口受理 card (MyDeadlineCounts).
      home: (await clerk.ok('counter.worklist', { mine: true })).counts.red,
      // The leader's count on the home page's 统计 card (OverdueToday) is the running month's.
      month: (await leader.ok('counter.summary', { period: month })).overdue,
      quarter: (await leader.ok('counter.summary', { period: quarter })).overdue,
      year: (await leader.ok('counter.summary', { period: today.slice(0, 4) })).overdue,
      county: (await deskFigures(hall.backend.db, month, today)).counter.overdue,
    };
  }

  test('the same cases give the same 超期 everywhere, on the day and for the period that ended then', async () => {
    on('2026-09-01');
    await intake(0, 'NY-004'); // never completed
    const completedLate = await intake(1, 'NY-004'); // completed on 10-12
    const pausedEarly = await intake(2, 'NY-004'); // paused 09-07 (before its date), resumed 10-09
    const pausedLater = await intake(3, 'NY-004'); // late on 09-30, paused 10-08, resumed 11-16
    const voided = await intake(4, 'NY-004'); // late on 09-30, voided 10-10
    on('2026-09-07');
    await clerk.ok('counter.pause', {
      caseId: pausedEarly.id,
      version: await version(pausedEarly.id),
      kind: 'materials',
      reason: '补正户口簿复印件',
      pausedOn: '2026-09-07',
    });
    on('2026-09-29');
    await intake(5, 'SB-001', true); // done on the spot
    const dueInOctober = await intake(6, 'NY-004'); // due 10-13, completed 10-14: late, never red on 09-30

    on('2026-09-30');
    const september = await everyCount();
    // late, completedLate, pausedLater, voided: all four accepted on 09-01 and past 09-08.
    assert.deepEqual(september, { worklist: 4, home: 4, month: 4, quarter: 4, year: 4, county: 4 });

    on('2026-10-08');
    await clerk.ok('counter.pause', {
      caseId: pausedLater.id,
      version: await version(pausedLater.id),
      kind: 'approved',
      reason: '公示期',
      pausedOn: '2026-10-08',
    });
    on('2026-10-09');
    await clerk.ok('counter.resume', {
      caseId: pausedEarly.id,
      version: await version(pausedEarly.id),
      resumedOn: '2026-10-09',
    });
    on('2026-10-10');
    await clerk.ok('counter.void', { caseId: voided.id, version: await version(voided.id), reason: '申请人撤回' });
    on('2026-10-12');
    await clerk.ok('counter.complete', {
      caseId: completedLate.id,
      version: await version(completedLate.id),
      result: 'approved',
      completedOn: '2026-10-12',
    });
    on('2026-10-14');
    await clerk.ok('counter.complete', {
      caseId: dueInOctober.id,
      version: await version(dueInOctober.id),
      result: 'approved',
      completedOn: '2026-10-14',
    });
    on('2026-11-16');
    const resumed = await clerk.ok('counter.resume', {
      caseId: pausedLater.id,
      version: await version(pausedLater.id),
      resumedOn: '2026-11-16',
    });

    on('2026-11-20');
    const november = await everyCount();
    const red = (await leader.ok('counter.worklist', {})).open.filter((c) => c.deadline?.colour === 'red');
    assert.ok(red.length > 0 && red.every((c) => c.acceptedOn!.startsWith('2026-09')));
    // Nothing was accepted in November, yet its statistics count the cases overdue today.
    assert.equal((await leader.ok('counter.summary', { period: '2026-11' })).counts.accepted, 0);
    assert.deepEqual(november, {
      worklist: red.length,
      home: red.length,
      month: red.length,
      quarter: red.length,
      year: red.length,
      county: red.length,
    });
    // late is red; pausedEarly too (its promise moved only into October); pausedLater's resumed
    // promise decides it; completedLate and dueInOctober are done, voided is gone.
    const pausedLaterRed = resumed.case.promisedDate! < '2026-11-20';
    assert.equal(red.length, 2 + (pausedLaterRed ? 1 : 0));

    // September and its quarter, asked in November: what the worklist said on 30 September.
    for (const period of ['2026-09', '2026-Q3']) {
      const past = await leader.ok('counter.summary', { period });
      assert.equal(past.asOf, '2026-09-30');
      assert.equal(past.overdue, september.worklist, period);
    }
    // The late completions stay 超期办结 in the figures of the period they were accepted in.
    const q3 = await leader.ok('counter.summary', { period: '2026-Q3' });
    assert.equal(q3.counts.completedLate, 0, 'on 30 September neither was completed yet');
    assert.equal((await leader.ok('counter.summary', { period: '2026-09' })).counts.open, 6);
    const year = await leader.ok('counter.summary', { period: '2026' });
    assert.equal(year.counts.completedLate, 2);
    assert.equal(year.counts.voided, 1);
  });
});
