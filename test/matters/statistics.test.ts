// The statistics of residents' matters on hand-built rows, every figure counted by hand: a
// running month with every kind of matter (a 私事 advised, one not yet sorted, one voided, one
// replied but not closed, one overdue and one due today), its quarter, where the October figures
// taken at October's end differ from the same matters seen later; and Nan'an's figures (DOMAIN.md
// §10) — 2,118 collected = 967 on the spot + 974 with a deadline + 177 escalated over a year, and
// in its third quarter 1,364 new = 1,144 completed + 220 in hand.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MATTER_CATEGORIES, type MatterCategory } from '../../shared/matters/matters';
import {
  matterReconciliation,
  matterStatistics,
  NO_MATTER_FIGURES,
  reconciles,
  type MatterFigures,
  type MatterStatRow,
} from '../../shared/matters/statistics';

const figures = (f: Partial<MatterFigures>): MatterFigures => ({ ...NO_MATTER_FIGURES, ...f });

const row = (fields: Partial<MatterStatRow> & Pick<MatterStatRow, 'collectedOn'>): MatterStatRow => ({
  villageId: 'E',
  category: 'other',
  triage: null,
  handling: null,
  decidedOn: null,
  dueOn: null,
  repliedOn: null,
  closedOn: null,
  voidedOn: null,
  ...fields,
});

const VILLAGES = [
  { id: 'E', name: '东岗村' },
  { id: 'W', name: '西岭村' },
  { id: 'N', name: '南湾村' },
];

/** Adds up `key` over rows of figures. */
const sum = (rows: readonly MatterFigures[], key: keyof MatterFigures) => rows.reduce((n, r) => n + r[key], 0);

function assertBreakdownsAddUp(statistics: ReturnType<typeof matterStatistics>) {
  for (const key of Object.keys(NO_MATTER_FIGURES) as (keyof MatterFigures)[]) {
    assert.equal(sum(statistics.byVillage, key), statistics.totals[key], `by village: ${key}`);
    assert.equal(sum(statistics.byCategory, key), statistics.totals[key], `by category: ${key}`);
  }
}

// prettier-ignore
const ROWS: MatterStatRow[] = [
  // 1. A 大事 given to the township until 9 November, not done: overdue on the 20th.
  row({ collectedOn: '2026-11-02', category: 'infrastructure', triage: 'major', handling: 'deadline',
    decidedOn: '2026-11-02', dueOn: '2026-11-09' }),
  // 2. A 小事 for the village committee due on the 20th itself, replied on the 18th: in hand, not overdue.
  row({ collectedOn: '2026-11-03', category: 'infrastructure', triage: 'minor', handling: 'deadline',
    decidedOn: '2026-11-04', dueOn: '2026-11-20', repliedOn: '2026-11-18' }),
  // 3. A 小事 settled on the spot.
  row({ collectedOn: '2026-11-05', category: 'environment', triage: 'minor', handling: 'onTheSpot',
    decidedOn: '2026-11-05', repliedOn: '2026-11-05', closedOn: '2026-11-05' }),
  // 4. A 私事, advised and closed.
  row({ collectedOn: '2026-11-06', villageId: 'W', category: 'livelihood', triage: 'private', handling: 'advised',
    decidedOn: '2026-11-06', repliedOn: '2026-11-06', closedOn: '2026-11-06' }),
  // 5. A 大事 escalated, no answer yet.
  row({ collectedOn: '2026-11-10', villageId: 'W', category: 'dispute', triage: 'major', handling: 'escalated',
    decidedOn: '2026-11-11' }),
  // 6. Not sorted yet.
  row({ collectedOn: '2026-11-12', villageId: 'W' }),
  // 7. Registered by mistake and voided: in no figure.
  row({ collectedOn: '2026-11-15', villageId: 'W', category: 'livelihood', voidedOn: '2026-11-16' }),
  // October. 10: a 小事 with a deadline, replied and closed in November.
  row({ collectedOn: '2026-10-28', category: 'infrastructure', triage: 'minor', handling: 'deadline',
    decidedOn: '2026-10-29', dueOn: '2026-11-05', repliedOn: '2026-11-02', closedOn: '2026-11-03' }),
  // 11. Sorted only in November: settled on the spot then.
  row({ collectedOn: '2026-10-15', villageId: 'W', category: 'dispute', triage: 'major', handling: 'onTheSpot',
    decidedOn: '2026-11-02', repliedOn: '2026-11-02', closedOn: '2026-11-02' }),
  // 12. Voided only in November: October's figures taken at its end still count it.
  row({ collectedOn: '2026-10-20', category: 'other', voidedOn: '2026-11-05' }),
];

