// Where the counter case kind meets its table: the runner finds its row and makes its record;
// a counter step also reads the working calendar and the details each step keeps as JSON.
import type { Updateable } from 'kysely';
import type { WorkingCalendar } from '../../../shared/calendar/workingCalendar';
import { caseKind, type CaseStep } from '../../../shared/counter/caseKind';
import type { CaseCommandResult, CaseRecord } from '../../../shared/counter/casesApi';
import type { CaseStatus } from '../../../shared/counter/caseStatus';
import type { RequestContext } from '../api/context';
import { fail } from '../api/failure';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import type { Database } from '../db/schema';
import { runStep, type KindBinding, type StepContext, type StepPlan } from '../workflow/runStep';
import { findCaseRow, itemOf, loadResidentLine, stepsOf, toCaseRecord, type CaseRow, type CaseSteps } from './caseRows';

export async function loadCaseRecord(ctx: RequestContext, row: CaseRow, calendar?: WorkingCalendar) {
  const resident = await loadResidentLine(ctx.db, row.resident_id);
  if (!resident) fail('INTERNAL', `办件 ${row.case_number ?? row.id} 的申请人记录缺失`);
  const item = await itemOf(ctx.db, row);
  return toCaseRecord(row, item, resident, calendar ?? (await loadWorkingCalendar(ctx.db)), ctx.today);
}

export const caseBinding: KindBinding<CaseStatus, CaseStep, CaseRecord, 'counter_cases'> = {
  kind: caseKind,
  table: 'counter_cases',
  missing: '没有这一办件',
  find: findCaseRow,
  load: (ctx, row) => loadCaseRecord(ctx, row),
};

export interface CaseStepContext extends StepContext<CaseRecord, 'counter_cases'> {
  steps: CaseSteps;
  calendar: WorkingCalendar;
}

/** A counter step's plan: the columns, and the step details kept as JSON when they change. */
export interface CasePlan extends Omit<StepPlan<'counter_cases'>, 'set'> {
  set: Updateable<Database['counter_cases']>;
  steps?: CaseSteps;
}

/** The plan as the runner takes it: the step details written into their column. */
export function withSteps(plan: CasePlan): StepPlan<'counter_cases'> {
  const { steps, ...rest } = plan;
  return steps ? { ...rest, set: { ...plan.set, steps: JSON.stringify(steps) } } : rest;
}

/** Runs one declared step on a case; answers the case and the paper it issued. */
export async function runCaseStep(
  ctx: RequestContext,
  input: { caseId: string; version: number } & Record<string, unknown>,
  step: CaseStep,
  plan: (context: CaseStepContext) => CasePlan | Promise<CasePlan>,
): Promise<CaseCommandResult> {
  const calendar = await loadWorkingCalendar(ctx.db);
  const { record, document } = await runStep(ctx, caseBinding, step, { ...input, id: input.caseId }, async (context) =>
    withSteps(await plan({ ...context, steps: stepsOf(context.row), calendar })),
  );
  return { case: record, document };
}
