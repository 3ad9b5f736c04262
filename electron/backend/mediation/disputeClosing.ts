// After the agreement: follow-up visits (回访), closing with a closing sheet (结案, then read
// only) and annotations, the one thing a closed case still takes.
import type { z } from 'zod';
import { PERFORMANCE_LEVEL_LABELS } from '../../../shared/mediation/disputes';
import type { disputesProcedures } from '../../../shared/mediation/disputesApi';
import type { RequestContext } from '../api/context';
import { failFields } from '../api/failure';
import type { Db } from '../db/database';
import { uuidv7 } from '../db/uuidv7';
import type { Tx } from '../db/writes';
import { addToRecord } from '../workflow/attachments';
import { disputeBinding, runDisputeStep } from './disputeBinding';
import { closingSheetPaper } from './disputePapers';

type Input<N extends keyof typeof disputesProcedures> = z.output<(typeof disputesProcedures)[N]['input']>;

export function loadFollowUps(db: Db | Tx, disputeId: string) {
  return db
    .selectFrom('dispute_follow_ups')
    .selectAll()
    .where('dispute_id', '=', disputeId)
    .orderBy((eb) => eb.fn.coalesce('done_on', 'planned_on'))
    .orderBy('created_at')
    .execute();
}

export function saveFollowUp(input: Input<'mediation.saveFollowUp'>, ctx: RequestContext) {
  return runDisputeStep(ctx, input, input.doneOn ? 'recordFollowUp' : 'planFollowUp', async ({ row }) => {
    const after = row.outcome_on ?? row.registered_on;
    const errors: Record<string, string> = {};
    const plannedOn = input.plannedOn ?? null;
    const doneOn = input.doneOn ?? null;
    if (!plannedOn && !doneOn) errors.doneOn = '回访日期：请填写回访日期，或计划日期';
    if (plannedOn && plannedOn < after) errors.plannedOn = `计划日期：不能早于达成协议的日期（${after}）`;
    if (doneOn) {
      if (doneOn < after) errors.doneOn = `回访日期：不能早于达成协议的日期（${after}）`;
      if (doneOn > ctx.today) errors.doneOn = `回访日期：不能晚于今天（${ctx.today}）`;
      if (!input.performance) errors.performance = '履行情况：回访须记录协议履行情况';
      if (!input.byName) errors.byName = '回访人：请填写回访人';
    }
    if (input.nextVisitOn && input.nextVisitOn <= (doneOn ?? plannedOn ?? after))
      errors.nextVisitOn = '下次回访日期：应晚于本次回访';
    if (Object.keys(errors).length > 0) failFields(errors);
    const existing = input.followUpId
      ? await ctx.db
          .selectFrom('dispute_follow_ups')
          .selectAll()
          .where('id', '=', input.followUpId)
          .where('dispute_id', '=', row.id)
          .executeTakeFirst()
      : undefined;
    if (input.followUpId && !existing) failFields({ followUpId: '回访：不是本纠纷的回访' });
    const values = {
      planned_on: plannedOn ?? existing?.planned_on ?? null,
      done_on: doneOn,
      by_name: input.byName,
      performance: input.performance ?? null,
      notes: input.notes,
      next_visit_on: input.nextVisitOn ?? null,
    };
    const summary = doneOn
      ? `回访（${doneOn}，${input.byName}）：${PERFORMANCE_LEVEL_LABELS[input.performance!]}${
          input.nextVisitOn ? `，下次回访 ${input.nextVisitOn}` : ''
        }`
      : `计划回访：${plannedOn}`;
    return {
      set: {},
      summary,
      data: { followUpId: input.followUpId ?? null, ...values },
      write: async (tx, scope) => {
        if (existing)
          await tx
            .updateTable('dispute_follow_ups')
            .set((eb) => ({ ...values, updated_at: scope.at, version: eb('version', '+', 1) }))
            .where('id', '=', existing.id)
            .execute();
        else
          await tx
            .insertInto('dispute_follow_ups')
            .values({
              id: uuidv7(),
              dispute_id: row.id,
              ...values,
              created_at: scope.at,
              updated_at: scope.at,
              version: 1,
            })
            .execute();
        // The next visit becomes a planned one, so closing waits for it.
        if (doneOn && input.nextVisitOn)
          await tx
            .insertInto('dispute_follow_ups')
            .values({
              id: uuidv7(),
              dispute_id: row.id,
              planned_on: input.nextVisitOn,
              done_on: null,
              by_name: input.byName,
              performance: null,
              notes: '',
              next_visit_on: null,
              created_at: scope.at,
              updated_at: scope.at,
              version: 1,
            })
            .execute();
      },
    };
  });
}

export function closeDispute(input: Input<'mediation.closeDispute'>, ctx: RequestContext) {
  const user = ctx.requireUser();
  return runDisputeStep(ctx, input, 'close', async ({ row, on: closedOn }) => {
    // Follow-ups, the court's word and the dates are the declaration's (disputeKind: close).
    const followUps = await loadFollowUps(ctx.db, row.id);
    return {
      set: {
        status: 'closed',
        closed_on: closedOn,
        closing_summary: input.summary,
        closed_by_name: user.displayName,
        last_step_on: closedOn,
      },
      summary: `结案（${closedOn}）：${input.summary}`,
      data: { closedOn, summary: input.summary },
      document: await closingSheetPaper(ctx, row, followUps, input.summary, closedOn, user.displayName),
    };
  });
}

export async function annotate(input: Input<'mediation.annotate'>, ctx: RequestContext) {
  const user = ctx.requireUser();
  const { id, at } = await addToRecord(
    ctx,
    disputeBinding,
    'annotate',
    input.id,
    'dispute_annotations',
    (id, scope) => ({ id, dispute_id: input.id, at: scope.at, by_name: user.displayName, text: input.text }),
    (id) => ({ annotationId: id, text: input.text, summary: `批注：${input.text}` }),
  );
  return { id, at, byName: user.displayName, text: input.text };
}