describe('a running month counted by hand (2026年11月, on 20 November)', () => {
  const statistics = matterStatistics(ROWS, '2026-11', '2026-11-20', VILLAGES);

  test('the totals: collected by handling, by triage and by completion, replied and overdue', () => {
    assert.equal(statistics.asOf, '2026-11-20');
    assert.deepEqual(
      statistics.totals,
      figures({
        collected: 6,
        onTheSpot: 1,
        deadline: 2,
        escalated: 1,
        advised: 1,
        pending: 1,
        major: 2,
        minor: 2,
        private: 1,
        completed: 2,
        inHand: 4,
        replied: 3,
        overdue: 1,
      }),
    );
    assert.equal(statistics.voided, 1);
    assert.equal(statistics.replyRate, 50);
    assert.equal(statistics.completionRate, 33.3);
    assert.ok(reconciles(statistics.totals));
  });

  test('per village (a village without matters listed with none) and per category', () => {
    assert.deepEqual(statistics.byVillage, [
      {
        villageId: 'E',
        villageName: '东岗村',
        ...figures({
          collected: 3,
          onTheSpot: 1,
          deadline: 2,
          major: 1,
          minor: 2,
          completed: 1,
          inHand: 2,
          replied: 2,
          overdue: 1,
        }),
      },
      {
        villageId: 'W',
        villageName: '西岭村',
        ...figures({
          collected: 3,
          escalated: 1,
          advised: 1,
          pending: 1,
          major: 1,
          private: 1,
          completed: 1,
          inHand: 2,
          replied: 1,
        }),
      },
      { villageId: 'N', villageName: '南湾村', ...NO_MATTER_FIGURES },
    ]);
    const byCategory = Object.fromEntries(statistics.byCategory.map((c) => [c.category, c.collected]));
    assert.deepEqual(byCategory, {
      infrastructure: 2,
      dispute: 1,
      livelihood: 1,
      environment: 1,
      industry: 0,
      other: 1,
    });
    assert.deepEqual(
      statistics.byCategory.map((c) => c.label),
      MATTER_CATEGORIES.map((c) => c.label),
    );
    assertBreakdownsAddUp(statistics);
  });

  test('the trend: October as it stood at its end, November as the totals', () => {
    const october = statistics.trend.find((m) => m.month === '2026-10')!;
    assert.deepEqual(
      { ...october, month: undefined, replyRate: undefined },
      {
        ...figures({ collected: 3, deadline: 1, pending: 2, minor: 1, inHand: 3 }),
        month: undefined,
        replyRate: undefined,
      },
    );
    assert.equal(october.replyRate, 0);
    const november = statistics.trend.at(-1)!;
    assert.equal(november.month, '2026-11');
    assert.deepEqual(
      { ...november, month: undefined, replyRate: undefined },
      { ...statistics.totals, month: undefined, replyRate: undefined },
    );
    assert.equal(statistics.trend.length, 12, 'a month’s trend: the twelve months up to it');
  });

  test('the equations as every report prints them', () => {
    assert.deepEqual(
      matterReconciliation(statistics.totals).map((l) => l.text),
      [
        '收集 6 = 当即解决 1 + 限期解决 2 + 提交统筹 1 + 私事劝导办结 1 + 待分流 1',
        '收集 6 = 大事 2 + 小事 2 + 私事 1 + 待分流 1',
        '新增 6 = 已办结 2 + 在办 4',
      ],
    );
  });
});

test('the quarter on the same day: October’s matters as they stand now', () => {
  const statistics = matterStatistics(ROWS, '2026-Q4', '2026-11-20', VILLAGES);
  assert.deepEqual(
    statistics.totals,
    figures({
      collected: 8,
      onTheSpot: 2,
      deadline: 3,
      escalated: 1,
      advised: 1,
      pending: 1,
      major: 3,
      minor: 3,
      private: 1,
      completed: 4,
      inHand: 4,
      replied: 5,
      overdue: 1,
    }),
  );
  assert.equal(statistics.voided, 2);
  assertBreakdownsAddUp(statistics);
  assert.deepEqual(
    statistics.trend.map((m) => m.month),
    ['2026-10', '2026-11'],
    'a quarter’s months up to today',
  );
});

/**
 * Nan'an's year, built matter by matter: per quarter how many were settled on the spot, given a
 * deadline and escalated, and when each was replied to and closed. Villages and categories go
 * round in turn.
 */
