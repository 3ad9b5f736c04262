// Where the errand kind meets its table: the runner finds its row and makes its record (with
// the case it became, as the counter sees it now).
import type { ErrandRecord } from '../../../../shared/counter/errandsApi';
import { errandKind, type ErrandStep } from '../../../../shared/counter/errandKind';
import type { ErrandStatus } from '../../../../shared/counter/errandStatuses';
import type { RequestContext } from '../../api/context';
import { loadWorkingCalendar } from '../../calendar/calendarStore';
import { runStep, type KindBinding, type StepContext, type StepPlan } from '../../workflow/runStep';
import { findErrandRow, toErrandRecords, type ErrandRow } from './errandRows';

export async function loadErrandRecord(ctx: RequestContext, row: ErrandRow): Promise<ErrandRecord> {
  const [record] = await toErrandRecords(ctx.db, [row], await loadWorkingCalendar(ctx.db), ctx.today);
  return record!;
}

export const errandBinding: KindBinding<ErrandStatus, ErrandStep, ErrandRecord, 'errands'> = {
  kind: errandKind,
  table: 'errands',
  missing: '没有这项代办',
  find: findErrandRow,
  load: loadErrandRecord,
};

/** Runs one declared step on an errand; answers the errand as it now is. */
export async function runErrandStep(
  ctx: RequestContext,
  input: { errandId: string; version: number } & Record<string, unknown>,
  step: ErrandStep,
  plan: (context: StepContext<ErrandRecord, 'errands'>) => StepPlan<'errands'> | Promise<StepPlan<'errands'>>,
): Promise<{ errand: ErrandRecord }> {
  const { record } = await runStep(ctx, errandBinding, step, { ...input, id: input.errandId }, plan);
  return { errand: record };
}
