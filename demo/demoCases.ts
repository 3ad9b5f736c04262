// Counter cases for a demo township and for benchmarks: a run of working days with a busy
// hall's mix — mostly 即办件 done on the spot, 承诺件 done within (now and then after) their
// promise, 转报件 waiting for the county — with deliveries, ratings, a few refusals, voids and
// cases still open on `today`. Rows are written in bulk, like the demo residents; the change
// log is not filled (generated history is not something to send to the county).
import { addDays, yearOf } from '../shared/calendar/dates';
import type { WorkingCalendar } from '../shared/calendar/workingCalendar';
import { catalogItem, type CatalogItem } from '../shared/catalog/catalog';
import { caseNumberScope, formatCaseNumber } from '../shared/counter/caseNumbers';
import type { RatingLevel } from '../shared/counter/casesApi';
import type { CaseStatus } from '../shared/counter/caseStatus';
import { caseKind, type CaseFacts, type CaseStep } from '../shared/counter/caseKind';
import { DeclaredPath } from './declaredPath';
import { pausedWorkingDays, promisedCompletionDate } from '../shared/counter/deadline';
import { localDayStartUtc } from '../electron/backend/api/settings';
import { loadWorkingCalendar } from '../electron/backend/calendar/calendarStore';
import { saveSnapshot } from '../electron/backend/counter/itemSnapshots';
import type { Db } from '../electron/backend/db/database';
import { BulkInserter } from './bulkInsert';
import { DemoIds, Rng, Weighted } from './random';

export interface DemoCasesOptions {
  /** First and last day of intake (working days only get cases). */
  from: string;
  to: string;
  /** Average cases a working day. */
  perWorkingDay: number;
  /** The day statuses are decided against: cases not finished by then are open. */
  today: string;
  seed: number;
  onProgress?: (done: number) => void;
}

const COLUMNS = [
  'id',
  'intake_key',
  'case_number',
  'status',
  'resident_id',
  'resident_name',
  'village_id',
  'item_code',
  'item_name',
  'category',
  'handling_type',
  'item_snapshot',
  'received_materials',
  'window',
  'clerk_id',
  'clerk_name',
  'intake_at',
  'intake_on',
  'accepted_at',
  'accepted_on',
  'original_promised_date',
  'promised_date',
  'paused_days',
  'paused_on',
  'steps',
  'outcome',
  'completed_on',
  'completed_on_the_spot',
  'delivered_on',
  'rating',
  'follow_up_open',
  'last_step_on',
  'voided_at',
  'updated_at',
] as const;

const RATINGS = new Weighted<RatingLevel>([
  ['verySatisfied', 60],
  ['satisfied', 28],
  ['basicallySatisfied', 8],
  ['dissatisfied', 3],
  ['veryDissatisfied', 1],
]);

const CASES_PER_TRANSACTION = 20_000;

