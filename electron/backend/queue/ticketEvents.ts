// Each call, recall, skip, transfer, take-in and finish of a ticket as one row, written with its
// step and covered by the step's entry: the calling screen reads the calls and recalls, the
// statistics the transfers, the ticket's page its history.
import type { TicketEventKind } from '../../../shared/queue/queue';
import type { RequestContext } from '../api/context';
import { uuidv7 } from '../db/uuidv7';
import type { Tx } from '../db/writes';

export function ticketEvent(
  ctx: RequestContext,
  ticket: { id: string; day: string },
  kind: TicketEventKind,
  windowId: string | null,
  extra: { toWindowId?: string; recallCount?: number } = {},
): (tx: Tx) => Promise<void> {
  return async (tx) => {
    await tx
      .insertInto('queue_ticket_events')
      .values({
        id: uuidv7(),
        ticket_id: ticket.id,
        day: ticket.day,
        kind,
        at: ctx.now.toISOString(),
        window_id: windowId,
        to_window_id: extra.toWindowId ?? null,
        recall_count: extra.recallCount ?? 0,
        actor_name: ctx.actor.name,
      })
      .execute();
  };
}
