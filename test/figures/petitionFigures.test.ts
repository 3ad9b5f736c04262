// The petition desk: the county's definition (shared/petitions/figures.ts) counts from the
// `petitions` rows what the township's statistics show. A real township (the demo's villages and
// residents on an encrypted hall) gets eight months of demo petitions (visits, group visits,
// letters, repeats, level-skipping, handed down, reception days, every step, deadlines met and
// missed), then four more months of petitions taken through the API as the clock moves: a reply
// on its due day and one three days late, a refusal on the acceptance's last day, an extension
// replied within it, reception-day decisions, a review answered late, a re-review never
// answered, a closed petition reopened by a review request, deadlines missed on a month's and on
// a quarter's last day, one due on the last checkpoint itself. On six days the statistics of
// every month, quarter and year (ended, running, not begun) are read from `petitions.statistics`
// and compared field by field with `countFigures` over `SELECT * FROM petitions`: the totals, the
// satisfaction by value, both rates and the categories' batches.
//
// A deadline due on an ended period's last day and missed counts in that period (it was known
// missed when the day ended), not in the running period while its day runs (`atDayEnd`): the
// comparisons where that case arose are recorded and required. Definitions broken on purpose must
// each disagree somewhere, so the comparison is known to catch them.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { PetitionRecord, PetitionStatistics } from '../../shared/petitions/api';
import { petitionFigureDefinition, PETITION_FIGURES, type PetitionFigure } from '../../shared/petitions/figures';
import type { SATISFACTIONS } from '../../shared/petitions/petitions';
import { addDays } from '../../shared/calendar/dates';
import { countFigures, type FigureDefinition, type RecordFigures } from '../../shared/figures/figureEvents';
import { periodSpan, shiftMonth } from '../../shared/documents/reportPeriods';
import type { RowImage } from '../../shared/sync/protocol';
import { seedDemoPetitions } from '../../demo/demoPetitions';
import { DEMO_PASSWORD, seedDemoTownship } from '../../demo/demoTownship';
import { morningOf, startTestHall, type TestClient, type TestHall } from '../support/testHall';

/** The demo's petitions are received from here to SEEDED_TO, and stand as on SEEDED_TO. */
const SEEDED_FROM = '2025-11-03';
const SEEDED_TO = '2026-06-30';
const LAST_DAY = '2026-11-20';
/** The days compared on: the demo's last, month ends, a day inside a month, a quarter's end, the last. */
const CHECKPOINTS = [SEEDED_TO, '2026-07-31', '2026-08-14', '2026-09-30', '2026-10-31', LAST_DAY];

type Rec = PetitionRecord;
type When = (p: Rec) => string;
interface Step {
  on: When;
  take(desk: TestClient, p: Rec, on: string): Promise<Rec>;
}
interface Story {
  receivedOn: string;
  /** The registration's fields (channel, people, category …) beyond the request id and the date. */
  register(): Promise<Record<string, unknown>>;
  steps: Step[];
}

const fixed =
  (date: string): When =>
  () =>
    date;
const plus =
  (from: (p: Rec) => string | null | undefined, days: number): When =>
  (p) =>
    addDays(from(p)!, days);

/** A command on the petition, dated `on`. */
const step =
  (procedure: string, fields: (on: string) => Record<string, unknown>) =>
  (on: When): Step => ({
    on,
    async take(desk, p, date) {
      const result = await desk.ok(procedure as 'petitions.accept', { id: p.id, version: p.version, ...fields(date) });
      return result.petition;
    },
  });

const accept = step('petitions.accept', (acceptedOn) => ({ acceptedOn, handlingUnit: '镇综治中心' }));
const notAccept = step('petitions.notAccept', (decidedOn) => ({
  decidedOn,
  ground: 'litigation',
  reason: '属于应当通过诉讼解决的民事纠纷。',
  channel: '可向县人民法院提起诉讼。',
}));
const extend = step('petitions.extend', (extendedOn) => ({ extendedOn, days: 30, reason: '需会同县直部门核实' }));
const reply = step('petitions.reply', (repliedOn) => ({ repliedOn, facts: '经查属实。', opinion: '已责成办理。' }));
const deliver = (paper: 'reply' | 'review') =>
  step('petitions.recordDelivery', (deliveredOn) => ({ paper, method: 'inPerson', deliveredOn }));
