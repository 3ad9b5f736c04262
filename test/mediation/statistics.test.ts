// The monthly statistics of people's mediation through the API: disputes built step by step with
// the register's own procedures in two committees over October and November 2026; every figure
// of November checked against what was done, October kept out of it (and counted in its own
// month) — referrals in and out (三调联动) by counterpart among them; the success rate as the upper
// levels report it (settled ÷ accepted) and the concluded disputes' rate beside it, and their
// rounding; the quarter and the year as the sums of their months; the PDF table and the workbook
// of a month, a quarter and a year carry the same numbers.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { DisputeRecord, RegisterDisputeInput } from '../../shared/mediation/disputesApi';
import { DISPUTE_CATEGORIES, type DisputeCategory } from '../../shared/mediation/disputes';
import {
  concludedSuccessRate,
  formatYuan,
  successRate,
  type MediationStatistics,
} from '../../shared/mediation/statisticsApi';
import { uuidv7 } from '../../electron/backend/db/uuidv7';
import { residentId } from '../support/ids';
import { li, zhang } from '../support/mediationParties';
import { runPoppler, squeeze } from '../support/renderedPdf';
import { morningOf, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const draft = {
  facts: '',
  disputedMatters: '通道占用及排水沟堵塞的恢复与赔偿。',
  responsibilities: '李桂芬堆放建材不当，负全部责任。',
  terms: ['李桂芬清运全部建材，疏通排水沟。', '李桂芬赔偿张𠮷祥损失。'],
  performanceManner: '现金当面支付，清运由调委会现场确认。',
  performanceDueOn: '2026-12-31',
  recorder: '刘晓燕',
};

/** One dispute's life, each step on its own date (all before "today", 2026-11-28). */
interface Life {
  committeeId: string;
  category: DisputeCategory;
  registeredOn: string;
  source?: RegisterDisputeInput['source'];
  sweepId?: string;
  handover?: { kind: 'township' | 'court' | 'police' | 'petition' | 'other'; on: string };
  amountYuan?: number | null;
  risky?: boolean;
  refusedOn?: string;
  acceptedOn?: string;
  outcome?: { kind: 'written' | 'oral' | 'terminated'; on: string };
  /** 三调联动 移出 with the refusal or the termination. */
  referralOut?: { kind: 'township' | 'court' | 'police' | 'petition' | 'other'; to: string };
  court?: { appliedOn: string; decidedOn?: string; decision?: 'confirmed' | 'rejected' };
  followUpOn?: string;
  closedOn?: string;
}

describe('mediation monthly statistics through the API', () => {
  let hall: TestHall;
  let admin: TestClient;
  let mediator: TestClient;
  let leader: TestClient;
  let township: string;
  let village: string;
  let wang: string;
  const sweeps: Record<string, string> = {};

  async function live(life: Life): Promise<DisputeRecord> {
    const source = life.source ?? (life.sweepId ? 'sweep' : life.handover ? 'handover' : 'oralApplication');
    let { dispute } = await mediator.ok('mediation.registerDispute', {
      requestId: crypto.randomUUID(),
      committeeId: life.committeeId,
      registeredOn: life.registeredOn,
      source,
      sweepId: life.sweepId ?? null,
      handover: life.handover
        ? { kind: life.handover.kind, from: '青石镇综治中心', on: life.handover.on, reference: '' }
        : null,
      category: life.category,
      facts: '李桂芬翻建房屋堆放建材，占用张𠮷祥家门前通道，排水沟被堵。',
      villageId: null,
      placeDetail: '',
      amountYuan: life.amountYuan ?? null,
      peopleInvolved: 2,
      risky: life.risky ?? false,
      riskNote: life.risky ? '双方曾发生推搡' : '',
      parties: [zhang, li],
    } satisfies RegisterDisputeInput);
    const step = async (name: Parameters<TestClient['ok']>[0], input: Record<string, unknown>) =>
      (dispute = (
        (await mediator.ok(name, { id: dispute.id, version: dispute.version, ...input })) as {
          dispute: DisputeRecord;
        }
      ).dispute);
    const referral = life.referralOut ?? null;
    if (life.refusedOn)
      return step('mediation.refuseDispute', { reason: '已向人民法院起诉', refusedOn: life.refusedOn, referral });
    if (!life.acceptedOn) return dispute;
    await step('mediation.acceptDispute', { acceptedOn: life.acceptedOn });
    await step('mediation.assignMediators', { mediatorIds: [wang], leadMediatorId: wang, assignedOn: life.acceptedOn });
    const outcome = life.outcome;
    if (outcome?.kind === 'written') {
      await step('mediation.saveAgreementDraft', { agreement: draft });
      await step('mediation.issueAgreement', { agreedOn: outcome.on });
    } else if (outcome?.kind === 'oral') {
      await step('mediation.recordOralAgreement', { content: '李桂芬当日清运建材并赔偿损失。', agreedOn: outcome.on });
    } else if (outcome?.kind === 'terminated') {
      await step('mediation.terminate', { reason: '申请人坚持起诉', terminatedOn: outcome.on, referral });
    }
    if (life.court)
      await step('mediation.recordCourtConfirmation', {
        appliedOn: life.court.appliedOn,
        court: '青石县人民法院',
        decision: life.court.decidedOn ? (life.court.decision ?? 'confirmed') : null,
        decidedOn: life.court.decidedOn ?? null,
      });
    if (life.followUpOn)
      await step('mediation.saveFollowUp', {
        doneOn: life.followUpOn,
        byName: '王芳',
        performance: 'full',
        notes: '已履行',
      });
    if (life.closedOn) await step('mediation.closeDispute', { summary: '协议已履行完毕', closedOn: life.closedOn });
    return dispute;
  }

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    ({ hall, admin } = started);
    hall.clock.current = morningOf('2026-11-28');
    mediator = await signedInAs(hall, admin, 'mediator', ['mediator']);
    leader = await signedInAs(hall, admin, 'leader', ['leader']);
    const committee = (name: string, casePrefix: string, villageId: string | null) =>
      admin.ok('mediation.saveCommittee', {
        name,
        kind: villageId ? 'village' : 'township',
        villageId,
        speciality: null,
        sealName: name,
        casePrefix,
        phone: '',
        active: true,
      });
    township = (await committee('青石镇人民调解委员会', '青调', null)).id;
    village = (await committee('东岗村人民调解委员会', '东岗调', started.village.id)).id;
    wang = (
      await admin.ok('mediation.saveMediator', {
        name: '王芳',
        idNumber: residentId('19800101', 42),
        phone: '',
        committeeIds: [township, village],
        specialities: ['邻里纠纷'],
        fullTime: true,
        lawyer: false,
        // The mediator signs in as 王芳: a mediator reads the disputes of their committees.
        userId: (await mediator.ok('auth.session', {}))!.user.id,
        active: true,
      })
    ).id;
    const sweep = async (key: string, committeeId: string, heldOn: string) =>
      (sweeps[key] = (
        await mediator.ok('mediation.saveSweep', {
          committeeId,
          heldOn,
          area: '东岗村',
          team: '王芳、刘晓燕',
          note: '',
        })
      ).id);
    await sweep('townshipNov1', township, '2026-11-03');
    await sweep('townshipNov2', township, '2026-11-10');
    await sweep('townshipOct', township, '2026-10-15');
    await sweep('villageNov', village, '2026-11-05');
    await sweep('villageOct', village, '2026-10-20');
    // The last day of October and the first of November: each counts in its own month.
    await sweep('villageOctLast', village, '2026-10-31');

    // The township committee.
    await live({
      // A1: found in a sweep, risky, settled in writing, court confirmed, visited — all in November.
      committeeId: township,
      category: 'neighbour',
      sweepId: sweeps.townshipNov1,
      registeredOn: '2026-11-03',
      amountYuan: 3200.5,
      risky: true,
      acceptedOn: '2026-11-04',
      outcome: { kind: 'written', on: '2026-11-12' },
      court: { appliedOn: '2026-11-15', decidedOn: '2026-11-20' },
      followUpOn: '2026-11-22',
    });
    await live({
      // A2: accepted in October, settled orally in November.
      committeeId: township,
      category: 'marriage',
      registeredOn: '2026-10-20',
      amountYuan: 1000,
      acceptedOn: '2026-10-21',
      outcome: { kind: 'oral', on: '2026-11-05' },
      followUpOn: '2026-11-08',
    });
    await live({
      // A3: handed over by a court, risky, terminated in November and sent on to the police.
      committeeId: township,
      category: 'contract',
      handover: { kind: 'court', on: '2026-11-05' },
      registeredOn: '2026-11-06',
      amountYuan: 50000,
      risky: true,
      acceptedOn: '2026-11-07',
      outcome: { kind: 'terminated', on: '2026-11-20' },
      referralOut: { kind: 'police', to: '青石派出所' },
    });
    await live({
      // A4: handed over by the police, still being mediated.
      committeeId: township,
      category: 'damages',
      handover: { kind: 'police', on: '2026-11-08' },
      registeredOn: '2026-11-08',
      acceptedOn: '2026-11-09',
    });
    await live({
      // A5: handed over by the township on the month's last days, not yet accepted.
      committeeId: township,
      category: 'other',
      handover: { kind: 'township', on: '2026-11-25' },
      registeredOn: '2026-11-25',
    });
    await live({
      // A6: refused and guided to the court: counted as a referral out only.
      committeeId: township,
      category: 'contract',
      registeredOn: '2026-11-04',
      amountYuan: 99999,
      refusedOn: '2026-11-04',
      referralOut: { kind: 'court', to: '楚雄市人民法院' },
    });
    await live({
      // A0: October's case, closed since; only its court decision falls in November.
      committeeId: township,
      category: 'neighbour',
      sweepId: sweeps.townshipOct,
      registeredOn: '2026-10-15',
      amountYuan: 800,
      acceptedOn: '2026-10-16',
      outcome: { kind: 'written', on: '2026-10-25' },
      court: { appliedOn: '2026-10-28', decidedOn: '2026-11-02' },
      followUpOn: '2026-10-30',
      closedOn: '2026-11-05',
    });
    // The village committee.
    await live({
      // B1: written application, risky, settled orally: a risk defused.
      committeeId: village,
      category: 'housing',
      source: 'writtenApplication',
      registeredOn: '2026-11-02',
      amountYuan: 12000,
      risky: true,
      acceptedOn: '2026-11-02',
      outcome: { kind: 'oral', on: '2026-11-10' },
      followUpOn: '2026-11-18',
    });
    await live({
      // B2: found in a sweep, terminated and sent on to the land arbitration committee.
      committeeId: village,
      category: 'landTransfer',
      sweepId: sweeps.villageNov,
      registeredOn: '2026-11-05',
      acceptedOn: '2026-11-06',
      outcome: { kind: 'terminated', on: '2026-11-26' },
      referralOut: { kind: 'other', to: '县农村土地承包仲裁委员会' },
    });
    await live({
      // B3: accepted on October's last day, settled in writing on November's first, court refused.
      committeeId: village,
      category: 'labour',
      registeredOn: '2026-10-25',
      amountYuan: 600,
      acceptedOn: '2026-10-31',
      outcome: { kind: 'written', on: '2026-11-01' },
      court: { appliedOn: '2026-11-03', decidedOn: '2026-11-13', decision: 'rejected' },
    });
    await live({
      // B0: October only: handed over by the petition office, terminated and sent back to it.
      committeeId: village,
      category: 'other',
      handover: { kind: 'petition', on: '2026-10-22' },
      registeredOn: '2026-10-22',
      acceptedOn: '2026-10-23',
      outcome: { kind: 'terminated', on: '2026-10-30' },
      referralOut: { kind: 'petition', to: '县信访局' },
    });
  });
  after(() => hall.close());

  const figures = {
    township: {
      sweeps: 2,
      found: 1,
      accepted: 3,
      settled: 2,
      terminated: 1,
      // 2 ÷ 3 accepted; 2 ÷ (2 + 1) concluded.
      successRate: 66.7,
      concludedSuccessRate: 66.7,
      written: 1,
      oral: 1,
      acceptedAmountFen: 320050 + 5000000,
      settledAmountFen: 320050 + 100000,
      courtApplied: 1,
      courtConfirmed: 2,
      followUpsDone: 2,
      riskyAccepted: 2,
      riskyDefused: 1,
      referralsIn: 3,
      referralsOut: 2,
    },
    village: {
      sweeps: 1,
      found: 1,
      accepted: 2,
      settled: 2,
      terminated: 1,
      // 2 ÷ 2 accepted (one settled was accepted in October); 2 ÷ (2 + 1) concluded.
      successRate: 100,
      concludedSuccessRate: 66.7,
      written: 1,
      oral: 1,
      acceptedAmountFen: 1200000,
      settledAmountFen: 1200000 + 60000,
      courtApplied: 1,
      courtConfirmed: 0,
      followUpsDone: 1,
      riskyAccepted: 1,
      riskyDefused: 1,
      referralsIn: 0,
      referralsOut: 1,
    },
    all: {
      sweeps: 3,
      found: 2,
      accepted: 5,
      settled: 4,
      terminated: 2,
      // 4 ÷ 5 accepted; 4 ÷ (4 + 2) concluded.
      successRate: 80,
      concludedSuccessRate: 66.7,
      written: 2,
      oral: 2,
      acceptedAmountFen: 6520050,
      settledAmountFen: 1680050,
      courtApplied: 2,
      courtConfirmed: 2,
      followUpsDone: 3,
      riskyAccepted: 3,
      riskyDefused: 2,
      referralsIn: 3,
      referralsOut: 3,
    },
  };
  const novemberCategories: Partial<Record<DisputeCategory, { accepted: number; settled: number }>> = {
    neighbour: { accepted: 1, settled: 1 },
    marriage: { accepted: 0, settled: 1 },
    contract: { accepted: 1, settled: 0 },
    damages: { accepted: 1, settled: 0 },
    housing: { accepted: 1, settled: 1 },
    landTransfer: { accepted: 1, settled: 0 },
    labour: { accepted: 0, settled: 1 },
  };

  test('November for the township: every figure, a row per committee, by category and by counterpart', async (t) => {
    const started = performance.now();
    const stats = await leader.ok('mediation.statistics', { period: '2026-11' });
    t.diagnostic(`monthlyStatistics ${(performance.now() - started).toFixed(0)} ms`);
    assert.equal(stats.period, '2026-11');
    assert.equal(stats.asOf, '2026-11-28');
    assert.equal(stats.committeeId, null);
    assert.equal(stats.scopeName, '青石镇全镇');
    assert.deepEqual(stats.totals, figures.all);
    assert.deepEqual(
      stats.committees.map((c) => c.committeeName),
      ['青石镇人民调解委员会', '东岗村人民调解委员会'],
    );
    const { committeeId: _a, committeeName: _b, ...townshipRow } = stats.committees[0]!;
    const { committeeId: _c, committeeName: _d, ...villageRow } = stats.committees[1]!;
    assert.deepEqual(townshipRow, figures.township);
    assert.deepEqual(villageRow, figures.village);
    assert.deepEqual(
      stats.byCategory.map((c) => c.category),
      DISPUTE_CATEGORIES.map((c) => c.code),
      'every category of the table, in its order',
    );
    for (const row of stats.byCategory)
      assert.deepEqual(
        { accepted: row.accepted, settled: row.settled },
        novemberCategories[row.category] ?? { accepted: 0, settled: 0 },
        row.label,
      );
    assert.deepEqual(Object.fromEntries(stats.referralsIn.map((r) => [r.kind, r.count])), {
      township: 1,
      court: 1,
      police: 1,
      petition: 0,
      other: 0,
    });
    // Out by where they went, on the refusal's or the termination's date; October's is not here.
    assert.deepEqual(Object.fromEntries(stats.referralsOut.map((r) => [r.kind, r.count])), {
      township: 0,
      court: 1,
      police: 1,
      petition: 0,
      other: 1,
    });
    assert.deepEqual(
      stats.referralsOut.map((r) => r.label),
      [
        '移交乡镇（街道）有关部门处理',
        '引导至人民法院诉讼或诉调对接',
        '移送公安机关',
        '移送信访部门',
        '移送其他单位（仲裁、行政机关等）',
      ],
    );
  });

  test('one committee: its own figures only, no committee rows', async () => {
    const stats = await mediator.ok('mediation.statistics', { period: '2026-11', committeeId: village });
    assert.equal(stats.scopeName, '东岗村人民调解委员会');
    assert.deepEqual(stats.totals, figures.village);
    assert.deepEqual(stats.committees, []);
    assert.equal(stats.byCategory.find((c) => c.category === 'housing')!.accepted, 1);
    assert.equal(stats.byCategory.find((c) => c.category === 'neighbour')!.accepted, 0);
    assert.deepEqual(
      stats.referralsIn.map((r) => r.count),
      [0, 0, 0, 0, 0],
    );
    assert.deepEqual(
      stats.referralsOut.map((r) => r.count),
      [0, 0, 0, 0, 1],
    );
  });

  test('October counts October only: the other month is not in November and November not in it', async () => {
    const stats = await mediator.ok('mediation.statistics', { period: '2026-10' });
    assert.equal(stats.asOf, '2026-10-31');
    assert.deepEqual(stats.totals, {
      sweeps: 3,
      found: 1,
      accepted: 4,
      // A0 was settled in October and is closed now: a closed case keeps its outcome.
      settled: 1,
      terminated: 1,
      // 1 ÷ 4 accepted; 1 ÷ (1 + 1) concluded.
      successRate: 25,
      concludedSuccessRate: 50,
      written: 1,
      oral: 0,
      acceptedAmountFen: 80000 + 100000 + 60000,
      settledAmountFen: 80000,
      courtApplied: 1,
      courtConfirmed: 0,
      followUpsDone: 1,
      riskyAccepted: 0,
      riskyDefused: 0,
      referralsIn: 1,
      referralsOut: 1,
    });
    assert.deepEqual(
      stats.committees.map((c) => [
        c.committeeName,
        c.sweeps,
        c.accepted,
        c.settled,
        c.terminated,
        c.successRate,
        c.concludedSuccessRate,
      ]),
      [
        ['青石镇人民调解委员会', 1, 2, 1, 0, 50, 100],
        ['东岗村人民调解委员会', 2, 2, 0, 1, 0, 0],
      ],
    );
    assert.equal(stats.referralsIn.find((r) => r.kind === 'petition')!.count, 1);
    assert.deepEqual(
      stats.referralsOut.map((r) => r.count),
      [0, 0, 0, 1, 0],
      'B0 sent back to the petition office in October',
    );
    assert.deepEqual(
      stats.committees.map((c) => c.referralsOut),
      [0, 1],
    );
    const empty = await mediator.ok('mediation.statistics', { period: '2026-09' });
    assert.equal(empty.totals.accepted, 0);
    assert.equal(empty.totals.successRate, null, 'nothing accepted: no rate');
    assert.equal(empty.totals.concludedSuccessRate, null, 'nothing concluded: no rate');
  });

  test('the fourth quarter and the year: October and November added up, a trend row per month', async () => {
    const [october, november, quarter, year] = await Promise.all(
      ['2026-10', '2026-11', '2026-Q4', '2026'].map((period) => mediator.ok('mediation.statistics', { period })),
    );
    assert.deepEqual([quarter!.from, quarter!.to, quarter!.asOf], ['2026-10-01', '2026-12-31', '2026-11-28']);
    const { successRate: _r, concludedSuccessRate: _c, ...counts } = quarter!.totals;
    for (const key of Object.keys(counts) as (keyof typeof counts)[])
      assert.equal(quarter!.totals[key], october!.totals[key] + november!.totals[key], key);
    assert.equal(quarter!.totals.successRate, successRate(quarter!.totals.settled, quarter!.totals.accepted));
    assert.equal(
      quarter!.totals.concludedSuccessRate,
      concludedSuccessRate(quarter!.totals.settled, quarter!.totals.terminated),
    );
    assert.deepEqual(
      quarter!.trend.map((m) => [m.month, m.accepted, m.settled, m.terminated, m.successRate, m.concludedSuccessRate]),
      [october!, november!].map((m) => [
        m.period,
        m.totals.accepted,
        m.totals.settled,
        m.totals.terminated,
        m.totals.successRate,
        m.totals.concludedSuccessRate,
      ]),
    );
    // The year so far: January to November, only October and November with disputes.
    assert.equal(year!.trend.length, 11);
    assert.deepEqual(year!.totals, quarter!.totals);
    assert.deepEqual(year!.trend.slice(9), quarter!.trend);
    // Each month's trend row is the month itself, the eleven before it as they were.
    assert.deepEqual(november!.trend.at(-1), quarter!.trend[1]);
    assert.deepEqual(november!.trend.at(-2), quarter!.trend[0]);
  });

  for (const [period, title, span] of [
    ['2026-Q4', '人民调解工作季度统计表（2026年第四季度）', '统计期间：2026年10月1日至2026年11月28日'],
    ['2026', '人民调解工作年度统计表（2026年）', '统计期间：2026年1月1日至2026年11月28日'],
  ] as const) {
    test(`${title}: the PDF and the workbook hold the figures and a row a month`, async () => {
      const stats = await mediator.ok('mediation.statistics', { period });
      const pdf = await mediator.ok('mediation.exportStatistics', { period, format: 'pdf' });
      const { raw } = await pdfText(await download(pdf.file.fileUrl));
      const has = (expected: string) => assert.ok(raw.includes(squeeze(expected)), `missing “${expected}” in ${raw}`);
      has(title);
      has(span);
      for (const cell of printedFigures(stats)) has(cell);
      for (const m of stats.trend) {
        const rate = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)}%`);
        has(
          `${Number(m.month.slice(5))}月${m.accepted}${m.settled}${m.terminated}${rate(m.successRate)}${rate(m.concludedSuccessRate)}`,
        );
      }

      const xlsx = await mediator.ok('mediation.exportStatistics', { period, format: 'xlsx' });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await download(xlsx.file.fileUrl)) as unknown as ArrayBuffer);
      assert.ok(
        String(book.getWorksheet('统计')!.getCell('A1').value).includes(title.replace(/（.*$/, '').replace('工作', '')),
      );
      const months = book.getWorksheet('按月')!;
      const rows: unknown[][] = [];
      months.eachRow((row, n) => {
        if (n > 1) rows.push((row.values as unknown[]).slice(1));
      });
      assert.deepEqual(
        rows,
        stats.trend.map((m) => [
          m.month,
          m.accepted,
          m.settled,
          m.terminated,
          m.successRate ?? '',
          m.concludedSuccessRate ?? '',
        ]),
      );
    });
  }

  test('the success rates: settled ÷ accepted as the upper levels report it, settled ÷ concluded beside it; one decimal, half up', () => {
    // 楚雄 7479 of 7860 and 盘县 2424 of 2480 accepted, as DOMAIN.md §5 and §11 quote them.
    assert.equal(successRate(7479, 7860), 95.2);
    assert.equal(successRate(2424, 2480), 97.7);
    // Disputes accepted last month and settled in this one: a month's rate may pass 100%.
    assert.equal(successRate(5, 4), 125);
    assert.equal(successRate(0, 0), null);
    assert.equal(concludedSuccessRate(2, 1), 66.7);
    assert.equal(concludedSuccessRate(49, 351), 12.3, '12.25 rounds up');
    assert.equal(concludedSuccessRate(1, 1999), 0.1, '0.05 rounds up');
    assert.equal(concludedSuccessRate(5, 0), 100);
    assert.equal(concludedSuccessRate(0, 0), null);
    assert.equal(formatYuan(6520050), '65200.50');
    assert.equal(formatYuan(5), '0.05');
    assert.equal(formatYuan(0), '0.00');
  });

  test('generated data reconciles: 7,479 settled of 7,860 accepted in a month reports 95.2%', async (t) => {
    // Written straight into the register (a year's worth of a prefecture in one month), then read
    // through the API and recounted with plain SQL: 7,860 accepted in March 2025, 7,479 settled
    // and 200 terminated in it, the other 181 still being mediated.
    const db = hall.backend.db;
    const day = (i: number) => `2025-03-${String((i % 31) + 1).padStart(2, '0')}`;
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < 7860; i++) {
        const settled = i < 7479;
        const concluded = i < 7679;
        const kind = settled ? (i % 3 === 0 ? 'oral' : 'written') : concluded ? 'terminated' : null;
        const id = uuidv7();
        await tx
          .insertInto('disputes')
          .values({
            id,
            request_key: id,
            committee_id: i % 2 === 0 ? township : village,
            status: settled ? 'settled' : concluded ? 'terminated' : 'accepted',
            source: 'oralApplication',
            handover_reference: '',
            category: DISPUTE_CATEGORIES[i % DISPUTE_CATEGORIES.length]!.code,
            facts: '生成的纠纷',
            place_detail: '',
            amount_fen: i % 4 === 0 ? null : 100 * (i % 50) + (i % 7),
            people_involved: 2,
            risky: i % 10 === 0 ? 1 : 0,
            risk_note: '',
            party_names: '甲 与 乙',
            registered_on: '2025-02-27',
            registered_by_name: '生成',
            accepted_on: day(i),
            outcome_kind: kind,
            outcome_on: concluded ? day(i) : null,
            court_name: '',
            last_step_on: day(i),
            created_at: '2025-03-01T00:00:00.000Z',
            updated_at: '2025-03-01T00:00:00.000Z',
            version: 1,
          })
          .execute();
      }
    });
    const started = performance.now();
    const stats = await mediator.ok('mediation.statistics', { period: '2025-03' });
    t.diagnostic(`monthlyStatistics over 7,860 generated disputes ${(performance.now() - started).toFixed(0)} ms`);
    assert.equal(stats.totals.accepted, 7860);
    assert.equal(stats.totals.settled, 7479);
    assert.equal(stats.totals.terminated, 200);
    assert.equal(stats.totals.successRate, 95.2);
    // 7479 ÷ 7679 concluded.
    assert.equal(stats.totals.concludedSuccessRate, 97.4);
    const direct = await db
      .selectFrom('disputes')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(eb.fn.coalesce('amount_fen', eb.lit(0))).as('fen'),
        eb.fn.sum<number>('risky').as('risky'),
      ])
      .where('accepted_on', '>=', '2025-03-01')
      .where('accepted_on', '<=', '2025-03-31')
      .executeTakeFirstOrThrow();
    assert.equal(stats.totals.accepted, Number(direct.n));
    assert.equal(stats.totals.acceptedAmountFen, Number(direct.fen));
    assert.equal(stats.totals.riskyAccepted, Number(direct.risky));
    assert.equal(stats.totals.written + stats.totals.oral, stats.totals.settled);
    assert.equal(
      stats.byCategory.reduce((sum, c) => sum + c.settled, 0),
      7479,
    );
    assert.equal(
      stats.committees.reduce((sum, c) => sum + c.accepted, 0),
      stats.totals.accepted,
    );
  });

  test('who may read: mediation readers yes, the counter no; a period must be a month, quarter or year; an unknown committee is not found', async () => {
    const clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    assert.equal((await clerk.call('mediation.statistics', { period: '2026-11' })).status, 403);
    assert.equal((await clerk.call('mediation.exportStatistics', { period: '2026-11', format: 'pdf' })).status, 403);
    const bad = await mediator.call('mediation.statistics', { period: '2026-13' });
    assert.equal(bad.status, 400);
    const unknown = await mediator.call('mediation.statistics', { period: '2026-11', committeeId: uuidv7() });
    assert.equal(unknown.status, 404);
  });

  async function download(fileUrl: string): Promise<Buffer> {
    const response = await mediator.fetchFile(fileUrl);
    assert.equal(response.status, 200);
    return Buffer.from(await response.arrayBuffer());
  }

  async function pdfText(bytes: Buffer): Promise<{ raw: string }> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mediation-statistics-'));
    try {
      const file = path.join(dir, 'statistics.pdf');
      await writeFile(file, bytes);
      // Drawing order: a table row is its cells one after the other.
      return { raw: squeeze(runPoppler('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'])) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** What the figures table prints for each figure, label then value. */
  function printedFigures(stats: MediationStatistics): string[] {
    const t = stats.totals;
    return [
      `排查次数${t.sweeps}`,
      `排查发现纠纷（件）${t.found}`,
      `受理纠纷（件）${t.accepted}`,
      `调解成功（件）${t.settled}`,
      `其中书面协议（件）${t.written}`,
      `其中口头协议（件）${t.oral}`,
      `调解终止（件）${t.terminated}`,
      `调解成功率（成功÷受理）${t.successRate!.toFixed(1)}%`,
      `调结成功率（成功÷调结）${t.concludedSuccessRate!.toFixed(1)}%`,
      `受理纠纷涉及金额（元）${formatYuan(t.acceptedAmountFen)}`,
      `调解成功涉及金额（元）${formatYuan(t.settledAmountFen)}`,
      `申请司法确认（件）${t.courtApplied}`,
      `司法确认（件）${t.courtConfirmed}`,
      `回访（次）${t.followUpsDone}`,
      `三调联动移入（件）${t.referralsIn}`,
      `三调联动移出（件）${t.referralsOut}`,
      `防激化重点纠纷受理（件）${t.riskyAccepted}`,
      `防止激化（件）${t.riskyDefused}`,
    ];
  }

  test('the PDF table holds the same numbers as the screen', async (t) => {
    const stats = await mediator.ok('mediation.statistics', { period: '2026-11' });
    const started = performance.now();
    const exported = await mediator.ok('mediation.exportStatistics', { period: '2026-11', format: 'pdf' });
    const bytes = await download(exported.file.fileUrl);
    t.diagnostic(`PDF export ${(performance.now() - started).toFixed(0)} ms`);
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    const { raw } = await pdfText(bytes);
    const has = (expected: string) => assert.ok(raw.includes(squeeze(expected)), `missing “${expected}” in ${raw}`);
    has('人民调解工作月度统计表（2026年11月）');
    has('统计范围：青石镇全镇（各人民调解委员会合计）');
    has('统计期间：2026年11月1日至2026年11月28日');
    for (const cell of printedFigures(stats)) has(cell);
    // Two categories a row: each category is its label and its two counts.
    for (const c of stats.byCategory) has(`${c.label}${c.accepted}${c.settled}`);
    has(`合计${stats.totals.accepted}${stats.totals.settled}`);
    // Referrals: a counterpart a row, in and out side by side, then the totals.
    stats.referralsIn.forEach((r, i) => {
      const out = stats.referralsOut[i]!;
      has(`${r.label}${r.count}${out.label}${out.count}`);
    });
    has(`合计${stats.totals.referralsIn}合计${stats.totals.referralsOut}`);
    // The committees' rows: name, then the fourteen columns in order.
    const row = (name: string, f: MediationStatistics['totals']) =>
      [
        name,
        f.sweeps,
        f.found,
        f.accepted,
        f.settled,
        f.terminated,
        `${f.successRate!.toFixed(1)}%`,
        `${f.concludedSuccessRate!.toFixed(1)}%`,
        f.written,
        f.oral,
        f.courtApplied,
        f.courtConfirmed,
        f.followUpsDone,
        f.riskyDefused,
        f.referralsIn,
        f.referralsOut,
      ].join('');
    for (const c of stats.committees) has(row(c.committeeName, c));
    has(row('合计', stats.totals));

    const one = await mediator.ok('mediation.exportStatistics', {
      period: '2026-11',
      committeeId: village,
      format: 'pdf',
    });
    const single = await pdfText(await download(one.file.fileUrl));
    const villageStats = await mediator.ok('mediation.statistics', { period: '2026-11', committeeId: village });
    assert.ok(single.raw.includes('统计范围：东岗村人民调解委员会统计期间'), single.raw);
    for (const cell of printedFigures(villageStats))
      assert.ok(single.raw.includes(cell), `missing ${cell} in ${single.raw}`);
    assert.ok(!single.raw.includes('各人民调解委员会'), 'no committee table for one committee');
  });

  test('the workbook holds the same numbers as the screen', async (t) => {
    const stats = await mediator.ok('mediation.statistics', { period: '2026-11' });
    const started = performance.now();
    const exported = await mediator.ok('mediation.exportStatistics', { period: '2026-11', format: 'xlsx' });
    const bytes = await download(exported.file.fileUrl);
    t.diagnostic(`Excel export ${(performance.now() - started).toFixed(0)} ms`);
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('统计')!;
    const value = (label: string) => {
      let found: unknown;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === label) found = row.getCell(2).value;
      });
      return found;
    };
    const t_ = stats.totals;
    assert.equal(value('排查次数'), t_.sweeps);
    assert.equal(value('排查发现纠纷（件）'), t_.found);
    assert.equal(value('受理纠纷（件）'), t_.accepted);
    assert.equal(value('调解成功（件）'), t_.settled);
    assert.equal(value('其中书面协议（件）'), t_.written);
    assert.equal(value('其中口头协议（件）'), t_.oral);
    assert.equal(value('调解终止（件）'), t_.terminated);
    assert.equal(value('调解成功率（%）'), t_.successRate);
    assert.equal(value('调结成功率（%）'), t_.concludedSuccessRate);
    assert.equal(value('受理纠纷涉及金额（元）'), 65200.5);
    assert.equal(value('调解成功涉及金额（元）'), 16800.5);
    assert.equal(value('申请司法确认（件）'), t_.courtApplied);
    assert.equal(value('司法确认（件）'), t_.courtConfirmed);
    assert.equal(value('回访（次）'), t_.followUpsDone);
    assert.equal(value('防激化重点纠纷受理（件）'), t_.riskyAccepted);
    assert.equal(value('防止激化（件）'), t_.riskyDefused);
    assert.equal(value('三调联动移入（件）'), t_.referralsIn);
    assert.equal(value('三调联动移出（件）'), t_.referralsOut);

    const categories = book.getWorksheet('按类别')!;
    const categoryRows = new Map<string, unknown[]>();
    categories.eachRow((row, n) => {
      if (n > 1) categoryRows.set(String(row.getCell(1).value), [row.getCell(2).value, row.getCell(3).value]);
    });
    for (const c of stats.byCategory) assert.deepEqual(categoryRows.get(c.label), [c.accepted, c.settled], c.label);
    assert.deepEqual(categoryRows.get('合计'), [t_.accepted, t_.settled]);

    const referrals = book.getWorksheet('三调联动')!;
    const referralRows: unknown[][] = [];
    referrals.eachRow((row, n) => {
      if (n > 1) referralRows.push((row.values as unknown[]).slice(1));
    });
    assert.deepEqual(referralRows, [
      ...stats.referralsIn.map((r, i) => [
        r.label,
        r.count,
        stats.referralsOut[i]!.label,
        stats.referralsOut[i]!.count,
      ]),
      ['合计', t_.referralsIn, '合计', t_.referralsOut],
    ]);

    const committees = book.getWorksheet('各调委会')!;
    const headers = (committees.getRow(1).values as unknown[]).slice(1);
    const rows = new Map<string, Record<string, unknown>>();
    committees.eachRow((row, n) => {
      if (n === 1) return;
      const values = (row.values as unknown[]).slice(1);
      rows.set(String(values[0]), Object.fromEntries(headers.map((h, i) => [String(h), values[i]])));
    });
    for (const c of [...stats.committees, { committeeName: '合计', ...t_ }]) {
      const r = rows.get(c.committeeName)!;
      assert.ok(r, c.committeeName);
      assert.equal(r['受理'], c.accepted);
      assert.equal(r['调解成功'], c.settled);
      assert.equal(r['调解终止'], c.terminated);
      assert.equal(r['调解成功率（%）'], c.successRate);
      assert.equal(r['调结成功率（%）'], c.concludedSuccessRate);
      assert.equal(r['司法确认'], c.courtConfirmed);
      assert.equal(r['回访'], c.followUpsDone);
      assert.equal(r['防激化'], c.riskyDefused);
      assert.equal(r['移入'], c.referralsIn);
      assert.equal(r['移出'], c.referralsOut);
      assert.equal(r['受理涉及金额（元）'], c.acceptedAmountFen / 100);
    }

    const one = await mediator.ok('mediation.exportStatistics', {
      period: '2026-11',
      committeeId: township,
      format: 'xlsx',
    });
    const single = new ExcelJS.Workbook();
    await single.xlsx.load((await download(one.file.fileUrl)) as unknown as ArrayBuffer);
    assert.equal(single.getWorksheet('各调委会'), undefined);
    let accepted: unknown;
    single.getWorksheet('统计')!.eachRow((row) => {
      if (row.getCell(1).value === '受理纠纷（件）') accepted = row.getCell(2).value;
    });
    assert.equal(accepted, figures.township.accepted);
  });
});
