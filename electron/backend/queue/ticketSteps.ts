// A window's steps on tickets, each through the one step runner (workflow/runStep.ts): the
// declaration (shared/queue/ticketKind.ts) decides who may take which step from where; these
// plans say what each writes — the ticket's columns and one event (the calling screen reads the
// calls and recalls; the statistics read the transfers).
import type { ParsedInputOf } from '../../../shared/api/procedures';
import type { QueueTicket } from '../../../shared/queue/api';
import type { RequestContext } from '../api/context';
import { fail, failFields } from '../api/failure';
import type { Db } from '../db/database';
import type { Tx } from '../db/writes';
import { runStep, type StepPlan } from '../workflow/runStep';
import { stepInside, ticketBinding } from './ticketBinding';
import { ticketEvent } from './ticketEvents';
import { findTicketRow, loadTicket, type TicketRow } from './ticketRows';

type Result = Promise<{ ticket: QueueTicket }>;

export interface WindowRow {
  id: string;
  name: string;
  categoryIds: string[];
}

/** An active window, or refused (with the field) when it is unknown or no longer used. */
export async function activeWindow(db: Db | Tx, id: string, field = 'windowId'): Promise<WindowRow> {
  const row = await db.selectFrom('queue_windows').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) failFields({ [field]: '窗口：没有这个窗口，请重新选择本机所在窗口' });
  if (row.active !== 1) failFields({ [field]: `窗口：“${row.name}”已停用，请重新选择` });
  return { id: row.id, name: row.name, categoryIds: JSON.parse(row.category_ids) as string[] };
}

/** The ticket called or being served at the window now, if any. */
export function currentTicketRow(db: Db | Tx, windowId: string): Promise<TicketRow | undefined> {
  return db
    .selectFrom('queue_tickets')
    .selectAll()
    .where('window_id', '=', windowId)
    .where('status', 'in', ['called', 'serving'])
    .orderBy('last_called_at', 'desc')
    .executeTakeFirst();
}

/**
 * The next ticket for a window today: those transferred to it first, then the oldest taken of
 * its categories not transferred elsewhere. A transferred ticket keeps its taken time, so among
 * transfers too the one who came first goes first.
 */
export function nextTicketRow(db: Db | Tx, window: WindowRow, today: string): Promise<TicketRow | undefined> {
  return db
    .selectFrom('queue_tickets')
    .selectAll()
    .where('day', '=', today)
    .where('status', '=', 'waiting')
    .where((eb) =>
      eb.or([
        eb('for_window_id', '=', window.id),
        window.categoryIds.length
          ? eb.and([eb('for_window_id', 'is', null), eb('category_id', 'in', window.categoryIds)])
          : eb.val(false),
      ]),
    )
    .orderBy((eb) => eb.case().when('for_window_id', '=', window.id).then(0).else(1).end())
    .orderBy('taken_at')
    .orderBy('id')
    .executeTakeFirst();
}

/**
 * 叫号: the next ticket for the window, chosen and called in one transaction; or, with `ticketId`,
 * a skipped ticket whose holder came back (过号回叫). One resident at a time: a window still
 * holding a ticket finishes, skips or transfers it first.
 */