export async function seedDemoCases(db: Db, options: DemoCasesOptions): Promise<{ cases: number }> {
  const rng = new Rng(options.seed);
  const ids = new DemoIds(Date.parse(`${options.from}T00:00:00Z`), new Rng(options.seed ^ 0x2545f491));
  // As the desk counts: the township's years, the statutory holidays (暂定) for the others.
  const calendar = await loadWorkingCalendar(db);
  const residents = await db.selectFrom('residents').select(['id', 'name', 'village_id']).execute();
  const clerks = (await db.selectFrom('users').select(['id', 'display_name', 'roles']).execute()).filter((u) =>
    (JSON.parse(u.roles) as string[]).includes('counterClerk'),
  );
  const items = (await db.selectFrom('catalog_items').select('item').execute()).map(
    (r) => catalogItem.parse(JSON.parse(r.item)) as CatalogItem,
  );
  if (residents.length === 0 || clerks.length === 0 || items.length === 0) {
    throw new Error('生成办件需要居民、窗口工作人员和事项目录');
  }
  const snapshots = new Map<string, string>();
  for (const item of items) snapshots.set(item.code, await saveSnapshot(db, item));
  const byType = (type: CatalogItem['handlingType']) => items.filter((i) => i.handlingType === type);
  const kinds = new Weighted<CatalogItem[]>([
    [byType('immediate'), 62],
    [byType('promised'), 30],
    [byType('forwarded'), 8],
  ]);
  const windows = new Map(clerks.map((c, i) => [c.id, `${i + 1}号窗口`]));
  // Numbers carry on from any the database already gave (a demo township's own months).
  const numbers = new Map<number, number>();
  for (const counter of await db
    .selectFrom('number_counters')
    .selectAll()
    .where('scope', 'like', 'counter-case:%')
    .execute()) {
    numbers.set(Number(counter.scope.split(':')[1]), counter.last_value);
  }
  const inserter = new BulkInserter('counter_cases', COLUMNS);
  let pending: unknown[][] = [];
  let written = 0;

  const flush = async () => {
    const rows = pending;
    pending = [];
    await db.transaction().execute((tx) => inserter.insert(tx, rows));
    written += rows.length;
    options.onProgress?.(written);
  };

  for (let day = options.from; day <= options.to; day = addDays(day, 1)) {
    if (!calendar.isWorkingDay(day)) continue;
    const dayStart = Date.parse(localDayStartUtc(day, 'Asia/Shanghai'));
    const count = Math.max(0, Math.round(options.perWorkingDay * (0.7 + rng.float() * 0.6)));
    for (let n = 0; n < count; n++) {
      // History before the catalog's current version: only retirement matters.
      const candidates = kinds.pick(rng).filter((i) => i.activeTo === null || i.activeTo >= day);
      if (candidates.length === 0) continue;
      const item = rng.pick(candidates);
      const resident = rng.pick(residents);
      const clerk = rng.pick(clerks);
      const minute = rng.int(0, 8 * 60);
      const intakeAt = new Date(dayStart + (8.5 * 60 + minute) * 60_000).toISOString();
      const required = item.materials.filter((m) => m.required).map((m) => m.name);
      const optional = item.materials.filter((m) => !m.required && rng.chance(0.4)).map((m) => m.name);
      const row: Record<(typeof COLUMNS)[number], unknown> = {
        id: ids.next(),
        intake_key: '',
        case_number: null,
        status: 'accepted',
        resident_id: resident.id,
        resident_name: resident.name,
        village_id: resident.village_id,
        item_code: item.code,
        item_name: item.name,
        category: item.category,
        handling_type: item.handlingType,
        item_snapshot: snapshots.get(item.code),
        received_materials: JSON.stringify([...required, ...optional]),
        window: windows.get(clerk.id),
        clerk_id: clerk.id,
        clerk_name: clerk.display_name,
        intake_at: intakeAt,
        intake_on: day,
        accepted_at: null,
        accepted_on: null,
        original_promised_date: null,
        promised_date: null,
        paused_days: 0,
        paused_on: null,
        steps: '{}',
        outcome: null,
        completed_on: null,
        completed_on_the_spot: 0,
        delivered_on: null,
        rating: null,
        follow_up_open: 0,
        last_step_on: day,
        voided_at: null,
        updated_at: intakeAt,
      };
      row.intake_key = row.id;
      fillLife(row, item, day, options.today, calendar, rng, numbers);
      pending.push(COLUMNS.map((c) => row[c]));
      if (pending.length >= CASES_PER_TRANSACTION) await flush();
    }
  }
  if (pending.length > 0) await flush();
  // The counters carry on where the generated numbers stop: the next real case gets the next one.
  for (const [year, last] of numbers) {
    await db
      .insertInto('number_counters')
      .values({ scope: caseNumberScope(year), last_value: last })
      .onConflict((oc) => oc.column('scope').doUpdateSet({ last_value: last }))
      .execute();
  }
  return { cases: written };
}

