// Where the ticket kind meets its table: the runner finds its row and makes its record; and the
// one way a step is taken on a ticket chosen inside the transaction (the next ticket a window
// calls), so that two windows calling at once can never both get it.
import type { QueueTicket } from '../../../shared/queue/api';
import type { TicketStatus } from '../../../shared/queue/queue';
import { ticketKind, type TicketStep } from '../../../shared/queue/ticketKind';
import { refusalOf, type Actor } from '../../../shared/workflow/kind';
import type { RequestContext } from '../api/context';
import { fail } from '../api/failure';
import type { WriteScope } from '../db/writeScope';
import { applyStep, type KindBinding, type StepPlan } from '../workflow/runStep';
import { findTicketRow, loadTicket, type TicketRow } from './ticketRows';

export const ticketBinding: KindBinding<TicketStatus, TicketStep, QueueTicket, 'queue_tickets'> = {
  kind: ticketKind,
  table: 'queue_tickets',
  missing: '没有这个排队号',
  find: findTicketRow,
  load: (ctx, row) => loadTicket(ctx.db, row),
};

/** Who takes a step: the signed-in clerk, or the paired screen calling (the kiosk takes tickets). */
export function ticketActor(ctx: RequestContext): Actor {
  if (ctx.screen) return { id: ctx.screen.id, roles: [], villageIds: [], committeeIds: [], screen: ctx.screen.kind };
  return ctx.requireUser();
}

/**
 * Takes `step` on a ticket read inside `scope`'s transaction: refused with the declaration's words
 * as the runner would, written by the runner's own `applyStep` (version, entry, transition).
 */
export async function stepInside(
  ctx: RequestContext,
  scope: WriteScope,
  row: TicketRow,
  step: TicketStep,
  plan: (ticket: QueueTicket) => StepPlan<'queue_tickets'>,
): Promise<void> {
  const record = await loadTicket(scope.tx, row);
  const refusal = refusalOf(ticketKind, step, record, ticketActor(ctx), ctx.today);
  if (refusal) fail(refusal.code, refusal.message);
  await applyStep(ctx, scope, ticketBinding, step, { row, record, on: ctx.today }, plan(record));
}
