// The queue's handlers: set-up, the window's panel and steps, the ticket, the kiosk, the calling
// screen's board and the statistics.
import type { queueProcedures } from '../../../shared/queue/api';
import type { HandlersFor } from '../api/handlers';
import { queueSettings, saveCategory, saveWindow } from './queueSettings';
import { queueBoard, kioskCategories, queuePanel } from './queueViews';
import { queueStatistics } from './statistics';
import { findTicketRow, loadTicket } from './ticketRows';
import { takeTicket } from './ticketTaking';
import { callTicket, finishTicket, recallTicket, skipTicket, transferTicket } from './ticketSteps';
import { fail } from '../api/failure';

export const queueHandlers: HandlersFor<keyof typeof queueProcedures> = {
  'queue.settings': (_input, ctx) => queueSettings(ctx.db),
  'queue.saveCategory': (input, ctx) => saveCategory(ctx, input),
  'queue.saveWindow': (input, ctx) => saveWindow(ctx, input),
  async 'queue.windows'(_input, ctx) {
    const { categories, windows } = await queueSettings(ctx.db);
    return { categories: categories.filter((c) => c.active), windows: windows.filter((w) => w.active) };
  },
  'queue.panel': (input, ctx) => queuePanel(ctx, input.windowId),
  'queue.call': (input, ctx) => callTicket(ctx, input),
  'queue.recall': (input, ctx) => recallTicket(ctx, input),
  'queue.skip': (input, ctx) => skipTicket(ctx, input),
  'queue.transfer': (input, ctx) => transferTicket(ctx, input),
  'queue.finish': (input, ctx) => finishTicket(ctx, input),
  async 'queue.ticket'(input, ctx) {
    const row = await findTicketRow(ctx.db, input.id);
    if (!row) fail('NOT_FOUND', '没有这个排队号');
    return loadTicket(ctx.db, row);
  },
  async 'queue.ticketOfCase'(input, ctx) {
    const row = await ctx.db
      .selectFrom('queue_tickets')
      .selectAll()
      .where('case_id', '=', input.caseId)
      .executeTakeFirst();
    return { ticket: row ? await loadTicket(ctx.db, row) : null };
  },
  'queue.takeTicketAtCounter': (input, ctx) => takeTicket(ctx, input),
  'queue.kiosk': (_input, ctx) => kioskCategories(ctx),
  'queue.takeTicket': (input, ctx) => takeTicket(ctx, input),
  'queue.board': (_input, ctx) => queueBoard(ctx),
  'queue.statistics': (input, ctx) => queueStatistics(ctx.db, input.period),
};
