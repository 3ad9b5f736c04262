// Where the dispute kind meets its table: the runner finds its row and makes its record.
import type { DisputeCommandResult, DisputeRecord } from '../../../shared/mediation/disputesApi';
import { disputeKind, type DisputeStep } from '../../../shared/mediation/disputeKind';
import type { DisputeStatus } from '../../../shared/mediation/disputes';
import type { RequestContext } from '../api/context';
import { runStep, type KindBinding, type StepContext, type StepPlan } from '../workflow/runStep';
import { findDisputeRow, loadDisputeRecord } from './disputeRows';

export const disputeBinding: KindBinding<DisputeStatus, DisputeStep, DisputeRecord, 'disputes'> = {
  kind: disputeKind,
  table: 'disputes',
  missing: '没有这件纠纷',
  find: findDisputeRow,
  load: (ctx, row) => loadDisputeRecord(ctx.db, row, ctx.today),
};

export type DisputeStepContext = StepContext<DisputeRecord, 'disputes'>;

/** Runs one declared step on a dispute; answers the dispute and the paper it issued. */
export async function runDisputeStep(
  ctx: RequestContext,
  input: { id: string; version?: number } & Record<string, unknown>,
  step: DisputeStep,
  plan: (context: DisputeStepContext) => StepPlan<'disputes'> | Promise<StepPlan<'disputes'>>,
): Promise<DisputeCommandResult> {
  const { record, document } = await runStep(ctx, disputeBinding, step, input, plan);
  return { dispute: record, document };
}