export async function callTicket(ctx: RequestContext, input: ParsedInputOf<'queue.call'>): Result {
  const window = await activeWindow(ctx.db, input.windowId);
  const id = await ctx.write(async (scope) => {
    const current = await currentTicketRow(scope.tx, window.id);
    if (current) {
      fail('CONFLICT', `${window.name}还有 ${current.number} 号未处理完：请先办结、过号或转窗口，再叫下一个号`);
    }
    const row = input.ticketId
      ? await findTicketRow(scope.tx, input.ticketId)
      : await nextTicketRow(scope.tx, window, ctx.today);
    if (!row) {
      if (input.ticketId) fail('NOT_FOUND', ticketBinding.missing);
      fail('CONFLICT', `${window.name}办理的类别现在没有等候的号`);
    }
    if (input.version !== undefined && row.version !== input.version) fail('STALE', ticketBinding.kind.stale);
    // Called by its number only when skipped (过号回叫); the declaration refuses any other.
    const again = input.ticketId !== undefined;
    await stepInside(ctx, scope, row, again ? 'callBack' : 'call', (ticket) => ({
      set: {
        status: 'called',
        window_id: window.id,
        for_window_id: null,
        first_called_at: row.first_called_at ?? ctx.now.toISOString(),
        first_call_window_id: row.first_call_window_id ?? window.id,
        last_called_at: ctx.now.toISOString(),
        recall_count: 0,
        last_step_on: ctx.today,
      },
      summary: `${window.name}${again ? '过号回叫' : '叫号'} ${ticket.number}`,
      data: { windowId: window.id, again },
      write: ticketEvent(ctx, row, 'call', window.id),
    }));
    return row.id;
  });
  const row = (await findTicketRow(ctx.db, id))!;
  return { ticket: await loadTicket(ctx.db, row) };
}

type StepInput = { id: string; version: number };

async function windowStep(
  ctx: RequestContext,
  input: StepInput,
  step: 'recall' | 'skip' | 'transfer' | 'finish',
  plan: (ticket: QueueTicket, row: TicketRow) => StepPlan<'queue_tickets'> | Promise<StepPlan<'queue_tickets'>>,
): Result {
  const { record } = await runStep(ctx, ticketBinding, step, input, ({ record, row }) => plan(record, row));
  return { ticket: record };
}

/** 重呼: the calling screen shows and says the ticket again (a new line on the board). */
export function recallTicket(ctx: RequestContext, input: StepInput): Result {
  return windowStep(ctx, input, 'recall', (ticket, row) => {
    const recallCount = row.recall_count + 1;
    return {
      set: { recall_count: recallCount, last_step_on: ctx.today },
      summary: `${ticket.windowName}重呼 ${ticket.number}（第 ${recallCount} 次）`,
      data: { recallCount },
      write: ticketEvent(ctx, row, 'recall', row.window_id, { recallCount }),
    };
  });
}

/** 过号: called, and nobody came. */
export function skipTicket(ctx: RequestContext, input: StepInput): Result {
  return windowStep(ctx, input, 'skip', (ticket, row) => ({
    set: { status: 'skipped', last_step_on: ctx.today },
    summary: `${ticket.windowName}过号 ${ticket.number}`,
    data: { windowId: row.window_id },
    write: ticketEvent(ctx, row, 'skip', row.window_id),
  }));
}

/** 转窗口: back to waiting, called first by the other window, with its original taken time. */
export async function transferTicket(ctx: RequestContext, input: ParsedInputOf<'queue.transfer'>): Result {
  const target = await activeWindow(ctx.db, input.toWindowId, 'toWindowId');
  return windowStep(ctx, input, 'transfer', (ticket, row) => {
    if (row.window_id === target.id) failFields({ toWindowId: `转至窗口：该号已在${target.name}，请选择另一个窗口` });
    return {
      set: {
        status: 'waiting',
        for_window_id: target.id,
        transfer_count: row.transfer_count + 1,
        last_step_on: ctx.today,
      },
      summary: `${ticket.windowName}将 ${ticket.number} 转至${target.name}`,
      data: { fromWindowId: row.window_id, toWindowId: target.id },
      write: ticketEvent(ctx, row, 'transfer', row.window_id, { toWindowId: target.id }),
    };
  });
}

/** 办结: the service of this ticket is over (with a case taken in, or a question answered). */
export function finishTicket(ctx: RequestContext, input: StepInput): Result {
  return windowStep(ctx, input, 'finish', (ticket, row) => ({
    set: { status: 'done', finished_at: ctx.now.toISOString(), last_step_on: ctx.today },
    summary: `${ticket.windowName}办结 ${ticket.number}${ticket.caseNumber ? `（办件 ${ticket.caseNumber}）` : ''}`,
    data: { windowId: row.window_id },
    write: ticketEvent(ctx, row, 'finish', row.window_id),
  }));
}
