// Residents' matters (三事分流): the county's definition (shared/matters/figures.ts) counts from the
// `matters` rows exactly what the township's statistics show. Half a year of matters in three
// villages is made over HTTP on an encrypted hall whose clock moves day by day — registered a day
// or two after they were collected, sorted every way (当即解决 at the township and in the village,
// 限期解决 in working days, 提交统筹, 私事劝导, some never), replied and closed on time or late,
// some never, some voided (in the month they were collected or later), steps recorded a day or two
// after their date. On several days (a month's last, a quarter's last, days inside a month) the
// statistics of every month, the quarters and the year (past, running and not yet begun) are read
// from `matters.statistics` and compared, field by field and village by village, with
// `countFigures` over `SELECT * FROM matters`; the rates too. Definitions broken on purpose
// (voids ignored, 超期 a day early, steps placed by their own day …) must each disagree somewhere,
// so the comparison is known to catch them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MatterStatistics } from '../../shared/matters/api';
import { matterFigureDefinition, MATTER_FIGURES, type MatterFigure } from '../../shared/matters/figures';
import { MATTER_CATEGORY_CODES } from '../../shared/matters/matters';
import { addDays } from '../../shared/calendar/dates';
import { countFigures, type FigureDefinition, type FigureEvent } from '../../shared/figures/figureEvents';
import { shiftMonth } from '../../shared/documents/reportPeriods';
import type { RowImage } from '../../shared/sync/protocol';
import { Rng } from '../../demo/random';
import { morningOf, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const FIRST_DAY = '2026-06-01';
const LAST_DAY = '2026-11-20';
/** The days the figures are compared on: month and quarter ends, days inside a month, the last. */
const CHECKPOINTS = ['2026-06-30', '2026-07-15', '2026-08-31', '2026-09-30', '2026-10-09', LAST_DAY];

/** A step of a matter's life, on the day it is recorded (`at`), dated `on`. */
type Step =
  | { kind: 'register'; at: string; on: string }
  | { kind: 'triage'; at: string; on: string; choice: Choice }
  | { kind: 'settle'; at: string; on: string; triage: 'minor' | 'private' }
  | { kind: 'reply'; at: string; on: string }
  | { kind: 'close'; at: string; on: string }
  | { kind: 'void'; at: string };

type Choice =
  | { triage: 'minor' | 'major'; handling: 'onTheSpot' }
  | { triage: 'minor' | 'major'; handling: 'deadline'; workingDays: number }
  | { triage: 'major'; handling: 'escalated' }
  | { triage: 'private'; handling: 'advised' };

interface Plan {
  index: number;
  village: number;
  steps: Step[];
}

/**
 * Each matter's life, planned ahead from a seed: what is done to it and when. A step is recorded
 * on its date or up to two days later, never before the previous one; nothing after LAST_DAY.
 */
function planMatters(rng: Rng): Plan[] {
  const plans: Plan[] = [];
  for (let day = FIRST_DAY; day <= LAST_DAY; day = addDays(day, 1)) {
    for (let n = rng.int(0, 2); n > 0; n--) {
      const steps: Step[] = [];
      let at = day;
      let on = day;
      /** The next step dated `days` after the previous one, recorded after a lag; false past the end. */
      const next = (days: number) => {
        on = addDays(on, days);
        const recorded = addDays(on, rng.chance(0.3) ? rng.int(1, 2) : 0);
        at = recorded > at ? recorded : at;
        return at <= LAST_DAY;
      };
      const village = rng.int(0, 2);
      next(0);
      steps.push({ kind: 'register', at, on });
      const roll = rng.float();
      if (roll < 0.08) {
        // Never sorted, or sorted much later.
        if (rng.chance(0.5) && next(rng.int(10, 40))) steps.push(triage(rng, at, on));
      } else if (roll < 0.2 && village === 0) {
        if (next(rng.int(0, 2))) steps.push({ kind: 'settle', at, on, triage: rng.chance(0.7) ? 'minor' : 'private' });
      } else if (next(rng.int(0, 5))) {
        const step = triage(rng, at, on);
        steps.push(step);
        const handling = step.choice.handling;
        if (handling === 'deadline' || handling === 'escalated') {
          // Replied before, on or after the deadline, or not at all; closed then, later, or not.
          if (rng.chance(0.85) && next(rng.int(1, handling === 'deadline' ? 30 : 50))) {
            steps.push({ kind: 'reply', at, on });
            if (rng.chance(0.8) && next(rng.int(0, 8))) steps.push({ kind: 'close', at, on });
          }
        }
      }
      // Some registered by mistake: voided soon, or after a while (also after closing).
      if (rng.chance(0.07)) {
        const voidAt = addDays(steps.at(-1)!.at, rng.int(0, 35));
        if (voidAt <= LAST_DAY) steps.push({ kind: 'void', at: voidAt });
      }
      plans.push({ index: plans.length, village, steps });
    }
  }
  return plans;
}

function triage(rng: Rng, at: string, on: string): Step & { kind: 'triage' } {
  const roll = rng.float();
  const choice: Choice =
    roll < 0.2
      ? { triage: rng.chance(0.8) ? 'minor' : 'major', handling: 'onTheSpot' }
      : roll < 0.3
        ? { triage: 'private', handling: 'advised' }
        : roll < 0.4
          ? { triage: 'major', handling: 'escalated' }
          : { triage: rng.chance(0.6) ? 'minor' : 'major', handling: 'deadline', workingDays: rng.int(2, 15) };
  return { kind: 'triage', at, on, choice };
}

/** The periods compared on `today`: every month from May (before anything) to the next one, the quarters, the years. */
function periodsOn(today: string): string[] {
  const months: string[] = [];
  for (let m = '2026-05'; m <= shiftMonth(today.slice(0, 7), 1); m = shiftMonth(m, 1)) months.push(m);
  return [...months, '2026-Q2', '2026-Q3', '2026-Q4', '2026', '2025'];
}

/** A definition broken on purpose: its events (or its row) changed. */
function broken(
  change: (row: Record<string, unknown>) => Record<string, unknown>,
  changeEvents: (events: FigureEvent<MatterFigure>[]) => FigureEvent<MatterFigure>[] = (e) => e,
  anchor?: (row: Readonly<Record<string, unknown>>) => string,
): FigureDefinition<MatterFigure> {
  return {
    ...matterFigureDefinition,
    ofRow(row) {
      const figures = matterFigureDefinition.ofRow(change({ ...row }));
      if (!figures) return null;
      return { ...figures, events: changeEvents(figures.events), ...(anchor ? { anchor: anchor(row) } : {}) };
    },
  };
}

const MUTANTS: Record<string, FigureDefinition<MatterFigure>> = {
  'voids ignored': broken((row) => ({ ...row, voided_on: null })),
  '超期 from the due day itself': broken(
    (row) => row,
    (events) => events.map((e) => (e.figure === 'overdue' && e.delta > 0 ? { ...e, day: addDays(e.day, -1) } : e)),
  ),
  'closing ignored': broken((row) => ({ ...row, closed_on: null })),
  'replies ignored': broken((row) => ({ ...row, replied_on: null })),
  'the decision’s day ignored (sorted from collection)': broken((row) => ({ ...row, decided_on: row.collected_on })),
  'placed by the day it was sorted': broken(
    (row) => row,
    (events) => events,
    (row) => String(row.decided_on ?? row.collected_on),
  ),
  'no group': broken(
    (row) => row,
    (events) => events.map(({ group: _group, ...e }) => e),
  ),
};

/** Each row's last image in the change log: what the county holds of `table` (none of these rows is deleted). */
async function latestImages(hall: TestHall, table: string): Promise<Map<string, Record<string, unknown>>> {
  const latest = new Map<string, Record<string, unknown>>();
  const entries = await hall.backend.db.selectFrom('change_log').select('row_images').orderBy('seq').execute();
  for (const { row_images } of entries)
    for (const image of (row_images ? JSON.parse(row_images) : []) as RowImage[])
      if (image.table === table && !image.deleted) latest.set(String(image.row.id), image.row);
  return latest;
}

describe('residents’ matters: the county’s definition counts what the township’s statistics show', () => {
  let hall: TestHall;
  let clerk: TestClient;
  let grid: TestClient;
  let leader: TestClient;
  let villages: string[];
  /** Mutant → whether it disagreed with the statistics at least once. */
  const caught = new Map<string, string>();
  /** Figures that were not zero in at least one comparison (the data exercises them). */
  const exercised = new Set<string>();
  let comparisons = 0;

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    hall = started.hall;
    const { admin } = started;
    hall.clock.current = morningOf(FIRST_DAY);
    villages = [started.village.id];
    for (const name of ['西岭村', '南湾村'])
      villages.push((await admin.ok('places.saveVillage', { name, kind: 'village', groups: [] })).id);
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    leader = await signedInAs(hall, admin, 'leader', ['leader']);
    grid = await signedInAs(hall, admin, 'grid', ['gridWorker']);
    const worker = (await admin.ok('matters.gridWorkers', {})).gridWorkers[0]!;
    await admin.ok('matters.setGridWorkerVillage', { userId: worker.userId, villageId: villages[0]! });
  });
  after(() => hall?.close());

  /** Every period's totals, rates and villages, from the statistics and from the rows, on `today`. */
  async function compareOn(today: string) {
    const rows = await hall.backend.db.selectFrom('matters').selectAll().execute();
    for (const period of periodsOn(today)) {
      const statistics: MatterStatistics = await leader.ok('matters.statistics', { period });
      const counts = countFigures(matterFigureDefinition, rows, period, today);
      const where = `${period} on ${today}`;
      assert.deepEqual(counts, statistics.totals, `totals of ${where}`);
      assert.deepEqual(
        matterFigureDefinition.rates!(counts),
        { replyRate: statistics.replyRate, completionRate: statistics.completionRate },
        `rates of ${where}`,
      );
      for (const village of statistics.byVillage) {
        const { villageId, villageName: _name, ...figures } = village;
        assert.deepEqual(
          countFigures(matterFigureDefinition, rows, period, today, { group: villageId }),
          figures,
          `${village.villageName} in ${where}`,
        );
      }
      for (const figure of MATTER_FIGURES) if (counts[figure] !== 0) exercised.add(figure);
      comparisons++;
      for (const [name, mutant] of Object.entries(MUTANTS)) {
        if (caught.has(name)) continue;
        const wrong = countFigures(mutant, rows, period, today);
        const byVillage = statistics.byVillage.some(
          (v) => countFigures(mutant, rows, period, today, { group: v.villageId }).collected !== v.collected,
        );
        if (MATTER_FIGURES.some((f) => wrong[f] !== statistics.totals[f]) || byVillage) caught.set(name, where);
      }
    }
  }

  test('half a year of matters made over HTTP, compared on six days', { timeout: 600_000 }, async () => {
    const plans = planMatters(new Rng(20260601));
    const ids = new Map<number, { id: string; version: number }>();
    const schedule = plans
      .flatMap((plan) => plan.steps.map((step, order) => ({ plan, step, order })))
      .sort((a, b) => a.step.at.localeCompare(b.step.at) || a.plan.index - b.plan.index || a.order - b.order);
    const checkpoints = [...CHECKPOINTS];
    const advanceTo = async (day: string) => {
      // The days before `day` are over: compare on each checkpoint passed, as it stood then.
      while (checkpoints.length > 0 && checkpoints[0]! < day) {
        const checkpoint = checkpoints.shift()!;
        hall.clock.current = morningOf(checkpoint);
        await compareOn(checkpoint);
      }
      hall.clock.current = morningOf(day);
    };
    for (const { plan, step } of schedule) {
      await advanceTo(step.at);
      const villageId = villages[plan.village]!;
      const matter = ids.get(plan.index);
      const took = await takeStep(step, villageId, matter);
      ids.set(plan.index, { id: took.id, version: took.version });
    }
    await advanceTo(addDays(LAST_DAY, 1));

    assert.equal(
      comparisons,
      CHECKPOINTS.reduce((n, day) => n + periodsOn(day).length, 0),
    );
    assert.deepEqual(
      [...MATTER_FIGURES].filter((f) => !exercised.has(f)),
      [],
      'every figure counted something',
    );
    assert.deepEqual(
      Object.keys(MUTANTS).filter((name) => !caught.has(name)),
      [],
      `each broken definition disagrees somewhere: ${JSON.stringify(Object.fromEntries(caught))}`,
    );
  });

  test('the row images the county receives read as the rows: every matter, the same events', async () => {
    const rows = await hall.backend.db.selectFrom('matters').selectAll().execute();
    const images = await latestImages(hall, 'matters');
    assert.equal(images.size, rows.length, 'every matter went up through the change log');
    for (const row of rows) {
      const figures = matterFigureDefinition.ofRow(row);
      assert.ok(figures, `${row.number} is read`);
      assert.deepEqual(matterFigureDefinition.ofRow(images.get(row.id)!), figures, row.number);
    }
  });

  async function takeStep(step: Step, villageId: string, matter: { id: string; version: number } | undefined) {
    const base = () => ({ id: matter!.id, version: matter!.version });
    const reply = { reply: '已答复群众。', replyMethod: 'phone' };
    switch (step.kind) {
      case 'register':
        return (
          await clerk.ok('matters.register', {
            requestId: crypto.randomUUID(),
            source: 'counter',
            villageId,
            residentName: '李秀英',
            type: 'problem',
            category: MATTER_CATEGORY_CODES[Number(step.on.slice(8)) % MATTER_CATEGORY_CODES.length]!,
            description: '反映村里的问题。',
            collectedOn: step.on,
          })
        ).matter;
      case 'triage': {
        const { choice } = step;
        const owner =
          choice.handling === 'deadline'
            ? choice.triage === 'minor'
              ? { ownerKind: 'villageCommittee', owner: '村委会', workingDays: choice.workingDays }
              : { ownerKind: 'township', owner: '镇农业农村办', workingDays: choice.workingDays }
            : choice.handling === 'escalated'
              ? { escalatedTo: '县交通运输局', escalationReason: '需县里统筹' }
              : reply;
        return (
          await clerk.ok('matters.triage', {
            ...base(),
            decidedOn: step.on,
            triage: choice.triage,
            handling: choice.handling,
            ...owner,
          })
        ).matter;
      }
      case 'settle':
        return (
          await grid.ok('matters.settleInVillage', { ...base(), repliedOn: step.on, triage: step.triage, ...reply })
        ).matter;
      case 'reply':
        return (await clerk.ok('matters.reply', { ...base(), repliedOn: step.on, ...reply })).matter;
      case 'close':
        return (await clerk.ok('matters.close', { ...base(), closedOn: step.on, result: '已办结' })).matter;
      case 'void':
        return (await clerk.ok('matters.void', { ...base(), reason: '登记有误' })).matter;
    }
  }
});

describe('a matters row the definition cannot read counts nothing', () => {
  const row = {
    village_id: 'v1',
    collected_on: '2026-10-20',
    triage: 'minor',
    handling: 'deadline',
    decided_on: '2026-10-21',
    due_on: '2026-10-28',
    replied_on: null,
    closed_on: null,
    voided_on: null,
  };

  test('a whole row is read; a malformed one gives null, never an exception', () => {
    const figures = matterFigureDefinition.ofRow(row)!;
    assert.equal(figures.anchor, '2026-10-20');
    // In hand and 限期解决 from the decision; red from the day after the due day.
    assert.deepEqual(
      figures.events.filter((e) => e.figure === 'overdue'),
      [{ figure: 'overdue', day: '2026-10-29', delta: 1, group: 'v1' }],
    );
    for (const wrong of [
      { ...row, collected_on: '2026-10-32' },
      { ...row, collected_on: null },
      { ...row, triage: 'huge' },
      { ...row, due_on: '20261028' },
      { ...row, village_id: undefined },
    ])
      assert.equal(matterFigureDefinition.ofRow(wrong), null, JSON.stringify(wrong));
  });
});
