// The petition desk's statistics on a real database: petitions written as rows, each with the
// dates of its steps, over October to December 2026; every figure of November counted by hand
// (visits' 批次 against 人次, a petition received on the month's last day, a reply on its due day
// on time and one a day late, deadlines missed and met, the leaders' reception-day decisions),
// December as the running month (only deadlines before today count), a month with nothing in it;
// the fourth quarter and the year as the sums of their months, and their PDF (read back with
// pdftotext) and workbook (read with ExcelJS).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Insertable } from 'kysely';
import type { PetitionFigures } from '../../shared/petitions/api';
import { PETITION_CATEGORIES, SATISFACTION_LABELS } from '../../shared/petitions/petitions';
import { openDatabase, type Db } from '../../electron/backend/db/database';
import type { Database } from '../../electron/backend/db/schema';
import { petitionMonthlyStatisticsReport } from '../../electron/backend/petitions/documents';
import { periodStatistics } from '../../electron/backend/petitions/statistics';
import { petitionStatisticsWorkbook } from '../../electron/backend/petitions/statisticsSpreadsheet';
import { assertIncludes, usePdfRenderer } from '../support/renderedPdf';

type Row = Insertable<Database['petitions']>;

/** A petition's row: a single visitor, category 其他, nothing decided; `fields` say the rest. */
function petition(sequence: number, fields: Partial<Row> & { received_on: string }): Row {
  const id = `p-${String(sequence).padStart(2, '0')}`;
  return {
    id,
    year: Number(fields.received_on.slice(0, 4)),
    sequence,
    number: `青信〔2026〕${sequence}号`,
    status: 'registered',
    channel: 'visit',
    source: 'desk',
    people_count: 1,
    group_visit: 0,
    category: 'other',
    matter: '反映问题',
    repeat: 0,
    petitioner_names: '张三',
    acceptance_due_on: '2099-01-01',
    running_due_on: null,
    last_step_on: fields.received_on,
    request_id: `request-${id}`,
    registered_by_name: '杨丽',
    created_at: `${fields.received_on}T01:00:00.000Z`,
    updated_at: `${fields.received_on}T01:00:00.000Z`,
    ...fields,
  };
}

