// How every step of a case runs: read the case, refuse what the state machine or the dates
// forbid, draw the paper (outside the transaction), then write the row, the change-log entry
// and the archived paper in one transaction that first checks nobody changed the case since.
import type { Updateable } from 'kysely';
import type { WorkingCalendar } from '../../../shared/calendar/workingCalendar';
import type { CaseCommandResult } from '../../../shared/counter/casesApi';
import { refusalOf, type CaseCommand } from '../../../shared/counter/caseStatus';
import type { IssuedDocument } from '../../../shared/documents/api';
import type { RequestContext, WriteScope } from '../api/context';
import { fail, failFields } from '../api/failure';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import type { Database } from '../db/schema';
import { archivePrepared, prepareDocument, type PreparedDocument } from '../documents/issue';
import type { DocumentDefinition } from '../documents/registry';
import { findCaseRow, itemOf, loadResidentLine, stepsOf, toCaseRecord, type CaseRow, type CaseSteps } from './caseRows';

export const CASE_ENTITY = 'counterCase';

type CaseColumns = Omit<Updateable<Database['counter_cases']>, 'id' | 'version' | 'updated_at' | 'steps'>;

/** What a step changes; `summary` is the history line, `data` the change-log entry. */
export interface CasePlan {
  set: CaseColumns;
  steps?: CaseSteps;
  summary: string;
  data: Record<string, unknown>;
  document?: { definition: DocumentDefinition<never>; record: unknown };
}

export interface PlanContext {
  row: CaseRow;
  steps: CaseSteps;
  calendar: WorkingCalendar;
  today: string;
}

/**
 * A step's date: today when not given; never after today and never before the case's previous
 * step (dates do not go backwards).
 */
export function stepDate(field: string, label: string, given: string | undefined, row: CaseRow, today: string): string {
  const date = given ?? today;
  if (date > today) failFields({ [field]: `${label}：不能晚于今天（${today}）` });
  if (date < row.last_step_on) failFields({ [field]: `${label}：不能早于上一环节的日期（${row.last_step_on}）` });
  return date;
}

export async function loadCaseRecord(ctx: RequestContext, row: CaseRow, calendar?: WorkingCalendar) {
  const resident = await loadResidentLine(ctx.db, row.resident_id);
  if (!resident) fail('INTERNAL', `办件 ${row.case_number ?? row.id} 的申请人记录缺失`);
  const item = await itemOf(ctx.db, row);
  return toCaseRecord(row, item, resident, calendar ?? (await loadWorkingCalendar(ctx.db)), ctx.today);
}

/** Writes a planned step inside `scope` (whose caller already checked the version). */
export async function applyPlan(
  scope: WriteScope,
  ctx: RequestContext,
  caseId: string,
  command: string,
  plan: CasePlan,
  prepared: PreparedDocument | null,
): Promise<IssuedDocument | null> {
  await scope.tx
    .updateTable('counter_cases')
    .set((eb) => ({
      ...plan.set,
      ...(plan.steps ? { steps: JSON.stringify(plan.steps) } : {}),
      updated_at: scope.at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', caseId)
    .execute();
  await scope.log(CASE_ENTITY, caseId, command, { ...plan.data, summary: plan.summary });
  return prepared
    ? archivePrepared(scope, ctx.documents, prepared, { recordEntity: CASE_ENTITY, recordId: caseId })
    : null;
}

/** Runs one step of the state machine on a case. */
export async function runCaseCommand(
  ctx: RequestContext,
  input: { caseId: string; version: number },
  command: CaseCommand | 'closeFollowUp',
  plan: (context: PlanContext) => CasePlan | Promise<CasePlan>,
  /** Why the case cannot take this step now; by default the state machine decides. */
  refusal: (row: CaseRow) => string | null = (row) => refusalOf(command as CaseCommand, row.status),
): Promise<CaseCommandResult> {
  const row = await findCaseRow(ctx.db, input.caseId);
  if (!row) fail('NOT_FOUND', '没有这一办件');
  if (row.version !== input.version) fail('STALE', '该办件刚被别人处理过，请刷新后再操作');
  const refused = refusal(row);
  if (refused) fail('CONFLICT', refused);
  const calendar = await loadWorkingCalendar(ctx.db);
  const planned = await plan({ row, steps: stepsOf(row), calendar, today: ctx.today });
  const prepared = planned.document
    ? await prepareDocument(ctx.documents, planned.document.definition, planned.document.record as never, ctx.now)
    : null;
  const document = await ctx.write(async (scope) => {
    const current = await findCaseRow(scope.tx, row.id);
    if (current?.version !== row.version) fail('STALE', '该办件刚被别人处理过，请刷新后再操作');
    return applyPlan(scope, ctx, row.id, command, planned, prepared);
  });
  const updated = await findCaseRow(ctx.db, row.id);
  return { case: await loadCaseRecord(ctx, updated!, calendar), document };
}
