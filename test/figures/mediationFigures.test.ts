// The mediation figures defined once (shared/mediation/figures.ts) count what the township's own
// statistics count. A township hall on a test clock lives five months (2025-10 to 2026-02, across
// a quarter and a year): sweeps and disputes of two committees made through the register's own
// API on the days they happen — some steps recorded days late with their real date, some left to
// the township's today —, accepted in one month and settled or terminated in the next, refused or
// terminated and sent on, court confirmations applied, decided, withdrawn, visits planned and
// done later, registrations corrected, a sweep's date corrected into another quarter. On several
// days along the way, and at the end for every month, quarter and year, the figures counted from
// the tables' rows (SELECT *) equal the statistics field by field, with both rates, for the
// township and per committee, by category, by counterpart and month by month; and so do the
// figures counted from the row images the change log carries to the county.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { addDays } from '../../shared/calendar/dates';
import {
  periodAsOf,
  periodOf,
  periodMonths,
  shiftPeriod,
  type ReportPeriod,
} from '../../shared/documents/reportPeriods';
import { countFigures } from '../../shared/figures/figureEvents';
import {
  DISPUTE_CATEGORY_CODES,
  HANDOVER_KINDS,
  type DisputeCategory,
  type HandoverKind,
} from '../../shared/mediation/disputes';
import type { DisputeRecord, RegisterDisputeInput } from '../../shared/mediation/disputesApi';
import {
  MEDIATION_FIGURES,
  MEDIATION_FIGURE_DEFINITIONS,
  countMediationFigures,
  mediationCategoryFigures,
  mediationDisputeFigures,
  mediationFollowUpFigures,
  mediationReferralFigures,
  mediationSweepFigures,
  type MediationFigure,
} from '../../shared/mediation/figures';
import type { MediationFigures, MediationStatistics } from '../../shared/mediation/statisticsApi';
import { Rng } from '../../demo/random';
import { residentId } from '../support/ids';
import { li, zhang } from '../support/mediationParties';
import { ADMIN, morningOf, signedInAs, startTestHall, type TestClient, type TestHall } from '../support/testHall';

type Row = Record<string, unknown>;

const START = '2025-10-01';
const END = '2026-02-20';
/** Days the figures are compared on while the records are made: month and year ends, mid-months, the last day. */
const CHECKPOINTS = ['2025-10-31', '2025-11-14', '2025-12-31', '2026-01-01', '2026-01-19', END];

const draft = (dueOn: string) => ({
  facts: '',
  disputedMatters: '通道占用及排水沟堵塞的恢复与赔偿。',
  responsibilities: '李桂芬堆放建材不当，负全部责任。',
  terms: ['李桂芬清运全部建材，疏通排水沟。', '李桂芬赔偿张𠮷祥损失。'],
  performanceManner: '现金当面支付，清运由调委会现场确认。',
  performanceDueOn: dueOn,
  recorder: '刘晓燕',
});

/** One thing done at the hall: on the day `runOn` (the clock's), possibly about an earlier day. */
interface Action {
  runOn: string;
  what: string;
  run: () => Promise<void>;
}

/** What the plan made happen, so the test can say its cases were there (not vacuous). */
const happened = {
  acceptedThenSettledNextMonth: 0,
  recordedLate: 0,
  datedByToday: 0,
  courtWithdrawn: 0,
  plannedVisitsDone: 0,
  plannedVisitsLeftUndone: 0,
  registrationsCorrected: 0,
  sweepMovedAcrossQuarter: 0,
};