// prettier-ignore
const ROWS: Row[] = [
  // Earlier, the one P2 and P4 repeat.
  petition(0, { received_on: '2026-08-10', category: 'expropriation', acceptance_due_on: '2026-08-25',
    accepted_on: '2026-08-12', handling_due_on: '2026-10-12', replied_on: '2026-10-09', closed_on: '2026-10-20',
    status: 'closed' }),
  // Received in November.
  petition(1, { received_on: '2026-11-02', category: 'land', acceptance_due_on: '2026-11-17',
    accepted_on: '2026-11-05', handling_due_on: '2027-01-04', status: 'accepted' }),
  // A group visit of six on a leader's reception day, a repeat of P0.
  // The leader set it a deadline (疑难案件限期办理) on the day.
  petition(2, { received_on: '2026-11-10', category: 'expropriation', people_count: 6, group_visit: 1, repeat: 1,
    repeat_of_id: 'p-00', reception_day_id: 'day-1', leader_name: '李明', petitioner_names: '张三等6人',
    acceptance_due_on: '2026-11-25', accepted_on: '2026-11-12', handling_due_on: '2027-01-11', status: 'accepted',
    leader_decision: 'deadline', leader_decided_on: '2026-11-10', leader_due_on: '2026-12-10', case_leader: '王副镇长' }),
  // A letter signed by two on the month's last day, handed down, that went to the county first.
  petition(3, { received_on: '2026-11-30', channel: 'letter', category: 'labour', people_count: 2,
    skipped_to: 'county', source: 'handedDown', handed_down_from: '县信访局', handed_down_on: '2026-11-28',
    acceptance_due_on: '2026-12-15' }),
  // Received on October's last day: October's, accepted on its due day in November.
  petition(4, { received_on: '2026-10-31', category: 'land', people_count: 3, skipped_to: 'city', repeat: 1,
    repeat_of_id: 'p-00', acceptance_due_on: '2026-11-16', accepted_on: '2026-11-16',
    handling_due_on: '2027-01-15', status: 'accepted' }),
  // Received in December.
  petition(5, { received_on: '2026-12-01', category: 'land', acceptance_due_on: '2026-12-16' }),
  // Accepted two days after its due day: November's acceptance, and a deadline missed.
  petition(6, { received_on: '2026-10-20', channel: 'letter', category: 'civilAffairs',
    acceptance_due_on: '2026-11-04', accepted_on: '2026-11-06', handling_due_on: '2027-01-05', status: 'accepted' }),
  // Never decided: missed.
  petition(7, { received_on: '2026-10-25', category: 'environment', acceptance_due_on: '2026-11-09' }),
  // Not accepted on the due day itself: in time.
  petition(8, { received_on: '2026-10-22', category: 'labour', acceptance_due_on: '2026-11-06',
    not_accepted_on: '2026-11-06', not_accepted_ground: 'litigation', status: 'notAccepted' }),
  // Two people, a repeat of P7; due on 1 December, never decided.
  petition(9, { received_on: '2026-11-16', category: 'construction', people_count: 2, repeat: 1,
    repeat_of_id: 'p-07', acceptance_due_on: '2026-12-01' }),
  // Replied on its due day: on time; closed and found satisfactory in November.
  petition(10, { received_on: '2026-08-20', category: 'land', acceptance_due_on: '2026-09-04',
    accepted_on: '2026-09-01', handling_due_on: '2026-11-02', replied_on: '2026-11-02', closed_on: '2026-11-05',
    satisfaction: 'satisfied', satisfaction_on: '2026-11-06', status: 'closed' }),
  // Replied the day after its due day: late, and a deadline of November missed.
  petition(11, { received_on: '2026-08-25', category: 'land', acceptance_due_on: '2026-09-09',
    accepted_on: '2026-09-10', handling_due_on: '2026-11-09', replied_on: '2026-11-11',
    satisfaction: 'basicallySatisfied', satisfaction_on: '2026-11-20', status: 'replied' }),
  // Due in October, replied in November: a late reply of November, a deadline October missed.
  petition(12, { received_on: '2026-08-15', category: 'land', acceptance_due_on: '2026-08-30',
    accepted_on: '2026-08-31', handling_due_on: '2026-10-30', replied_on: '2026-11-03', closed_on: '2026-11-25',
    satisfaction: 'dissatisfied', satisfaction_on: '2026-11-26', status: 'closed' }),
  // Due on November's last day, not replied.
  petition(13, { received_on: '2026-09-15', category: 'land', acceptance_due_on: '2026-09-30',
    accepted_on: '2026-09-30', handling_due_on: '2026-11-30', status: 'accepted' }),
  // Extended in November from 20 November to 21 December.
  petition(14, { received_on: '2026-09-05', category: 'land', acceptance_due_on: '2026-09-21',
    accepted_on: '2026-09-21', original_handling_due_on: '2026-11-20', extended_on: '2026-11-15',
    extension_days: 30, handling_due_on: '2026-12-21', status: 'accepted' }),
  // Reviewed on the review's due day; the petitioner could not be reached in November.
  petition(15, { received_on: '2026-07-01', category: 'land', acceptance_due_on: '2026-07-16',
    accepted_on: '2026-07-10', handling_due_on: '2026-09-08', replied_on: '2026-09-07',
    review_requested_on: '2026-10-05', review_due_on: '2026-11-04', reviewed_on: '2026-11-04',
    satisfaction: 'unreachable', satisfaction_on: '2026-11-08', status: 'reviewed' }),
  // A review asked for in November, answered in time in December.
  petition(16, { received_on: '2026-07-05', category: 'land', acceptance_due_on: '2026-07-20',
    accepted_on: '2026-07-20', handling_due_on: '2026-09-18', replied_on: '2026-09-15',
    review_requested_on: '2026-11-03', review_due_on: '2026-12-03', reviewed_on: '2026-12-02', status: 'reviewed' }),
  // A review due in November never answered.
  petition(17, { received_on: '2026-07-06', category: 'land', acceptance_due_on: '2026-07-21',
    accepted_on: '2026-07-21', handling_due_on: '2026-09-21', replied_on: '2026-09-20',
    review_requested_on: '2026-10-13', review_due_on: '2026-11-12', status: 'underReview' }),
  // A re-review asked for in November.
  petition(18, { received_on: '2026-06-01', category: 'land', acceptance_due_on: '2026-06-16',
    accepted_on: '2026-06-10', handling_due_on: '2026-08-10', replied_on: '2026-08-01',
    review_requested_on: '2026-08-20', review_due_on: '2026-09-21', reviewed_on: '2026-09-15',
    re_review_requested_on: '2026-11-20', re_review_due_on: '2026-12-21', status: 'underReReview' }),
  // A re-review due in November answered two days late.
  petition(19, { received_on: '2026-06-02', category: 'land', acceptance_due_on: '2026-06-17',
    accepted_on: '2026-06-10', handling_due_on: '2026-08-10', replied_on: '2026-08-03',
    review_requested_on: '2026-08-20', review_due_on: '2026-09-21', reviewed_on: '2026-09-20',
    re_review_requested_on: '2026-10-26', re_review_due_on: '2026-11-25', re_reviewed_on: '2026-11-27',
    status: 'reReviewed' }),
  // Closed and evaluated in October.
  petition(20, { received_on: '2026-08-01', category: 'land', acceptance_due_on: '2026-08-17',
    accepted_on: '2026-08-05', handling_due_on: '2026-10-15', replied_on: '2026-09-30', closed_on: '2026-10-31',
    satisfaction: 'satisfied', satisfaction_on: '2026-10-31', status: 'closed' }),
  // Two deadlines missed in one month (an unusually short handling period): counted twice.
  petition(21, { received_on: '2026-10-18', category: 'land', acceptance_due_on: '2026-11-02',
    accepted_on: '2026-11-04', handling_due_on: '2026-11-27', status: 'accepted' }),
  // Due on "today" in December, not yet decided; received on a reception day, where the leader
  // settled it on the spot (当场解决).
  petition(22, { received_on: '2026-11-25', category: 'health', acceptance_due_on: '2026-12-10',
    reception_day_id: 'day-2', leader_name: '王强', leader_decision: 'onTheSpot', leader_decided_on: '2026-11-25' }),
  // A review asked for in November, due on 7 December, not answered.
  petition(23, { received_on: '2026-07-07', category: 'land', acceptance_due_on: '2026-07-22',
    accepted_on: '2026-07-22', handling_due_on: '2026-09-21', replied_on: '2026-10-07',
    review_requested_on: '2026-11-07', review_due_on: '2026-12-07', status: 'underReview' }),
];