/** Decides how far a case got by `today` and fills the columns of each step it reached. */
function fillLife(
  row: Record<string, unknown>,
  item: CatalogItem,
  day: string,
  today: string,
  calendar: WorkingCalendar,
  rng: Rng,
  numbers: Map<number, number>,
): void {
  let path: DeclaredPath<CaseStatus, CaseStep, CaseFacts>;
  const start = (status: CaseStatus) => {
    path = new DeclaredPath(caseKind, status);
    row.status = status;
    row.last_step_on = day;
  };
  const take = (step: CaseStep, status: CaseStatus, lastStep: string) => {
    row.status = path.take(step, status);
    row.last_step_on = lastStep;
  };
  const roll = rng.float();
  if (roll < 0.012) {
    start('notAccepted');
    row.steps = JSON.stringify({ refusal: { reason: '不属于本中心受理范围', redirectTo: '县政务服务中心' } });
    return;
  }
  if (roll < 0.02 && calendar.workingDaysBetween(day, today) <= 10) {
    start('awaitingMaterials');
    return;
  }
  const year = yearOf(day);
  const sequence = (numbers.get(year) ?? 0) + 1;
  numbers.set(year, sequence);
  row.case_number = formatCaseNumber(year, sequence);
  row.accepted_at = row.intake_at;
  row.accepted_on = day;
  const immediate = item.handlingType === 'immediate';
  const promised = promisedCompletionDate(calendar, day, item.promisedWorkingDays, immediate);
  row.original_promised_date = promised;
  row.promised_date = promised;
  start('accepted');

  let completedOn: string;
  if (immediate && rng.chance(0.96)) {
    completedOn = day;
    row.completed_on_the_spot = 1;
  } else {
    // A 即办件 not done at once is late by a day or two; a 转报件 without a promise takes the county's time.
    const limit = item.promisedWorkingDays ?? 15;
    const span = immediate
      ? rng.int(1, 2)
      : rng.chance(0.07)
        ? limit + rng.int(1, 4)
        : Math.max(1, Math.round(limit * (0.3 + rng.float() * 0.7)));
    completedOn = calendar.addWorkingDays(day, span);
    // Now and then the clock stopped for 补正: the promise moves with it.
    if (!immediate && rng.chance(0.05)) {
      // Handling began, then the clock stopped; it resumes into handling, where the pause began.
      take('startHandling', 'inProgress', day);
      const pausedOn = calendar.addWorkingDays(day, 1);
      const resumedOn = calendar.addWorkingDays(pausedOn, rng.int(1, 5));
      if (resumedOn <= today) {
        const days = pausedWorkingDays(calendar, pausedOn, resumedOn);
        row.paused_days = days;
        if (promised) row.promised_date = calendar.addWorkingDays(promised, days);
        completedOn = calendar.addWorkingDays(completedOn, days);
        take('pause', 'paused', pausedOn);
        take('resume', 'inProgress', resumedOn);
        row.steps = JSON.stringify({
          pauses: [
            { kind: 'materials', reason: '补充材料', pausedOn, resumedOn, workingDays: days, resumeTo: 'inProgress' },
          ],
        });
      } else if (pausedOn <= today) {
        row.paused_on = pausedOn;
        row.steps = JSON.stringify({
          pauses: [
            {
              kind: 'materials',
              reason: '补充材料',
              pausedOn,
              resumedOn: null,
              workingDays: null,
              resumeTo: 'inProgress',
            },
          ],
        });
        take('pause', 'paused', pausedOn);
        return;
      }
    }
  }
  if (completedOn > today) {
    if (item.handlingType === 'forwarded') take('forward', 'forwarded', day);
    else if (path!.status === 'accepted') take('startHandling', 'inProgress', day);
    if (item.handlingType === 'forwarded') {
      row.steps = JSON.stringify({
        forward: { sentOn: day, department: item.forwardedTo, repliedOn: null, reply: null },
      });
    }
    return;
  }
  if (rng.chance(0.004)) {
    take('void', 'voided', day);
    row.voided_at = row.intake_at;
    row.steps = JSON.stringify({ voided: { reason: '重复录入', at: row.intake_at, byName: row.clerk_name } });
    return;
  }
  row.outcome = rng.chance(0.97) ? 'approved' : 'refused';
  row.completed_on = completedOn;
  take('complete', 'completed', completedOn);
  const deliveredOn =
    immediate && row.completed_on_the_spot === 1 ? day : calendar.addWorkingDays(completedOn, rng.int(0, 3));
  if (deliveredOn > today || rng.chance(0.01)) return;
  row.delivered_on = deliveredOn;
  row.steps = JSON.stringify({ delivery: { method: 'collected', signedBy: row.resident_name, deliveredOn } });
  take('deliver', 'delivered', deliveredOn);
  if (!rng.chance(0.75)) return;
  const level = RATINGS.pick(rng);
  row.rating = level;
  row.steps = JSON.stringify({
    delivery: { method: 'collected', signedBy: row.resident_name, deliveredOn },
    rating: { level, channel: 'resident', comment: '', ratedAt: row.intake_at },
    ...(level === 'dissatisfied' || level === 'veryDissatisfied'
      ? {
          followUp: {
            openedAt: row.intake_at,
            closedAt: row.intake_at,
            actionTaken: '已回访说明',
            closedByName: row.clerk_name,
          },
        }
      : {}),
  });
  take('rate', 'rated', deliveredOn);
}
