// Where the petition kind meets its table: the runner finds its row, makes its record, and keeps
// the office's running deadline in step with whatever a step leaves behind.
import { MissingCalendarYearError } from '../../../shared/calendar/workingCalendar';
import type { PetitionCommandResult, PetitionRecord } from '../../../shared/petitions/api';
import { petitionKind, type PetitionStep } from '../../../shared/petitions/petitionKind';
import { runningDeadline } from '../../../shared/petitions/periods';
import type { PetitionStatus } from '../../../shared/petitions/petitions';
import type { RequestContext } from '../api/context';
import { failFields } from '../api/failure';
import { runStep, type KindBinding, type StepContext, type StepPlan } from '../workflow/runStep';
import { findPetitionRow, loadPetitionRecord, type PetitionRow } from './petitionRows';

export const petitionBinding: KindBinding<PetitionStatus, PetitionStep, PetitionRecord, 'petitions'> = {
  kind: petitionKind,
  table: 'petitions',
  missing: '没有这件信访件',
  find: findPetitionRow,
  load: (ctx, row) => loadPetitionRecord(ctx.db, row, ctx.today),
  derive: (next) => ({ running_due_on: runningDueOn(next) }),
};

/** The office's deadline running on a petition as it stands. */
export function runningDueOn(row: PetitionRow): string | null {
  return (
    runningDeadline({
      status: row.status,
      acceptanceDueOn: row.acceptance_due_on,
      handlingDueOn: row.handling_due_on,
      reviewDueOn: row.review_due_on,
      reReviewDueOn: row.re_review_due_on,
    })?.dueOn ?? null
  );
}

/** Runs one declared step on a petition; answers the petition and the paper it issued. */
export async function runPetitionStep(
  ctx: RequestContext,
  input: { id: string; version: number } & Record<string, unknown>,
  step: PetitionStep,
  plan: (context: StepContext<PetitionRecord, 'petitions'>) => StepPlan<'petitions'> | Promise<StepPlan<'petitions'>>,
): Promise<PetitionCommandResult> {
  const { record, document } = await runStep(ctx, petitionBinding, step, input, plan);
  return { petition: record, document };
}

/**
 * A deadline from the working calendar; a year the calendar lacks (a period counted in working
 * days) is refused with the administrator's task in the message, never guessed.
 */
export function computeDue(field: string, compute: () => string): string {
  try {
    return compute();
  } catch (error) {
    if (error instanceof MissingCalendarYearError) failFields({ [field]: error.message });
    throw error;
  }
}