const rate = (value: (typeof SATISFACTIONS)[number]) => step('petitions.recordSatisfaction', (on) => ({ value, on }));
const requestReview = (level: 'review' | 'reReview') =>
  step('petitions.requestReview', (requestedOn) => ({ level, requestedOn }));
const answerReview = (level: 'review' | 'reReview') =>
  step('petitions.recordReview', (answeredOn) => ({ level, answeredOn, outcome: 'upheld', opinion: '维持原意见。' }));
const close = step('petitions.close', (closedOn) => ({ closedOn }));
const leaderDecision = (decision: 'onTheSpot' | 'deadline', dueOn?: string) =>
  step('petitions.recordLeaderDecision', (decidedOn) => ({
    decision,
    decidedOn,
    ...(dueOn ? { dueOn, caseLeader: '王副镇长' } : {}),
  }));

const one = (name: string) => [{ name, representative: false }];
const visit = (category: string, fields: Record<string, unknown> = {}) => ({
  channel: 'visit',
  receivedAt: '09:30',
  peopleCount: 1,
  petitioners: one('赵大海'),
  category,
  matter: '反映问题，要求处理。',
  ...fields,
});
const letter = (category: string, fields: Record<string, unknown> = {}) => ({
  channel: 'letter',
  peopleCount: 1,
  petitioners: one('钱小红'),
  category,
  matter: '来信反映问题。',
  letter: { pages: 2 },
  ...fields,
});

