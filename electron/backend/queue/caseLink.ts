// 开始办理: the ticket the clerk called is taken in as the counter case accepted for its holder.
// The counter's intake asks for this link by the ticket's kind (workflow/caseIntakeLinks.ts);
// the ticket's declared `takeIn` step is checked before the case is written and taken in the
// case's transaction by the one step runner, so a case is never linked to a ticket another window
// moved meanwhile (the version) and a ticket never names a case that was not made.
import type { CaseIntakeLink } from '../workflow/caseIntakeLinks';
import { applyStep, prepareStep } from '../workflow/runStep';
import { ticketBinding } from './ticketBinding';
import { ticketEvent } from './ticketEvents';

export const ticketIntakeLink: CaseIntakeLink = {
  async prepare(ctx, ticketId) {
    const context = await prepareStep(ctx, ticketBinding, 'takeIn', { id: ticketId });
    const { row, record } = context;
    return async (scope, caseId) => {
      await applyStep(ctx, scope, ticketBinding, 'takeIn', context, {
        set: { status: 'serving', case_id: caseId, taken_in_at: ctx.now.toISOString(), last_step_on: ctx.today },
        summary: `${record.windowName}开始办理 ${record.number}`,
        data: { caseId, windowId: row.window_id },
        write: ticketEvent(ctx, row, 'takeIn', row.window_id),
      });
    };
  },
};
