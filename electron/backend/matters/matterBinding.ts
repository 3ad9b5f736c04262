// Where the matter kind meets its table: the runner finds its row and makes its record.
import { MissingCalendarYearError } from '../../../shared/calendar/workingCalendar';
import type { MatterRecord } from '../../../shared/matters/api';
import { matterKind, type MatterStep } from '../../../shared/matters/matterKind';
import type { MatterStatus } from '../../../shared/matters/matters';
import type { RequestContext } from '../api/context';
import { failFields } from '../api/failure';
import { loadWorkingCalendar } from '../calendar/calendarStore';
import { runStep, type KindBinding, type StepContext, type StepPlan } from '../workflow/runStep';
import { findMatterRow, loadMatterRecord } from './matterRows';

export const matterBinding: KindBinding<MatterStatus, MatterStep, MatterRecord, 'matters'> = {
  kind: matterKind,
  table: 'matters',
  missing: '没有这件群众诉求',
  find: findMatterRow,
  load: async (ctx, row) => loadMatterRecord(ctx.db, row, await loadWorkingCalendar(ctx.db), ctx.today),
};

type Plan = (context: StepContext<MatterRecord, 'matters'>) => StepPlan<'matters'> | Promise<StepPlan<'matters'>>;

/** Runs one declared step on a matter; answers the matter as it now is. */
export async function runMatterStep(
  ctx: RequestContext,
  input: { id: string; version: number } & Record<string, unknown>,
  step: MatterStep,
  plan: Plan,
): Promise<{ matter: MatterRecord }> {
  const { record } = await runStep(ctx, matterBinding, step, input, plan);
  return { matter: record };
}

/**
 * A deadline from the working calendar; a year the calendar lacks is refused with the
 * administrator's task in the message (beside `field`), never guessed.
 */
export function computeDue(field: string, compute: () => string): string {
  try {
    return compute();
  } catch (error) {
    if (error instanceof MissingCalendarYearError) failFields({ [field]: error.message });
    throw error;
  }
}