function nananYear(): MatterStatRow[] {
  const rows: MatterStatRow[] = [];
  const categories: MatterCategory[] = MATTER_CATEGORIES.map((c) => c.code);
  const add = (count: number, make: (i: number) => Omit<MatterStatRow, 'villageId' | 'category'>) => {
    for (let i = 0; i < count; i++) {
      const n = rows.length;
      rows.push({ villageId: VILLAGES[n % 3]!.id, category: categories[n % categories.length]!, ...make(i) });
    }
  };
  const day = (month: number, i: number) =>
    `2025-${String(month).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
  const onTheSpot = (on: string) => ({
    collectedOn: on,
    triage: 'minor' as const,
    handling: 'onTheSpot' as const,
    decidedOn: on,
    dueOn: null,
    repliedOn: on,
    closedOn: on,
    voidedOn: null,
  });
  const withDeadline = (on: string, dueOn: string, repliedOn: string | null, closedOn: string | null) => ({
    collectedOn: on,
    triage: 'minor' as const,
    handling: 'deadline' as const,
    decidedOn: on,
    dueOn,
    repliedOn,
    closedOn,
    voidedOn: null,
  });
  const escalated = (on: string, repliedOn: string | null, closedOn: string | null) => ({
    collectedOn: on,
    triage: 'major' as const,
    handling: 'escalated' as const,
    decidedOn: on,
    dueOn: null,
    repliedOn,
    closedOn,
    voidedOn: null,
  });
  // The first quarter: 120 + 118 + 11 = 249, all closed within it.
  add(120, (i) => onTheSpot(day(1 + (i % 3), i)));
  add(118, (i) => withDeadline(day(1 + (i % 2), i), day(3, i), day(3, i), day(3, i)));
  add(11, (i) => escalated(day(1, i), day(2, i), day(3, i)));
  // The second quarter: 127 + 136 + 12 = 275, all closed within it.
  add(127, (i) => onTheSpot(day(4 + (i % 3), i)));
  add(136, (i) => withDeadline(day(4 + (i % 2), i), day(6, i), day(6, i), day(6, i)));
  add(12, (i) => escalated(day(4, i), day(5, i), day(6, i)));
  // The third quarter: 600 + 620 + 144 = 1,364 new.
  add(600, (i) => onTheSpot(day(7 + (i % 3), i)));
  // 480 with a deadline closed by 30 September; 140 still in hand then (40 of them past their
  // deadline), closed in October.
  add(480, (i) => withDeadline(day(7 + (i % 2), i), day(9, 27), day(9, i), day(9, i)));
  add(40, (i) => withDeadline(day(9, i % 20), '2025-09-25', '2025-10-10', '2025-10-15'));
  add(100, (i) => withDeadline(day(9, i % 20), '2025-10-10', '2025-10-10', '2025-10-15'));
  // 64 escalated and closed by 30 September; 80 still in hand: 30 answered by then (closed in
  // November), 20 answered and closed in November, 30 with no answer by the year's end.
  add(64, (i) => escalated(day(7, i), day(8, i), day(8, i)));
  add(30, (i) => escalated(day(9, i % 20), '2025-09-28', '2025-11-10'));
  add(20, (i) => escalated(day(9, i % 20), '2025-11-20', '2025-11-20'));
  add(30, (i) => escalated(day(9, i % 20), null, null));
  // The fourth quarter: 120 + 100 + 10 = 230; 20 with a deadline (5 past it) and the 10
  // escalated still in hand at the year's end.
  add(120, (i) => onTheSpot(day(10 + (i % 3), i)));
  add(80, (i) => withDeadline(day(10 + (i % 2), i), day(12, i), day(12, i), day(12, i)));
  add(5, (i) => withDeadline(day(11, i), '2025-12-20', null, null));
  add(15, (i) => withDeadline(day(12, i), '2026-01-10', null, null));
  add(10, (i) => escalated(day(12, i), null, null));
  return rows;
}

describe('Nan’an’s figures, built matter by matter', () => {
  const rows = nananYear();
  const today = '2026-03-01';

  test('the year: 2,118 collected = 967 on the spot + 974 with a deadline + 177 escalated', () => {
    const year = matterStatistics(rows, '2025', today, VILLAGES);
    assert.equal(year.asOf, '2025-12-31');
    assert.deepEqual(
      year.totals,
      figures({
        collected: 2118,
        onTheSpot: 967,
        deadline: 974,
        escalated: 177,
        major: 177,
        minor: 1941,
        completed: 2058,
        inHand: 60,
        replied: 2058,
        overdue: 5,
      }),
    );
    assert.equal(
      matterReconciliation(year.totals)[0]!.text,
      '收集 2118 = 当即解决 967 + 限期解决 974 + 提交统筹 177 + 私事劝导办结 0 + 待分流 0',
    );
    assert.ok(reconciles(year.totals));
    assertBreakdownsAddUp(year);
    assert.equal(
      year.trend.reduce((n, m) => n + m.collected, 0),
      2118,
      'the months of the year add up to it',
    );
  });

  test('the third quarter: 1,364 new = 1,144 completed + 220 in hand, as on 30 September', () => {
    const quarter = matterStatistics(rows, '2025-Q3', today, VILLAGES);
    assert.equal(quarter.asOf, '2025-09-30');
    assert.deepEqual(
      quarter.totals,
      figures({
        collected: 1364,
        onTheSpot: 600,
        deadline: 620,
        escalated: 144,
        major: 144,
        minor: 1220,
        completed: 1144,
        inHand: 220,
        replied: 1174,
        overdue: 40,
      }),
    );
    assert.equal(matterReconciliation(quarter.totals)[2]!.text, '新增 1364 = 已办结 1144 + 在办 220');
    assert.equal(quarter.replyRate, 86.1, '1,174 ÷ 1,364');
    assert.equal(quarter.completionRate, 83.9, '1,144 ÷ 1,364');
    assertBreakdownsAddUp(quarter);
  });
});
