// Counter cases in the database: the row, the step details kept as JSON, and the record the
// API answers with.
import { sql, type Selectable } from 'kysely';
import type { WorkingCalendar } from '../../../shared/calendar/workingCalendar';
import type { CatalogItem } from '../../../shared/catalog/catalog';
import type {
  CaseMaterial,
  CaseRecord,
  CaseSummary,
  DeliveryMethod,
  Outcome,
  PauseKind,
  RatingChannel,
  RatingLevel,
} from '../../../shared/counter/casesApi';
import { isOpen, OPEN_STATUSES, type CaseStatus } from '../../../shared/counter/caseStatus';
import type { DeadlineState } from '../../../shared/counter/deadline';
import { openCaseDeadline } from '../../../shared/counter/overdue';
import { maskIdNumber, maskPhone } from '../../../shared/residents/masking';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { Tx } from '../db/writes';
import { loadSnapshot } from './itemSnapshots';

export type CaseRow = Selectable<Database['counter_cases']>;

export interface PauseStep {
  kind: PauseKind;
  reason: string;
  pausedOn: string;
  resumedOn: string | null;
  workingDays: number | null;
  /** The status the case returns to when the clock starts again. */
  resumeTo: CaseStatus;
}

/** What each step recorded beyond the columns lists filter on. */
export interface CaseSteps {
  pauses?: PauseStep[];
  forward?: { sentOn: string; department: string; repliedOn: string | null; reply: string | null };
  outcomeNote?: string;
  delivery?: { method: DeliveryMethod; signedBy: string; deliveredOn: string };
  rating?: { level: RatingLevel; channel: RatingChannel; comment: string; ratedAt: string };
  followUp?: { openedAt: string; closedAt: string | null; actionTaken: string | null; closedByName: string | null };
  refusal?: { reason: string; redirectTo: string };
  voided?: { reason: string; at: string; byName: string };
}

export function stepsOf(row: CaseRow): CaseSteps {
  return JSON.parse(row.steps) as CaseSteps;
}

export function itemOf(db: Db | Tx, row: Pick<CaseRow, 'item_snapshot'>): Promise<CatalogItem> {
  return loadSnapshot(db, row.item_snapshot);
}

/** The item's materials with those received at intake (or since) ticked. */
export function materialsOf(item: CatalogItem, row: Pick<CaseRow, 'received_materials'>): CaseMaterial[] {
  const received = new Set(JSON.parse(row.received_materials) as string[]);
  return item.materials.map((m) => ({ ...m, received: received.has(m.name) }));
}

export function currentPause(steps: CaseSteps): PauseStep | null {
  const last = steps.pauses?.at(-1);
  return last && last.resumedOn === null ? last : null;
}

/**
 * `status IN (…open…)` with the statuses written out: SQLite uses the partial indexes of open
 * cases (migration 0006) only when the query names the same literal values, not parameters.
 */
export const OPEN_CASE = sql<boolean>`status IN (${sql.join(OPEN_STATUSES.map((status) => sql.lit(status)))})`;

export async function findCaseRow(db: Db | Tx, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('counter_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Columns a list needs: everything but the JSON a list never shows. */
export const SUMMARY_COLUMNS = [
  'id',
  'case_number',
  'status',
  'resident_name',
  'item_code',
  'item_name',
  'handling_type',
  'window',
  'clerk_name',
  'intake_at',
  'accepted_on',
  'promised_date',
  'paused_on',
  'follow_up_open',
] as const;
export type SummaryRow = Pick<CaseRow, (typeof SUMMARY_COLUMNS)[number]>;

export function toCaseSummary(row: SummaryRow, calendar: WorkingCalendar, today: string): CaseSummary {
  return {
    id: row.id,
    caseNumber: row.case_number,
    status: row.status,
    residentName: row.resident_name,
    itemCode: row.item_code,
    itemName: row.item_name,
    handlingType: row.handling_type,
    window: row.window,
    clerkName: row.clerk_name,
    intakeAt: row.intake_at,
    acceptedOn: row.accepted_on,
    promisedDate: row.promised_date,
    deadline: isOpen(row.status) ? safeDeadline(calendar, row, today) : null,
    followUpOpen: row.follow_up_open === 1,
  };
}

/** The worklist's colour: red is 超期 as shared/counter/overdue.ts defines it for every count. */
function safeDeadline(calendar: WorkingCalendar, row: SummaryRow, today: string): DeadlineState {
  return openCaseDeadline(calendar, row.promised_date, today, row.paused_on);
}

export interface ResidentLine {
  id: string;
  name: string;
  idNumber: string;
  phone: string;
  villageId: string;
  villageName: string;
}

export async function loadResidentLine(db: Db | Tx, residentId: string): Promise<ResidentLine | undefined> {
  return db
    .selectFrom('residents as r')
    .innerJoin('villages as v', 'v.id', 'r.village_id')
    .select([
      'r.id',
      'r.name',
      'r.id_number as idNumber',
      'r.phone',
      'r.village_id as villageId',
      'v.name as villageName',
    ])
    .where('r.id', '=', residentId)
    .executeTakeFirst();
}

export function toCaseRecord(
  row: CaseRow,
  item: CatalogItem,
  resident: ResidentLine,
  calendar: WorkingCalendar,
  today: string,
): CaseRecord {
  const steps = stepsOf(row);
  const pause = currentPause(steps);
  return {
    ...toCaseSummary(row, calendar, today),
    resident: {
      id: resident.id,
      name: row.resident_name,
      idNumberMasked: maskIdNumber(resident.idNumber),
      phoneMasked: maskPhone(resident.phone),
      villageName: resident.villageName,
    },
    item: {
      code: item.code,
      name: item.name,
      category: item.category,
      department: item.department,
      handlingType: item.handlingType,
      promisedWorkingDays: item.promisedWorkingDays,
      forwardedTo: item.forwardedTo,
    },
    materials: materialsOf(item, row),
    note: row.note,
    clerkId: row.clerk_id,
    originalPromisedDate: row.original_promised_date,
    pausedWorkingDays: row.paused_days,
    pause: pause ? { kind: pause.kind, reason: pause.reason, pausedOn: pause.pausedOn } : null,
    pauses: (steps.pauses ?? []).map(({ kind, reason, pausedOn, resumedOn, workingDays }) => ({
      kind,
      reason,
      pausedOn,
      resumedOn,
      workingDays,
    })),
    forward: steps.forward ?? null,
    outcome:
      row.outcome && row.completed_on
        ? { result: row.outcome as Outcome, note: steps.outcomeNote ?? '', completedOn: row.completed_on }
        : null,
    delivery: steps.delivery ?? null,
    rating: steps.rating ?? null,
    followUp: steps.followUp ?? null,
    refusal: steps.refusal ?? null,
    voided: steps.voided ?? null,
    lastStepOn: row.last_step_on,
    version: row.version,
  };
}