const NONE: PetitionFigures = {
  received: 0,
  visitBatches: 0,
  visitPeople: 0,
  letters: 0,
  groupVisitBatches: 0,
  groupVisitPeople: 0,
  repeatBatches: 0,
  repeatPeople: 0,
  skippedBatches: 0,
  skippedPeople: 0,
  handedDown: 0,
  leaderReceived: 0,
  leaderOnTheSpot: 0,
  leaderDeadline: 0,
  accepted: 0,
  notAccepted: 0,
  replied: 0,
  repliedOnTime: 0,
  overdue: 0,
  extended: 0,
  closed: 0,
  reviewsRequested: 0,
  reReviewsRequested: 0,
};

/** Every category with nothing, but for `counts` (category → [batches, people]). */
function categories(counts: Record<string, [number, number]>) {
  return PETITION_CATEGORIES.map((c) => ({
    category: c.code,
    label: c.label,
    batches: counts[c.code]?.[0] ?? 0,
    people: counts[c.code]?.[1] ?? 0,
  }));
}

describe('petition monthly statistics', () => {
  let folder: string;
  let db: Db;

  before(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'township-petition-statistics-'));
    db = await openDatabase(folder);
    await db
      .insertInto('reception_days')
      .values({
        id: 'day-1',
        on: '2026-11-10',
        starts_at: '08:30',
        ends_at: '11:30',
        place: '镇信访接待室',
        leader_name: '李明',
        leader_title: '镇长',
        created_at: '2026-11-01T01:00:00.000Z',
        updated_at: '2026-11-01T01:00:00.000Z',
      })
      .execute();
    await db
      .insertInto('reception_days')
      .values({
        id: 'day-2',
        on: '2026-11-25',
        starts_at: '08:30',
        ends_at: '11:30',
        place: '镇信访接待室',
        leader_name: '王强',
        leader_title: '副镇长',
        created_at: '2026-11-01T01:00:00.000Z',
        updated_at: '2026-11-01T01:00:00.000Z',
      })
      .execute();
    // One by one: a multi-row insert would write NULL into the columns some rows leave to their default.
    for (const row of ROWS) await db.insertInto('petitions').values(row).execute();
  });

  after(async () => {
    await db?.destroy();
    await rm(folder, { recursive: true, force: true });
  });

  test('a past month: every figure as counted by hand', async () => {
    const statistics = await periodStatistics(db, '2026-11', '2026-12-10');
    assert.equal(statistics.period, '2026-11');
    assert.equal(statistics.asOf, '2026-11-30');
    assert.deepEqual(statistics.totals, {
      // P1, P2, P3 (on the last day), P9, P22; not P4 (31 October) nor P5 (1 December).
      received: 5,
      visitBatches: 4,
      // 1 + 6 + 2 + 1: a visit's people, not its batch.
      visitPeople: 10,
      letters: 1,
      groupVisitBatches: 1,
      groupVisitPeople: 6,
      // P2 (6) and P9 (2).
      repeatBatches: 2,
      repeatPeople: 8,
      // The letter P3, signed by two.
      skippedBatches: 1,
      skippedPeople: 2,
      handedDown: 1,
      // P2 and P22, each on a leader's reception day.
      leaderReceived: 2,
      // P22 settled on the spot, P2 given a deadline.
      leaderOnTheSpot: 1,
      leaderDeadline: 1,
      // P1, P2, P4 (received in October), P6, P21.
      accepted: 5,
      notAccepted: 1,
      // P10 on its due day, P11 a day late, P12 after October's deadline.
      replied: 3,
      repliedOnTime: 1,
      // Acceptance: P6 late, P7 never, P21 late; handling: P11 late, P13 and P21 not replied;
      // review: P17; re-review: P19. Not P4 or P8 (decided on their due day), P10 (replied on it),
      // P12 (due in October), P14 (extended into December), P15 (reviewed on the due day).
      overdue: 8,
      extended: 1,
      closed: 2,
      reviewsRequested: 2,
      reReviewsRequested: 1,
    });
    assert.deepEqual(
      statistics.byCategory,
      categories({ land: [1, 1], expropriation: [1, 6], labour: [1, 2], construction: [1, 2], health: [1, 1] }),
    );
    assert.deepEqual(statistics.satisfaction, [
      { value: 'satisfied', label: SATISFACTION_LABELS.satisfied, count: 1 },
      { value: 'basicallySatisfied', label: SATISFACTION_LABELS.basicallySatisfied, count: 1 },
      { value: 'dissatisfied', label: SATISFACTION_LABELS.dissatisfied, count: 1 },
      { value: 'unreachable', label: SATISFACTION_LABELS.unreachable, count: 1 },
    ]);
    // (1 + 1) ÷ 3, the unreachable one left out: 66.67 → 66.7.
    assert.equal(statistics.satisfactionRate, 66.7);
  });

  test('the month before: its own last day, its own missed deadline', async () => {
    const statistics = await periodStatistics(db, '2026-10', '2026-12-10');
    assert.equal(statistics.asOf, '2026-10-31');
    const { totals } = statistics;
    // P4 (on the last day), P6, P7, P8, P21.
    assert.equal(totals.received, 5);
    assert.equal(totals.visitBatches, 4);
    assert.equal(totals.visitPeople, 6);
    assert.equal(totals.letters, 1);
    assert.equal(totals.skippedBatches, 1);
    assert.equal(totals.skippedPeople, 3);
    assert.equal(totals.repeatBatches, 1);
    // P0 replied on 9 October, before its due day; P23 on 7 October, after its September one.
    assert.equal(totals.replied, 2);
    assert.equal(totals.repliedOnTime, 1);
    // P12's handling, due on 30 October and replied on 3 November.
    assert.equal(totals.overdue, 1);
    assert.equal(totals.closed, 2);
    assert.equal(totals.reviewsRequested, 2);
    assert.equal(totals.reReviewsRequested, 1);
    assert.deepEqual(
      statistics.satisfaction.map((s) => s.count),
      [1, 0, 0, 0],
    );
    assert.equal(statistics.satisfactionRate, 100);
  });

  test('the running month counts up to today, and only deadlines already past', async () => {
    const statistics = await periodStatistics(db, '2026-12', '2026-12-10');
    assert.equal(statistics.asOf, '2026-12-10');
    assert.deepEqual(statistics.totals, {
      ...NONE,
      received: 1,
      visitBatches: 1,
      visitPeople: 1,
      // P9's acceptance (due 1 December) and P23's review (due 7 December). Not P22 (due today,
      // still yellow), nor P3, P5, P14 or P18 (due later in December); P16 reviewed in time.
      overdue: 2,
    });
    assert.deepEqual(statistics.byCategory, categories({ land: [1, 1] }));
    assert.equal(statistics.satisfactionRate, null);

    // The next morning P22's day has passed.
    assert.equal((await periodStatistics(db, '2026-12', '2026-12-11')).totals.overdue, 3);
    // On the month's last day every deadline up to the 30th has passed: P3, P5, P14 and P18 too.
    assert.equal((await periodStatistics(db, '2026-12', '2026-12-31')).totals.overdue, 7);
  });

  test('a month with nothing in it', async () => {
    const statistics = await periodStatistics(db, '2027-02', '2027-03-01');
    assert.equal(statistics.asOf, '2027-02-28');
    assert.deepEqual(statistics.totals, NONE);
    assert.deepEqual(statistics.byCategory, categories({}));
    assert.deepEqual(
      statistics.satisfaction.map((s) => s.count),
      [0, 0, 0, 0],
    );
    assert.equal(statistics.satisfactionRate, null);
  });
});