/** Deadlines due on `day` that were not met by it, as the statistics' SQL counts them. */
async function missedOn(hall: TestHall, day: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select
      coalesce(sum(acceptance_due_on = ${day} and coalesce(accepted_on, not_accepted_on, '9999-12-31') > ${day}), 0)
      + coalesce(sum(handling_due_on = ${day} and coalesce(replied_on, '9999-12-31') > ${day}), 0)
      + coalesce(sum(review_due_on = ${day} and coalesce(reviewed_on, '9999-12-31') > ${day}), 0)
      + coalesce(sum(re_review_due_on = ${day} and coalesce(re_reviewed_on, '9999-12-31') > ${day}), 0) as n
    from petitions`.execute(hall.backend.db);
  return Number(rows[0]?.n ?? 0);
}

/** The periods compared on `today`: the months from before the demo to the next one, quarters, years. */
function periodsOn(today: string): string[] {
  const months: string[] = [];
  for (let m = '2025-10'; m <= shiftMonth(today.slice(0, 7), 1); m = shiftMonth(m, 1)) months.push(m);
  return [...months, '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2025', '2026'];
}

type Row = Readonly<Record<string, unknown>>;

/**
 * The definition with each row read once: the comparisons count the same rows over and over (every
 * period, category and broken definition), and the hall answering in this same process must not
 * wait on that long enough for its keep-alive to drop the connection.
 */
function readOnce<F extends string>(definition: FigureDefinition<F>): FigureDefinition<F> {
  const read = new WeakMap<Row, RecordFigures<F> | null>();
  return {
    ...definition,
    ofRow(row) {
      if (!read.has(row)) read.set(row, definition.ofRow(row));
      return read.get(row)!;
    },
  };
}

const definition = readOnce(petitionFigureDefinition);

/** A definition broken on purpose. */
function broken(change: (figures: RecordFigures<PetitionFigure>, row: Row) => RecordFigures<PetitionFigure>) {
  return readOnce({
    ...petitionFigureDefinition,
    ofRow(row: Row) {
      const figures = definition.ofRow(row);
      return figures && change(figures, row);
    },
  });
}

const MUTANTS: Record<string, FigureDefinition<PetitionFigure>> = {
  // Counted while its day still runs: in the running period on the due day itself.
  '超期 from the due day itself': broken((f) => ({
    ...f,
    events: f.events.map((e) => (e.figure === 'overdue' ? { ...e, atDayEnd: false } : e)),
  })),
  // Counted only from the next day: not in a period that ended on the due day.
  '超期 only from the day after': broken((f) => ({
    ...f,
    events: f.events.map((e) => (e.figure === 'overdue' ? { ...e, day: addDays(e.day, 1), atDayEnd: false } : e)),
  })),
  '按期答复 only before the due day': broken((f, row) => ({
    ...f,
    events: f.events.filter((e) => e.figure !== 'repliedOnTime' || row.replied_on !== row.handling_due_on),
  })),
  // The acceptance deadline met only by accepting: the row's 超期 read without its refusal.
  'a refusal does not meet the acceptance deadline': broken((f, row) => ({
    ...f,
    events: [
      ...f.events.filter((e) => e.figure !== 'overdue'),
      ...(petitionFigureDefinition.ofRow({ ...row, not_accepted_on: null })?.events ?? []).filter(
        (e) => e.figure === 'overdue',
      ),
    ],
  })),
  'steps placed by the receipt': broken((f) => ({
    ...f,
    events: f.events.map((e) => (e.figure === 'overdue' ? e : { ...e, placedOn: undefined })),
  })),
  '来信 people counted as 来访人次': broken((f, row) => ({
    ...f,
    events: [
      ...f.events,
      ...(row.channel === 'letter'
        ? [{ figure: 'visitPeople' as const, day: String(row.received_on), delta: Number(row.people_count) }]
        : []),
    ],
  })),
  'no group': broken((f) => ({ ...f, events: f.events.map(({ group: _group, ...e }) => e) })),
};

describe('petitions: the county’s definition counts what the township’s statistics show', () => {
  let hall: TestHall;
  let desk: TestClient;
  let leader: TestClient;
  const caught = new Map<string, string>();
  const exercised = new Set<string>();
  /** The comparisons where a deadline missed on an ended period's last day made the expected difference. */
  const lastDayMisses: string[] = [];

  before(async () => {
    hall = await startTestHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    hall.clock.current = morningOf(SEEDED_TO);
    const db = hall.backend.db;
    await seedDemoTownship(db, {
      residents: 200,
      now: hall.clock.now(),
      counterCases: false,
      disputes: false,
      petitions: false,
    });
    await seedDemoPetitions(db, { from: SEEDED_FROM, to: SEEDED_TO, count: 320, today: SEEDED_TO, seed: 21 });
    desk = hall.client();
    await desk.ok('auth.login', { username: 'demo-petition', password: DEMO_PASSWORD });
    leader = hall.client();
    await leader.ok('auth.login', { username: 'demo-leader', password: DEMO_PASSWORD });
  });
  after(() => hall?.close());

  async function compareOn(today: string) {
    const rows = await hall.backend.db.selectFrom('petitions').selectAll().execute();
    for (const period of periodsOn(today)) {
      const statistics: PetitionStatistics = await leader.ok('petitions.statistics', { period });
      const counts = countFigures(definition, rows, period, today);
      const where = `${period} on ${today}`;
      const { to } = periodSpan(period);
      const missedOnLastDay = to < today ? await missedOn(hall, to) : 0;
      if (missedOnLastDay > 0) lastDayMisses.push(where);
      const satisfaction = Object.fromEntries(statistics.satisfaction.map((s) => [s.value, s.count])) as Record<
        (typeof SATISFACTIONS)[number],
        number
      >;
      const expected: Record<PetitionFigure, number> = {
        ...statistics.totals,
        ...satisfaction,
      };
      assert.deepEqual(counts, expected, `figures of ${where}`);
      assert.deepEqual(
        petitionFigureDefinition.rates!(counts),
        { onTimeRate: statistics.onTimeRate, satisfactionRate: statistics.satisfactionRate },
        `rates of ${where}`,
      );
      for (const category of statistics.byCategory)
        assert.equal(
          countFigures(definition, rows, period, today, { group: category.category }).received,
          category.batches,
          `${category.label} in ${where}`,
        );
      for (const figure of PETITION_FIGURES) if (counts[figure] !== 0) exercised.add(figure);
      for (const [name, mutant] of Object.entries(MUTANTS)) {
        if (caught.has(name)) continue;
        const wrong = countFigures(mutant, rows, period, today);
        const byCategory = statistics.byCategory.some(
          (c) => countFigures(mutant, rows, period, today, { group: c.category }).received !== c.batches,
        );
        if (PETITION_FIGURES.some((f) => wrong[f] !== expected[f]) || byCategory) caught.set(name, where);
      }
    }
  }

  test(
    'eight months of demo petitions and four through the API, compared on six days',
    { timeout: 600_000 },
    async () => {
      const records = new Map<string, Rec>();
      const receptionDayOn = async (on: string) => {
        const { days } = await desk.ok('petitions.receptionDays', { from: on, to: on });
        if (days[0]) return days[0].id;
        const day = await desk.ok('petitions.saveReceptionDay', {
          on,
          startsAt: '08:30',
          endsAt: '11:30',
          place: '镇信访接待室',
          leaderName: '李明',
          leaderTitle: '镇长',
          note: '',
        });
        return day.id;
      };
      const stories: Record<string, Story> = {
        // Replied on its handling deadline itself: on time; rated and closed.
        onTheDueDay: {
          receivedOn: '2026-07-01',
          register: async () => visit('land'),
          steps: [
            accept(fixed('2026-07-03')),
            reply((p) => p.handlingDueOn!),
            rate('satisfied')(plus((p) => p.reply?.repliedOn, 3)),
            close(plus((p) => p.reply?.repliedOn, 5)),
          ],
        },
        // A group visit of six on a reception day, settled on the spot by the leader.
        groupOnReceptionDay: {
          receivedOn: '2026-07-06',
          register: async () =>
            visit('expropriation', {
              peopleCount: 6,
              petitioners: [
                { name: '孙一', representative: true },
                { name: '孙二', representative: true },
                { name: '孙三', representative: false },
              ],
              receptionDayId: await receptionDayOn('2026-07-06'),
            }),
          steps: [
            leaderDecision('onTheSpot')(fixed('2026-07-06')),
            accept(fixed('2026-07-06')),
            reply(fixed('2026-07-20')),
            deliver('reply')(fixed('2026-07-21')),
            rate('basicallySatisfied')(fixed('2026-07-25')),
            close(fixed('2026-07-31')),
          ],
        },
        // A letter signed by two, handed down, that went to the county first: its acceptance is
        // due on 31 July and decided on 1 August (missed on the month's last day); replied late.
        missedOnJulysLastDay: {
          receivedOn: '2026-07-16',
          register: async () =>
            letter('labour', {
              peopleCount: 2,
              petitioners: [...one('周甲'), ...one('周乙')],
              source: 'handedDown',
              handedDown: { from: '县信访局', on: '2026-07-14' },
              skippedTo: 'county',
            }),
          steps: [accept(plus((p) => p.acceptanceDueOn, 1)), reply(plus((p) => p.handlingDueOn, 3))],
        },
        // Not accepted on the acceptance's last day: in time.
        refusedOnTheDueDay: {
          receivedOn: '2026-07-20',
          register: async () => visit('civilAffairs'),
          steps: [notAccept((p) => p.acceptanceDueOn)],
        },
        // On a reception day the leader sets a deadline; the handling period is extended and the
        // reply given after the original due day, within the extension: on time.
        extended: {
          receivedOn: '2026-08-03',
          register: async () => visit('construction', { receptionDayId: await receptionDayOn('2026-08-03') }),
          steps: [
            leaderDecision('deadline', '2026-08-31')(fixed('2026-08-03')),
            accept(fixed('2026-08-05')),
            extend(plus((p) => p.handlingDueOn, -5)),
            reply(plus((p) => p.extension?.originalDueOn, 10)),
          ],
        },
        // A review answered four days late; a re-review asked for and never answered.
        reviewedLate: {
          receivedOn: '2026-08-10',
          register: async () => visit('environment', { peopleCount: 3, petitioners: one('吴某') }),
          steps: [
            accept(fixed('2026-08-12')),
            reply(fixed('2026-08-20')),
            deliver('reply')(fixed('2026-08-21')),
            requestReview('review')(fixed('2026-09-01')),
            answerReview('review')(plus((p) => p.reviews.at(-1)?.dueOn, 4)),
            deliver('review')(plus((p) => p.reviews.at(-1)?.answeredOn, 1)),
            requestReview('reReview')(plus((p) => p.reviews.at(-1)?.delivery?.deliveredOn, 1)),
          ],
        },
        // Rated 不满意 and closed in September, then reopened by a review request never answered.
        reopened: {
          receivedOn: '2026-08-24',
          register: async () => visit('health'),
          steps: [
            accept(fixed('2026-08-25')),
            reply(fixed('2026-09-10')),
            rate('dissatisfied')(fixed('2026-09-12')),
            close(fixed('2026-09-15')),
            requestReview('review')(fixed('2026-09-25')),
          ],
        },
        // Received on a month's last day, accepted the next.
        onAugustsLastDay: {
          receivedOn: '2026-08-31',
          register: async () => visit('transport'),
          steps: [accept(fixed('2026-09-01'))],
        },
        // Never decided: missed in September.
        neverDecided: { receivedOn: '2026-09-14', register: async () => visit('lawAndOrder'), steps: [] },
        // Its acceptance due on the quarter's last day, decided after 国庆: missed on 30 September.
        missedOnTheQuartersLastDay: {
          receivedOn: '2026-09-15',
          register: async () => visit('villageAffairs'),
          steps: [accept(fixed('2026-10-09'))],
        },
        // Two people come back with the first story's matter: a repeat, accepted on its last day.
        repeat: {
          receivedOn: '2026-09-30',
          register: async () =>
            visit('land', {
              peopleCount: 2,
              petitioners: [...one('赵大海'), ...one('赵二海')],
              repeat: true,
              repeatOfId: records.get('onTheDueDay')!.id,
            }),
          steps: [accept((p) => p.acceptanceDueOn)],
        },
        // Could not be reached after the reply.
        unreachable: {
          receivedOn: '2026-10-12',
          register: async () => visit('education', { skippedTo: 'city' }),
          steps: [
            accept(fixed('2026-10-13')),
            reply(fixed('2026-10-30')),
            rate('unreachable')(fixed('2026-11-02')),
            close(fixed('2026-11-03')),
          ],
        },
        // Its acceptance due on the last checkpoint itself: still being met then.
        dueOnTheLastDay: {
          receivedOn: '2026-11-05',
          register: async () => letter('suggestion'),
          steps: [],
        },
      };

      // Every story's next step in date order (stories in their order on the same day); the
      // figures compared on each checkpoint once the steps dated up to it are taken.
      const next = new Map<string, { on: string; index: number }>(
        Object.entries(stories).map(([name, s]) => [name, { on: s.receivedOn, index: -1 }]),
      );
      const checkpoints = [...CHECKPOINTS];
      const advanceTo = async (day: string) => {
        while (checkpoints.length > 0 && checkpoints[0]! < day) {
          const checkpoint = checkpoints.shift()!;
          hall.clock.current = morningOf(checkpoint);
          await compareOn(checkpoint);
        }
        hall.clock.current = morningOf(day);
      };
      while (next.size > 0) {
        const [name, { on, index }] = [...next].reduce((a, b) => (b[1].on < a[1].on ? b : a));
        const story = stories[name]!;
        await advanceTo(on);
        const taken =
          index < 0
            ? (
                await desk.ok('petitions.register', {
                  requestId: randomUUID(),
                  receivedOn: on,
                  ...(await story.register()),
                })
              ).petition
            : await story.steps[index]!.take(desk, records.get(name)!, on);
        records.set(name, taken);
        const following = story.steps[index + 1];
        if (following) next.set(name, { on: following.on(taken), index: index + 1 });
        else next.delete(name);
      }
      await advanceTo(addDays(LAST_DAY, 1));

      // The stories did what they say.
      const r = (name: string) => records.get(name)!;
      assert.equal(r('onTheDueDay').repliedOnTime, true);
      assert.equal(r('onTheDueDay').reply?.repliedOn, r('onTheDueDay').handlingDueOn);
      assert.equal(r('missedOnJulysLastDay').acceptanceDueOn, '2026-07-31');
      assert.equal(r('missedOnJulysLastDay').repliedOnTime, false);
      assert.equal(r('extended').repliedOnTime, true);
      assert.ok(r('extended').reply!.repliedOn > r('extended').extension!.originalDueOn);
      assert.equal(r('missedOnTheQuartersLastDay').acceptanceDueOn, '2026-09-30');
      assert.equal(r('reopened').closedOn, null, 'the review request reopened it');
      assert.equal(r('reviewedLate').reviews.length, 2);
      assert.ok(r('reviewedLate').reviews[1]!.dueOn < LAST_DAY, 'the re-review’s deadline passed unanswered');
      assert.equal(r('dueOnTheLastDay').acceptanceDueOn, LAST_DAY);

      assert.deepEqual(
        PETITION_FIGURES.filter((f) => !exercised.has(f)),
        [],
        'every figure counted something',
      );
      // The expected difference arose, on July's and the third quarter's last days at least.
      for (const where of ['2026-07 on 2026-08-14', '2026-Q3 on 2026-10-31', '2026-09 on 2026-10-31'])
        assert.ok(lastDayMisses.includes(where), `${where} in ${lastDayMisses.join(', ')}`);
      assert.deepEqual(
        Object.keys(MUTANTS).filter((name) => !caught.has(name)),
        [],
        `each broken definition disagrees somewhere: ${JSON.stringify(Object.fromEntries(caught))}`,
      );

      // What the county receives of the petitions written through the API: each one's last row
      // image in the change log (the demo's went in without entries) reads as its row.
      const latest = new Map<string, Row>();
      const entries = await hall.backend.db.selectFrom('change_log').select('row_images').orderBy('seq').execute();
      for (const { row_images } of entries)
        for (const image of (row_images ? JSON.parse(row_images) : []) as RowImage[])
          if (image.table === 'petitions' && !image.deleted) latest.set(String(image.row.id), image.row);
      assert.deepEqual([...latest.keys()].sort(), [...records.values()].map((p) => p.id).sort());
      const rows = await hall.backend.db
        .selectFrom('petitions')
        .selectAll()
        .where('id', 'in', [...latest.keys()])
        .execute();
      for (const row of rows) {
        const figures = petitionFigureDefinition.ofRow(row);
        assert.ok(figures, `${row.number} is read`);
        assert.deepEqual(petitionFigureDefinition.ofRow(latest.get(row.id)!), figures, row.number);
      }
    },
  );
});

describe('a petitions row the definition cannot read counts nothing', () => {
  const row = {
    received_on: '2026-10-30',
    channel: 'visit',
    source: 'desk',
    category: 'land',
    people_count: 6,
    group_visit: 1,
    repeat: 0,
    skipped_to: null,
    reception_day_id: null,
    leader_decision: null,
    leader_decided_on: null,
    acceptance_due_on: '2026-11-16',
    accepted_on: null,
    not_accepted_on: null,
    handling_due_on: null,
    replied_on: null,
    extended_on: null,
    closed_on: null,
    review_requested_on: null,
    review_due_on: null,
    reviewed_on: null,
    re_review_requested_on: null,
    re_review_due_on: null,
    re_reviewed_on: null,
    satisfaction: null,
    satisfaction_on: null,
  };

  test('a whole row is read; a malformed one gives null, never an exception', () => {
    const figures = petitionFigureDefinition.ofRow(row)!;
    assert.equal(figures.anchor, '2026-10-30');
    const received = countFigures(petitionFigureDefinition, [row], '2026-10', '2026-12-01');
    assert.deepEqual([received.received, received.visitPeople, received.groupVisitPeople], [1, 6, 6]);
    // Not decided: missed once 16 November is over — placed in November, counted from the 17th.
    assert.equal(countFigures(petitionFigureDefinition, [row], '2026-11', '2026-11-16').overdue, 0);
    assert.equal(countFigures(petitionFigureDefinition, [row], '2026-11', '2026-11-17').overdue, 1);
    for (const wrong of [
      { ...row, received_on: '2026-02-30' },
      { ...row, people_count: '6' },
      { ...row, acceptance_due_on: null },
      { ...row, category: undefined },
    ])
      assert.equal(petitionFigureDefinition.ofRow(wrong), null, JSON.stringify(wrong));
  });
});