describe('mediation figures counted from rows equal the township’s statistics', () => {
  let hall: TestHall;
  let mediator: TestClient;
  let leader: TestClient;
  const committees: Record<'township' | 'village', string> = { township: '', village: '' };
  let wang = '';
  /** Sweeps by their key in the plan, once made. */
  const sweepIds = new Map<string, { id: string; version: number }>();
  /** Disputes by their index in the plan, as last answered. */
  const disputes = new Map<number, DisputeRecord>();
  /** Every period compared, with the largest value each figure reached in it (non-vacuity). */
  const reached = new Map<MediationFigure, number>();
  let comparisons = 0;

  const rowsOf = async (table: string): Promise<Row[]> =>
    (await sql<Row>`SELECT * FROM ${sql.table(table)}`.execute(hall.backend.db)).rows;

  async function tableRows(): Promise<Record<string, Row[]>> {
    const tables = [...new Set([...MEDIATION_FIGURE_DEFINITIONS.map((d) => d.table)])];
    return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await rowsOf(t)] as const)));
  }

  /** The statistics of `period` (today: the clock's) against the figures counted from `rows`. */
  async function compare(period: ReportPeriod, today: string, rows: Record<string, Row[]>, from: string) {
    const stats: MediationStatistics = await leader.ok('mediation.statistics', { period });
    const where = `${period}, today ${today}, from ${from}`;
    assert.equal(stats.asOf, periodAsOf(period, today), where);
    const counted = (p: ReportPeriod, group?: string) =>
      countMediationFigures((t) => rows[t] ?? [], p, today, group === undefined ? {} : { group });
    assert.deepEqual(counted(period), stats.totals, `totals of ${where}`);
    for (const figure of MEDIATION_FIGURES)
      reached.set(figure, Math.max(reached.get(figure) ?? 0, stats.totals[figure]));

    // Per committee: every figure but the follow-ups, whose rows do not name the committee.
    const withoutVisits = ({ followUpsDone: _, ...rest }: MediationFigures) => rest;
    assert.ok(stats.committees.length === 2, where);
    for (const { committeeId, committeeName, ...figures } of stats.committees)
      assert.deepEqual(
        withoutVisits(counted(period, committeeId)),
        withoutVisits(figures),
        `${committeeName} in ${where}`,
      );

    const disputeRows = rows.disputes ?? [];
    for (const row of stats.byCategory)
      assert.deepEqual(
        countFigures(mediationCategoryFigures, disputeRows, period, today, { group: row.category }),
        { accepted: row.accepted, settled: row.settled },
        `${row.label} in ${where}`,
      );
    const byKind = (kind: HandoverKind) =>
      countFigures(mediationReferralFigures, disputeRows, period, today, { group: kind });
    assert.deepEqual(
      stats.referralsIn.map((r) => [r.kind, r.count]),
      stats.referralsIn.map((r) => [r.kind, byKind(r.kind).referralsIn]),
      `referrals in by counterpart in ${where}`,
    );
    assert.deepEqual(
      stats.referralsOut.map((r) => [r.kind, r.count]),
      stats.referralsOut.map((r) => [r.kind, byKind(r.kind).referralsOut]),
      `referrals out by counterpart in ${where}`,
    );
    for (const month of stats.trend) {
      const c = counted(month.month);
      assert.deepEqual(
        {
          month: month.month,
          accepted: c.accepted,
          settled: c.settled,
          terminated: c.terminated,
          successRate: c.successRate,
          concludedSuccessRate: c.concludedSuccessRate,
        },
        month,
        `trend month ${month.month} of ${where}`,
      );
    }
    comparisons++;
  }

  /** The months, quarters and years around `today`, the running ones among them. */
  function periodsAround(today: string): ReportPeriod[] {
    const month = periodOf('month', today);
    const quarter = periodOf('quarter', today);
    const year = periodOf('year', today);
    return [
      month,
      shiftPeriod(month, -1),
      shiftPeriod(month, -2),
      quarter,
      shiftPeriod(quarter, -1),
      year,
      shiftPeriod(year, -1),
    ];
  }

  // ── The plan: what happens on which day ──────────────────────────────────────────────────

  const rng = new Rng(2110);
  const actions: Action[] = [];
  const at = (runOn: string, what: string, run: () => Promise<void>) => {
    if (runOn <= END) actions.push({ runOn, what, run });
    return runOn <= END;
  };

  interface PlannedSweep {
    key: string;
    committee: 'township' | 'village';
    heldOn: string;
  }
  const plannedSweeps: PlannedSweep[] = [];
  function planSweeps() {
    for (const committee of ['township', 'village'] as const)
      for (let heldOn = addDays(START, rng.int(0, 6)); heldOn <= END; heldOn = addDays(heldOn, rng.int(8, 20))) {
        const sweep = { key: `${committee}-${heldOn}`, committee, heldOn };
        plannedSweeps.push(sweep);
        at(heldOn, `sweep ${sweep.key}`, async () => {
          const saved = await mediator.ok('mediation.saveSweep', {
            committeeId: committees[committee],
            heldOn,
            area: '东岗村',
            team: '王芳、刘晓燕',
            note: '',
          });
          sweepIds.set(sweep.key, { id: saved.id, version: saved.version });
        });
      }
    // A sweep entered on the wrong day and corrected: it moves from 2025's fourth quarter to 2026's first.
    const wrong = { key: 'township-wrong', committee: 'township' as const, heldOn: '2025-12-30' };
    plannedSweeps.push(wrong);
    at(wrong.heldOn, 'sweep entered on a wrong day', async () => {
      const saved = await mediator.ok('mediation.saveSweep', {
        committeeId: committees.township,
        heldOn: wrong.heldOn,
        area: '青石街',
        team: '王芳',
        note: '',
      });
      sweepIds.set(wrong.key, { id: saved.id, version: saved.version });
    });
    at('2026-01-05', 'sweep date corrected', async () => {
      const { id, version } = sweepIds.get(wrong.key)!;
      await mediator.ok('mediation.saveSweep', {
        id,
        version,
        committeeId: committees.township,
        heldOn: '2026-01-02',
        area: '青石街',
        team: '王芳',
        note: '日期更正',
      });
      happened.sweepMovedAcrossQuarter++;
    });
  }

  /** Plans dispute `n`: each step dated after the one before, some recorded late, the rest dropped past END. */
  function planDispute(n: number) {
    const committee = n % 3 === 0 ? 'village' : 'township';
    const registeredOn = addDays(START, rng.int(0, 138));
    let date = registeredOn;
    let runOn = registeredOn;
    let alive = true;
    /** The next step, `gap` days after the last one; false once the plan runs past END. */
    const step = (gap: number, what: string, run: (date: string, late: boolean) => Promise<void>) => {
      if (!alive) return false;
      date = addDays(date, gap);
      const late = rng.chance(0.25);
      const stepRun = late ? addDays(date, rng.int(1, 4)) : date;
      runOn = stepRun > runOn ? stepRun : runOn;
      const stepDate = date;
      const recordedLate = runOn > stepDate;
      alive = at(runOn, `dispute ${n}: ${what} on ${stepDate}`, async () => {
        if (recordedLate) happened.recordedLate++;
        await run(stepDate, recordedLate);
      });
      return alive;
    };
    /** The step's date, or nothing (the township's today) when it is today anyway, half the time. */
    const dated = (field: string, on: string, late: boolean) => {
      if (!late && rng.chance(0.5)) {
        happened.datedByToday++;
        return {};
      }
      return { [field]: on };
    };
    const command = async (name: Parameters<TestClient['ok']>[0], input: Record<string, unknown>) => {
      const d = disputes.get(n)!;
      const { dispute } = (await mediator.ok(name, { id: d.id, version: d.version, ...input })) as {
        dispute: DisputeRecord;
      };
      disputes.set(n, dispute);
    };
    const referral = () =>
      rng.chance(0.5)
        ? { kind: rng.pick(HANDOVER_KINDS), to: rng.pick(['青石派出所', '青石县人民法院', '县信访局', '县劳动仲裁委']) }
        : null;

    // Registration.
    const sources = ['oralApplication', 'writtenApplication', 'sweep', 'handover'] as const;
    let source: RegisterDisputeInput['source'] = rng.pick(sources);
    const sweep = plannedSweeps.find(
      (s) =>
        s.committee === committee &&
        s.heldOn <= registeredOn &&
        s.heldOn >= addDays(registeredOn, -25) &&
        s.key !== 'township-wrong',
    );
    if (source === 'sweep' && !sweep) source = 'oralApplication';
    const handover =
      source === 'handover' ? { kind: rng.pick(HANDOVER_KINDS), on: addDays(registeredOn, -rng.int(0, 3)) } : null;
    const category = rng.pick(DISPUTE_CATEGORY_CODES);
    const amountYuan = rng.chance(0.3) ? null : rng.int(1, 80000) + (rng.chance(0.3) ? 0.5 : 0);
    const risky = rng.chance(0.3);
    step(0, 'register', async (on, late) => {
      const { dispute } = await mediator.ok('mediation.registerDispute', {
        requestId: crypto.randomUUID(),
        committeeId: committees[committee],
        ...dated('registeredOn', on, late),
        source,
        sweepId: source === 'sweep' ? sweepIds.get(sweep!.key)!.id : null,
        handover: handover ? { kind: handover.kind, from: '青石镇综治中心', on: handover.on, reference: '' } : null,
        category,
        facts: '李桂芬翻建房屋堆放建材，占用张𠮷祥家门前通道，排水沟被堵。',
        villageId: null,
        placeDetail: '',
        amountYuan,
        peopleInvolved: 2,
        risky,
        riskNote: risky ? '双方曾发生推搡' : '',
        parties: [zhang, li],
      } satisfies RegisterDisputeInput);
      disputes.set(n, dispute);
    });

    const fate = rng.float();
    if (fate < 0.08) return; // Still waiting for a decision.
    if (fate < 0.18) {
      const out = referral();
      step(rng.int(0, 3), 'refuse', (on, late) =>
        command('mediation.refuseDispute', {
          reason: '已向人民法院起诉',
          ...dated('refusedOn', on, late),
          referral: out,
        }),
      );
      return;
    }
    let acceptedOn = '';
    step(rng.int(0, 5), 'accept', async (on, late) => {
      acceptedOn = on;
      await command('mediation.acceptDispute', dated('acceptedOn', on, late));
      await command('mediation.assignMediators', { mediatorIds: [wang], leadMediatorId: wang, assignedOn: on });
    });
    if (rng.chance(0.2))
      // The registration corrected while being mediated: amount, risk and category as the statistics then count them.
      step(rng.int(1, 6), 'correct the registration', async () => {
        const d = disputes.get(n)!;
        const { dispute } = await mediator.ok('mediation.updateDispute', {
          id: d.id,
          version: d.version,
          source: d.source,
          sweepId: d.sweep?.id ?? null,
          handover: d.handover,
          category: rng.pick(DISPUTE_CATEGORY_CODES) satisfies DisputeCategory,
          facts: d.facts,
          villageId: null,
          placeDetail: '',
          amountYuan: d.amountYuan === null ? 1234.5 : null,
          peopleInvolved: 3,
          risky: !d.risky,
          riskNote: d.risky ? '' : '一方扬言上访',
          parties: [zhang, li].map((party, i) => ({ ...party, id: d.parties[i]!.id })),
        });
        disputes.set(n, dispute);
        happened.registrationsCorrected++;
      });

    const outcome = rng.float();
    if (outcome < 0.15) return; // Still being mediated.
    const gap = rng.chance(0.4) ? rng.int(20, 45) : rng.int(2, 15);
    if (outcome < 0.35) {
      const out = referral();
      step(gap, 'terminate', (on, late) =>
        command('mediation.terminate', { reason: '申请人坚持起诉', ...dated('terminatedOn', on, late), referral: out }),
      );
      if (rng.chance(0.5))
        step(rng.int(0, 10), 'close', (on, late) =>
          command('mediation.closeDispute', { summary: '调解终止，已告知其他途径', ...dated('closedOn', on, late) }),
        );
      return;
    }
    const written = outcome < 0.75;
    const settled = step(gap, written ? 'written agreement' : 'oral agreement', async (on, late) => {
      if (acceptedOn.slice(0, 7) !== on.slice(0, 7)) happened.acceptedThenSettledNextMonth++;
      if (written) {
        await command('mediation.saveAgreementDraft', { agreement: draft(addDays(on, 60)) });
        await command('mediation.issueAgreement', dated('agreedOn', on, late));
      } else
        await command('mediation.recordOralAgreement', {
          content: '李桂芬当日清运建材并赔偿损失。',
          ...dated('agreedOn', on, late),
        });
    });
    if (!settled) return;
    let courtPending = false;
    if (written && rng.chance(0.5)) {
      let appliedOn = '';
      const court = { court: '青石县人民法院' };
      courtPending = step(rng.int(0, 25), 'apply for court confirmation', async (on) => {
        appliedOn = on;
        await command('mediation.recordCourtConfirmation', {
          appliedOn: on,
          ...court,
          decision: null,
          decidedOn: null,
        });
      });
      if (rng.chance(0.15)) {
        // Recorded by mistake: the parties did not apply after all.
        if (
          step(rng.int(0, 3), 'withdraw the court record', async () => {
            await command('mediation.recordCourtConfirmation', {
              appliedOn: null,
              court: '',
              decision: null,
              decidedOn: null,
            });
            happened.courtWithdrawn++;
          })
        )
          courtPending = false;
      } else if (
        step(rng.int(2, 20), 'court decision', (on) =>
          command('mediation.recordCourtConfirmation', {
            appliedOn,
            ...court,
            decision: rng.chance(0.75) ? 'confirmed' : 'rejected',
            decidedOn: on,
          }),
        )
      )
        courtPending = false;
    }
    // Follow-up visits: one done; sometimes with a next one planned, done later.
    let visitPending = false;
    const next = rng.chance(0.4) ? rng.int(7, 20) : null;
    const visited = step(rng.int(1, 25), 'follow-up visit', (on, late) =>
      command('mediation.saveFollowUp', {
        doneOn: on,
        byName: '王芳',
        performance: 'partial',
        notes: late ? '补录' : '',
        nextVisitOn: next === null ? null : addDays(on, next),
      }),
    );
    if (!visited) return;
    if (next !== null) {
      visitPending = true;
      // Done on the planned day or up to two weeks after it; now and then never: a visit planned
      // and past is not a visit done.
      if (rng.chance(0.2)) {
        if (addDays(date, next) <= END) happened.plannedVisitsLeftUndone++;
      } else if (
        step(next + (rng.chance(0.4) ? rng.int(4, 15) : rng.int(0, 3)), 'planned visit done', async (on) => {
          const detail = await mediator.ok('mediation.dispute', { id: disputes.get(n)!.id });
          const planned = detail.followUps.find((f) => f.doneOn === null)!;
          await command('mediation.saveFollowUp', {
            followUpId: planned.id,
            plannedOn: planned.plannedOn,
            doneOn: on,
            byName: '王芳',
            performance: 'full',
            notes: '已全部履行',
            nextVisitOn: null,
          });
          happened.plannedVisitsDone++;
        })
      )
        visitPending = false;
    }
    if (!courtPending && !visitPending && rng.chance(0.6))
      step(rng.int(0, 10), 'close', (on, late) =>
        command('mediation.closeDispute', { summary: '协议已履行完毕', ...dated('closedOn', on, late) }),
      );
  }

  before(async () => {
    hall = await startTestHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    hall.clock.current = morningOf(START);
    const admin = hall.client();
    await admin.ok('system.setupAdministrator', ADMIN);
    const village = await admin.ok('places.saveVillage', {
      name: '东岗村',
      kind: 'village',
      groups: [{ name: '第一村民小组' }],
    });
    mediator = await signedInAs(hall, admin, 'mediator', ['mediator']);
    leader = await signedInAs(hall, admin, 'leader', ['leader']);
    const committee = async (name: string, casePrefix: string, villageId: string | null) =>
      (
        await admin.ok('mediation.saveCommittee', {
          name,
          kind: villageId ? 'village' : 'township',
          villageId,
          speciality: null,
          sealName: name,
          casePrefix,
          phone: '',
          active: true,
        })
      ).id;
    committees.township = await committee('青石镇人民调解委员会', '青调', null);
    committees.village = await committee('东岗村人民调解委员会', '东岗调', village.id);
    wang = (
      await admin.ok('mediation.saveMediator', {
        name: '王芳',
        idNumber: residentId('19800101', 42),
        phone: '',
        committeeIds: [committees.township, committees.village],
        specialities: ['邻里纠纷'],
        fullTime: true,
        lawyer: false,
        userId: (await mediator.ok('auth.session', {}))!.user.id,
        active: true,
      })
    ).id;
    planSweeps();
    for (let n = 0; n < 48; n++) planDispute(n);
    // By day; within a day, in the order planned (a dispute's steps in their order).
    actions.sort((a, b) => (a.runOn < b.runOn ? -1 : a.runOn > b.runOn ? 1 : 0));
  });
  after(() => hall?.close());

  test('on days along the way, the running and the past periods: the same figures', async (t) => {
    const started = performance.now();
    let done = 0;
    for (const checkpoint of CHECKPOINTS) {
      for (; done < actions.length && actions[done]!.runOn <= checkpoint; done++) {
        const action = actions[done]!;
        hall.clock.current = morningOf(action.runOn);
        try {
          await action.run();
        } catch (error) {
          throw new Error(`${action.runOn} ${action.what}: ${(error as Error).message}`, { cause: error });
        }
      }
      hall.clock.current = morningOf(checkpoint);
      const rows = await tableRows();
      for (const period of periodsAround(checkpoint)) await compare(period, checkpoint, rows, 'the tables');
    }
    assert.equal(done, actions.length, 'every planned action ran');
    t.diagnostic(
      `${actions.length} actions, ${comparisons} periods compared in ${(performance.now() - started).toFixed(0)} ms`,
    );
  });

  test('at the end, every month, quarter and year — from the tables and from the row images sent to the county', async () => {
    assert.equal(hall.clock.now().toISOString().slice(0, 10), END);
    const periods = [
      '2025',
      '2026',
      '2025-Q4',
      '2026-Q1',
      ...periodMonths('2025').slice(9),
      ...periodMonths('2026').slice(0, 2),
    ];
    const rows = await tableRows();
    for (const period of periods) await compare(period, END, rows, 'the tables');

    // What the county receives: each row's last image in the change log (none of these rows is ever deleted).
    const latest = new Map<string, Map<string, Row>>();
    const entries = await hall.backend.db.selectFrom('change_log').select('row_images').orderBy('seq').execute();
    for (const { row_images } of entries)
      for (const image of (row_images ? JSON.parse(row_images) : []) as { table: string; row: Row; deleted?: true }[]) {
        const byId = latest.get(image.table) ?? new Map<string, Row>();
        latest.set(image.table, byId);
        if (image.deleted) byId.delete(String(image.row.id));
        else byId.set(String(image.row.id), image.row);
      }
    const images = Object.fromEntries([...latest].map(([table, byId]) => [table, [...byId.values()]]));
    for (const definition of MEDIATION_FIGURE_DEFINITIONS)
      assert.equal(images[definition.table]?.length, rows[definition.table]!.length, definition.table);
    for (const period of periods) await compare(period, END, images, 'the row images');
  });

  test('the comparisons were not vacuous: every figure counted, every kind of step taken', (t) => {
    t.diagnostic(`steps: ${JSON.stringify(happened)}; largest figures: ${JSON.stringify(Object.fromEntries(reached))}`);
    for (const figure of MEDIATION_FIGURES) assert.ok((reached.get(figure) ?? 0) > 0, `${figure} never counted`);
    for (const [what, count] of Object.entries(happened)) assert.ok(count > 0, `${what} never happened`);
  });
});