describe('petition statistics of a quarter and a year', () => {
  let folder: string;
  let db: Db;
  const { render } = usePdfRenderer({ issuedAt: new Date('2026-12-10T02:00:00Z'), verificationCode: 'TESTCODE2345' });

  before(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'township-petition-periods-'));
    db = await openDatabase(folder);
    for (const id of ['day-1', 'day-2'])
      await db
        .insertInto('reception_days')
        .values({
          id,
          on: id === 'day-1' ? '2026-11-10' : '2026-11-25',
          starts_at: '08:30',
          ends_at: '11:30',
          place: '镇信访接待室',
          leader_name: '李明',
          leader_title: '镇长',
          created_at: '2026-11-01T01:00:00.000Z',
          updated_at: '2026-11-01T01:00:00.000Z',
        })
        .execute();
    for (const row of ROWS) await db.insertInto('petitions').values(row).execute();
  });

  after(async () => {
    await db?.destroy();
    await rm(folder, { recursive: true, force: true });
  });

  const TODAY = '2026-12-10';

  test('the fourth quarter is October, November and December to today added up; the year likewise', async () => {
    const months = await Promise.all(['2026-10', '2026-11', '2026-12'].map((m) => periodStatistics(db, m, TODAY)));
    const quarter = await periodStatistics(db, '2026-Q4', TODAY);
    assert.deepEqual([quarter.from, quarter.to, quarter.asOf], ['2026-10-01', '2026-12-31', TODAY]);
    for (const key of Object.keys(NONE) as (keyof PetitionFigures)[])
      assert.equal(
        quarter.totals[key],
        months.reduce((sum, m) => sum + m.totals[key], 0),
        key,
      );
    assert.equal(quarter.totals.leaderOnTheSpot + quarter.totals.leaderDeadline, 2);
    quarter.byCategory.forEach((c, i) =>
      assert.deepEqual(
        [c.batches, c.people],
        [
          months.reduce((sum, m) => sum + m.byCategory[i]!.batches, 0),
          months.reduce((sum, m) => sum + m.byCategory[i]!.people, 0),
        ],
        c.label,
      ),
    );
    // (1 + 1) on time ÷ 5 replied in the quarter (P0, P23 in October; P10, P11, P12 in November).
    assert.equal(quarter.totals.replied, 5);
    assert.equal(quarter.onTimeRate, 40);
    assert.deepEqual(
      quarter.trend.map((m) => [m.month, m.received, m.replied, m.repliedOnTime]),
      months.map((m) => [m.period, m.totals.received, m.totals.replied, m.totals.repliedOnTime]),
    );
    // November's trend row: P10 and P11 content, P12 not, P15 unreachable and left out.
    assert.deepEqual(
      [quarter.trend[1]!.evaluated, quarter.trend[1]!.content, quarter.trend[1]!.satisfactionRate],
      [3, 2, 66.7],
    );

    const year = await periodStatistics(db, '2026', TODAY);
    assert.equal(year.trend.length, 12);
    assert.equal(
      year.totals.received,
      year.trend.reduce((sum, m) => sum + m.received, 0),
    );
    assert.equal(year.totals.received, ROWS.filter((r) => r.received_on.startsWith('2026')).length);
  });

  for (const [period, title, label, span] of [
    ['2026-Q4', '信访季度统计表', '（2026年第四季度）', '统计期间：2026年10月1日至2026年12月10日'],
    ['2026', '信访年度统计表', '（2026年）', '统计期间：2026年1月1日至2026年12月10日'],
  ] as const) {
    test(`${title}${label}: the PDF and the workbook say the same figures, a row a month`, async () => {
      const statistics = await periodStatistics(db, period, TODAY);
      const t = statistics.totals;
      const pdf = await render(petitionMonthlyStatisticsReport, { officeName: '青石镇人民政府', statistics });
      const rate = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)}%`);
      assertIncludes(pdf.raw, [
        title,
        label,
        span,
        `接访当场解决${t.leaderOnTheSpot}`,
        `接访限期办理${t.leaderDeadline}`,
        `按期答复率${rate(statistics.onTimeRate)}（按期答复${t.repliedOnTime}÷答复${t.replied}）`,
        ...statistics.trend.map(
          (m) =>
            `${Number(m.month.slice(5))}月${m.received}${m.visitPeople}${m.replied}${m.repliedOnTime}${rate(m.onTimeRate)}${rate(m.satisfactionRate)}`,
        ),
      ]);

      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await petitionStatisticsWorkbook(statistics, '青石镇人民政府')) as unknown as ArrayBuffer);
      const main = book.getWorksheet('总表')!;
      const heading = String(main.getCell('A1').value);
      assert.ok(heading.startsWith(`青石镇人民政府${title}${label.replace('）', '，')}`), heading);
      const value = (name: string) => {
        let found: unknown;
        main.eachRow((row) => {
          if (row.getCell(1).value === name) found = row.getCell(2).value;
        });
        return found;
      };
      assert.equal(value('接访当场解决'), t.leaderOnTheSpot);
      assert.equal(value('接访限期办理'), t.leaderDeadline);
      assert.equal(value('超期'), t.overdue);
      assert.equal(value('按期答复率（%）'), statistics.onTimeRate);
      const rows: unknown[][] = [];
      book.getWorksheet('按月')!.eachRow((row, n) => {
        if (n > 1) rows.push((row.values as unknown[]).slice(1));
      });
      assert.deepEqual(
        rows,
        statistics.trend.map((m) => [
          m.month,
          m.received,
          m.visitPeople,
          m.replied,
          m.repliedOnTime,
          m.onTimeRate ?? '',
          m.evaluated,
          m.content,
          m.satisfactionRate ?? '',
        ]),
      );
    });
  }
});