describe('a row the definitions cannot read counts nothing', () => {
  const dispute: Row = {
    id: 'd1',
    committee_id: 'c1',
    source: 'handover',
    registered_on: '2026-01-03',
    handover_kind: 'court',
    category: 'neighbour',
    amount_fen: 150050,
    risky: 1,
    accepted_on: '2026-01-04',
    outcome_kind: 'written',
    outcome_on: '2026-02-02',
    court_applied_on: '2026-02-05',
    court_decision: 'confirmed',
    court_decided_on: '2026-02-20',
  };

  test('a row from before the referral-out columns still counts; a malformed one gives null', () => {
    // No referral_out_* columns (a row written before migration 0011).
    const january = countMediationFigures((t) => (t === 'disputes' ? [dispute] : []), '2026-01', '2026-03-01');
    assert.deepEqual(
      {
        accepted: january.accepted,
        referralsIn: january.referralsIn,
        acceptedAmountFen: january.acceptedAmountFen,
        settled: january.settled,
      },
      { accepted: 1, referralsIn: 1, acceptedAmountFen: 150050, settled: 0 },
    );
    const february = countMediationFigures((t) => (t === 'disputes' ? [dispute] : []), '2026-02', '2026-03-01');
    assert.equal(february.settled, 1);
    assert.equal(february.successRate, null, 'settled but none accepted in February');
    assert.equal(february.concludedSuccessRate, 100);
    assert.equal(february.courtConfirmed, 1);
    // Read as of a day inside February: the decision of the 20th is not counted yet.
    assert.equal(
      countMediationFigures((t) => (t === 'disputes' ? [dispute] : []), '2026-02', '2026-02-10').courtConfirmed,
      0,
    );

    for (const odd of [
      {},
      { ...dispute, accepted_on: 20260104 },
      { ...dispute, risky: 'yes' },
      { ...dispute, committee_id: null },
      { ...dispute, outcome_on: '2026-2-2' },
    ])
      assert.equal(mediationDisputeFigures.ofRow(odd), null, JSON.stringify(odd));
    assert.equal(mediationSweepFigures.ofRow({ committee_id: 'c1', held_on: null }), null);
    assert.equal(mediationFollowUpFigures.ofRow({ dispute_id: 'd1', done_on: '明天' }), null);
    assert.deepEqual(mediationFollowUpFigures.ofRow({ dispute_id: 'd1', done_on: null }), { events: [] });
    assert.deepEqual(
      countMediationFigures(
        (t) => (t === 'disputes' ? [{}, { ...dispute, risky: 'yes' }] : [{ bad: 1 }]),
        '2026',
        '2026-12-31',
      ),
      countMediationFigures(() => [], '2026', '2026-12-31'),
    );
  });
});
